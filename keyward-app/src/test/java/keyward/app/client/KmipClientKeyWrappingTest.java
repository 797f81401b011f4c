package keyward.app.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import keyward.client.CryptographicParameters;
import keyward.client.KeyWrappingSpecification;
import keyward.client.KmipClient;
import keyward.client.KmipClientException;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.EncodingOption;
import keyward.kmip.spec.KeyWrapType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** KmipClient asks for wrapped keys, registers them wrapped and gets them back unwrapped, over TLS. */
class KmipClientKeyWrappingTest {
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

  private static Item.Structure block(Item.Structure payload) {
    Item.Structure key = (Item.Structure) payload.first(Tag.SYMMETRIC_KEY).orElseThrow();
    return (Item.Structure) key.first(Tag.KEY_BLOCK).orElseThrow();
  }

  private static byte[] bytes(Item.Structure s, int tag) {
    return ((Item.ByteString) s.first(tag).orElseThrow()).value();
  }

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_4", "V2_1"})
  void gcmWrapRegisterWrappedUnwrap(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String kek = c.createSymmetricKey("AES", 256).usage(CryptographicUsageMask.WRAP_KEY, CryptographicUsageMask.UNWRAP_KEY)
          .activate().execute();
      String key = c.createSymmetricKey("AES", 128).usage(CryptographicUsageMask.ENCRYPT).activate().execute();
      byte[] plain = c.get(key);
      Item.Structure wrapped = c.getWrapped(key, KeyWrappingSpecification.encrypt(kek)
          .encryptionParameters(CryptographicParameters.NONE.blockCipherMode(BlockCipherMode.GCM))
          .encoding(EncodingOption.NO_ENCODING));
      Item.Structure data = (Item.Structure) block(wrapped).first(Tag.KEY_WRAPPING_DATA).orElseThrow();
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(c.get(kek), "AES"),
          new GCMParameterSpec(128, bytes(data, Tag.IV_COUNTER_NONCE)));
      assertThat(gcm.doFinal(bytes(block(wrapped), Tag.KEY_VALUE))).isEqualTo(plain);
      // the wrapped object registers as it is and stays wrapped
      Item.Structure object = (Item.Structure) wrapped.first(Tag.SYMMETRIC_KEY).orElseThrow();
      String again = c.registerObject(ObjectType.SYMMETRIC_KEY, object).usage(CryptographicUsageMask.ENCRYPT).execute();
      assertThat(c.getObject(again, KeyWrapType.AS_REGISTERED).first(Tag.SYMMETRIC_KEY)).contains(object);
      assertThatThrownBy(() -> c.get(again)).isInstanceOf(KmipClientException.class);
      assertThat(block(c.getObject(again, KeyWrapType.NOT_WRAPPED)).first(Tag.KEY_VALUE)).contains(
          new Item.Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, plain)));
    }
  }

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_4", "V2_1"})
  void hmacThenEncryptWithAnAttribute(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String kek = c.createSymmetricKey("AES", 256).usage(CryptographicUsageMask.WRAP_KEY, CryptographicUsageMask.UNWRAP_KEY)
          .activate().execute();
      String mac = c.createSymmetricKey("HMAC-SHA256", 256)
          .usage(CryptographicUsageMask.MAC_GENERATE, CryptographicUsageMask.MAC_VERIFY).activate().execute();
      String key = c.createSymmetricKey("AES", 128).usage(CryptographicUsageMask.ENCRYPT).activate().execute();
      KeyWrappingSpecification spec = KeyWrappingSpecification.macSignThenEncrypt(kek, mac)
          .attributes("Cryptographic Usage Mask");
      assertThat(spec.toItem().all(Tag.ATTRIBUTE_NAME)).hasSize(1);
      Item.Structure wrapped = c.getWrapped(key, spec);
      Item.Structure data = (Item.Structure) block(wrapped).first(Tag.KEY_WRAPPING_DATA).orElseThrow();
      assertThat(data.first(Tag.MAC_SIGNATURE)).isPresent();
      assertThat(List.of(data.first(Tag.ENCRYPTION_KEY_INFORMATION).isPresent(),
          data.first(Tag.MAC_SIGNATURE_KEY_INFORMATION).isPresent())).containsExactly(true, true);
      String again = c.registerObject(ObjectType.SYMMETRIC_KEY,
          (Item.Structure) wrapped.first(Tag.SYMMETRIC_KEY).orElseThrow()).execute();
      Item.Structure value = (Item.Structure) block(c.getObject(again, KeyWrapType.NOT_WRAPPED)).first(Tag.KEY_VALUE)
          .orElseThrow();
      assertThat(bytes(value, Tag.KEY_MATERIAL)).isEqualTo(c.get(key));
      assertThat(value.first(v == KmipVersion.V2_1 ? Tag.ATTRIBUTES : Tag.ATTRIBUTE)).isPresent();
    }
  }
}
