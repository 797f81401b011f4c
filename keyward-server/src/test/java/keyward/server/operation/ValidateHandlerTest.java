package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.mask;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CertificateType;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Validate (1.4 §4.24, 2.1 §6.1.62): a chain given by identifier and/or as objects, against its own self-signed root. */
class ValidateHandlerTest {
  private static final KmipVersion V = KmipVersion.V2_1;
  private final ServerHarness h = new ServerHarness();

  private ValidityIndicator validate(KmipVersion v, Item... items) throws Exception {
    ResponseBatchItem r = ok(h.call(v, Operation.VALIDATE, items));
    return ValidityIndicator.fromValue(((Item.Enumeration) r.responsePayload().first(Tag.VALIDITY_INDICATOR)
        .orElseThrow()).value());
  }

  private static Item uid(String u) {
    return new Item.TextString(Tag.UNIQUE_IDENTIFIER, u);
  }

  private static Item date(Instant t) {
    return new Item.DateTime(Tag.VALIDITY_DATE, t.getEpochSecond());
  }

  private static Item certificate(byte[] der) {
    return new Item.Structure(Tag.CERTIFICATE, new Item.Enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509.value()),
        new Item.ByteString(Tag.CERTIFICATE_VALUE, der));
  }

  /** Root (self-signed) and leaf certified by this server: the chain by identifiers, in either order. */
  @Test
  void managedChainByIdentifiers() throws Exception {
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)),
        List.of(mask(CryptographicUsageMask.SIGN, CryptographicUsageMask.CERTIFICATE_SIGN)),
        List.of(mask(CryptographicUsageMask.VERIFY)))));
    String caPriv = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    String caPub = ((Item.TextString) r.responsePayload().first(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, V, Operation.ACTIVATE, caPriv));
    String root = Kmip.uidOf(ok(Kmip.call(h, V, Operation.CERTIFY, caPub,
        Kmip.attributes(V, KeyPairs.link(LinkType.PRIVATE_KEY_LINK, caPriv)))));
    String[] leafPair = CreateKeyPairHandlerTest.createPair(h, V, alg(CryptographicAlgorithm.EC),
        CreateKeyPairHandlerTest.curve(keyward.kmip.spec.RecommendedCurve.P_256));
    String leaf = Kmip.uidOf(ok(Kmip.call(h, V, Operation.CERTIFY, leafPair[1], Kmip.attributes(V,
        KeyPairs.link(LinkType.PRIVATE_KEY_LINK, caPriv), KeyPairs.link(LinkType.CERTIFICATE_LINK, root)))));
    Instant now = h.clock.instant();
    assertThat(validate(V, uid(leaf), uid(root))).isEqualTo(ValidityIndicator.VALID);
    assertThat(validate(V, uid(root), uid(leaf))).isEqualTo(ValidityIndicator.VALID);
    assertThat(validate(KmipVersion.V1_2, uid(leaf), uid(root))).isEqualTo(ValidityIndicator.VALID);
    // the self-signed root alone is a (one-certificate) chain
    assertThat(validate(V, uid(root))).isEqualTo(ValidityIndicator.VALID);
    // without its root the leaf cannot be validated to an anchor
    assertThat(validate(V, uid(leaf))).isEqualTo(ValidityIndicator.UNKNOWN);
    // outside the validity period (a year from issuance)
    assertThat(validate(V, uid(leaf), uid(root), date(now.plusSeconds(2L * 365 * 86_400))))
        .isEqualTo(ValidityIndicator.INVALID);
    assertThat(validate(V, uid(leaf), uid(root), date(now.minusSeconds(86_400)))).isEqualTo(ValidityIndicator.INVALID);
    assertThat(validate(V, uid(leaf), uid(root), date(now.plusSeconds(86_400)))).isEqualTo(ValidityIndicator.VALID);
    // a managed certificate in the chain that is Compromised makes it Invalid
    ok(Kmip.revoke(h, V, leaf, RevocationReasonCode.KEY_COMPROMISE));
    assertThat(validate(V, uid(leaf), uid(root))).isEqualTo(ValidityIndicator.INVALID);
    // not a certificate
    assertThat(h.call(V, Operation.VALIDATE, uid(caPub)).resultReason()).isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
    // a destroyed certificate: Object Destroyed (1.x has no such reason: Permission Denied)
    ok(Kmip.call(h, V, Operation.DESTROY, leaf));
    assertThat(h.call(V, Operation.VALIDATE, uid(leaf), uid(root)).resultReason()).isEqualTo(ResultReason.OBJECT_DESTROYED);
    assertThat(h.call(KmipVersion.V1_4, Operation.VALIDATE, uid(leaf), uid(root)).resultReason())
        .isEqualTo(ResultReason.PERMISSION_DENIED);
  }

  private String[] signingPair() throws Exception {
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)),
        List.of(mask(CryptographicUsageMask.SIGN, CryptographicUsageMask.CERTIFICATE_SIGN)),
        List.of(mask(CryptographicUsageMask.VERIFY)))));
    String priv = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, V, Operation.ACTIVATE, priv));
    return new String[] {priv,
        ((Item.TextString) r.responsePayload().first(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value()};
  }

  /**
   * Root, intermediate and leaf all certified here: the intermediate, certified with Certificate
   * Sign in its Usage Mask, is a CA certificate and the chain is Valid; certified without it, it
   * may not issue and the same chain is Invalid.
   */
  @Test
  void threeLevelChainCertifiedHere() throws Exception {
    String[] root = signingPair(), mid = signingPair(), leaf = signingPair();
    String rootCert = Kmip.uidOf(ok(Kmip.call(h, V, Operation.CERTIFY, root[1],
        Kmip.attributes(V, KeyPairs.link(LinkType.PRIVATE_KEY_LINK, root[0]), Kmip.name("root"),
            mask(CryptographicUsageMask.CERTIFICATE_SIGN, CryptographicUsageMask.VERIFY)))));
    String caMid = Kmip.uidOf(ok(Kmip.call(h, V, Operation.CERTIFY, mid[1], Kmip.attributes(V,
        KeyPairs.link(LinkType.PRIVATE_KEY_LINK, root[0]), KeyPairs.link(LinkType.CERTIFICATE_LINK, rootCert),
        Kmip.name("intermediate"), mask(CryptographicUsageMask.CERTIFICATE_SIGN, CryptographicUsageMask.VERIFY)))));
    String plainMid = Kmip.uidOf(ok(Kmip.call(h, V, Operation.CERTIFY, mid[1], Kmip.attributes(V,
        KeyPairs.link(LinkType.PRIVATE_KEY_LINK, root[0]), KeyPairs.link(LinkType.CERTIFICATE_LINK, rootCert),
        mask(CryptographicUsageMask.VERIFY)))));
    String leafCert = Kmip.uidOf(ok(Kmip.call(h, V, Operation.CERTIFY, leaf[1], Kmip.attributes(V,
        KeyPairs.link(LinkType.PRIVATE_KEY_LINK, mid[0]), KeyPairs.link(LinkType.CERTIFICATE_LINK, caMid)))));
    assertThat(validate(V, uid(leafCert), uid(caMid), uid(rootCert))).isEqualTo(ValidityIndicator.VALID);
    assertThat(validate(V, uid(leafCert), uid(plainMid), uid(rootCert))).isEqualTo(ValidityIndicator.INVALID);
    // a renewed intermediate stays a CA
    String renewedMid = Kmip.uidOf(ok(Kmip.call(h, V, Operation.RE_CERTIFY, caMid)));
    assertThat(validate(V, uid(leafCert), uid(renewedMid), uid(rootCert))).isEqualTo(ValidityIndicator.VALID);
  }

  /** A three-certificate chain given as objects, shuffled; a forged or stray certificate makes it Invalid. */
  @Test
  void chainGivenAsCertificates() throws Exception {
    Instant now = h.clock.instant();
    KeyPair rootKey = ec(), midKey = ec(), leafKey = ec(), forger = ec();
    byte[] root = issue("CN=Root", rootKey.getPublic(), "CN=Root", rootKey.getPrivate(), true, now);
    byte[] mid = issue("CN=Intermediate", midKey.getPublic(), "CN=Root", rootKey.getPrivate(), true, now);
    byte[] leaf = issue("CN=Leaf", leafKey.getPublic(), "CN=Intermediate", midKey.getPrivate(), false, now);
    assertThat(validate(V, certificate(mid), certificate(leaf), certificate(root))).isEqualTo(ValidityIndicator.VALID);
    // the leaf names the intermediate as issuer but another key signed it
    byte[] forged = issue("CN=Leaf", leafKey.getPublic(), "CN=Intermediate", forger.getPrivate(), false, now);
    assertThat(validate(V, certificate(forged), certificate(mid), certificate(root))).isEqualTo(ValidityIndicator.INVALID);
    // an intermediate that is not a CA may not issue
    byte[] notCa = issue("CN=Intermediate", midKey.getPublic(), "CN=Root", rootKey.getPrivate(), false, now);
    assertThat(validate(V, certificate(leaf), certificate(notCa), certificate(root))).isEqualTo(ValidityIndicator.INVALID);
    // a certificate that is not part of the chain
    byte[] stray = issue("CN=Other", forger.getPublic(), "CN=Other", forger.getPrivate(), true, now);
    assertThat(validate(V, certificate(leaf), certificate(mid), certificate(root), certificate(stray)))
        .isEqualTo(ValidityIndicator.INVALID);
    // a gap: the intermediate is missing, so the leaf's issuer is not there
    assertThat(validate(V, certificate(leaf), certificate(root))).isEqualTo(ValidityIndicator.INVALID);
  }

  /** Bounds and malformed input: a specific error, never a crash. */
  @Test
  void refusals() throws Exception {
    assertThat(h.call(V, Operation.VALIDATE).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    KeyPair k = ec();
    byte[] der = issue("CN=Root", k.getPublic(), "CN=Root", k.getPrivate(), true, h.clock.instant());
    List<Item> tooMany = new ArrayList<>();
    for (int i = 0; i <= ValidateHandler.MAX_CHAIN; i++) {
      tooMany.add(certificate(der));
    }
    assertThat(h.call(V, Operation.VALIDATE, tooMany.toArray(Item[]::new)).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(h.call(V, Operation.VALIDATE, certificate(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(h.call(V, Operation.VALIDATE, new Item.Structure(Tag.CERTIFICATE,
        new Item.Enumeration(Tag.CERTIFICATE_TYPE, CertificateType.PGP.value()),
        new Item.ByteString(Tag.CERTIFICATE_VALUE, der))).resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    assertThat(h.call(V, Operation.VALIDATE, uid("no-such-object")).resultReason()).isEqualTo(ResultReason.OBJECT_NOT_FOUND);
  }

  private static KeyPair ec() throws Exception {
    return KeyPairGenerator.getInstance("EC").generateKeyPair();
  }

  private static byte[] issue(String subject, PublicKey key, String issuer, PrivateKey signer, boolean ca, Instant now)
      throws Exception {
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
        BigInteger.valueOf(now.toEpochMilli() ^ subject.hashCode()), Date.from(now.minusSeconds(60)),
        Date.from(now.plusSeconds(86_400 * 30L)), new X500Name(subject), key);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)).getEncoded();
  }
}
