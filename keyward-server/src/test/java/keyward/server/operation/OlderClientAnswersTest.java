package keyward.server.operation;

import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Date;
import java.util.List;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.BatchErrorContinuationOption;
import keyward.kmip.spec.CertificateType;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * Objects a newer client made, read by an older one: attributes the older version does not
 * define are left out of its answers (Locate still matches on them), and an object it cannot
 * express is refused with Feature Not Supported and a message naming what and the version that
 * can, never General Failure (the fuzzing finding: Certificate Issuer OU, 1.4, read in 1.2).
 */
class OlderClientAnswersTest {
  private final ServerHarness h = new ServerHarness();

  private static List<Integer> tags(ResponseBatchItem r) {
    Item.Structure p = ok(r).responsePayload();
    List<Item> items = p.first(Tag.ATTRIBUTES).map(a -> ((Item.Structure) a).items())
        .orElse(p.all(Tag.ATTRIBUTE)); // 1.x: Attribute structures named by text
    return items.stream().map(Item::tag).toList();
  }

  private static List<String> names(ResponseBatchItem r) {
    return ok(r).responsePayload().all(Tag.ATTRIBUTE).stream()
        .map(a -> ((Item.TextString) ((Item.Structure) a).first(Tag.ATTRIBUTE_NAME).orElseThrow()).value())
        .toList();
  }

  private String chacha(KmipVersion v) throws Exception {
    ResponseBatchItem r = h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(v, Kmip.mask(keyward.kmip.spec.CryptographicUsageMask.ENCRYPT),
            new Item.Boolean(Tag.SENSITIVE, false)),
        Kmip.rawKey(Kmip.hex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"),
            CryptographicAlgorithm.CHACHA20, 256));
    return Kmip.uidOf(ok(r));
  }

  @Test
  void getOfAnObjectTheOlderVersionCannotExpressIsFeatureNotSupportedNamingTheVersion() throws Exception {
    String uid = chacha(KmipVersion.V1_4);
    ResponseBatchItem r = Kmip.call(h, KmipVersion.V1_2, Operation.GET, uid);
    assertThat(r.resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
    assertThat(r.resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    assertThat(r.resultMessage()).contains("KMIP 1.2", "CryptographicAlgorithm", "ask in KMIP 1.4 or later");
    assertThat(r.resultMessage()).doesNotContain("00112233");
    ok(Kmip.call(h, KmipVersion.V1_4, Operation.GET, uid));
  }

  @Test
  void theRefusalFailsOnlyItsOwnBatchItem() throws Exception {
    String uid = chacha(KmipVersion.V2_1);
    String aes = Kmip.registerAes(h, KmipVersion.V1_2);
    List<ResponseBatchItem> r = h.send(KmipVersion.V1_2,
        new keyward.kmip.message.RequestHeader(keyward.kmip.message.ProtocolVersion.of(KmipVersion.V1_2),
            null, null, null, null, null, List.of(), null, BatchErrorContinuationOption.CONTINUE, null, null, 2),
        RequestBatchItem.of(Operation.GET, new Item.Structure(Tag.REQUEST_PAYLOAD, Kmip.uid(uid))),
        RequestBatchItem.of(Operation.GET, new Item.Structure(Tag.REQUEST_PAYLOAD, Kmip.uid(aes))));
    assertThat(r.get(0).resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    assertThat(r.get(1).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
  }

  @Test
  void attributesTheOlderVersionLacksAreLeftOutAndLocateStillMatchesThem() throws Exception {
    String uid = chacha(KmipVersion.V1_4);
    List<String> seen = names(Kmip.call(h, KmipVersion.V1_2, Operation.GET_ATTRIBUTES, uid));
    assertThat(seen).contains("Cryptographic Length", "Unique Identifier")
        .doesNotContain("Cryptographic Algorithm", "Sensitive"); // ChaCha20 and Sensitive are 1.4
    assertThat(names(Kmip.call(h, KmipVersion.V1_4, Operation.GET_ATTRIBUTES, uid)))
        .contains("Cryptographic Algorithm", "Sensitive");
    ResponseBatchItem list = ok(Kmip.call(h, KmipVersion.V1_2, Operation.GET_ATTRIBUTE_LIST, uid));
    assertThat(list.responsePayload().all(Tag.ATTRIBUTE_NAME))
        .doesNotContain(new Item.TextString(Tag.ATTRIBUTE_NAME, "Sensitive"))
        .doesNotContain(new Item.TextString(Tag.ATTRIBUTE_NAME, "Cryptographic Algorithm"));
    // Locate matching is not affected: a 1.2 client finds the key by an attribute it can name
    ResponseBatchItem found = h.call(KmipVersion.V1_2, Operation.LOCATE,
        Kmip.attributes(KmipVersion.V1_2, Kmip.len(256)));
    assertThat(ok(found).responsePayload().all(Tag.UNIQUE_IDENTIFIER)).containsExactly(Kmip.uid(uid));
  }

  @Test
  void aCertificateWithAnIssuerOuIsServedToA12ClientWithoutTheOuAttribute() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair kp = g.generateKeyPair();
    byte[] der = new JcaX509v3CertificateBuilder(new X500Name("CN=Issuer,OU=Unit,O=Org"), BigInteger.TEN,
        new Date(0), new Date(4_000_000_000_000L), new X500Name("CN=Subject,OU=Team"), kp.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())).getEncoded();
    String uid = Kmip.uidOf(ok(h.call(KmipVersion.V1_4, Operation.REGISTER, Kmip.objectType(ObjectType.CERTIFICATE),
        Kmip.attributes(KmipVersion.V1_4), new Item.Structure(Tag.CERTIFICATE,
            new Item.Enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509.value()),
            new Item.ByteString(Tag.CERTIFICATE_VALUE, der)))));
    assertThat(names(Kmip.call(h, KmipVersion.V1_4, Operation.GET_ATTRIBUTES, uid)))
        .contains("Certificate Issuer OU", "Certificate Subject OU");
    List<String> old = names(Kmip.call(h, KmipVersion.V1_2, Operation.GET_ATTRIBUTES, uid));
    assertThat(old).contains("X.509 Certificate Issuer", "Certificate Type")
        .doesNotContain("Certificate Issuer OU", "Certificate Subject OU");
    ok(Kmip.call(h, KmipVersion.V1_2, Operation.GET, uid));
    ok(Kmip.call(h, KmipVersion.V1_2, Operation.GET_ATTRIBUTE_LIST, uid));
  }

  /** KMIP 1.0's Digest is Hashing Algorithm and Digest Value; Key Format Type came in 1.1 (SKLC-M-1-10, -11). */
  @Test
  void aKmip10DigestHasNoKeyFormatTypeAndA11DigestHasIt() throws Exception {
    for (KmipVersion v : List.of(KmipVersion.V1_0, KmipVersion.V1_1)) {
      String uid = Kmip.createAes(h, v);
      for (Item[] asked : List.of(new Item[0],
          new Item[] {new Item.TextString(Tag.ATTRIBUTE_NAME, "Digest")})) {
        ResponseBatchItem r = Kmip.call(h, v, Operation.GET_ATTRIBUTES, uid, asked);
        Item.Structure digest = ok(r).responsePayload().all(Tag.ATTRIBUTE).stream()
            .map(a -> (Item.Structure) a)
            .filter(a -> a.first(Tag.ATTRIBUTE_NAME).map(n -> ((Item.TextString) n).value().equals("Digest")).orElse(false))
            .map(a -> (Item.Structure) a.first(Tag.ATTRIBUTE_VALUE).orElseThrow())
            .findFirst().orElseThrow();
        List<Integer> expected = v == KmipVersion.V1_0
            ? List.of(Tag.HASHING_ALGORITHM, Tag.DIGEST_VALUE)
            : List.of(Tag.HASHING_ALGORITHM, Tag.DIGEST_VALUE, Tag.KEY_FORMAT_TYPE);
        assertThat(digest.items().stream().map(Item::tag).toList()).as("%s", v).isEqualTo(expected);
      }
    }
  }
}
