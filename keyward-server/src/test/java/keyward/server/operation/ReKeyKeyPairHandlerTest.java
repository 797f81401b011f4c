package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.mask;
import static keyward.server.operation.Kmip.name;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.RecommendedCurve;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.ManagedObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ReKeyKeyPairHandlerTest {
  static final List<KmipVersion> VERSIONS = List.of(KmipVersion.V1_4, KmipVersion.V2_1);
  private final ServerHarness h = new ServerHarness();

  private static String text(ResponseBatchItem r, int tag) {
    return ((Item.TextString) r.responsePayload().first(tag).orElseThrow()).value();
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void aNewPairReplacesTheOld(KmipVersion v) throws Exception {
    List<Item> common = v.atLeast(KmipVersion.V2_0)
        ? List.of(alg(CryptographicAlgorithm.ECDH), CreateKeyPairHandlerTest.curve(RecommendedCurve.CURVE25519))
        : List.of(alg(CryptographicAlgorithm.ECDSA), len(384));
    ResponseBatchItem created = ok(h.call(v, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(v, common,
        List.of(name("pair-private"), mask(CryptographicUsageMask.SIGN)),
        List.of(name("pair-public"), mask(CryptographicUsageMask.VERIFY)))));
    String oldPriv = text(created, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
    String oldPub = text(created, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
    ok(Kmip.call(h, v, Operation.ACTIVATE, oldPriv));
    ResponseBatchItem r = ok(h.call(v, Operation.RE_KEY_KEY_PAIR,
        new Item.TextString(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, oldPriv), new Item.Interval(Tag.OFFSET, 3600)));
    String newPriv = text(r, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
    String newPub = text(r, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
    ManagedObject np = Kmip.stored(h, newPriv);
    ManagedObject nq = Kmip.stored(h, newPub);
    ManagedObject op = Kmip.stored(h, oldPriv);
    ManagedObject oq = Kmip.stored(h, oldPub);
    // same kind of key, new key material
    for (int tag : List.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Tag.CRYPTOGRAPHIC_LENGTH, Tag.CRYPTOGRAPHIC_USAGE_MASK)) {
      assertThat(np.attributes().first(tag)).isEqualTo(op.attributes().first(tag));
      assertThat(nq.attributes().first(tag)).isEqualTo(oq.attributes().first(tag));
    }
    assertThat(nq.attributes().first(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS))
        .isEqualTo(oq.attributes().first(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS));
    assertThat(np.object()).isNotEqualTo(op.object());
    // names moved, links both ways and between the new halves
    assertThat(np.attributes().all(Tag.NAME)).containsExactly(name("pair-private"));
    assertThat(nq.attributes().all(Tag.NAME)).containsExactly(name("pair-public"));
    assertThat(op.attributes().has(Tag.NAME)).isFalse();
    assertThat(np.attributes().all(Tag.LINK)).contains(KeyPairs.link(LinkType.PUBLIC_KEY_LINK, newPub),
        KeyPairs.link(LinkType.REPLACED_OBJECT_LINK, oldPriv));
    assertThat(nq.attributes().all(Tag.LINK)).contains(KeyPairs.link(LinkType.PRIVATE_KEY_LINK, newPriv),
        KeyPairs.link(LinkType.REPLACED_OBJECT_LINK, oldPub));
    assertThat(op.attributes().all(Tag.LINK)).contains(KeyPairs.link(LinkType.REPLACEMENT_OBJECT_LINK, newPriv));
    assertThat(oq.attributes().all(Tag.LINK)).contains(KeyPairs.link(LinkType.REPLACEMENT_OBJECT_LINK, newPub));
    // the Offset: active an hour from now
    assertThat(Kmip.state(h, newPriv)).isEqualTo(State.PRE_ACTIVE);
    h.clock.advanceSeconds(3600);
    assertThat(Kmip.state(h, newPriv)).isEqualTo(State.ACTIVE);
  }

  @ParameterizedTest
  @FieldSource("VERSIONS")
  void onlyPrivateKeysAreReKeyed(KmipVersion v) throws Exception {
    String[] ids = CreateKeyPairHandlerTest.createPair(h, v, alg(CryptographicAlgorithm.RSA), len(2048));
    ResponseBatchItem r = h.call(v, Operation.RE_KEY_KEY_PAIR, new Item.TextString(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, ids[1]));
    assertThat(r.resultReason()).isEqualTo(v.atLeast(KmipVersion.V2_0)
        ? ResultReason.INVALID_OBJECT_TYPE : ResultReason.INVALID_FIELD);
  }
}
