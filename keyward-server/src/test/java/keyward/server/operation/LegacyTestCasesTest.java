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
import keyward.kmip.spec.CertificateType;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectGroupMember;
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
 * What the KMIP Test Cases v1.0–1.2 (kmip-testcases/1.x/ovh-kmip-go, TC_*) show a server must
 * answer, pinned on the message processor; each test names its case.
 */
class LegacyTestCasesTest {
  private final ServerHarness h = new ServerHarness();

  private static Item.Structure extension(boolean critical) {
    return new Item.Structure(Tag.MESSAGE_EXTENSION, new Item.TextString(Tag.VENDOR_IDENTIFICATION, "Acme"),
        new Item.Boolean(Tag.CRITICALITY_INDICATOR, critical), new Item.Structure(Tag.VENDOR_EXTENSION));
  }

  private static Item.Structure createPayload(KmipVersion v) {
    return new Item.Structure(Tag.REQUEST_PAYLOAD, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(v, Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(128),
            Kmip.mask(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT)));
  }

  /** TC-72-10/11/12: a critical extension the server does not know fails the item (Feature Not Supported); TC-71: a non-critical one is ignored. */
  @Test
  void aCriticalMessageExtensionThatIsNotUnderstoodFailsTheItem() throws Exception {
    for (KmipVersion v : List.of(KmipVersion.V1_0, KmipVersion.V1_2, KmipVersion.V2_1)) {
      ResponseBatchItem critical = h.batch(v, new RequestBatchItem(Operation.CREATE, null, null, createPayload(v),
          List.of(extension(true)))).getFirst();
      assertThat(critical.resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
      assertThat(critical.resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
      assertThat(critical.operation()).isEqualTo(Operation.CREATE);
      ok(h.batch(v, new RequestBatchItem(Operation.CREATE, null, null, createPayload(v), List.of(extension(false))))
          .getFirst());
    }
  }

  /** TC-51-1x step 2: Usage Limits added with a Total is answered (and kept) with Count = Total. */
  @Test
  void usageLimitsAddedLaterStartWithTheCountAtTheTotal() throws Exception {
    KmipVersion v = KmipVersion.V1_2;
    String uid = Kmip.createAes(h, v);
    ResponseBatchItem r = ok(h.call(v, Operation.ADD_ATTRIBUTE, Kmip.uid(uid), attribute("Usage Limits",
        new Item.Structure(Tag.ATTRIBUTE_VALUE, new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, 1000),
            new Item.Enumeration(Tag.USAGE_LIMITS_UNIT, 1)))));
    Item.Structure value = (Item.Structure) ((Item.Structure) r.responsePayload().first(Tag.ATTRIBUTE).orElseThrow())
        .first(Tag.ATTRIBUTE_VALUE).orElseThrow();
    assertThat(value.items()).containsExactly(new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, 1000),
        new Item.LongInteger(Tag.USAGE_LIMITS_COUNT, 1000), new Item.Enumeration(Tag.USAGE_LIMITS_UNIT, 1));
    assertThat(Kmip.stored(h, uid).attributes().first(Tag.USAGE_LIMITS).orElseThrow())
        .isEqualTo(new Item.Structure(Tag.USAGE_LIMITS, value.items()));
  }

  private static Item attribute(String name, Item value) {
    return new Item.Structure(Tag.ATTRIBUTE, new Item.TextString(Tag.ATTRIBUTE_NAME, name), value);
  }

  /**
   * TC-152-11/12 step 6: after a Locate of the batch that found nothing, a Get relying on the ID
   * Placeholder fails with Item Not Found; with no Locate before it, the identifier is Missing Data.
   */
  @Test
  void aGetAfterALocateThatFoundNothingIsItemNotFound() throws Exception {
    KmipVersion v = KmipVersion.V1_2;
    Item.Structure locate = new Item.Structure(Tag.REQUEST_PAYLOAD, new Item.Integer(Tag.MAXIMUM_ITEMS, 1),
        new Item.Enumeration(Tag.OBJECT_GROUP_MEMBER, ObjectGroupMember.GROUP_MEMBER_FRESH.value()),
        attribute("Object Group", new Item.TextString(Tag.ATTRIBUTE_VALUE, "ClientFreshTest")));
    List<ResponseBatchItem> r = h.batch(v, RequestBatchItem.of(Operation.LOCATE, locate),
        RequestBatchItem.of(Operation.GET, new Item.Structure(Tag.REQUEST_PAYLOAD)));
    assertThat(r.get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    assertThat(r.get(0).responsePayload().first(Tag.UNIQUE_IDENTIFIER)).isEmpty();
    assertThat(r.get(1).resultReason()).isEqualTo(ResultReason.ITEM_NOT_FOUND);
    assertThat(h.call(v, Operation.GET).resultReason()).isEqualTo(ResultReason.MISSING_DATA);
  }

  /** TC-MDO-1/2/3-12: a metadata-only key (Key Block without Key Value) is a feature Keyward lacks, said so. */
  @Test
  void aMetadataOnlyKeyIsFeatureNotSupported() throws Exception {
    KmipVersion v = KmipVersion.V1_2;
    ResponseBatchItem r = h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(v, Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(128)),
        new Item.Structure(Tag.SYMMETRIC_KEY, new Item.Structure(Tag.KEY_BLOCK,
            new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
            new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
            new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 128))));
    assertThat(r.resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
  }

  /**
   * TC-132-10 step 5, TC-ECC-3-1x: a registered certificate has the 1.0 attributes Certificate
   * Identifier, Subject and Issuer (RFC 2253 names, serial in upper-case hex); a 2.x client,
   * whose version has no such attributes, is not told of them.
   */
  @Test
  void aCertificateHasTheKmip10IdentificationAttributes() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair kp = g.generateKeyPair();
    X500Name dn = new X500Name("C=US,O=TEST,OU=OASIS,CN=KMIP");
    byte[] der = new JcaX509v3CertificateBuilder(dn, new BigInteger("9BBA23D1B6A48F97", 16), new Date(0),
        new Date(4_000_000_000_000L), dn, kp.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())).getEncoded();
    String uid = Kmip.uidOf(ok(h.call(KmipVersion.V1_0, Operation.REGISTER, Kmip.objectType(ObjectType.CERTIFICATE),
        Kmip.attributes(KmipVersion.V1_0), new Item.Structure(Tag.CERTIFICATE,
            new Item.Enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509.value()),
            new Item.ByteString(Tag.CERTIFICATE_VALUE, der)))));
    ResponseBatchItem r = ok(h.call(KmipVersion.V1_0, Operation.GET_ATTRIBUTES, Kmip.uid(uid),
        new Item.TextString(Tag.ATTRIBUTE_NAME, "Certificate Identifier"),
        new Item.TextString(Tag.ATTRIBUTE_NAME, "Certificate Issuer"),
        new Item.TextString(Tag.ATTRIBUTE_NAME, "Certificate Subject")));
    String issuer = "CN=KMIP,OU=OASIS,O=TEST,C=US";
    assertThat(r.responsePayload().all(Tag.ATTRIBUTE)).containsExactly(
        attribute("Certificate Identifier", new Item.Structure(Tag.ATTRIBUTE_VALUE,
            new Item.TextString(Tag.ISSUER, issuer), new Item.TextString(Tag.SERIAL_NUMBER, "9BBA23D1B6A48F97"))),
        attribute("Certificate Issuer", new Item.Structure(Tag.ATTRIBUTE_VALUE,
            new Item.TextString(Tag.CERTIFICATE_ISSUER_DISTINGUISHED_NAME, issuer))),
        attribute("Certificate Subject", new Item.Structure(Tag.ATTRIBUTE_VALUE,
            new Item.TextString(Tag.CERTIFICATE_SUBJECT_DISTINGUISHED_NAME, issuer))));
    // TC-ECC-3-11/12 step 5: the X.509 Certificate Identifier's serial is the DER INTEGER
    Item.Structure x509 = (Item.Structure) ((Item.Structure) ok(h.call(KmipVersion.V1_2, Operation.GET_ATTRIBUTES,
        Kmip.uid(uid), new Item.TextString(Tag.ATTRIBUTE_NAME, "X.509 Certificate Identifier")))
        .responsePayload().first(Tag.ATTRIBUTE).orElseThrow()).first(Tag.ATTRIBUTE_VALUE).orElseThrow();
    assertThat(x509.first(Tag.CERTIFICATE_SERIAL_NUMBER)).contains(
        new Item.ByteString(Tag.CERTIFICATE_SERIAL_NUMBER, Kmip.hex("0209009bba23d1b6a48f97")));
    ResponseBatchItem list = ok(h.call(KmipVersion.V2_1, Operation.GET_ATTRIBUTE_LIST, Kmip.uid(uid)));
    List<Integer> referenced = list.responsePayload().all(Tag.ATTRIBUTE_REFERENCE).stream()
        .filter(i -> i instanceof Item.Enumeration).map(i -> ((Item.Enumeration) i).value()).toList();
    assertThat(referenced).contains(Tag.X_509_CERTIFICATE_IDENTIFIER)
        .doesNotContain(Tag.CERTIFICATE_IDENTIFIER, Tag.CERTIFICATE_SUBJECT, Tag.CERTIFICATE_ISSUER);
  }

  /** TC-171-11/12 step 1: from KMIP 1.1, an Attribute Name asked twice in Get Attributes is Invalid Message; 2.x asks by reference, answered once. */
  @Test
  void anAttributeNameAskedTwiceIsInvalidMessageInKmip1x() throws Exception {
    String uid = Kmip.createAes(h, KmipVersion.V1_2);
    Item objectType = new Item.TextString(Tag.ATTRIBUTE_NAME, "Object Type");
    assertThat(h.call(KmipVersion.V1_2, Operation.GET_ATTRIBUTES, Kmip.uid(uid), objectType, objectType).resultReason())
        .isEqualTo(ResultReason.INVALID_MESSAGE);
    ResponseBatchItem once = ok(h.call(KmipVersion.V1_2, Operation.GET_ATTRIBUTES, Kmip.uid(uid), objectType));
    assertThat(once.responsePayload().all(Tag.ATTRIBUTE)).hasSize(1);
    Item ref = new Item.Enumeration(Tag.ATTRIBUTE_REFERENCE, Tag.OBJECT_TYPE);
    ResponseBatchItem v2 = ok(h.call(KmipVersion.V2_1, Operation.GET_ATTRIBUTES, Kmip.uid(uid), ref, ref));
    assertThat(((Item.Structure) v2.responsePayload().first(Tag.ATTRIBUTES).orElseThrow()).items()).hasSize(1);
  }
}
