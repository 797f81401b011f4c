package keyward.app.client;

import static keyward.kmip.spec.CryptographicUsageMask.DECRYPT;
import static keyward.kmip.spec.CryptographicUsageMask.DERIVE_KEY;
import static keyward.kmip.spec.CryptographicUsageMask.ENCRYPT;
import static keyward.kmip.spec.CryptographicUsageMask.MAC_GENERATE;
import static keyward.kmip.spec.CryptographicUsageMask.MAC_VERIFY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import keyward.client.CipherResult;
import keyward.client.CryptographicParameters;
import keyward.client.KeyPairIds;
import keyward.client.KmipClient;
import keyward.client.MacResult;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.DerivationMethod;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ValidityIndicator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modes of issue #10 through the client library against the in-process server: AES-XTS,
 * GMAC (checked against the JDK's GCM), ML-KEM encapsulation and the SP 800-108 feedback mode's
 * Initialization Vector.
 */
class KmipClientCryptoModesTest {
  static final byte[] MESSAGE = "a sector's worth of data, not block aligned".getBytes(StandardCharsets.UTF_8);
  @TempDir static java.nio.file.Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir.resolve("data"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void xtsRoundTripWithA512BitKey() throws Exception {
    try (KmipClient c = server.client(KmipVersion.V2_1)) {
      String id = c.createSymmetricKey("AES", 512).usage(ENCRYPT, DECRYPT).activate().execute();
      CryptographicParameters xts = CryptographicParameters.NONE.blockCipherMode(BlockCipherMode.XTS);
      CipherResult enc = c.encrypt(id, MESSAGE, xts.randomIv(true));
      assertThat(enc.data()).hasSize(MESSAGE.length).isNotEqualTo(MESSAGE);
      assertThat(enc.ivCounterNonce()).hasSize(16);
      assertThat(c.decrypt(id, enc.data(), xts, enc.ivCounterNonce(), null, null).data()).isEqualTo(MESSAGE);
    }
  }

  /** GMAC is the GCM tag over additional data only: the JDK computes the same from the key bytes. */
  @Test
  void gmacWithAServerMadeIvMatchesTheJdk() throws Exception {
    try (KmipClient c = server.client(KmipVersion.V2_1)) {
      String id = c.createSymmetricKey("AES", 256).usage(MAC_GENERATE, MAC_VERIFY).activate().execute();
      CryptographicParameters gmac = CryptographicParameters.NONE.blockCipherMode(BlockCipherMode.GCM);
      MacResult m = c.mac(id, MESSAGE, gmac.randomIv(true), null);
      assertThat(m.ivCounterNonce()).hasSize(12);
      Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
      jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(c.get(id), "AES"), new GCMParameterSpec(128, m.ivCounterNonce()));
      jdk.updateAAD(MESSAGE);
      assertThat(m.macData()).isEqualTo(jdk.doFinal());
      assertThat(c.macVerify(id, MESSAGE, m.macData(), gmac, m.ivCounterNonce())).isEqualTo(ValidityIndicator.VALID);
      assertThat(c.macVerify(id, MESSAGE, m.macData(), gmac, new byte[12])).isEqualTo(ValidityIndicator.INVALID);
    }
  }

  @Test
  void mlKemBothSidesHoldTheSameNewKey() throws Exception {
    try (KmipClient c = server.client(KmipVersion.V2_1)) {
      KeyPairIds ids = c.createKeyPair("ML-KEM-768", null).privateKeyUsage(DECRYPT).publicKeyUsage(ENCRYPT)
          .activate().execute();
      CipherResult sent = c.encapsulate(ids.publicKeyUniqueIdentifier());
      assertThat(sent.data()).hasSize(1088);
      String received = c.decapsulate(ids.privateKeyUniqueIdentifier(), sent.data());
      assertThat(received).isNotEqualTo(sent.uniqueIdentifier());
      assertThat(c.get(sent.uniqueIdentifier())).hasSize(32).isEqualTo(c.get(received));
    }
  }

  @Test
  void feedbackModeTakesTheInitializationVector() throws Exception {
    try (KmipClient c = server.client(KmipVersion.V2_1)) {
      String base = c.createSymmetricKey("HMAC-SHA256", 256).usage(DERIVE_KEY).activate().execute();
      byte[] fixed = "label\0context".getBytes(StandardCharsets.ISO_8859_1);
      String a = c.deriveKey(base, DerivationMethod.NIST800_108_F).secretData(256).derivationData(fixed)
          .initializationVector(new byte[32]).execute();
      String b = c.deriveKey(base, DerivationMethod.NIST800_108_F).secretData(256).derivationData(fixed)
          .initializationVector(new byte[32]).execute();
      String other = c.deriveKey(base, DerivationMethod.NIST800_108_F).secretData(256).derivationData(fixed)
          .initializationVector(new byte[] {1}).execute();
      String pipeline = c.deriveKey(base, DerivationMethod.NIST800_108_DPI).secretData(256).derivationData(fixed)
          .execute();
      assertThat(c.get(a)).hasSize(32).isEqualTo(c.get(b)).isNotEqualTo(c.get(other)).isNotEqualTo(c.get(pipeline));
    }
  }
}
