package keyward.server.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.NameType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.AttributeSet;
import keyward.server.object.ManagedObject;
import keyward.server.object.ObjectService;

/**
 * Test helpers for the attribute operations: objects inserted straight through ObjectService
 * (with the attributes a server sets at creation), and request pieces in 2.x and 1.x shapes.
 */
final class Attrs {
  private Attrs() {}

  /** Inserts an object of the harness's caller, Pre-Active, created now, with these attributes. */
  static String insert(ServerHarness h, ObjectType type, Item... attributes) throws Exception {
    return h.store.inTransaction(false, tx -> {
      ObjectService objects = new ObjectService(tx, h.caller, h.clock.instant());
      String uid = objects.newUniqueIdentifier();
      long now = h.clock.instant().getEpochSecond();
      List<Item> attrs = new ArrayList<>(List.of(
          new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid),
          new Item.Enumeration(Tag.OBJECT_TYPE, type.value()),
          new Item.Enumeration(Tag.STATE, State.PRE_ACTIVE.value()),
          new Item.DateTime(Tag.INITIAL_DATE, now),
          new Item.DateTime(Tag.LAST_CHANGE_DATE, now)));
      attrs.addAll(List.of(attributes));
      objects.insert(uid, type, new Item.Structure(Tag.SYMMETRIC_KEY), new AttributeSet(attrs));
      return uid;
    });
  }

  static String aesKey(ServerHarness h, Item... more) throws Exception {
    List<Item> attrs = new ArrayList<>(List.of(
        new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
        new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 128),
        new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x0C)));
    attrs.addAll(List.of(more));
    return insert(h, ObjectType.SYMMETRIC_KEY, attrs.toArray(Item[]::new));
  }

  /** The stored object, read in a transaction of its own. */
  static ManagedObject stored(ServerHarness h, String uid) throws Exception {
    return h.store.inTransaction(true, tx -> new ObjectService(tx, h.caller, h.clock.instant()).get(uid));
  }

  static void setState(ServerHarness h, String uid, State s) throws Exception {
    h.store.inTransaction(false, tx -> {
      ObjectService objects = new ObjectService(tx, h.caller, h.clock.instant());
      ManagedObject mo = objects.get(uid);
      mo.attributes().set(new Item.Enumeration(Tag.STATE, s.value()));
      objects.save(mo);
      return null;
    });
  }

  static Item uid(String uid) {
    return new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid);
  }

  static Item ref(int tag) {
    return new Item.Enumeration(Tag.ATTRIBUTE_REFERENCE, tag);
  }

  static Item vendorRef(String vendor, String name) {
    return new Item.Structure(Tag.ATTRIBUTE_REFERENCE,
        new Item.TextString(Tag.VENDOR_IDENTIFICATION, vendor), new Item.TextString(Tag.ATTRIBUTE_NAME, name));
  }

  static Item newAttr(Item attribute) {
    return new Item.Structure(Tag.NEW_ATTRIBUTE, attribute);
  }

  static Item currentAttr(Item attribute) {
    return new Item.Structure(Tag.CURRENT_ATTRIBUTE, attribute);
  }

  static Item name(String value) {
    return new Item.Structure(Tag.NAME, new Item.TextString(Tag.NAME_VALUE, value),
        new Item.Enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING.value()));
  }

  static Item vendor(String vendor, String name, Item value) {
    return new Item.Structure(Tag.ATTRIBUTE, new Item.TextString(Tag.VENDOR_IDENTIFICATION, vendor),
        new Item.TextString(Tag.ATTRIBUTE_NAME, name), value);
  }

  static Item vendorText(String vendor, String name, String value) {
    return vendor(vendor, name, new Item.TextString(Tag.ATTRIBUTE_VALUE, value));
  }

  static Item date(int tag, Instant t) {
    return new Item.DateTime(tag, t.getEpochSecond());
  }

  /** A 1.x Attribute { Attribute Name, Attribute Index?, Attribute Value }. */
  static Item.Structure v1(String name, Integer index, Item value) {
    List<Item> parts = new ArrayList<>();
    parts.add(new Item.TextString(Tag.ATTRIBUTE_NAME, name));
    if (index != null) {
      parts.add(new Item.Integer(Tag.ATTRIBUTE_INDEX, index));
    }
    parts.add(value);
    return new Item.Structure(Tag.ATTRIBUTE, parts);
  }

  static Item v1Text(String name, String value) {
    return v1(name, null, new Item.TextString(Tag.ATTRIBUTE_VALUE, value));
  }

  static Item attributeName(String name) {
    return new Item.TextString(Tag.ATTRIBUTE_NAME, name);
  }

  static void assertFailed(ResponseBatchItem r, ResultReason reason) {
    assertThat(r.resultStatus()).as("status (%s)", r.resultMessage()).isEqualTo(ResultStatus.OPERATION_FAILED);
    assertThat(r.resultReason()).as("reason (%s)", r.resultMessage()).isEqualTo(reason);
  }

  static Item.Structure ok(ResponseBatchItem r) {
    assertThat(r.resultStatus()).as("status (%s: %s)", r.resultReason(), r.resultMessage())
        .isEqualTo(ResultStatus.SUCCESS);
    return r.responsePayload();
  }

  /** The Attributes structure of a 2.x Get Attributes answer. */
  static List<Item> attributes(ResponseBatchItem r) {
    return ((Item.Structure) ok(r).first(Tag.ATTRIBUTES).orElseThrow()).items();
  }
}
