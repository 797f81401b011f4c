package keyward.app.client;

import static keyward.kmip.spec.CryptographicUsageMask.DECRYPT;
import static keyward.kmip.spec.CryptographicUsageMask.DERIVE_KEY;
import static keyward.kmip.spec.CryptographicUsageMask.ENCRYPT;
import static keyward.kmip.spec.CryptographicUsageMask.MAC_GENERATE;
import static keyward.kmip.spec.CryptographicUsageMask.MAC_VERIFY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import keyward.client.Batch;
import keyward.client.BatchResult;
import keyward.client.CipherResult;
import keyward.client.CryptographicParameters;
import keyward.client.KeyPairIds;
import keyward.client.KmipClient;
import keyward.client.KmipClientException;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.DerivationMethod;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.RecommendedCurve;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ValidityIndicator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Key pairs, key derivation and the cryptographic services through the client library against
 * the in-process server, in KMIP 1.4 (Template-Attribute shapes) and 2.1: round trips checked
 * against the JDK where the result is deterministic, and the server's refusals surfaced as
 * {@link KmipClientException} with their Result Reason.
 */
class KmipClientCryptoTest {
  static final byte[] MESSAGE = "attack at dawn, bring snacks".getBytes(StandardCharsets.UTF_8);
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

  /** 1.x has no Invalid Object Type; the server answers Invalid Field there. */
  static ResultReason invalidObjectType(KmipVersion v) {
    return v.atLeast(KmipVersion.V2_0) ? ResultReason.INVALID_OBJECT_TYPE : ResultReason.INVALID_FIELD;
  }

  static byte[] changed(byte[] b) {
    byte[] c = b.clone();
    c[c.length / 2] ^= 1;
    return c;
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void aesGcmRoundTripWithAServerMadeIvAndAdditionalData(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String id = c.createSymmetricKey("AES", 256).usage(ENCRYPT, DECRYPT).activate().execute();
      byte[] aad = "header".getBytes(StandardCharsets.UTF_8);
      CryptographicParameters gcm = CryptographicParameters.NONE.blockCipherMode(BlockCipherMode.GCM)
          .tagLength(16).randomIv(true);
      CipherResult enc = c.encrypt(id, MESSAGE, gcm, null, aad);
      assertThat(enc.uniqueIdentifier()).isEqualTo(id);
      assertThat(enc.ivCounterNonce()).hasSize(12);
      assertThat(enc.authenticatedEncryptionTag()).hasSize(16);
      assertThat(enc.data()).hasSameSizeAs(MESSAGE).isNotEqualTo(MESSAGE);

      // the JDK decrypts what the server encrypted, with the key's bytes
      Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
      jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(c.get(id), "AES"), new GCMParameterSpec(128, enc.ivCounterNonce()));
      jdk.updateAAD(aad);
      byte[] both = new byte[enc.data().length + 16];
      System.arraycopy(enc.data(), 0, both, 0, enc.data().length);
      System.arraycopy(enc.authenticatedEncryptionTag(), 0, both, enc.data().length, 16);
      assertThat(jdk.doFinal(both)).isEqualTo(MESSAGE);

      CipherResult dec = c.decrypt(id, enc.data(), gcm.randomIv(null), enc.ivCounterNonce(), aad,
          enc.authenticatedEncryptionTag());
      assertThat(dec.data()).isEqualTo(MESSAGE);
      assertThat(dec.authenticatedEncryptionTag()).isNull();

      // a changed tag is refused, not decrypted
      assertThatThrownBy(() -> c.decrypt(id, enc.data(), gcm.randomIv(null), enc.ivCounterNonce(), aad,
          changed(enc.authenticatedEncryptionTag())))
          .isInstanceOfSatisfying(KmipClientException.class,
              e -> assertThat(e.resultReason()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void aesCbcWithAGivenIvMatchesTheJdk(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String id = c.createSymmetricKey("AES", 128).activate().execute();
      byte[] iv = new byte[16];
      for (int i = 0; i < iv.length; i++) {
        iv[i] = (byte) i;
      }
      CryptographicParameters cbc = CryptographicParameters.NONE.blockCipherMode(BlockCipherMode.CBC)
          .paddingMethod(PaddingMethod.PKCS5);
      CipherResult enc = c.encrypt(id, MESSAGE, cbc, iv, null);
      assertThat(enc.ivCounterNonce()).isNull(); // given, not made
      Cipher jdk = Cipher.getInstance("AES/CBC/PKCS5Padding");
      jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(c.get(id), "AES"), new javax.crypto.spec.IvParameterSpec(iv));
      assertThat(enc.data()).isEqualTo(jdk.doFinal(MESSAGE));
      assertThat(c.decrypt(id, enc.data(), cbc, iv, null, null).data()).isEqualTo(MESSAGE);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void encryptNeedsTheEncryptUsage(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String id = c.createSymmetricKey("AES", 128).usage(DECRYPT).activate().execute();
      assertThatThrownBy(() -> c.encrypt(id, MESSAGE, CryptographicParameters.NONE.blockCipherMode(BlockCipherMode.ECB)
          .paddingMethod(PaddingMethod.PKCS5))).isInstanceOfSatisfying(KmipClientException.class,
          e -> assertThat(e.resultReason()).isEqualTo(v.atLeast(KmipVersion.V2_0)
              ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK : ResultReason.PERMISSION_DENIED));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void rsaKeyPairSignsAndVerifiesAndItsHalvesAreLinked(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String name = "signer-" + v;
      KeyPairIds ids = c.createKeyPair("RSA", 2048).name(name).activate().execute();
      Map<String, String> priv = c.getAttributes(ids.privateKeyUniqueIdentifier()).display();
      Map<String, String> pub = c.getAttributes(ids.publicKeyUniqueIdentifier()).display();
      assertThat(priv).containsEntry("Object Type", "Private Key").containsEntry("Name", name)
          .containsEntry("State", "Active").containsEntry("Cryptographic Length", "2048");
      assertThat(priv.get("Link")).contains(ids.publicKeyUniqueIdentifier());
      assertThat(pub).containsEntry("Object Type", "Public Key").containsEntry("Name", name + "-public");
      assertThat(pub.get("Link")).contains(ids.privateKeyUniqueIdentifier());
      assertThat(priv.get("Cryptographic Usage Mask")).contains("Sign");
      assertThat(pub.get("Cryptographic Usage Mask")).contains("Verify");

      CryptographicParameters pss = CryptographicParameters.NONE.paddingMethod(PaddingMethod.PSS)
          .hashingAlgorithm(HashingAlgorithm.SHA_256);
      byte[] signature = c.sign(ids.privateKeyUniqueIdentifier(), MESSAGE, pss);
      assertThat(signature).hasSize(256);
      assertThat(c.signatureVerify(ids.publicKeyUniqueIdentifier(), MESSAGE, signature, pss))
          .isEqualTo(ValidityIndicator.VALID);
      assertThat(c.signatureVerify(ids.publicKeyUniqueIdentifier(), changed(MESSAGE), signature, pss))
          .isEqualTo(ValidityIndicator.INVALID);
      assertThat(c.signatureVerify(ids.publicKeyUniqueIdentifier(), MESSAGE, changed(signature), pss))
          .isEqualTo(ValidityIndicator.INVALID);

      // the public key does not sign
      assertThatThrownBy(() -> c.sign(ids.publicKeyUniqueIdentifier(), MESSAGE, pss))
          .isInstanceOfSatisfying(KmipClientException.class,
              e -> assertThat(e.resultReason()).isEqualTo(invalidObjectType(v)));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void rsaOaepEncryptWithThePublicKeyDecryptWithThePrivateKey(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      KeyPairIds ids = c.createKeyPair("RSA", 2048).privateKeyUsage(DECRYPT).publicKeyUsage(ENCRYPT).activate().execute();
      CryptographicParameters oaep = CryptographicParameters.NONE.paddingMethod(PaddingMethod.OAEP)
          .hashingAlgorithm(HashingAlgorithm.SHA_256);
      CipherResult enc = c.encrypt(ids.publicKeyUniqueIdentifier(), MESSAGE, oaep);
      assertThat(enc.data()).hasSize(256);
      assertThat(c.decrypt(ids.privateKeyUniqueIdentifier(), enc.data(), oaep, null, null, null).data())
          .isEqualTo(MESSAGE);
      // this private key may Decrypt, not Sign (1.x: the server's ReasonsByVersion maps the 2.x
      // reason to Invalid Field for asymmetric keys; symmetric ones answer Permission Denied)
      assertThatThrownBy(() -> c.sign(ids.privateKeyUniqueIdentifier(), MESSAGE, null))
          .isInstanceOfSatisfying(KmipClientException.class, e -> assertThat(e.resultReason()).isEqualTo(
              v.atLeast(KmipVersion.V2_0) ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK
                  : ResultReason.INVALID_FIELD));
    }
  }

  @Test
  void aBatchCreatesActivatesAndEncryptsWithTheIdPlaceholder() throws Exception {
    try (KmipClient c = server.client(KmipVersion.V2_1)) {
      CryptographicParameters ctr = CryptographicParameters.NONE.blockCipherMode(BlockCipherMode.CTR).randomIv(true);
      BatchResult r = c.batch().add(c.createSymmetricKey("AES", 128))
          .activate(Batch.ID_PLACEHOLDER)
          .encrypt(Batch.ID_PLACEHOLDER, MESSAGE, ctr, null, null)
          .hash(HashingAlgorithm.SHA_256, MESSAGE)
          .rngRetrieve(8)
          .execute().orThrow();
      String id = r.item(0).uniqueIdentifier();
      CipherResult enc = r.item(2).cipherResult();
      assertThat(enc.uniqueIdentifier()).isEqualTo(id);
      assertThat(c.decrypt(id, enc.data(), ctr.randomIv(null), enc.ivCounterNonce(), null, null).data()).isEqualTo(MESSAGE);
      assertThat(r.item(3).data()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(MESSAGE));
      assertThat(r.item(4).data()).hasSize(8);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void ecKeyPairOnACurve(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      KeyPairIds ids = c.createKeyPair("EC", null).curve(RecommendedCurve.P_256).activate().execute();
      byte[] sig = c.sign(ids.privateKeyUniqueIdentifier(), MESSAGE, null);
      assertThat(c.signatureVerify(ids.publicKeyUniqueIdentifier(), MESSAGE, sig, null)).isEqualTo(ValidityIndicator.VALID);
      assertThat(c.signatureVerify(ids.publicKeyUniqueIdentifier(), changed(MESSAGE), sig, null))
          .isEqualTo(ValidityIndicator.INVALID);
    }
  }

  @Test
  void ed25519In21() throws Exception {
    try (KmipClient c = server.client(KmipVersion.V2_1)) {
      KeyPairIds ids = c.createKeyPair("Ed25519", null).activate().execute();
      byte[] sig = c.sign(ids.privateKeyUniqueIdentifier(), MESSAGE, null);
      assertThat(sig).hasSize(64);
      assertThat(c.signatureVerify(ids.publicKeyUniqueIdentifier(), MESSAGE, sig, null)).isEqualTo(ValidityIndicator.VALID);
      assertThat(c.signatureVerify(ids.publicKeyUniqueIdentifier(), MESSAGE, changed(sig), null))
          .isEqualTo(ValidityIndicator.INVALID);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void reKeyKeyPairReplacesBothHalves(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String name = "rotating-pair-" + v;
      KeyPairIds old = c.createKeyPair("RSA", 2048).name(name).activate().execute();
      KeyPairIds next = c.reKeyKeyPair(old.privateKeyUniqueIdentifier(), Duration.ofHours(1));
      assertThat(next.privateKeyUniqueIdentifier()).isNotEqualTo(old.privateKeyUniqueIdentifier());
      assertThat(next.publicKeyUniqueIdentifier()).isNotEqualTo(old.publicKeyUniqueIdentifier());
      assertThat(c.locate().name(name).execute()).containsExactly(next.privateKeyUniqueIdentifier());
      assertThat(c.locate().name(name + "-public").execute()).containsExactly(next.publicKeyUniqueIdentifier());
      Map<String, String> nextPriv = c.getAttributes(next.privateKeyUniqueIdentifier()).display();
      assertThat(nextPriv).containsEntry("State", "Pre-Active");
      assertThat(nextPriv.get("Link")).contains(old.privateKeyUniqueIdentifier()).contains(next.publicKeyUniqueIdentifier());
      // only a private key is re-keyed as a pair
      assertThatThrownBy(() -> c.reKeyKeyPair(old.publicKeyUniqueIdentifier(), null))
          .isInstanceOfSatisfying(KmipClientException.class,
              e -> assertThat(e.resultReason()).isEqualTo(invalidObjectType(v)));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void hmacMacAndVerifyMatchTheJdk(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String id = c.createSymmetricKey("HMAC-SHA256", 256).usage(MAC_GENERATE, MAC_VERIFY).activate().execute();
      byte[] mac = c.mac(id, MESSAGE, null);
      Mac jdk = Mac.getInstance("HmacSHA256");
      jdk.init(new SecretKeySpec(c.get(id), "HmacSHA256"));
      assertThat(mac).isEqualTo(jdk.doFinal(MESSAGE));
      assertThat(c.macVerify(id, MESSAGE, mac, null)).isEqualTo(ValidityIndicator.VALID);
      assertThat(c.macVerify(id, changed(MESSAGE), mac, null)).isEqualTo(ValidityIndicator.INVALID);
      // an encryption key may not MAC
      String aes = c.createSymmetricKey("AES", 128).activate().execute();
      assertThatThrownBy(() -> c.mac(aes, MESSAGE, null)).isInstanceOfSatisfying(KmipClientException.class,
          e -> assertThat(e.resultReason()).isEqualTo(v.atLeast(KmipVersion.V2_0)
              ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK : ResultReason.PERMISSION_DENIED));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void hashEqualsTheJdkDigest(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      assertThat(c.hash(HashingAlgorithm.SHA_256, MESSAGE)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(MESSAGE));
      assertThat(c.hash(HashingAlgorithm.SHA_512, MESSAGE)).isEqualTo(MessageDigest.getInstance("SHA-512").digest(MESSAGE));
      assertThatThrownBy(() -> c.hash(HashingAlgorithm.MD2, MESSAGE)).isInstanceOfSatisfying(KmipClientException.class,
          e -> assertThat(e.resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void rngRetrieveAndSeed(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      byte[] a = c.rngRetrieve(32);
      byte[] b = c.rngRetrieve(32);
      assertThat(a).hasSize(32).isNotEqualTo(b);
      assertThat(c.rngSeed(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).isEqualTo(8);
      assertThatThrownBy(() -> c.rngRetrieve(0)).isInstanceOfSatisfying(KmipClientException.class,
          e -> assertThat(e.resultReason()).isEqualTo(ResultReason.INVALID_FIELD));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void deriveKeyIsDeterministicAndLinkedToItsBase(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String base = c.createSymmetricKey("AES", 256).usage(DERIVE_KEY).activate().execute();
      byte[] salt = "salt-1234".getBytes(StandardCharsets.UTF_8);
      String one = c.deriveKey(base, DerivationMethod.PBKDF2).symmetricKey("AES", 128)
          .hashingAlgorithm(HashingAlgorithm.SHA_256).salt(salt).iterationCount(1000).name("derived-" + v).execute();
      String two = c.deriveKey(base, DerivationMethod.PBKDF2).symmetricKey("AES", 128)
          .hashingAlgorithm(HashingAlgorithm.SHA_256).salt(salt).iterationCount(1000).execute();
      String other = c.deriveKey(base, DerivationMethod.PBKDF2).symmetricKey("AES", 128)
          .hashingAlgorithm(HashingAlgorithm.SHA_256).salt("salt-5678".getBytes(StandardCharsets.UTF_8))
          .iterationCount(1000).execute();
      assertThat(c.get(one)).hasSize(16).isEqualTo(c.get(two)).isNotEqualTo(c.get(other));
      Map<String, String> a = c.getAttributes(one).display();
      assertThat(a).containsEntry("Name", "derived-" + v).containsEntry("Cryptographic Algorithm", "AES");
      assertThat(a.get("Link")).contains(base);

      String secret = c.deriveKey(base, DerivationMethod.HKDF).secretData(256).salt(salt)
          .derivationData("info".getBytes(StandardCharsets.UTF_8)).execute();
      assertThat(c.get(secret)).hasSize(32);

      // PBKDF2 without its Iteration Count is refused
      assertThatThrownBy(() -> c.deriveKey(base, DerivationMethod.PBKDF2).symmetricKey("AES", 128).salt(salt).execute())
          .isInstanceOfSatisfying(KmipClientException.class,
              e -> assertThat(e.resultReason()).isEqualTo(ResultReason.INVALID_FIELD));
    }
  }
}
