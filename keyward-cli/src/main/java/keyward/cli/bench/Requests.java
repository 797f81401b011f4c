package keyward.cli.bench;

import java.util.List;
import keyward.kmip.compat.AttributeShapes;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.NameType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * The bench's request messages, one batch item each, in the exact shape of the chosen version:
 * 2.x Attributes, or for 1.x a Template-Attribute (Create) / Attribute list (Locate), so any
 * KMIP server (PyKMIP speaks at most 2.0, and 1.2 best) can answer them.
 */
final class Requests {
  private final KmipVersion version;

  Requests(KmipVersion version) {
    this.version = version;
  }

  /** Create an AES-256 key (Encrypt|Decrypt), named when name is not null. */
  Item create(String name) {
    Item.Structure attrs = name == null
        ? new Item.Structure(Tag.ATTRIBUTES, keyAttributes())
        : new Item.Structure(Tag.ATTRIBUTES, keyAttributes()[0], keyAttributes()[1],
            keyAttributes()[2], name(name));
    Item type = new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value());
    Item.Structure payload = version.atLeast(KmipVersion.V2_0)
        ? new Item.Structure(Tag.REQUEST_PAYLOAD, type, attrs)
        : new Item.Structure(Tag.REQUEST_PAYLOAD, type, AttributeShapes.toTemplateAttribute(attrs));
    return message(Operation.CREATE, payload);
  }

  Item get(String uniqueIdentifier) {
    return message(Operation.GET, uid(uniqueIdentifier));
  }

  Item destroy(String uniqueIdentifier) {
    return message(Operation.DESTROY, uid(uniqueIdentifier));
  }

  /** Locate by Name (1.x lists the Attribute directly in the payload, 2.x inside Attributes). */
  Item locateByName(String name) {
    Item.Structure payload = version.atLeast(KmipVersion.V2_0)
        ? new Item.Structure(Tag.REQUEST_PAYLOAD, new Item.Structure(Tag.ATTRIBUTES, name(name)))
        : new Item.Structure(Tag.REQUEST_PAYLOAD, AttributeShapes.toV1(name(name), 0));
    return message(Operation.LOCATE, payload);
  }

  /** Locate AES Symmetric Keys, at most maxItems of them (an attribute most keys share). */
  Item locateSymmetricAes(int maxItems) {
    Item type = new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value());
    Item alg = new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value());
    Item max = new Item.Integer(Tag.MAXIMUM_ITEMS, maxItems);
    Item.Structure payload = version.atLeast(KmipVersion.V2_0)
        ? new Item.Structure(Tag.REQUEST_PAYLOAD, max, new Item.Structure(Tag.ATTRIBUTES, type, alg))
        : new Item.Structure(Tag.REQUEST_PAYLOAD, max, AttributeShapes.toV1(type, 0), AttributeShapes.toV1(alg, 0));
    return message(Operation.LOCATE, payload);
  }

  private static Item[] keyAttributes() {
    return new Item[] {
        new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
        new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
        new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
            CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value())};
  }

  private static Item name(String name) {
    return new Item.Structure(Tag.NAME, new Item.TextString(Tag.NAME_VALUE, name),
        new Item.Enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING.value()));
  }

  private static Item.Structure uid(String uniqueIdentifier) {
    return new Item.Structure(Tag.REQUEST_PAYLOAD, new Item.TextString(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
  }

  private Item message(Operation op, Item.Structure payload) {
    return new RequestMessage(RequestHeader.of(ProtocolVersion.of(version), 1),
        List.of(RequestBatchItem.of(op, payload))).toItem(version);
  }
}
