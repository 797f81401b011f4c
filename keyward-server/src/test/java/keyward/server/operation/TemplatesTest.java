package keyward.server.operation;

import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.compat.AttributeShapes;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.ManagedObject;
import org.junit.jupiter.api.Test;

/**
 * Templates of KMIP 1.0-1.4 (SASED-M-2-13, TC-312-10/11, TC-314-11): a registered Template's
 * attributes apply to objects made naming it; the request's own attributes win; a Template is
 * found by its Name, given in the Register's Template-Attribute (1.1+) or inside it (1.0).
 */
class TemplatesTest {
  private static final KmipVersion V = KmipVersion.V1_2;
  private final ServerHarness h = new ServerHarness();

  private static Item v1(Item attribute) {
    return AttributeShapes.toV1(attribute, 0);
  }

  private static Item.Structure template(Item... attrs) {
    List<Item> out = new ArrayList<>();
    for (Item a : attrs) {
      out.add(v1(a));
    }
    return new Item.Structure(Tag.TEMPLATE, out);
  }

  private static Item group(String g) {
    return new Item.TextString(Tag.OBJECT_GROUP, g);
  }

  private String register(KmipVersion v, Item.Structure ownAttributes, Item.Structure template) throws Exception {
    return Kmip.uidOf(ok(h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.TEMPLATE), ownAttributes, template)));
  }

  /** A Create whose Template-Attribute names these Templates and adds these attributes. */
  private ResponseBatchItem create(KmipVersion v, List<String> templates, Item... attrs) throws Exception {
    List<Item> ta = new ArrayList<>();
    for (String t : templates) {
      ta.add(Kmip.name(t));
    }
    for (Item a : attrs) {
      ta.add(v1(a));
    }
    return h.call(v, Operation.CREATE, Kmip.objectType(ObjectType.SYMMETRIC_KEY), new Item.Structure(Tag.TEMPLATE_ATTRIBUTE, ta));
  }

  @Test
  void aTemplatesAttributesApplyAndTheRequestsOwnWin() throws Exception {
    register(V, Kmip.attributes(V, Kmip.name("aes")),
        template(Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(128), group("g1"), Kmip.mask(CryptographicUsageMask.ENCRYPT)));
    String uid = Kmip.uidOf(ok(create(V, List.of("aes"), Kmip.len(256), group("g2"), Kmip.name("key"))));
    ManagedObject key = Kmip.stored(h, uid);
    assertThat(key.attributes().first(Tag.CRYPTOGRAPHIC_ALGORITHM)).contains(Kmip.alg(CryptographicAlgorithm.AES));
    assertThat(key.attributes().first(Tag.CRYPTOGRAPHIC_LENGTH)).contains(Kmip.len(256));
    assertThat(key.attributes().all(Tag.OBJECT_GROUP)).containsExactly(group("g1"), group("g2"));
    assertThat(key.attributes().all(Tag.NAME)).containsExactly(Kmip.name("key")); // not the Template's
  }

  @Test
  void aLaterTemplateReplacesAnEarlierOnesValue() throws Exception {
    register(V, Kmip.attributes(V, Kmip.name("t128")), template(Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(128)));
    register(V, Kmip.attributes(V, Kmip.name("t192")), template(Kmip.len(192)));
    String uid = Kmip.uidOf(ok(create(V, List.of("t128", "t192"), Kmip.mask(CryptographicUsageMask.ENCRYPT))));
    assertThat(Kmip.stored(h, uid).attributes().first(Tag.CRYPTOGRAPHIC_LENGTH)).contains(Kmip.len(192));
  }

  @Test
  void aKmip10TemplateIsNamedInsideItAndFoundByThatName() throws Exception {
    KmipVersion v10 = KmipVersion.V1_0;
    String tid = register(v10, new Item.Structure(Tag.TEMPLATE_ATTRIBUTE),
        template(Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(128), Kmip.name("Template1")));
    assertThat(Kmip.stored(h, tid).attributes().all(Tag.NAME)).containsExactly(Kmip.name("Template1"));
    String uid = Kmip.uidOf(ok(create(v10, List.of("Template1"), Kmip.mask(CryptographicUsageMask.ENCRYPT))));
    assertThat(Kmip.stored(h, uid).attributes().all(Tag.NAME)).isEmpty();
    ResponseBatchItem get = ok(Kmip.call(h, v10, Operation.GET, tid));
    assertThat(get.responsePayload().first(Tag.TEMPLATE)).isPresent();
  }

  @Test
  void refusals() throws Exception {
    // an unknown Template, or one destroyed
    assertThat(create(V, List.of("nope"), Kmip.mask(CryptographicUsageMask.ENCRYPT)).resultReason())
        .isEqualTo(ResultReason.ITEM_NOT_FOUND);
    String tid = register(V, Kmip.attributes(V, Kmip.name("gone")), template(Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(128)));
    ok(Kmip.call(h, V, Operation.DESTROY, tid));
    assertThat(create(V, List.of("gone"), Kmip.mask(CryptographicUsageMask.ENCRYPT)).resultReason())
        .isEqualTo(ResultReason.ITEM_NOT_FOUND);
    // a Template holding what is not an attribute a client may set
    assertThat(h.call(V, Operation.REGISTER, Kmip.objectType(ObjectType.TEMPLATE), Kmip.attributes(V, Kmip.name("bad1")),
        new Item.Structure(Tag.TEMPLATE, new Item.TextString(Tag.OBJECT_GROUP, "loose"))).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(h.call(V, Operation.REGISTER, Kmip.objectType(ObjectType.TEMPLATE), Kmip.attributes(V, Kmip.name("bad2")),
        template(new Item.DateTime(Tag.INITIAL_DATE, 1))).resultStatus())
        .isEqualTo(keyward.kmip.spec.ResultStatus.OPERATION_FAILED);
    // more Templates named than a request may carry
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= Templates.MAX_NAMED; i++) {
      many.add("t" + i);
    }
    assertThat(create(V, many, Kmip.mask(CryptographicUsageMask.ENCRYPT)).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void anotherIdentitysTemplateIsNotFound() throws Exception {
    register(V, Kmip.attributes(V, Kmip.name("mine")), template(Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(128)));
    h.as("someone-else");
    assertThat(h.call(V, Operation.CREATE, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        new Item.Structure(Tag.TEMPLATE_ATTRIBUTE, Kmip.name("mine"), v1(Kmip.mask(CryptographicUsageMask.ENCRYPT))))
        .resultReason()).isEqualTo(ResultReason.ITEM_NOT_FOUND);
  }
}
