package keyward.server.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RSAES-PKCS1-v1_5 decryption with implicit rejection: a ciphertext whose padding is wrong
 * decrypts to a synthetic message instead of failing, so a Decrypt caller cannot use the server
 * as a Bleichenbacher padding oracle. The synthetic message is a deterministic function of the
 * private key and the ciphertext (the same wrong ciphertext always gives the same answer), keyed
 * by a secret the caller does not know, so it looks like any other plaintext. This is the scheme
 * of the IRTF CFRG RSA guidance draft ("implicit rejection"), also OpenSSL's default since 3.2:
 * a key derivation key from the private exponent and the ciphertext, a length and a message drawn
 * from HMAC-SHA-256 under it.
 *
 * <p>The padding check and the choice between real and synthetic message run without branches on
 * the padding's bytes, as far as Java allows.
 */
final class Pkcs1ImplicitRejection {
  private static final int MIN_PADDING = 8;

  private Pkcs1ImplicitRejection() {}

  /** The message in {@code ciphertext}, or the synthetic message when its padding is wrong. */
  static byte[] decrypt(RSAPrivateKey key, byte[] ciphertext) throws GeneralSecurityException {
    int k = (key.getModulus().bitLength() + 7) / 8;
    if (ciphertext.length != k) {
      // public knowledge (the length), not a padding oracle: refuse like a malformed input
      throw new GeneralSecurityException("ciphertext length is not the modulus length");
    }
    Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
    raw.init(Cipher.DECRYPT_MODE, key);
    byte[] em = leftPad(raw.doFinal(ciphertext), k);
    byte[] kdk = keyDerivationKey(key, ciphertext, k);
    try {
      byte[] message = prf(kdk, "message", k);
      int syntheticLength = syntheticLength(kdk, k);
      // EM = 0x00 || 0x02 || PS (>= 8 non-zero bytes) || 0x00 || M
      int good = isZero(em[0] & 0xff) & isZero((em[1] & 0xff) ^ 2);
      int separator = 0;
      int found = 0;
      for (int i = 2; i < k; i++) {
        int zero = isZero(em[i] & 0xff);
        int first = zero & (1 - found);
        separator = select(first, i, separator);
        found |= zero;
      }
      good &= found & (1 - lessThan(separator, 2 + MIN_PADDING));
      int realLength = k - separator - 1;
      int length = select(good, realLength, syntheticLength);
      byte[] out = new byte[length];
      // copy from both sources on every call; keep the one the padding selects
      for (int i = 0; i < length; i++) {
        byte real = em[Math.min(k - 1, separator + 1 + i)];
        // the synthetic message is the last syntheticLength bytes of the PRF output
        byte fake = message[Math.min(k - 1, k - syntheticLength + i)];
        out[i] = (byte) select(good, real, fake);
      }
      Arrays.fill(message, (byte) 0);
      return out;
    } finally {
      Arrays.fill(em, (byte) 0);
      Arrays.fill(kdk, (byte) 0);
    }
  }

  /** KDK = HMAC-SHA-256(key = SHA-256(I2OSP(d, k)), ciphertext). */
  private static byte[] keyDerivationKey(RSAPrivateKey key, byte[] ciphertext, int k) throws GeneralSecurityException {
    byte[] d = leftPad(unsigned(key.getPrivateExponent()), k);
    byte[] h = MessageDigest.getInstance("SHA-256").digest(d);
    Arrays.fill(d, (byte) 0);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(h, "HmacSHA256"));
    Arrays.fill(h, (byte) 0);
    return mac.doFinal(ciphertext);
  }

  /** The synthetic message's length, in [0, k - 11], drawn from the key derivation key. */
  private static int syntheticLength(byte[] kdk, int k) throws GeneralSecurityException {
    int maxLength = k - 2 - 1 - MIN_PADDING;
    byte[] candidates = prf(kdk, "length", 128 * 2);
    int mask = Integer.highestOneBit(Math.max(1, maxLength)) * 2 - 1;
    int length = 0;
    for (int i = 0; i < candidates.length; i += 2) {
      int c = (((candidates[i] & 0xff) << 8) | (candidates[i + 1] & 0xff)) & mask;
      length = select(lessThan(c, maxLength + 1), c, length);
    }
    return length;
  }

  /** HMAC-SHA-256 in counter mode: blocks HMAC(kdk, I2OSP(i, 2) || label || I2OSP(bits, 2)). */
  private static byte[] prf(byte[] kdk, String label, int bytes) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(kdk, "HmacSHA256"));
    byte[] out = new byte[bytes];
    int bits = bytes * 8;
    for (int i = 0, off = 0; off < bytes; i++) {
      mac.update(new byte[] {(byte) (i >>> 8), (byte) i});
      mac.update(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      mac.update(new byte[] {(byte) (bits >>> 8), (byte) bits});
      byte[] block = mac.doFinal();
      int n = Math.min(block.length, bytes - off);
      System.arraycopy(block, 0, out, off, n);
      off += n;
    }
    return out;
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static byte[] leftPad(byte[] b, int k) {
    if (b.length == k) {
      return b;
    }
    byte[] out = new byte[k];
    int n = Math.min(b.length, k);
    System.arraycopy(b, b.length - n, out, k - n, n);
    Arrays.fill(b, (byte) 0);
    return out;
  }

  /** 1 when v (0..2^31-1) is zero, else 0, without a branch. */
  private static int isZero(int v) {
    return ((v | -v) >>> 31) ^ 1;
  }

  /** 1 when a < b (both non-negative), else 0. */
  private static int lessThan(int a, int b) {
    return (a - b) >>> 31;
  }

  /** a when bit is 1, b when bit is 0. */
  private static int select(int bit, int a, int b) {
    int m = -bit;
    return (a & m) | (b & ~m);
  }
}
