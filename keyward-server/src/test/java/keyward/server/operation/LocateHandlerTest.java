package keyward.server.operation;

import static keyward.server.operation.Attrs.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectGroupMember;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.StorageStatusMask;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.Caller;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;

class LocateHandlerTest {
  private final ServerHarness h = new ServerHarness();

  private List<String> locate(KmipVersion v, Item... payload) throws Exception {
    return ids(ok(h.call(v, Operation.LOCATE, payload)));
  }

  private List<String> locate21(Item... attributes) throws Exception {
    return locate(KmipVersion.V2_1, new Item.Structure(Tag.ATTRIBUTES, attributes));
  }

  private static List<String> ids(Item.Structure p) {
    List<String> out = new ArrayList<>();
    for (Item i : p.all(Tag.UNIQUE_IDENTIFIER)) {
      out.add(((Item.TextString) i).value());
    }
    return out;
  }

  private static Item objectType(ObjectType t) {
    return new Item.Enumeration(Tag.OBJECT_TYPE, t.value());
  }

  /** SKFF-M-5-21 / BL-M-1-21: by Object Type and Name. */
  @Test
  void findsByObjectTypeAndName() throws Exception {
    String key = aesKey(h, name("SKFF-M-5-21"));
    aesKey(h, name("other"));
    insert(h, ObjectType.SECRET_DATA, name("secret"));
    assertThat(locate21(objectType(ObjectType.SYMMETRIC_KEY), name("SKFF-M-5-21"))).containsExactly(key);
    assertThat(locate21(objectType(ObjectType.SECRET_DATA), name("SKFF-M-5-21"))).isEmpty();
    assertThat(locate21(new Item.TextString(Tag.UNIQUE_IDENTIFIER, key))).containsExactly(key);
  }

  /** SKFF-M-9-14 shape: 1.x Attribute list in the request. */
  @Test
  void v14RequestShape() throws Exception {
    String key = aesKey(h, name("SKFF-M-9-14"));
    assertThat(locate(KmipVersion.V1_4,
        v1("Object Type", null, new Item.Enumeration(Tag.ATTRIBUTE_VALUE, ObjectType.SYMMETRIC_KEY.value())),
        v1("Name", null, new Item.Structure(Tag.ATTRIBUTE_VALUE, ((Item.Structure) name("SKFF-M-9-14")).items()))))
        .containsExactly(key);
  }

  /** BL-M-4-21: two Protect Stop Dates are a range. */
  @Test
  void twoDatesAreARange() throws Exception {
    Instant t = Instant.parse("2000-01-15T00:00:00Z");
    String inside = insert(h, ObjectType.SECRET_DATA, date(Tag.PROTECT_STOP_DATE, t));
    insert(h, ObjectType.SECRET_DATA, date(Tag.PROTECT_STOP_DATE, t.plusSeconds(40L * 86400)));
    Item from = date(Tag.PROTECT_STOP_DATE, Instant.parse("1999-12-31T14:00:00Z"));
    Item to = date(Tag.PROTECT_STOP_DATE, Instant.parse("2000-02-09T14:00:00Z"));
    assertThat(locate21(objectType(ObjectType.SECRET_DATA), from, to)).containsExactly(inside);
    assertThat(locate21(objectType(ObjectType.SECRET_DATA), to, from)).containsExactly(inside);
    assertThat(locate21(date(Tag.PROTECT_STOP_DATE, t))).containsExactly(inside);
  }

  /** A Pre-Active key whose Activation Date has passed is found by State Active, not Pre-Active. */
  @Test
  void stateIsTheEffectiveState() throws Exception {
    String due = aesKey(h, date(Tag.ACTIVATION_DATE, h.clock.instant().plusSeconds(10)));
    String waiting = aesKey(h, date(Tag.ACTIVATION_DATE, h.clock.instant().plusSeconds(1000)));
    String active = aesKey(h);
    setState(h, active, State.ACTIVE);
    String compromised = aesKey(h);
    setState(h, compromised, State.COMPROMISED);
    h.clock.advanceSeconds(20);
    Item activeState = new Item.Enumeration(Tag.STATE, State.ACTIVE.value());
    assertThat(locate21(activeState)).containsExactly(due, active);
    assertThat(locate21(new Item.Enumeration(Tag.STATE, State.PRE_ACTIVE.value()))).containsExactly(waiting);
    assertThat(locate21(new Item.Enumeration(Tag.STATE, State.COMPROMISED.value()))).containsExactly(compromised);
    // paging counts only the real matches
    Item.Structure p = ok(h.call(KmipVersion.V2_1, Operation.LOCATE, new Item.Integer(Tag.MAXIMUM_ITEMS, 1),
        new Item.Integer(Tag.OFFSET_ITEMS, 1), new Item.Structure(Tag.ATTRIBUTES, activeState)));
    assertThat(p.first(Tag.LOCATED_ITEMS)).contains(new Item.Integer(Tag.LOCATED_ITEMS, 2));
    assertThat(ids(p)).containsExactly(active);
  }

  @Test
  void usageMaskMatchesObjectsHoldingTheBits() throws Exception {
    String both = aesKey(h); // Encrypt | Decrypt
    insert(h, ObjectType.SECRET_DATA, new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x04));
    assertThat(locate21(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x08))).containsExactly(both);
    assertThat(locate21(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x0C))).containsExactly(both);
  }

  @Test
  void structuredAndVendorAttributes() throws Exception {
    Item link = new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, LinkType.PARENT_LINK.value()),
        new Item.TextString(Tag.LINKED_OBJECT_IDENTIFIER, "parent-1"));
    Item asi = new Item.Structure(Tag.APPLICATION_SPECIFIC_INFORMATION,
        new Item.TextString(Tag.APPLICATION_NAMESPACE, "LIBRARY-LTO"), new Item.TextString(Tag.APPLICATION_DATA, "1234"));
    String a = aesKey(h, link, asi, new Item.TextString(Tag.OBJECT_GROUP, "g1"), vendorText("x", "Barcode", "XXA012A1"),
        vendor("x", "Count", new Item.Integer(Tag.ATTRIBUTE_VALUE, 3)));
    aesKey(h, new Item.TextString(Tag.OBJECT_GROUP, "g2"), vendorText("x", "Barcode", "other"));
    assertThat(locate21(link)).containsExactly(a);
    assertThat(locate21(asi)).containsExactly(a);
    assertThat(locate21(new Item.TextString(Tag.OBJECT_GROUP, "g1"))).containsExactly(a);
    assertThat(locate21(vendorText("x", "Barcode", "XXA012A1"))).containsExactly(a);
    assertThat(locate21(vendor("x", "Count", new Item.Integer(Tag.ATTRIBUTE_VALUE, 3)))).containsExactly(a);
    assertThat(locate21(vendor("x", "Count", new Item.Integer(Tag.ATTRIBUTE_VALUE, 4)))).isEmpty();
    // a partial structure matches by the fields given
    assertThat(locate21(new Item.Structure(Tag.APPLICATION_SPECIFIC_INFORMATION,
        new Item.TextString(Tag.APPLICATION_NAMESPACE, "LIBRARY-LTO")))).containsExactly(a);
  }

  @Test
  void onlyTheCallersObjectsInCreationOrder() throws Exception {
    String first = aesKey(h, new Item.TextString(Tag.OBJECT_GROUP, "g"));
    String second = aesKey(h, new Item.TextString(Tag.OBJECT_GROUP, "g"));
    h.caller = new Caller("bob", "127.0.0.1:3");
    aesKey(h, new Item.TextString(Tag.OBJECT_GROUP, "g"));
    h.caller = new Caller("alice", "127.0.0.1:1");
    assertThat(locate21(new Item.TextString(Tag.OBJECT_GROUP, "g"))).containsExactly(first, second);
  }

  /** Located Items only when paging, and only from 1.3. */
  @Test
  void offsetMaximumAndLocatedItems() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(aesKey(h));
    }
    Item.Structure p = ok(h.call(KmipVersion.V1_4, Operation.LOCATE, new Item.Integer(Tag.MAXIMUM_ITEMS, 2),
        new Item.Integer(Tag.OFFSET_ITEMS, 1)));
    assertThat(p.first(Tag.LOCATED_ITEMS)).contains(new Item.Integer(Tag.LOCATED_ITEMS, 5));
    assertThat(ids(p)).containsExactly(keys.get(1), keys.get(2));
    Item.Structure all = ok(h.call(KmipVersion.V2_1, Operation.LOCATE));
    assertThat(all.first(Tag.LOCATED_ITEMS)).isEmpty();
    assertThat(ids(all)).containsExactlyElementsOf(keys);
    Item.Structure p12 = ok(h.call(KmipVersion.V1_2, Operation.LOCATE, new Item.Integer(Tag.MAXIMUM_ITEMS, 1)));
    assertThat(p12.first(Tag.LOCATED_ITEMS)).isEmpty();
    assertThat(ids(p12)).containsExactly(keys.get(0));
    assertFailed(h.call(KmipVersion.V2_1, Operation.LOCATE, new Item.Integer(Tag.MAXIMUM_ITEMS, -1)),
        ResultReason.INVALID_FIELD);
  }

  /** SKFF-M-5-21: a destroyed key is not found unless Destroyed Storage is asked (2.x). */
  @Test
  void storageStatusMask() throws Exception {
    String live = aesKey(h);
    String destroyed = aesKey(h);
    setState(h, destroyed, State.DESTROYED);
    String archived = aesKey(h);
    h.store.inTransaction(false, tx -> {
      var objects = new keyward.server.object.ObjectService(tx, h.caller, h.clock.instant());
      var mo = objects.get(archived);
      mo.setArchived(true);
      objects.save(mo);
      return null;
    });
    assertThat(locate21()).containsExactly(live);
    assertThat(locate21(new Item.TextString(Tag.UNIQUE_IDENTIFIER, destroyed))).isEmpty();
    assertThat(locate(KmipVersion.V2_1, mask(StorageStatusMask.ARCHIVAL_STORAGE.value())))
        .containsExactly(archived);
    assertThat(locate(KmipVersion.V2_1, mask(StorageStatusMask.DESTROYED_STORAGE.value())))
        .containsExactly(destroyed);
    assertThat(locate(KmipVersion.V2_1, mask(7))).containsExactly(live, destroyed, archived);
    assertThat(locate(KmipVersion.V2_1, mask(StorageStatusMask.ON_LINE_STORAGE.value()
        | StorageStatusMask.DESTROYED_STORAGE.value()))).containsExactly(live, destroyed);
    assertThat(locate(KmipVersion.V1_4, mask(3))).containsExactly(live, archived);
  }

  private static Item mask(int bits) {
    return new Item.Integer(Tag.STORAGE_STATUS_MASK, bits);
  }

  /** TC-152/153 (1.1): Group Member Fresh finds fresh members; Default the oldest fresh, else the oldest. */
  @Test
  void objectGroupMember() throws Exception {
    Item group = new Item.TextString(Tag.OBJECT_GROUP, "RoundRobin");
    String k0 = aesKey(h, group, new Item.Boolean(Tag.FRESH, false));
    String k1 = aesKey(h, group, new Item.Boolean(Tag.FRESH, true));
    String k2 = aesKey(h, group, new Item.Boolean(Tag.FRESH, true));
    Item fresh = new Item.Enumeration(Tag.OBJECT_GROUP_MEMBER, ObjectGroupMember.GROUP_MEMBER_FRESH.value());
    Item dflt = new Item.Enumeration(Tag.OBJECT_GROUP_MEMBER, ObjectGroupMember.GROUP_MEMBER_DEFAULT.value());
    Item attrs = new Item.Structure(Tag.ATTRIBUTES, group);
    assertThat(locate(KmipVersion.V2_1, fresh, attrs)).containsExactly(k1, k2);
    assertThat(locate(KmipVersion.V2_1, new Item.Integer(Tag.MAXIMUM_ITEMS, 1), dflt, attrs)).containsExactly(k1);
    h.store.inTransaction(false, tx -> {
      var objects = new keyward.server.object.ObjectService(tx, h.caller, h.clock.instant());
      for (String id : List.of(k1, k2)) {
        var mo = objects.get(id);
        mo.attributes().set(new Item.Boolean(Tag.FRESH, false));
        objects.save(mo);
      }
      return null;
    });
    assertThat(locate(KmipVersion.V2_1, dflt, attrs)).containsExactly(k0);
  }

  /** TL-M-3-21: exactly one result becomes the ID Placeholder for the next item. */
  @Test
  void oneResultSetsTheIdPlaceholder() throws Exception {
    String key = aesKey(h, name("only"));
    List<ResponseBatchItem> r = h.batch(KmipVersion.V2_1,
        RequestBatchItem.of(Operation.LOCATE, new Item.Structure(Tag.REQUEST_PAYLOAD,
            new Item.Structure(Tag.ATTRIBUTES, name("only")))),
        RequestBatchItem.of(Operation.GET_ATTRIBUTE_LIST, new Item.Structure(Tag.REQUEST_PAYLOAD)));
    assertThat(ok(r.get(1)).first(Tag.UNIQUE_IDENTIFIER)).contains(uid(key));
  }

  @Test
  void tooManyAttributesAreRefusedBeforeReachingTheStore() throws Exception {
    Item[] many = new Item[keyward.server.object.LocateFilter.MAX_ATTRIBUTES + 1];
    for (int i = 0; i < many.length; i++) {
      many[i] = new Item.TextString(Tag.OBJECT_GROUP, "g" + i);
    }
    assertFailed(h.call(KmipVersion.V2_1, Operation.LOCATE, new Item.Structure(Tag.ATTRIBUTES, many)),
        ResultReason.INVALID_FIELD);
  }

  @Test
  void nonAttributesAreRefused() throws Exception {
    assertFailed(h.call(KmipVersion.V2_1, Operation.LOCATE, new Item.Structure(Tag.ATTRIBUTES,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, 1), new Item.Structure(Tag.KEY_BLOCK))), ResultReason.INVALID_ATTRIBUTE);
  }
}
