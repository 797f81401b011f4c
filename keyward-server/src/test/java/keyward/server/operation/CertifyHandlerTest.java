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
import java.util.List;
import javax.security.auth.x500.X500Principal;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CertificateRequestType;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.RecommendedCurve;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class CertifyHandlerTest {
  private static final KmipVersion V = KmipVersion.V2_1;
  private final ServerHarness h = new ServerHarness();

  /** A pair whose private key may sign certificates; the private key is Active. */
  private String[] pair(Item... kind) throws Exception {
    List<Item> common = List.of(kind);
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V, common,
        List.of(mask(CryptographicUsageMask.SIGN, CryptographicUsageMask.CERTIFICATE_SIGN)),
        List.of(mask(CryptographicUsageMask.VERIFY)))));
    String priv = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    String pub = ((Item.TextString) r.responsePayload().first(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, V, Operation.ACTIVATE, priv));
    return new String[] {priv, pub};
  }

  private static Item link(LinkType t, String target) {
    return KeyPairs.link(t, target);
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

  /** Self-issued: the pair's own private key signs its public key's certificate; the two link to each other. */
  @Test
  void selfIssuedCertificateOfAStoredPublicKey() throws Exception {
    String[] ca = pair(alg(CryptographicAlgorithm.RSA), len(2048));
    String uid = Kmip.uidOf(ok(Kmip.call(h, V, Operation.CERTIFY, ca[1],
        Kmip.attributes(V, link(LinkType.PRIVATE_KEY_LINK, ca[0]), Kmip.name("root")))));
    X509Certificate cert = certificate(uid);
    cert.verify(publicKey(ca[1]));
    assertThat(cert.getPublicKey()).isEqualTo(publicKey(ca[1]));
    assertThat(cert.getSubjectX500Principal()).isEqualTo(cert.getIssuerX500Principal())
        .isEqualTo(new X500Principal("CN=" + ca[1]));
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(h.clock.instant().plusSeconds(CertifyHandler.DEFAULT_VALIDITY_SECONDS));
    ManagedObject mo = Kmip.stored(h, uid);
    assertThat(mo.attributes().all(Tag.LINK)).containsExactly(link(LinkType.PUBLIC_KEY_LINK, ca[1]));
    assertThat(mo.attributes().all(Tag.NAME)).containsExactly(Kmip.name("root"));
    assertThat(Kmip.stored(h, ca[1]).attributes().all(Tag.LINK)).contains(link(LinkType.CERTIFICATE_LINK, uid));
  }

  /** Issued by a CA held here: the issuer name is the CA certificate's subject; an Ed25519 key is certified by EC P-256. */
  @Test
  void certificateIssuedByACaHeldHere() throws Exception {
    String[] ca = pair(alg(CryptographicAlgorithm.EC), CreateKeyPairHandlerTest.curve(RecommendedCurve.P_256));
    String caCert = Kmip.uidOf(ok(Kmip.call(h, V, Operation.CERTIFY, ca[1],
        Kmip.attributes(V, link(LinkType.PRIVATE_KEY_LINK, ca[0])))));
    String[] leaf = CreateKeyPairHandlerTest.createPair(h, V, alg(CryptographicAlgorithm.ED25519));
    String leafCert = Kmip.uidOf(ok(Kmip.call(h, V, Operation.CERTIFY, leaf[1], Kmip.attributes(V,
        link(LinkType.PRIVATE_KEY_LINK, ca[0]), link(LinkType.CERTIFICATE_LINK, caCert)))));
    X509Certificate cert = certificate(leafCert);
    cert.verify(publicKey(ca[1]));
    assertThat(cert.getIssuerX500Principal()).isEqualTo(certificate(caCert).getSubjectX500Principal());
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(Kmip.stored(h, leafCert).attributes().first(Tag.CRYPTOGRAPHIC_ALGORITHM))
        .contains(alg(CryptographicAlgorithm.ED25519));
    assertThat(Kmip.stored(h, leafCert).attributes().all(Tag.LINK)).contains(link(LinkType.CERTIFICATE_LINK, caCert));
  }

  /** A PKCS#10 request: its subject and key; a request whose signature fails is Invalid Field. */
  @Test
  void pkcs10Request() throws Exception {
    String[] ca = pair(alg(CryptographicAlgorithm.RSA), len(2048));
    KeyPair kp = KeyPairGenerator.getInstance("EC").generateKeyPair();
    byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=device 7, O=Keyward"), kp.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())).getEncoded();
    Item type = new Item.Enumeration(Tag.CERTIFICATE_REQUEST_TYPE, CertificateRequestType.PKCS_10.value());
    String uid = Kmip.uidOf(ok(h.call(V, Operation.CERTIFY, type, new Item.ByteString(Tag.CERTIFICATE_REQUEST_VALUE, csr),
        Kmip.attributes(V, link(LinkType.PRIVATE_KEY_LINK, ca[0])))));
    X509Certificate cert = certificate(uid);
    cert.verify(publicKey(ca[1]));
    assertThat(cert.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=device 7, O=Keyward"));
    assertThat(cert.getPublicKey().getEncoded()).isEqualTo(kp.getPublic().getEncoded());
    // a 1.4 client sends the same request as Certificate Request in a Template-Attribute
    String uid14 = Kmip.uidOf(ok(h.call(KmipVersion.V1_4, Operation.CERTIFY, type,
        new Item.ByteString(Tag.CERTIFICATE_REQUEST, csr),
        Kmip.attributes(KmipVersion.V1_4, link(LinkType.PRIVATE_KEY_LINK, ca[0])))));
    assertThat(certificate(uid14).getSubjectX500Principal()).isEqualTo(new X500Principal("CN=device 7, O=Keyward"));
    csr[csr.length - 3] ^= 1;
    assertThat(h.call(V, Operation.CERTIFY, type, new Item.ByteString(Tag.CERTIFICATE_REQUEST_VALUE, csr),
        Kmip.attributes(V, link(LinkType.PRIVATE_KEY_LINK, ca[0]))).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void refusals() throws Exception {
    String[] ca = pair(alg(CryptographicAlgorithm.RSA), len(2048));
    // no issuer named
    assertThat(Kmip.call(h, V, Operation.CERTIFY, ca[1], Kmip.attributes(V)).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    // a Pre-Active issuing key
    String[] other = CreateKeyPairHandlerTest.createPair(h, V, alg(CryptographicAlgorithm.RSA), len(2048));
    assertThat(Kmip.call(h, V, Operation.CERTIFY, ca[1], Kmip.attributes(V, link(LinkType.PRIVATE_KEY_LINK, other[0])))
        .resultReason()).isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    // an issuing key that may not sign
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)), List.of(mask(CryptographicUsageMask.DECRYPT)),
        List.of(mask(CryptographicUsageMask.ENCRYPT)))));
    String decryptOnly = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, V, Operation.ACTIVATE, decryptOnly));
    assertThat(Kmip.call(h, V, Operation.CERTIFY, ca[1], Kmip.attributes(V, link(LinkType.PRIVATE_KEY_LINK, decryptOnly)))
        .resultReason()).isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
    // a symmetric key is not certified
    assertThat(Kmip.call(h, V, Operation.CERTIFY, Kmip.createAes(h, V), Kmip.attributes(V,
        link(LinkType.PRIVATE_KEY_LINK, ca[0]))).resultReason()).isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
  }
}
