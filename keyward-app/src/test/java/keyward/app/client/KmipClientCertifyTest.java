package keyward.app.client;

import static keyward.kmip.spec.CryptographicUsageMask.CERTIFICATE_SIGN;
import static keyward.kmip.spec.CryptographicUsageMask.DECRYPT;
import static keyward.kmip.spec.CryptographicUsageMask.SIGN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import keyward.client.AttributeValues;
import keyward.client.KeyPairIds;
import keyward.client.KmipClient;
import keyward.client.KmipClientException;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ResultReason;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Certify through the client library: a self-issued CA certificate, a leaf certified under it,
 * a PKCS#10 request certified, each checked with the JDK's X.509 parser; an issuer key that may
 * not sign is refused with its Result Reason. In KMIP 1.4 and 2.1.
 */
class KmipClientCertifyTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir.resolve("data"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static X509Certificate x509(byte[] der) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void aCaCertificateALeafUnderItAndAPkcs10Request(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      KeyPairIds ca = c.createKeyPair("RSA", 2048).name("ca-" + v).privateKeyUsage(SIGN, CERTIFICATE_SIGN)
          .activate().execute();
      String caCertId = c.certify(ca.publicKeyUniqueIdentifier(), ca.privateKeyUniqueIdentifier(), null,
          AttributeValues.name("ca-cert-" + v));
      X509Certificate caCert = x509(c.get(caCertId));
      // the subject is the public key's Name ("-public" is how KeyPairRequest.name names that half)
      assertThat(caCert.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=ca-" + v + "-public"));
      caCert.verify(caCert.getPublicKey()); // self-issued: signed by its own key
      assertThat(c.getAttributes(caCertId, "Name").display()).containsEntry("Name", "ca-cert-" + v);

      KeyPairIds leaf = c.createKeyPair("RSA", 2048).name("leaf-" + v).execute();
      X509Certificate leafCert = x509(c.get(c.certify(leaf.publicKeyUniqueIdentifier(),
          ca.privateKeyUniqueIdentifier(), caCertId)));
      assertThat(leafCert.getIssuerX500Principal()).isEqualTo(caCert.getSubjectX500Principal());
      leafCert.verify(caCert.getPublicKey());

      KeyPair device = KeyPairGenerator.getInstance("EC").generateKeyPair();
      byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=device " + v), device.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(device.getPrivate())).getEncoded();
      X509Certificate deviceCert = x509(c.get(c.certifyRequest(csr, ca.privateKeyUniqueIdentifier(), caCertId)));
      assertThat(deviceCert.getPublicKey().getEncoded()).isEqualTo(device.getPublic().getEncoded());
      deviceCert.verify(caCert.getPublicKey());

      KeyPairIds decryptOnly = c.createKeyPair("RSA", 2048).privateKeyUsage(DECRYPT).activate().execute();
      assertThatThrownBy(() -> c.certify(leaf.publicKeyUniqueIdentifier(), decryptOnly.privateKeyUniqueIdentifier(), null))
          .isInstanceOfSatisfying(KmipClientException.class, e -> assertThat(e.resultReason()).isEqualTo(
              v.atLeast(KmipVersion.V2_0) ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK
                  : ResultReason.INVALID_FIELD));
    }
  }

  /**
   * Re-certify and Validate through the client: the renewal verifies under the CA and keeps the
   * key; the chain leaf-CA is Valid now, Invalid after the leaf's validity, Unknown without the CA;
   * the same in a batch, the renewal's identifier from the ID Placeholder.
   */
  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void reCertifyAndValidate(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      KeyPairIds ca = c.createKeyPair("RSA", 2048).name("rc-ca-" + v).privateKeyUsage(SIGN, CERTIFICATE_SIGN)
          .activate().execute();
      String caCert = c.certify(ca.publicKeyUniqueIdentifier(), ca.privateKeyUniqueIdentifier(), null);
      KeyPairIds leaf = c.createKeyPair("EC", null).curve(keyward.kmip.spec.RecommendedCurve.P_256).name("rc-leaf-" + v).execute();
      String first = c.certify(leaf.publicKeyUniqueIdentifier(), ca.privateKeyUniqueIdentifier(), caCert,
          AttributeValues.name("rc-cert-" + v));
      String second = c.reCertify(first, null);
      X509Certificate renewed = x509(c.get(second));
      renewed.verify(x509(c.get(caCert)).getPublicKey());
      assertThat(renewed.getPublicKey()).isEqualTo(x509(c.get(first)).getPublicKey());
      assertThat(c.getAttributes(second, "Name").display()).containsEntry("Name", "rc-cert-" + v);

      assertThat(c.validate(java.util.List.of(second, caCert), java.util.List.of(), null))
          .isEqualTo(keyward.kmip.spec.ValidityIndicator.VALID);
      assertThat(c.validate(java.util.List.of(second), java.util.List.of(), null))
          .isEqualTo(keyward.kmip.spec.ValidityIndicator.UNKNOWN);
      assertThat(c.validate(java.util.List.of(second), java.util.List.of(c.get(caCert)),
          renewed.getNotAfter().toInstant().plusSeconds(86_400))).isEqualTo(keyward.kmip.spec.ValidityIndicator.INVALID);

      keyward.client.BatchResult r = c.batch().reCertify(second, 3600L).execute();
      String third = r.items().getFirst().uniqueIdentifier();
      assertThat(x509(c.get(third)).getNotBefore().toInstant()).isAfter(renewed.getNotBefore().toInstant());
      assertThat(c.batch().validate(java.util.List.of(third, caCert), java.util.List.of(), null).execute()
          .items().getFirst().validityIndicator()).isEqualTo(keyward.kmip.spec.ValidityIndicator.INVALID);
    }
  }

  /** PKCS#12 and PGP keys through the client: Get as PKCS#12, Register it back; a PGP key as given. */
  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void pkcs12AndPgpKeys(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String password = c.registerSecretData("p12 password".getBytes(java.nio.charset.StandardCharsets.UTF_8)).execute();
      KeyPairIds ca = c.createKeyPair("RSA", 2048).name("p12-" + v).privateKeyUsage(SIGN, CERTIFICATE_SIGN)
          .activate().execute();
      String cert = c.certify(ca.publicKeyUniqueIdentifier(), ca.privateKeyUniqueIdentifier(), null);
      c.addAttribute(ca.privateKeyUniqueIdentifier(),
          AttributeValues.link(keyward.kmip.spec.LinkType.PKCS_12_PASSWORD_LINK, password));
      byte[] pfx = c.getPkcs12(ca.privateKeyUniqueIdentifier());
      java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
      ks.load(new ByteArrayInputStream(pfx), "p12 password".toCharArray());
      String alias = ks.aliases().nextElement();
      assertThat(ks.getCertificate(alias).getEncoded()).isEqualTo(c.get(cert));

      String copy = c.registerPkcs12(pfx, password).execute();
      byte[] again = c.getPkcs12(copy);
      java.security.KeyStore ks2 = java.security.KeyStore.getInstance("PKCS12");
      ks2.load(new ByteArrayInputStream(again), "p12 password".toCharArray());
      assertThat(ks2.getKey(ks2.aliases().nextElement(), "p12 password".toCharArray()).getEncoded())
          .isEqualTo(ks.getKey(alias, "p12 password".toCharArray()).getEncoded());

      byte[] armored = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBF\n-----END PGP PUBLIC KEY BLOCK-----\n"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      String pgp = c.registerPgpKey(4, armored).name("pgp-" + v).execute();
      assertThat(c.get(pgp)).isEqualTo(armored);
    }
  }
}
