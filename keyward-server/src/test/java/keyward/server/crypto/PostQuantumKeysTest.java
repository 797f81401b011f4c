package keyward.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.KEM;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.AsymmetricFormats;
import keyward.server.object.AsymmetricKeyBlocks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The post-quantum key pairs (KMIP 3.0 draft Cryptographic Algorithm values): generated, held in
 * PKCS#8 / X.509 key blocks and read back as the same keys; ML-DSA and SLH-DSA sign and verify,
 * ML-KEM encapsulates to the public key and decapsulates with the private one. Other formats
 * are Key Format Type Not Supported.
 */
class PostQuantumKeysTest {
  private final JcaCryptoEngine crypto = new JcaCryptoEngine();

  @ParameterizedTest
  @EnumSource(value = CryptographicAlgorithm.class, names = {"ML_KEM_512", "ML_KEM_768", "ML_KEM_1024",
      "ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "SLH_DSA_SHA2_128F", "SLH_DSA_SHAKE_128F"})
  void generateStoreReadBackAndUse(CryptographicAlgorithm alg) throws Exception {
    AsymmetricKeys.Kind kind = AsymmetricKeys.kind(alg.value(), null, null);
    KeyPair pair = AsymmetricKeys.generate(kind, crypto);
    Item.Structure privBlock = block(KeyFormatType.PKCS_8, AsymmetricKeyBlocks.material(pair.getPrivate(), KeyFormatType.PKCS_8));
    Item.Structure pubBlock = block(KeyFormatType.X_509, AsymmetricKeyBlocks.material(pair.getPublic(), KeyFormatType.X_509));
    PrivateKey priv = AsymmetricKeyBlocks.privateKey(privBlock);
    PublicKey pub = AsymmetricKeyBlocks.publicKey(pubBlock);
    assertThat(pub.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    assertThat(AsymmetricFormats.algorithm(pub)).contains(alg);
    assertThat(AsymmetricKeys.length(pub)).isEqualTo(kind.length());
    if (alg.name().startsWith("ML_KEM")) {
      KEM.Encapsulated e = KEM.getInstance("ML-KEM").newEncapsulator(pub).encapsulate();
      assertThat(KEM.getInstance("ML-KEM").newDecapsulator(priv).decapsulate(e.encapsulation()).getEncoded())
          .isEqualTo(e.key().getEncoded());
      assertThatThrownBy(() -> Signatures.sign(priv, AsymmetricParameters.NONE, new byte[] {1}, false))
          .isInstanceOf(KmipException.class);
    } else {
      byte[] data = {1, 2, 3};
      byte[] sig = Signatures.sign(priv, AsymmetricParameters.NONE, data, false);
      assertThat(Signatures.verify(pub, AsymmetricParameters.NONE, data, false, sig)).isTrue();
      sig[0] ^= 1;
      assertThat(Signatures.verify(pub, AsymmetricParameters.NONE, data, false, sig)).isFalse();
    }
    for (KeyFormatType f : new KeyFormatType[] {KeyFormatType.PKCS_1, KeyFormatType.RAW,
        KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY}) {
      assertThatThrownBy(() -> AsymmetricKeyBlocks.convert(ObjectType.PRIVATE_KEY, privBlock, f))
          .isInstanceOfSatisfying(KmipException.class,
              e -> assertThat(e.reason()).isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED));
    }
  }

  @ParameterizedTest
  @EnumSource(value = CryptographicAlgorithm.class, names = {"ML_KEM_768", "ML_DSA_65"})
  void aLengthThatIsNotTheParameterSetsIsRefused(CryptographicAlgorithm alg) {
    assertThatThrownBy(() -> AsymmetricKeys.kind(alg.value(), 1024, null))
        .isInstanceOfSatisfying(KmipException.class, e -> assertThat(e.reason()).isEqualTo(ResultReason.INVALID_FIELD));
  }

  private static Item.Structure block(KeyFormatType f, Item material) {
    return new Item.Structure(Tag.KEY_BLOCK, new Item.Enumeration(Tag.KEY_FORMAT_TYPE, f.value()),
        new Item.Structure(Tag.KEY_VALUE, material));
  }
}
