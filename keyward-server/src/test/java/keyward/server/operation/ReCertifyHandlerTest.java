package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.mask;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CertificateRequestType;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import keyward.server.object.Lifecycle;
import keyward.server.object.ManagedObject;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/** Re-certify (1.4 §4.8, 2.1 §6.1.41), with TC-134-12 (KMIP Test Cases 1.2) as the reference for links and names. */
class ReCertifyHandlerTest {
  private static final KmipVersion V = KmipVersion.V2_1;
  private final ServerHarness h = new ServerHarness();

  private String[] caPair() throws Exception {
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)),
        List.of(mask(CryptographicUsageMask.SIGN, CryptographicUsageMask.CERTIFICATE_SIGN)),
        List.of(mask(CryptographicUsageMask.VERIFY)))));
    String priv = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    String pub = ((Item.TextString) r.responsePayload().first(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, V, Operation.ACTIVATE, priv));
    return new String[] {priv, pub};
  }

  private X509Certificate certificate(String uid) throws Exception {
    Item.Structure c = (Item.Structure) ok(Kmip.call(h, V, Operation.GET, uid)).responsePayload()
        .first(Tag.CERTIFICATE).orElseThrow();
    byte[] der = ((Item.ByteString) c.first(Tag.CERTIFICATE_VALUE).orElseThrow()).value();
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private PublicKey publicKey(String uid) throws Exception {
    return AsymmetricKeyBlocks.publicKey(KeyBlocks.keyBlock(Kmip.stored(h, uid).object()).orElseThrow());
  }

  private static Item link(LinkType t, String target) {
    return KeyPairs.link(t, target);
  }

  /**
   * A self-issued certificate renewed without naming the issuer: the server finds the signing key
   * through the links; the name moves to the new certificate alongside the requested one, the two
   * certificates link to each other and the public key's Certificate Link names the new one.
   */
  @Test
  void selfIssuedCertificateRenewedThroughItsLinks() throws Exception {
    String[] ca = caPair();
    String first = Kmip.uidOf(ok(Kmip.call(h, V, Operation.CERTIFY, ca[1],
        Kmip.attributes(V, link(LinkType.PRIVATE_KEY_LINK, ca[0]), Kmip.name("certificate1")))));
    X509Certificate old = certificate(first);
    h.clock.advanceSeconds(30L * 86_400);
    String second = Kmip.uidOf(ok(Kmip.call(h, V, Operation.RE_CERTIFY, first, Kmip.attributes(V, Kmip.name("certificate2")))));
    X509Certificate renewed = certificate(second);
    renewed.verify(publicKey(ca[1]));
    assertThat(renewed.getPublicKey()).isEqualTo(old.getPublicKey());
    assertThat(renewed.getSubjectX500Principal()).isEqualTo(old.getSubjectX500Principal());
    assertThat(renewed.getIssuerX500Principal()).isEqualTo(old.getIssuerX500Principal());
    assertThat(renewed.getSerialNumber()).isNotEqualTo(old.getSerialNumber());
    assertThat(renewed.getNotBefore().toInstant()).isEqualTo(h.clock.instant());
    assertThat(renewed.getNotAfter().getTime() - renewed.getNotBefore().getTime())
        .as("the renewal lasts as long as the existing certificate")
        .isEqualTo(old.getNotAfter().getTime() - old.getNotBefore().getTime());

    ManagedObject next = Kmip.stored(h, second);
    assertThat(next.attributes().all(Tag.NAME)).containsExactlyInAnyOrder(Kmip.name("certificate1"), Kmip.name("certificate2"));
    assertThat(next.attributes().all(Tag.LINK)).containsExactlyInAnyOrder(
        link(LinkType.PUBLIC_KEY_LINK, ca[1]), link(LinkType.REPLACED_OBJECT_LINK, first));
    ManagedObject was = Kmip.stored(h, first);
    assertThat(was.attributes().all(Tag.NAME)).isEmpty();
    assertThat(was.attributes().all(Tag.LINK)).contains(link(LinkType.REPLACEMENT_OBJECT_LINK, second));
    List<Item> keyLinks = Kmip.stored(h, ca[1]).attributes().all(Tag.LINK);
    assertThat(keyLinks).contains(link(LinkType.CERTIFICATE_LINK, second))
        .doesNotContain(link(LinkType.CERTIFICATE_LINK, first));
    // the certificate's own fields are the new certificate's
    Item.Structure id = (Item.Structure) next.attributes().first(Tag.X_509_CERTIFICATE_IDENTIFIER).orElseThrow();
    // the serial as its DER INTEGER, as the Test Cases show it (TC-ECC-3-12)
    byte[] serial = renewed.getSerialNumber().toByteArray();
    byte[] der = new byte[serial.length + 2];
    der[0] = 0x02;
    der[1] = (byte) serial.length;
    System.arraycopy(serial, 0, der, 2, serial.length);
    assertThat(((Item.ByteString) id.first(Tag.CERTIFICATE_SERIAL_NUMBER).orElseThrow()).value()).isEqualTo(der);
    assertThat(next.attributes().all(Tag.X_509_CERTIFICATE_IDENTIFIER)).hasSize(1);
  }

  /** A 1.2 client (TC-134-12) sees the 1.x text attributes: Certificate Identifier with the hex serial, Subject, Issuer. */
  @Test
  void oneDotTwoClientSeesCertificateIdentifierSubjectAndIssuer() throws Exception {
    String[] ca = caPair();
    String first = Kmip.uidOf(ok(Kmip.call(h, V, Operation.CERTIFY, ca[1],
        Kmip.attributes(V, link(LinkType.PRIVATE_KEY_LINK, ca[0])))));
    String second = Kmip.uidOf(ok(Kmip.call(h, KmipVersion.V1_2, Operation.RE_CERTIFY, first, Kmip.attributes(KmipVersion.V1_2))));
    X509Certificate renewed = certificate(second);
    ResponseBatchItem r = ok(Kmip.call(h, KmipVersion.V1_2, Operation.GET_ATTRIBUTES, second,
        new Item.TextString(Tag.ATTRIBUTE_NAME, "Certificate Identifier"),
        new Item.TextString(Tag.ATTRIBUTE_NAME, "Certificate Subject"),
        new Item.TextString(Tag.ATTRIBUTE_NAME, "Certificate Issuer")));
    List<Item> values = r.responsePayload().all(Tag.ATTRIBUTE).stream()
        .map(a -> ((Item.Structure) a).first(Tag.ATTRIBUTE_VALUE).orElseThrow()).toList();
    String dn = renewed.getSubjectX500Principal().getName(X500Principal.RFC2253);
    // the serial in upper-case hex, whole bytes (a leading 0 when it has an odd number of digits)
    String serial = renewed.getSerialNumber().toString(16).toUpperCase();
    serial = serial.length() % 2 == 0 ? serial : "0" + serial;
    assertThat(values).containsExactlyInAnyOrder(
        new Item.Structure(Tag.ATTRIBUTE_VALUE, new Item.TextString(Tag.ISSUER, dn),
            new Item.TextString(Tag.SERIAL_NUMBER, serial)),
        new Item.Structure(Tag.ATTRIBUTE_VALUE, new Item.TextString(Tag.CERTIFICATE_SUBJECT_DISTINGUISHED_NAME, dn)),
        new Item.Structure(Tag.ATTRIBUTE_VALUE, new Item.TextString(Tag.CERTIFICATE_ISSUER_DISTINGUISHED_NAME, dn)));
  }

  /** Offset (1.4 Table 172): Activation Date = now + Offset, Deactivation Date moved by as much; the certificate's validity follows. */
  @Test
  void offsetSetsTheNewDates() throws Exception {
    String[] ca = caPair();
    Instant t0 = h.clock.instant();
    String first = Kmip.uidOf(ok(Kmip.call(h, V, Operation.CERTIFY, ca[1], Kmip.attributes(V,
        link(LinkType.PRIVATE_KEY_LINK, ca[0]), Kmip.date(Tag.ACTIVATION_DATE, t0.plusSeconds(60)),
        Kmip.date(Tag.DEACTIVATION_DATE, t0.plusSeconds(86_400))))));
    h.clock.advanceSeconds(7200);
    Instant now = h.clock.instant();
    String second = Kmip.uidOf(ok(Kmip.call(h, V, Operation.RE_CERTIFY, first,
        new Item.Interval(Tag.OFFSET, 3600))));
    ManagedObject next = Kmip.stored(h, second);
    Instant at2 = now.plusSeconds(3600);
    assertThat(Lifecycle.date(next.attributes(), Tag.ACTIVATION_DATE)).contains(at2);
    Instant dt2 = t0.plusSeconds(86_400).plusSeconds(at2.getEpochSecond() - t0.plusSeconds(60).getEpochSecond());
    assertThat(Lifecycle.date(next.attributes(), Tag.DEACTIVATION_DATE)).contains(dt2);
    X509Certificate renewed = certificate(second);
    assertThat(renewed.getNotBefore().toInstant()).isEqualTo(at2);
    assertThat(renewed.getNotAfter().toInstant()).isEqualTo(dt2);
    assertThat(Kmip.state(h, second)).isEqualTo(keyward.kmip.spec.State.PRE_ACTIVE);
    // Offset together with an Activation Date is contradictory
    assertThat(Kmip.call(h, V, Operation.RE_CERTIFY, second, new Item.Interval(Tag.OFFSET, 10),
        Kmip.attributes(V, Kmip.date(Tag.ACTIVATION_DATE, now))).resultReason()).isEqualTo(ResultReason.INVALID_MESSAGE);
  }

  /** A certificate issued by a CA here is renewed by the same CA; a PKCS#10 request may change the subject, not the key. */
  @Test
  void caIssuedCertificateWithARequest() throws Exception {
    String[] ca = caPair();
    String caCert = Kmip.uidOf(ok(Kmip.call(h, V, Operation.CERTIFY, ca[1],
        Kmip.attributes(V, link(LinkType.PRIVATE_KEY_LINK, ca[0]), Kmip.name("ca")))));
    KeyPair kp = KeyPairGenerator.getInstance("EC").generateKeyPair();
    Item type = new Item.Enumeration(Tag.CERTIFICATE_REQUEST_TYPE, CertificateRequestType.PKCS_10.value());
    String leaf = Kmip.uidOf(ok(h.call(V, Operation.CERTIFY, type,
        new Item.ByteString(Tag.CERTIFICATE_REQUEST_VALUE, csr(kp, "CN=device")),
        Kmip.attributes(V, link(LinkType.PRIVATE_KEY_LINK, ca[0]), link(LinkType.CERTIFICATE_LINK, caCert)))));
    String renewed = Kmip.uidOf(ok(Kmip.call(h, V, Operation.RE_CERTIFY, leaf, type,
        new Item.ByteString(Tag.CERTIFICATE_REQUEST_VALUE, csr(kp, "CN=device, O=renamed")))));
    X509Certificate cert = certificate(renewed);
    cert.verify(publicKey(ca[1]));
    assertThat(cert.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=device, O=renamed"));
    assertThat(cert.getIssuerX500Principal()).isEqualTo(certificate(caCert).getSubjectX500Principal());
    assertThat(Kmip.stored(h, renewed).attributes().all(Tag.LINK)).contains(link(LinkType.CERTIFICATE_LINK, caCert));
    // a request for another key is not a renewal
    KeyPair other = KeyPairGenerator.getInstance("EC").generateKeyPair();
    assertThat(Kmip.call(h, V, Operation.RE_CERTIFY, renewed, type,
        new Item.ByteString(Tag.CERTIFICATE_REQUEST_VALUE, csr(other, "CN=device"))).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
  }

  /** Refusals: not a certificate; an issuer the links do not lead to. */
  @Test
  void refusals() throws Exception {
    String[] ca = caPair();
    assertThat(Kmip.call(h, V, Operation.RE_CERTIFY, ca[1]).resultReason()).isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
    KeyPair kp = KeyPairGenerator.getInstance("EC").generateKeyPair();
    Item type = new Item.Enumeration(Tag.CERTIFICATE_REQUEST_TYPE, CertificateRequestType.PKCS_10.value());
    // issued by the CA key but without the Certificate Link to a CA certificate: the issuer cannot be found
    String leaf = Kmip.uidOf(ok(h.call(V, Operation.CERTIFY, type,
        new Item.ByteString(Tag.CERTIFICATE_REQUEST_VALUE, csr(kp, "CN=orphan")),
        Kmip.attributes(V, link(LinkType.PRIVATE_KEY_LINK, ca[0])))));
    ResponseBatchItem r = Kmip.call(h, V, Operation.RE_CERTIFY, leaf);
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(r.resultMessage()).contains("Private Key Link");
    // naming it works
    ok(Kmip.call(h, V, Operation.RE_CERTIFY, leaf, Kmip.attributes(V, link(LinkType.PRIVATE_KEY_LINK, ca[0]))));
  }

  private static byte[] csr(KeyPair kp, String subject) throws Exception {
    return new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject), kp.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())).getEncoded();
  }
}
