package keyward.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NamesTest {

  /** Examples from KMIP Additional Message Encodings §6.1.3 and names the test cases use. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Create Key Pair|CreateKeyPair",
      "PKCS#11|PKCS_11",
      "Re-key|ReKey",
      "Re-key Key Pair|ReKeyKeyPair",
      "3DES|DES3",
      "SHA-256|SHA_256",
      "SHA3-224|SHA3_224",
      "P-192|P_192",
      "X.509|X_509",
      "Server Pre-Generated|ServerPreGenerated",
      "Pre-Active|PreActive",
      "Object archived|ObjectArchived",
      "IV/Counter/Nonce|IVCounterNonce",
      "MD2 with RSA Encryption (PKCS#1 v1.5)|MD2WithRSAEncryptionPKCS_1V1_5",
      "Polynomial Sharing GF (2^8)|PolynomialSharingGF2_8",
      "Tape Library Server KMIP v1.2|TapeLibraryServerKMIPV1_2",
      "  Decrypt   Encrypt |DecryptEncrypt"})
  void xmlName(String spec, String xml) {
    assertThat(Names.xmlName(spec)).isEqualTo(xml);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Activation Date|ACTIVATION_DATE",
      "MAC/Signature|MAC_SIGNATURE",
      "PKCS#11 Function|PKCS_11_FUNCTION",
      "3DES|DES3",
      "SHA-3-224|SHA_3_224",
      "SHA3-224|SHA3_224",
      "Content Commitment (Non Repudiation)|CONTENT_COMMITMENT_NON_REPUDIATION",
      "Re-key|RE_KEY",
      "128|V_128"})
  void upperSnake(String spec, String constant) {
    assertThat(Names.upperSnake(spec)).isEqualTo(constant);
  }

  @Test
  void upperSnakeOfPunctuationIsEmpty() {
    assertThat(Names.upperSnake("(-)")).isEmpty();
  }

  @Test
  void classNames() {
    assertThat(Names.className("Object Type")).isEqualTo("ObjectType");
    assertThat(Names.className("FIPS186 Variation")).isEqualTo("FIPS186Variation");
    assertThatThrownBy(() -> Names.className("( )")).isInstanceOf(IllegalArgumentException.class);
  }
}
