package keyward.server.batch;

import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/** Reads the Protocol Version from a request tree before anything else is bound. */
final class RequestVersion {
  private RequestVersion() {}

  static ProtocolVersion of(Item request) {
    if (!(request instanceof Item.Structure message)) {
      return null;
    }
    return message.first(Tag.REQUEST_HEADER)
        .flatMap(h -> h instanceof Item.Structure s ? s.first(Tag.PROTOCOL_VERSION) : java.util.Optional.empty())
        .map(RequestVersion::read)
        .orElse(null);
  }

  private static ProtocolVersion read(Item item) {
    if (item instanceof Item.Structure pv
        && pv.first(Tag.PROTOCOL_VERSION_MAJOR).orElse(null) instanceof Item.Integer major
        && pv.first(Tag.PROTOCOL_VERSION_MINOR).orElse(null) instanceof Item.Integer minor) {
      return new ProtocolVersion(major.value(), minor.value());
    }
    return null;
  }
}
