package keyward.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import keyward.kmip.compat.PayloadShapes;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.DerivationMethod;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.RecommendedCurve;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;

/**
 * The request payloads of Create Key Pair, Derive Key and the Cryptographic Parameters: what
 * is sent, and that the 1.x shape the client makes is what the server's edge turns back into
 * the 2.x one.
 */
class CryptoRequestsTest {
  static Item.Structure payload(List<Item> items) {
    return new Item.Structure(Tag.REQUEST_PAYLOAD, items);
  }

  @Test
  void createKeyPairSendsAUsageMaskAndANameForEachHalf() {
    Item.Structure v2 = payload(new KeyPairRequest(null, "EC", null).curve(RecommendedCurve.P_256).name("signer")
        .privateKeyUsage(CryptographicUsageMask.SIGN).publicKeyUsage(CryptographicUsageMask.VERIFY).payload());
    Item.Structure common = (Item.Structure) v2.first(Tag.COMMON_ATTRIBUTES).orElseThrow();
    assertThat(common.first(Tag.CRYPTOGRAPHIC_ALGORITHM))
        .contains(new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.EC.value()));
    assertThat(common.first(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS)).isPresent();
    Item.Structure priv = (Item.Structure) v2.first(Tag.PRIVATE_KEY_ATTRIBUTES).orElseThrow();
    Item.Structure pub = (Item.Structure) v2.first(Tag.PUBLIC_KEY_ATTRIBUTES).orElseThrow();
    assertThat(priv.items()).contains(AttributeValues.name("signer"),
        new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.SIGN.value()));
    assertThat(pub.items()).contains(AttributeValues.name("signer-public"),
        new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.VERIFY.value()));

    Item.Structure v1 = Shapes.requestToV1(Operation.CREATE_KEY_PAIR, v2);
    assertThat(v1.first(Tag.COMMON_TEMPLATE_ATTRIBUTE)).isPresent();
    assertThat(v1.first(Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE)).isPresent();
    assertThat(v1.first(Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE)).isPresent();
    assertThat(v1.first(Tag.COMMON_ATTRIBUTES)).isEmpty();
    assertThat(PayloadShapes.requestToV2(Operation.CREATE_KEY_PAIR, v1)).isEqualTo(v2);
  }

  @Test
  void keyPairUsageDefaultsToSignAndVerify() {
    Item.Structure v2 = payload(new KeyPairRequest(null, "RSA", 2048).payload());
    assertThat(((Item.Structure) v2.first(Tag.PRIVATE_KEY_ATTRIBUTES).orElseThrow()).items())
        .containsExactly(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.SIGN.value()));
    assertThat(((Item.Structure) v2.first(Tag.PUBLIC_KEY_ATTRIBUTES).orElseThrow()).items())
        .containsExactly(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.VERIFY.value()));
    assertThatThrownBy(() -> new KeyPairRequest(null, "Caesar", 1)).hasMessageContaining("unknown Cryptographic Algorithm");
  }

  @Test
  void deriveKeyCarriesItsDerivationParametersIn1xAnd2x() {
    byte[] salt = "salt".getBytes(StandardCharsets.UTF_8);
    Item.Structure v2 = payload(new DeriveKeyRequest(null, "7", DerivationMethod.PBKDF2).symmetricKey("AES", 128)
        .hashingAlgorithm(HashingAlgorithm.SHA_512).salt(salt).iterationCount(4096).name("derived").payload());
    assertThat(v2.first(Tag.UNIQUE_IDENTIFIER)).contains(new Item.TextString(Tag.UNIQUE_IDENTIFIER, "7"));
    Item.Structure dp = (Item.Structure) v2.first(Tag.DERIVATION_PARAMETERS).orElseThrow();
    assertThat(dp.first(Tag.ITERATION_COUNT)).contains(new Item.Integer(Tag.ITERATION_COUNT, 4096));
    assertThat(((Item.ByteString) dp.first(Tag.SALT).orElseThrow()).value()).isEqualTo(salt);
    assertThat(dp.first(Tag.CRYPTOGRAPHIC_PARAMETERS))
        .contains(CryptographicParameters.hashing(HashingAlgorithm.SHA_512).toItem());
    Item.Structure attrs = (Item.Structure) v2.first(Tag.ATTRIBUTES).orElseThrow();
    assertThat(attrs.items()).contains(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
        CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value()));

    Item.Structure v1 = Shapes.requestToV1(Operation.DERIVE_KEY, v2);
    assertThat(v1.first(Tag.TEMPLATE_ATTRIBUTE)).isPresent();
    assertThat(PayloadShapes.requestToV2(Operation.DERIVE_KEY, v1)).isEqualTo(v2);

    assertThatThrownBy(() -> new DeriveKeyRequest(null, "7", DerivationMethod.HKDF).payload())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("symmetricKey");
  }

  @Test
  void cryptographicParametersSendOnlyWhatIsSetInTheSpecsOrder() {
    assertThat(CryptographicParameters.NONE.isEmpty()).isTrue();
    CryptographicParameters p = CryptographicParameters.NONE.tagLength(16).randomIv(true)
        .paddingMethod(PaddingMethod.NONE).blockCipherMode(BlockCipherMode.GCM);
    assertThat(p.isEmpty()).isFalse();
    assertThat(p.toItem().items()).containsExactly(
        new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.GCM.value()),
        new Item.Enumeration(Tag.PADDING_METHOD, PaddingMethod.NONE.value()),
        new Item.Boolean(Tag.RANDOM_IV, true),
        new Item.Integer(Tag.TAG_LENGTH, 16));
  }

  @Test
  void aCipherResultDoesNotPrintItsData() {
    CipherResult r = new CipherResult("1", "top secret".getBytes(StandardCharsets.UTF_8), new byte[12], null);
    assertThat(r.toString()).doesNotContain("top secret").contains("10 bytes").contains("IV 12 bytes");
  }
}
