package keyward.server.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.Caller;

/**
 * The audit events of one request and its response, read from the two message trees: the i-th
 * response batch item answers the i-th request batch item. Only the operation, the result and
 * the Unique Identifiers directly in the payloads are read, so nothing secret can get in.
 */
public final class AuditEvents {
  /** Locate may return thousands of identifiers; the log keeps this many and the count. */
  public static final int MAX_OBJECTS = 20;

  private AuditEvents() {}

  public static List<AuditEvent> of(Item request, Item.Structure response, Caller caller, Instant time) {
    List<Item.Structure> asked = batchItems(request);
    List<Item.Structure> answered = batchItems(response);
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < answered.size(); i++) {
      Item.Structure r = answered.get(i);
      Item.Structure q = i < asked.size() ? asked.get(i) : null;
      Set<String> ids = new LinkedHashSet<>();
      if (q != null) {
        ids.addAll(identifiers(q, Tag.REQUEST_PAYLOAD));
      }
      ids.addAll(identifiers(r, Tag.RESPONSE_PAYLOAD));
      List<String> kept = ids.stream().limit(MAX_OBJECTS).toList();
      String op = enumName(r, Tag.OPERATION);
      if (op == null && q != null) {
        op = enumName(q, Tag.OPERATION);
      }
      out.add(new AuditEvent(time, caller.identity(), caller.remoteAddress(), op, kept, ids.size(),
          enumName(r, Tag.RESULT_STATUS), enumName(r, Tag.RESULT_REASON)));
    }
    return out;
  }

  /** The event for a message that could not be decoded at all. */
  public static AuditEvent undecodable(Caller caller, Instant time) {
    return new AuditEvent(time, caller.identity(), caller.remoteAddress(), null, List.of(), 0,
        ResultStatus.OPERATION_FAILED.specName(), ResultReason.INVALID_MESSAGE.specName());
  }

  private static List<Item.Structure> batchItems(Item message) {
    List<Item.Structure> out = new ArrayList<>();
    if (message instanceof Item.Structure s) {
      for (Item i : s.all(Tag.BATCH_ITEM)) {
        if (i instanceof Item.Structure b) {
          out.add(b);
        }
      }
    }
    return out;
  }

  private static List<String> identifiers(Item.Structure batchItem, int payloadTag) {
    List<String> out = new ArrayList<>();
    if (batchItem.first(payloadTag).orElse(null) instanceof Item.Structure p) {
      for (Item i : p.all(Tag.UNIQUE_IDENTIFIER)) {
        if (i instanceof Item.TextString t) {
          out.add(t.value());
        }
      }
    }
    return out;
  }

  private static String enumName(Item.Structure s, int tag) {
    if (!(s.first(tag).orElse(null) instanceof Item.Enumeration e)) {
      return null;
    }
    keyward.kmip.spec.KmipEnum v = switch (tag) {
      case Tag.OPERATION -> Operation.fromValue(e.value());
      case Tag.RESULT_STATUS -> ResultStatus.fromValue(e.value());
      case Tag.RESULT_REASON -> ResultReason.fromValue(e.value());
      default -> null;
    };
    return v != null ? v.specName() : "0x" + Integer.toHexString(e.value());
  }
}
