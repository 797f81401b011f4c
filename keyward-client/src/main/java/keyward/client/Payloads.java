package keyward.client;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.compat.PayloadShapes;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/** Reading the parts of response payloads the typed methods return. */
final class Payloads {
  private Payloads() {}

  static Item.Structure protocolVersion(KmipVersion v) {
    return new Item.Structure(Tag.PROTOCOL_VERSION,
        new Item.Integer(Tag.PROTOCOL_VERSION_MAJOR, v.major()),
        new Item.Integer(Tag.PROTOCOL_VERSION_MINOR, v.minor()));
  }

  /** The Protocol Versions of a Discover Versions answer that this build knows, in order. */
  static List<KmipVersion> versions(Item.Structure payload) {
    List<KmipVersion> out = new ArrayList<>();
    for (Item pv : payload.all(Tag.PROTOCOL_VERSION)) {
      if (pv instanceof Item.Structure s) {
        KmipVersion v = KmipVersion.of(integer(s, Tag.PROTOCOL_VERSION_MAJOR),
            integer(s, Tag.PROTOCOL_VERSION_MINOR));
        if (v != null) {
          out.add(v);
        }
      }
    }
    return out;
  }

  static String uniqueIdentifier(Item.Structure payload) {
    return payload.first(Tag.UNIQUE_IDENTIFIER)
        .filter(Item.TextString.class::isInstance).map(i -> ((Item.TextString) i).value())
        .orElseThrow(() -> new KmipClientException("the answer has no Unique Identifier", null));
  }

  /** Every Unique Identifier in the payload (Locate). */
  static List<String> uniqueIdentifiers(Item.Structure payload) {
    List<String> out = new ArrayList<>();
    for (Item i : payload.all(Tag.UNIQUE_IDENTIFIER)) {
      if (i instanceof Item.TextString t) {
        out.add(t.value());
      }
    }
    return out;
  }

  /** Get Attribute List: 2.x Attribute References or 1.x Attribute Names, as names. */
  static List<String> attributeNames(Item.Structure payload) {
    List<String> out = new ArrayList<>();
    for (Item i : payload.items()) {
      if (i.tag() == Tag.ATTRIBUTE_REFERENCE) {
        out.add(PayloadShapes.referenceName(i));
      } else if (i.tag() == Tag.ATTRIBUTE_NAME && i instanceof Item.TextString t) {
        out.add(t.value());
      }
    }
    return out;
  }

  /**
   * The bytes of the object in a Get answer: Key Block / Key Value / Key Material of a key or
   * secret data, the Opaque Data Value of an opaque object, or a certificate's DER bytes.
   */
  static byte[] objectBytes(Item.Structure payload) {
    for (Item object : payload.items()) {
      if (!(object instanceof Item.Structure s)) {
        continue;
      }
      if (s.tag() == Tag.CERTIFICATE) {
        return s.first(Tag.CERTIFICATE_VALUE).filter(Item.ByteString.class::isInstance)
            .map(b -> ((Item.ByteString) b).value())
            .orElseThrow(() -> new KmipClientException("the Certificate has no Certificate Value", null));
      }
      if (s.tag() == Tag.OPAQUE_OBJECT) {
        return s.first(Tag.OPAQUE_DATA_VALUE).filter(Item.ByteString.class::isInstance)
            .map(b -> ((Item.ByteString) b).value())
            .orElseThrow(() -> new KmipClientException("the Opaque Object has no Opaque Data Value", null));
      }
      Item.Structure block = (Item.Structure) s.first(Tag.KEY_BLOCK)
          .filter(Item.Structure.class::isInstance).orElse(null);
      if (block == null) {
        continue;
      }
      Item value = block.first(Tag.KEY_VALUE).orElseThrow(
          () -> new KmipClientException("the Key Block has no Key Value", null));
      if (value instanceof Item.ByteString pfx && block.first(Tag.KEY_WRAPPING_DATA).isEmpty()) {
        return pfx.value(); // PKCS#12: the Key Value is the PFX itself
      }
      if (!(value instanceof Item.Structure kv)) {
        throw new KmipClientException("the key is wrapped; unwrap it first", null);
      }
      Item material = kv.first(Tag.KEY_MATERIAL).orElseThrow(
          () -> new KmipClientException("the Key Value has no Key Material", null));
      if (material instanceof Item.ByteString b) {
        return b.value();
      }
      throw new KmipClientException("the Key Material is structured (not Raw/Opaque bytes);"
          + " use getObject for this object", null);
    }
    throw new KmipClientException("the object has no Key Block (not a key, secret data or opaque object);"
        + " use getObject for this object", null);
  }

  private static int integer(Item.Structure s, int tag) {
    return s.first(tag).filter(Item.Integer.class::isInstance)
        .map(i -> ((Item.Integer) i).value())
        .orElseThrow(() -> new KmipClientException("malformed Protocol Version", null));
  }
}
