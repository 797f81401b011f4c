package keyward.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import keyward.spi.crypto.RngParameters;
import org.junit.jupiter.api.Test;

/** The generators behind randomBytes, and that the Random Number Generator description is true. */
class JcaCryptoEngineTest {

  /** A seed source that counts: 0, 1, 2, ... so the X9.31 output can be computed by hand. */
  private static final class Counting extends SecureRandom {
    private int next;

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) next++;
      }
    }

    @Override
    public byte[] generateSeed(int n) {
      byte[] b = new byte[n];
      nextBytes(b);
      return b;
    }
  }

  @Test
  void theDefaultIsTheJdkDrbgDescribedByItsOwnParameters() throws Exception {
    JcaCryptoEngine e = new JcaCryptoEngine();
    assertThat(e.rng()).isEqualTo(JcaCryptoEngine.describeDrbg(SecureRandom.getInstance("DRBG").toString()));
    // the JDK's default securerandom.drbg.config: Hash_DRBG over SHA-256, no prediction resistance
    assertThat(e.rng()).isEqualTo(new RngParameters("DRBG", null, null, "SHA-256", "Hash", false));
    assertThat(e.randomBytes(32)).hasSize(32).isNotEqualTo(e.randomBytes(32));
  }

  @Test
  void otherDrbgConfigurationsAreDescribedAsConfigured() {
    assertThat(JcaCryptoEngine.describeDrbg("CTR_DRBG,AES-256,256,pr_and_reseed"))
        .isEqualTo(new RngParameters("DRBG", "AES", 256, null, "CTR", true));
    assertThat(JcaCryptoEngine.describeDrbg("HMAC_DRBG,SHA-512,256,none"))
        .isEqualTo(new RngParameters("DRBG", null, null, "SHA-512", "HMAC", false));
  }

  /**
   * ANSI X9.31 A.2.4 with AES-256, recomputed here with the JDK's AES: key K and seed V come from
   * the DRBG (first 32, then 16 bytes); per block I = E(DT), R = E(I xor V), V = E(R xor I), DT + 1.
   */
  @Test
  void ansiX931OutputIsTheX931GeneratorOverAes256() throws Exception {
    byte[] dt = new byte[16];
    dt[15] = (byte) 0xFE; // the increment carries into dt[14] after the second block
    JcaCryptoEngine e = new JcaCryptoEngine(RngSetting.ANSI_X931_AES_256, new Counting(), dt.clone());
    assertThat(e.rng()).isEqualTo(new RngParameters("ANSI X9.31", "AES", 256, null, null, null));
    byte[] out = e.randomBytes(48);

    byte[] counting = new byte[48];
    new Counting().nextBytes(counting);
    Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(counting, 0, 32), "AES"));
    byte[] v = Arrays.copyOfRange(counting, 32, 48);
    byte[] expected = new byte[48];
    for (int block = 0; block < 3; block++) {
      byte[] i = aes.doFinal(dt);
      byte[] r = aes.doFinal(xor(i, v));
      v = aes.doFinal(xor(r, i));
      System.arraycopy(r, 0, expected, block * 16, 16);
      for (int k = 15; k >= 0 && ++dt[k] == 0; k--) {
        // big-endian increment
      }
    }
    assertThat(out).isEqualTo(expected);
  }

  @Test
  void settingsByTheirText() {
    assertThat(RngSetting.parse("drbg")).isEqualTo(RngSetting.DRBG);
    assertThat(RngSetting.parse("ansi-x9.31-aes-256")).isEqualTo(RngSetting.ANSI_X931_AES_256);
    assertThatThrownBy(() -> RngSetting.parse("x9.31")).hasMessageContaining("drbg").hasMessageContaining("ansi-x9.31-aes-256");
  }

  private static byte[] xor(byte[] a, byte[] b) {
    byte[] r = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = (byte) (a[i] ^ b[i]);
    }
    return r;
  }
}
