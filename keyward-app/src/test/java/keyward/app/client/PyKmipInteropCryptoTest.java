package keyward.app.client;

import static keyward.kmip.spec.CryptographicUsageMask.DECRYPT;
import static keyward.kmip.spec.CryptographicUsageMask.DERIVE_KEY;
import static keyward.kmip.spec.CryptographicUsageMask.ENCRYPT;
import static keyward.kmip.spec.CryptographicUsageMask.MAC_GENERATE;
import static keyward.kmip.spec.CryptographicUsageMask.MAC_VERIFY;
import static keyward.kmip.spec.CryptographicUsageMask.SIGN;
import static keyward.kmip.spec.CryptographicUsageMask.VERIFY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import keyward.client.CryptographicParameters;
import keyward.client.KeyPairIds;
import keyward.client.KmipClient;
import keyward.client.TlsFiles;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.DerivationMethod;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.ValidityIndicator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client's key pair and cryptographic-service requests against PyKMIP 0.10's server, an
 * independent implementation ({@link PyKmipServer}): Create Key Pair (RSA), Sign and Signature
 * Verify, Encrypt and Decrypt (AES-CBC), MAC (HMAC-SHA256) and Derive Key (PBKDF2), each
 * checked against the JDK where the result is deterministic, in KMIP 1.2, 1.4 and 2.0. Hash,
 * RNG Retrieve/Seed, Re-key Key Pair and MAC Verify are not among PyKMIP's operations.
 */
class PyKmipInteropCryptoTest {
  static final byte[] MESSAGE = "interoperable bytes".getBytes(StandardCharsets.UTF_8);
  @TempDir static Path dir;
  static PyKmipServer pykmip;

  @BeforeAll
  static void start() throws Exception {
    pykmip = PyKmipServer.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (pykmip != null) {
      pykmip.close();
    }
  }

  static KmipClient client(KmipVersion v) throws Exception {
    Path pki = pykmip.pki; // PyKMIP's test PKI: its certificate names localhost; we are alice
    return KmipClient.builder().server("localhost", pykmip.port)
        .tls(TlsFiles.pem(pki.resolve("alice.crt"), pki.resolve("alice.key"), pki.resolve("ca.crt")))
        .version(v).build();
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_2", "V1_4", "V2_0"})
  void rsaKeyPairSignsAndVerifies(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      KeyPairIds ids = c.createKeyPair("RSA", 2048).name("interop-pair-" + v + "-" + System.nanoTime())
          .privateKeyUsage(SIGN).publicKeyUsage(VERIFY).execute();
      c.activate(ids.privateKeyUniqueIdentifier());
      c.activate(ids.publicKeyUniqueIdentifier());
      CryptographicParameters pss = CryptographicParameters.NONE.paddingMethod(PaddingMethod.PSS)
          .hashingAlgorithm(HashingAlgorithm.SHA_256).cryptographicAlgorithm(CryptographicAlgorithm.RSA);
      byte[] signature = c.sign(ids.privateKeyUniqueIdentifier(), MESSAGE, pss);
      assertThat(signature).hasSize(256);
      assertThat(c.signatureVerify(ids.publicKeyUniqueIdentifier(), MESSAGE, signature, pss))
          .isEqualTo(ValidityIndicator.VALID);
      byte[] changed = MESSAGE.clone();
      changed[0] ^= 1;
      assertThat(c.signatureVerify(ids.publicKeyUniqueIdentifier(), changed, signature, pss))
          .isEqualTo(ValidityIndicator.INVALID);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_2", "V1_4", "V2_0"})
  void aesCbcEncryptDecryptMatchesTheJdk(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      String id = c.createSymmetricKey("AES", 128).usage(ENCRYPT, DECRYPT).execute();
      c.activate(id);
      byte[] iv = new byte[16];
      iv[3] = 7;
      CryptographicParameters cbc = CryptographicParameters.NONE.blockCipherMode(BlockCipherMode.CBC)
          .paddingMethod(PaddingMethod.PKCS5).cryptographicAlgorithm(CryptographicAlgorithm.AES);
      byte[] ct = c.encrypt(id, MESSAGE, cbc, iv, null).data();
      Cipher jdk = Cipher.getInstance("AES/CBC/PKCS5Padding");
      jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(c.get(id), "AES"), new IvParameterSpec(iv));
      assertThat(ct).isEqualTo(jdk.doFinal(MESSAGE));
      assertThat(c.decrypt(id, ct, cbc, iv, null, null).data()).isEqualTo(MESSAGE);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_2", "V1_4", "V2_0"})
  void hmacMatchesTheJdk(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      // PyKMIP creates no HMAC keys; it takes a registered one
      byte[] key = new byte[32];
      for (int i = 0; i < key.length; i++) {
        key[i] = (byte) (i * 7 + 1);
      }
      String id = c.registerSymmetricKey("HMAC-SHA256", key).usage(MAC_GENERATE, MAC_VERIFY).execute();
      c.activate(id);
      byte[] mac = c.mac(id, MESSAGE, CryptographicParameters.NONE.cryptographicAlgorithm(CryptographicAlgorithm.HMAC_SHA256));
      Mac jdk = Mac.getInstance("HmacSHA256");
      jdk.init(new SecretKeySpec(key, "HmacSHA256"));
      assertThat(mac).isEqualTo(jdk.doFinal(MESSAGE));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_2", "V1_4", "V2_0"})
  void pbkdf2DerivationMatchesTheJdk(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      byte[] base = Arrays.copyOf("correct horse battery staple".getBytes(StandardCharsets.US_ASCII), 32);
      String baseId = c.registerSymmetricKey("AES", base).usage(DERIVE_KEY).execute();
      c.activate(baseId);
      byte[] salt = "NaCl-salt".getBytes(StandardCharsets.US_ASCII);
      String derived = c.deriveKey(baseId, DerivationMethod.PBKDF2).symmetricKey("AES", 128)
          .hashingAlgorithm(HashingAlgorithm.SHA_256).salt(salt).iterationCount(1000).execute();
      char[] password = new char[base.length]; // the JDK's PBKDF2 takes the password as chars of one byte each
      for (int i = 0; i < password.length; i++) {
        password[i] = (char) (base[i] & 0xff);
      }
      byte[] expected = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(password, salt, 1000, 128)).getEncoded();
      assertThat(c.get(derived)).isEqualTo(expected);
    }
  }

  @Test
  void pyKmipOffersTheOperationsTestedHereAndNotTheOthers() throws Exception {
    try (KmipClient c = client(KmipVersion.V2_0)) {
      assertThat(c.query().operations()).contains(Operation.CREATE_KEY_PAIR, Operation.SIGN,
          Operation.SIGNATURE_VERIFY, Operation.ENCRYPT, Operation.DECRYPT, Operation.MAC, Operation.DERIVE_KEY)
          .doesNotContain(Operation.HASH, Operation.RNG_RETRIEVE, Operation.RNG_SEED, Operation.RE_KEY_KEY_PAIR,
              Operation.MAC_VERIFY);
    }
  }
}
