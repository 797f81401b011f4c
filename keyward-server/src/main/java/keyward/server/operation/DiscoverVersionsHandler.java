package keyward.server.operation;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.bind.Binder;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.batch.ProtocolNegotiation;

/**
 * Discover Versions (1.1+): the versions the server supports, newest first; when the client
 * lists versions, only those of them the server supports, in the client's order.
 */
public final class DiscoverVersionsHandler implements OperationHandler {
  private final ProtocolNegotiation negotiation;

  public DiscoverVersionsHandler(ProtocolNegotiation negotiation) {
    this.negotiation = negotiation;
  }

  @Override
  public Operation operation() {
    return Operation.DISCOVER_VERSIONS;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    List<KmipVersion> served = negotiation.supportedNewestFirst();
    List<ProtocolVersion> answer = new ArrayList<>();
    List<Item> asked = payload.all(Tag.PROTOCOL_VERSION);
    if (asked.isEmpty()) {
      served.forEach(v -> answer.add(ProtocolVersion.of(v)));
    } else {
      for (Item i : asked) {
        ProtocolVersion pv = Binder.fromItem(i, ProtocolVersion.class, context.version());
        KmipVersion known = pv.known();
        if (known != null && served.contains(known)) {
          answer.add(pv);
        }
      }
    }
    List<Item> items = new ArrayList<>();
    for (ProtocolVersion pv : answer) {
      items.add(Binder.toItem(pv, Tag.PROTOCOL_VERSION, context.version()));
    }
    return new Item.Structure(Tag.RESPONSE_PAYLOAD, items);
  }
}
