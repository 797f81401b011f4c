package keyward.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PKCS#1 v1.5 decryption with implicit rejection against the published vectors of the IRTF CFRG
 * RSA guidance draft (appendix B.1): valid ciphertexts give their message, and each kind of bad
 * padding gives the draft's synthetic message, byte for byte: no error a caller could use as an oracle.
 */
class Pkcs1ImplicitRejectionTest {
  private static final String DIR = "/pkcs1-implicit-rejection/";

  record Vector(String title, byte[] ciphertext, byte[] expected) {
    @Override
    public String toString() {
      return title;
    }
  }

  static Stream<Vector> vectors() throws IOException {
    List<Vector> out = new ArrayList<>();
    for (String line : resource("k2048.tsv").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      out.add(new Vector(f[0], HexFormat.of().parseHex(f[1]), HexFormat.of().parseHex(f[2])));
    }
    assertThat(out).hasSize(12);
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void publishedVector(Vector v) throws Exception {
    assertThat(HexFormat.of().formatHex(Pkcs1ImplicitRejection.decrypt(key(), v.ciphertext())))
        .isEqualTo(HexFormat.of().formatHex(v.expected()));
  }

  @Test
  void roundTripsWithTheJdkAtEveryLength() throws Exception {
    var pair = KeyPairGenerator.getInstance("RSA");
    pair.initialize(2048);
    var kp = pair.generateKeyPair();
    Cipher enc = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    enc.init(Cipher.ENCRYPT_MODE, kp.getPublic());
    for (int len : new int[] {0, 1, 16, 100, 245}) {
      byte[] m = new byte[len];
      java.util.Arrays.fill(m, (byte) 0x5a);
      assertThat(Pkcs1ImplicitRejection.decrypt((RSAPrivateKey) kp.getPrivate(), enc.doFinal(m))).isEqualTo(m);
    }
  }

  @Test
  void aCiphertextOfTheWrongLengthIsRefused() {
    assertThatThrownBy(() -> Pkcs1ImplicitRejection.decrypt(key(), new byte[255]))
        .isInstanceOf(GeneralSecurityException.class);
  }

  private static RSAPrivateKey key() throws Exception {
    String pem = resource("k2048.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return (RSAPrivateKey) KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Pkcs1ImplicitRejectionTest.class.getResourceAsStream(DIR + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
