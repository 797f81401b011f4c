package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.AlternativeNameType;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * PGP Key objects (KMIP 1.2+, 1.2 §2.2.9): Register with the PGP Key Version and a Key Block in
 * Raw format holding the transferable key as given, Get it back unchanged, Locate by Object Type,
 * Destroy: the sequence of TC-PGP-1-12 (KMIP Test Cases 1.2).
 */
class PgpKeyTest {
  private final ServerHarness h = new ServerHarness();

  static Item.Structure pgpKey(String armored) {
    return new Item.Structure(Tag.PGP_KEY, new Item.Integer(Tag.PGP_KEY_VERSION, 4),
        new Item.Structure(Tag.KEY_BLOCK, new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
            new Item.Structure(Tag.KEY_VALUE,
                new Item.ByteString(Tag.KEY_MATERIAL, armored.getBytes(StandardCharsets.US_ASCII))),
            alg(CryptographicAlgorithm.RSA), len(2048)));
  }

  private static Item alternativeName(String value, AlternativeNameType type) {
    return new Item.Structure(Tag.ALTERNATIVE_NAME, new Item.TextString(Tag.ALTERNATIVE_NAME_VALUE, value),
        new Item.Enumeration(Tag.ALTERNATIVE_NAME_TYPE, type.value()));
  }

  private String register(KmipVersion v, Item.Structure key, Item... attributes) throws Exception {
    return Kmip.uidOf(ok(h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.PGP_KEY),
        Kmip.attributes(v, attributes), key)));
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_2", "V1_4", "V2_1"})
  void registerGetLocateDestroy(KmipVersion v) throws Exception {
    Item.Structure pub = pgpKey("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBF...\n-----END PGP PUBLIC KEY BLOCK-----\n");
    Item.Structure priv = pgpKey("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF...\n-----END PGP PRIVATE KEY BLOCK-----\n");
    String pubId = register(v, pub, alternativeName("kmip3@kmip.com", AlternativeNameType.UNINTERPRETED_TEXT_STRING),
        alternativeName("240C17B36CCA0D26", AlternativeNameType.OBJECT_SERIAL_NUMBER));
    String privId = register(v, priv, KeyPairs.link(LinkType.PUBLIC_KEY_LINK, pubId));
    Item privateKeyLink = KeyPairs.link(LinkType.PRIVATE_KEY_LINK, privId);
    ok(Kmip.call(h, v, Operation.ADD_ATTRIBUTE, pubId, v.atLeast(KmipVersion.V2_0) ? Attrs.newAttr(privateKeyLink)
        : Attrs.v1("Link", null, new Item.Structure(Tag.ATTRIBUTE_VALUE, ((Item.Structure) privateKeyLink).items()))));

    // Get returns the object as registered, with or without asking for Raw
    ResponseBatchItem got = ok(Kmip.call(h, v, Operation.GET, privId));
    assertThat(got.responsePayload().first(Tag.OBJECT_TYPE))
        .contains(new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.PGP_KEY.value()));
    assertThat(got.responsePayload().first(Tag.PGP_KEY)).contains(priv);
    assertThat(ok(Kmip.call(h, v, Operation.GET, pubId,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()))).responsePayload().first(Tag.PGP_KEY))
        .contains(pub);
    // attributes taken from the key block, and the client's
    var attributes = Kmip.stored(h, pubId).attributes();
    assertThat(attributes.first(Tag.CRYPTOGRAPHIC_ALGORITHM)).contains(alg(CryptographicAlgorithm.RSA));
    assertThat(attributes.first(Tag.CRYPTOGRAPHIC_LENGTH)).contains(len(2048));
    assertThat(attributes.all(Tag.ALTERNATIVE_NAME)).hasSize(2);
    assertThat(attributes.all(Tag.LINK)).contains(KeyPairs.link(LinkType.PRIVATE_KEY_LINK, privId));
    assertThat(Kmip.state(h, pubId)).isEqualTo(State.PRE_ACTIVE);

    // Locate by Object Type finds both PGP keys and nothing else
    Kmip.registerAes(h, v);
    Item type = new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.PGP_KEY.value());
    Item.Structure located = ok(h.call(v, Operation.LOCATE, v.atLeast(KmipVersion.V2_0)
        ? new Item.Structure(Tag.ATTRIBUTES, type)
        : new Item.Structure(Tag.ATTRIBUTE, new Item.TextString(Tag.ATTRIBUTE_NAME, "Object Type"),
            new Item.Enumeration(Tag.ATTRIBUTE_VALUE, ObjectType.PGP_KEY.value())))).responsePayload();
    List<String> ids = new ArrayList<>();
    located.all(Tag.UNIQUE_IDENTIFIER).forEach(i -> ids.add(((Item.TextString) i).value()));
    assertThat(ids).containsExactlyInAnyOrder(pubId, privId);

    // Destroy (Pre-Active): then Get has nothing to give
    ok(Kmip.call(h, v, Operation.DESTROY, privId));
    ok(Kmip.call(h, v, Operation.DESTROY, pubId));
    assertThat(Kmip.state(h, pubId)).isEqualTo(State.DESTROYED);
    assertThat(Kmip.call(h, v, Operation.GET, pubId).resultStatus()).isNotEqualTo(keyward.kmip.spec.ResultStatus.SUCCESS);
  }

  /** A PGP Key without its PGP Key Version, or without a Key Block, is refused with Invalid Field. */
  @Test
  void incompletePgpKeysAreRefused() throws Exception {
    Item.Structure full = pgpKey("-----BEGIN PGP PUBLIC KEY BLOCK-----\n-----END PGP PUBLIC KEY BLOCK-----\n");
    Item.Structure noVersion = new Item.Structure(Tag.PGP_KEY, full.first(Tag.KEY_BLOCK).orElseThrow());
    Item.Structure noBlock = new Item.Structure(Tag.PGP_KEY, new Item.Integer(Tag.PGP_KEY_VERSION, 4));
    for (Item.Structure bad : List.of(noVersion, noBlock)) {
      assertThat(h.call(KmipVersion.V2_1, Operation.REGISTER, Kmip.objectType(ObjectType.PGP_KEY),
          Kmip.attributes(KmipVersion.V2_1), bad).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    }
  }

  /** Query lists PGP Key among the object types to clients of 1.2 and later, not to 1.1 ones (no such type there). */
  @Test
  void queryListsPgpKeyFrom12() throws Exception {
    Item objects = new Item.Enumeration(Tag.QUERY_FUNCTION, keyward.kmip.spec.QueryFunction.QUERY_OBJECTS.value());
    Item pgp = new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.PGP_KEY.value());
    assertThat(ok(h.call(KmipVersion.V1_2, Operation.QUERY, objects)).responsePayload().all(Tag.OBJECT_TYPE)).contains(pgp);
    assertThat(ok(h.call(KmipVersion.V2_1, Operation.QUERY, objects)).responsePayload().all(Tag.OBJECT_TYPE)).contains(pgp);
    assertThat(ok(h.call(KmipVersion.V1_1, Operation.QUERY, objects)).responsePayload().all(Tag.OBJECT_TYPE))
        .isNotEmpty().doesNotContain(pgp);
  }
}
