package keyward.server.operation;

import static keyward.server.operation.Attrs.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.Caller;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;

class GetAttributesHandlerTest {
  private final ServerHarness h = new ServerHarness();

  /** BL-M-2-21: Name, State, Object Type asked; the key has no Name, so State and Object Type come back. */
  @Test
  void answersInTheOrderAskedAndLeavesOutAbsentAttributes() throws Exception {
    String id = aesKey(h);
    ResponseBatchItem r = h.call(KmipVersion.V2_1, Operation.GET_ATTRIBUTES, uid(id),
        ref(Tag.NAME), ref(Tag.STATE), ref(Tag.OBJECT_TYPE));
    assertThat(ok(r).first(Tag.UNIQUE_IDENTIFIER)).contains(uid(id));
    assertThat(attributes(r)).containsExactly(
        new Item.Enumeration(Tag.STATE, State.PRE_ACTIVE.value()),
        new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()));
    ResponseBatchItem reversed = h.call(KmipVersion.V2_1, Operation.GET_ATTRIBUTES, uid(id),
        ref(Tag.CRYPTOGRAPHIC_LENGTH), ref(Tag.CRYPTOGRAPHIC_ALGORITHM));
    assertThat(attributes(reversed)).extracting(Item::tag)
        .containsExactly(Tag.CRYPTOGRAPHIC_LENGTH, Tag.CRYPTOGRAPHIC_ALGORITHM);
  }

  /** BL-M-3-21: registered with an Activation Date in the past, the key reports State Active. */
  @Test
  void stateIsTheEffectiveState() throws Exception {
    String id = aesKey(h, date(Tag.ACTIVATION_DATE, h.clock.instant().plusSeconds(60)));
    assertThat(attributes(h.call(KmipVersion.V2_1, Operation.GET_ATTRIBUTES, uid(id), ref(Tag.STATE))))
        .containsExactly(new Item.Enumeration(Tag.STATE, State.PRE_ACTIVE.value()));
    h.clock.advanceSeconds(61);
    assertThat(attributes(h.call(KmipVersion.V2_1, Operation.GET_ATTRIBUTES, uid(id), ref(Tag.STATE))))
        .containsExactly(new Item.Enumeration(Tag.STATE, State.ACTIVE.value()));
  }

  /** SKLC-M-3-14 shape: 1.x names in, Attribute { Attribute Name, Attribute Value } out, in order. */
  @Test
  void v14AnswersWithNamedAttributesInTheOrderAsked() throws Exception {
    String id = aesKey(h);
    ResponseBatchItem r = h.call(KmipVersion.V1_4, Operation.GET_ATTRIBUTES, uid(id),
        attributeName("State"), attributeName("Cryptographic Usage Mask"), attributeName("Unique Identifier"),
        attributeName("Object Type"), attributeName("Deactivation Date"));
    List<Item> attrs = ok(r).all(Tag.ATTRIBUTE);
    assertThat(attrs).containsExactly(
        v1("State", null, new Item.Enumeration(Tag.ATTRIBUTE_VALUE, State.PRE_ACTIVE.value())),
        v1("Cryptographic Usage Mask", null, new Item.Integer(Tag.ATTRIBUTE_VALUE, 0x0C)),
        v1("Unique Identifier", null, new Item.TextString(Tag.ATTRIBUTE_VALUE, id)),
        v1("Object Type", null, new Item.Enumeration(Tag.ATTRIBUTE_VALUE, ObjectType.SYMMETRIC_KEY.value())));
  }

  @Test
  void multiValuedAttributesComeWithTheirIndexIn1x() throws Exception {
    String id = aesKey(h, name("first"), name("second"));
    List<Item> attrs = ok(h.call(KmipVersion.V1_4, Operation.GET_ATTRIBUTES, uid(id), attributeName("Name")))
        .all(Tag.ATTRIBUTE);
    assertThat(attrs).hasSize(2);
    assertThat(((Item.Structure) attrs.get(0)).first(Tag.ATTRIBUTE_INDEX)).isEmpty();
    assertThat(((Item.Structure) attrs.get(1)).first(Tag.ATTRIBUTE_INDEX))
        .contains(new Item.Integer(Tag.ATTRIBUTE_INDEX, 1));
  }

  /** A 1.2 client asking for everything never receives an attribute or value 1.2 does not define. */
  @Test
  void allAttributesAreLimitedToTheClientsVersion() throws Exception {
    String id = aesKey(h, new Item.TextString(Tag.DESCRIPTION, "1.4 attribute"),
        new Item.ByteString(Tag.SHORT_UNIQUE_IDENTIFIER, new byte[] {1, 2}),
        new Item.Boolean(Tag.SENSITIVE, false),
        vendorText("x", "kept", "v"), vendorText("acme", "dropped", "v"));
    ResponseBatchItem r12 = h.call(KmipVersion.V1_2, Operation.GET_ATTRIBUTES, uid(id));
    List<String> names12 = ok(r12).all(Tag.ATTRIBUTE).stream()
        .map(a -> ((Item.TextString) ((Item.Structure) a).first(Tag.ATTRIBUTE_NAME).orElseThrow()).value()).toList();
    assertThat(names12).contains("Unique Identifier", "Object Type", "State", "Cryptographic Algorithm", "x-kept")
        .doesNotContain("Description", "Sensitive", "Short Unique Identifier", "acme-dropped");
    ResponseBatchItem r14 = h.call(KmipVersion.V1_4, Operation.GET_ATTRIBUTES, uid(id));
    List<String> names14 = ok(r14).all(Tag.ATTRIBUTE).stream()
        .map(a -> ((Item.TextString) ((Item.Structure) a).first(Tag.ATTRIBUTE_NAME).orElseThrow()).value()).toList();
    assertThat(names14).contains("Description", "Sensitive").doesNotContain("Short Unique Identifier");
    // vendor attributes first, then identifiers, as the reference answers list them (TL-M-3-21)
    List<Item> all21 = attributes(h.call(KmipVersion.V2_1, Operation.GET_ATTRIBUTES, uid(id)));
    assertThat(all21.subList(0, 5)).extracting(Item::tag).containsExactly(Tag.ATTRIBUTE, Tag.ATTRIBUTE,
        Tag.UNIQUE_IDENTIFIER, Tag.SHORT_UNIQUE_IDENTIFIER, Tag.OBJECT_TYPE);
  }

  /** An Object Type value added in 2.0 is left out for a 1.4 client, not turned into General Failure. */
  @Test
  void enumerationValuesForeignToTheVersionAreLeftOut() throws Exception {
    String id = insert(h, ObjectType.CERTIFICATE_REQUEST);
    ResponseBatchItem r = h.call(KmipVersion.V1_4, Operation.GET_ATTRIBUTES, uid(id),
        attributeName("Object Type"), attributeName("State"));
    assertThat(ok(r).all(Tag.ATTRIBUTE)).hasSize(1);
  }

  /** TL-M-3-21: Get Attributes without an identifier uses the ID Placeholder Locate set. */
  @Test
  void usesTheIdPlaceholder() throws Exception {
    String id = aesKey(h, name("placeholder-key"));
    List<ResponseBatchItem> r = h.batch(KmipVersion.V2_1,
        RequestBatchItem.of(Operation.LOCATE, new Item.Structure(Tag.REQUEST_PAYLOAD,
            new Item.Structure(Tag.ATTRIBUTES, name("placeholder-key")))),
        RequestBatchItem.of(Operation.GET_ATTRIBUTES, new Item.Structure(Tag.REQUEST_PAYLOAD, ref(Tag.NAME))));
    assertThat(ok(r.get(1)).first(Tag.UNIQUE_IDENTIFIER)).contains(uid(id));
    assertThat(attributes(r.get(1))).containsExactly(name("placeholder-key"));
  }

  @Test
  void anotherOwnersObjectIsNotFound() throws Exception {
    String id = aesKey(h);
    h.caller = new Caller("mallory", "127.0.0.1:2");
    assertFailed(h.call(KmipVersion.V2_1, Operation.GET_ATTRIBUTES, uid(id), ref(Tag.STATE)),
        ResultReason.OBJECT_NOT_FOUND);
    assertFailed(h.call(KmipVersion.V1_4, Operation.GET_ATTRIBUTES, uid(id), attributeName("State")),
        ResultReason.ITEM_NOT_FOUND);
  }
}
