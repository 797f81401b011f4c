package keyward.server.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import keyward.spi.crypto.CryptoEngine;

/**
 * The Split Key Methods (KMIP 1.2 §2.2.5 Split Key): a secret split into n parts of which any
 * threshold k rebuild it, and nothing fewer tell anything about it.
 * <ul>
 *   <li>XOR: k = n; n - 1 random parts, the last the secret XOR all of them.</li>
 *   <li>Polynomial Sharing GF(2^8): Shamir's scheme per byte over GF(2^8) with the reduction
 *       polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D), part i the polynomial at x = i. The
 *       polynomial is the one the KMIP test case TC-SJ-3-12 was made with: its known parts
 *       join to its known key only under it.</li>
 *   <li>Polynomial Sharing Prime Field: Shamir's scheme over the integers modulo the Prime
 *       Field Size; the secret, read big-endian, must be below the prime; parts are as long as
 *       the prime.</li>
 * </ul>
 * Part identifiers are 1..n. Coefficients come from the server's generator.
 */
public final class SecretSharing {
  /** At most this many parts: identifiers are non-zero field elements of GF(2^8). */
  public static final int MAX_PARTS = 255;
  private static final int POLY = 0x11D;

  /** One part: its identifier and its bytes. */
  public record Part(int identifier, byte[] value) {
    @Override
    public String toString() {
      return "Part[" + identifier + "]"; // never the bytes
    }
  }

  private SecretSharing() {}

  public static byte[][] splitXor(byte[] secret, int parts, CryptoEngine rng) {
    byte[][] out = new byte[parts][];
    byte[] last = secret.clone();
    for (int i = 0; i < parts - 1; i++) {
      out[i] = rng.randomBytes(secret.length);
      for (int j = 0; j < last.length; j++) {
        last[j] ^= out[i][j];
      }
    }
    out[parts - 1] = last;
    return out;
  }

  public static byte[] joinXor(List<Part> parts) {
    byte[] out = new byte[parts.getFirst().value().length];
    for (Part p : parts) {
      for (int j = 0; j < out.length; j++) {
        out[j] ^= p.value()[j];
      }
    }
    return out;
  }

  public static byte[][] splitGf256(byte[] secret, int parts, int threshold, CryptoEngine rng) {
    byte[][] out = new byte[parts][secret.length];
    byte[] coefficients = rng.randomBytes((threshold - 1) * secret.length);
    try {
      for (int b = 0; b < secret.length; b++) {
        for (int x = 1; x <= parts; x++) {
          // Horner: a_{k-1} x^{k-1} + ... + a_1 x + secret
          int y = 0;
          for (int c = threshold - 2; c >= 0; c--) {
            y = mul(y ^ (coefficients[c * secret.length + b] & 0xff), x);
          }
          out[x - 1][b] = (byte) (y ^ (secret[b] & 0xff));
        }
      }
      return out;
    } finally {
      Arrays.fill(coefficients, (byte) 0);
    }
  }

  /** Lagrange interpolation at 0 over GF(2^8), byte by byte. */
  public static byte[] joinGf256(List<Part> parts) {
    int length = parts.getFirst().value().length;
    int[] weights = new int[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      int xi = parts.get(i).identifier();
      int num = 1;
      int den = 1;
      for (int j = 0; j < parts.size(); j++) {
        if (j != i) {
          int xj = parts.get(j).identifier();
          num = mul(num, xj);
          den = mul(den, xj ^ xi);
        }
      }
      weights[i] = mul(num, inverse(den));
    }
    byte[] out = new byte[length];
    for (int b = 0; b < length; b++) {
      int s = 0;
      for (int i = 0; i < parts.size(); i++) {
        s ^= mul(parts.get(i).value()[b] & 0xff, weights[i]);
      }
      out[b] = (byte) s;
    }
    return out;
  }

  public static byte[][] splitPrime(byte[] secret, int parts, int threshold, BigInteger prime, CryptoEngine rng) {
    BigInteger s = new BigInteger(1, secret);
    if (s.compareTo(prime) >= 0) {
      throw new IllegalArgumentException("the key is not below the Prime Field Size");
    }
    int size = (prime.bitLength() + 7) / 8;
    BigInteger[] a = new BigInteger[threshold - 1];
    for (int c = 0; c < a.length; c++) {
      byte[] r = rng.randomBytes(size + 8); // 64 extra bits: the reduction's bias is negligible
      a[c] = new BigInteger(1, r).mod(prime);
      Arrays.fill(r, (byte) 0);
    }
    byte[][] out = new byte[parts][];
    for (int x = 1; x <= parts; x++) {
      BigInteger bx = BigInteger.valueOf(x);
      BigInteger y = BigInteger.ZERO;
      for (int c = a.length - 1; c >= 0; c--) {
        y = y.add(a[c]).multiply(bx).mod(prime);
      }
      out[x - 1] = fixed(y.add(s).mod(prime), size);
    }
    return out;
  }

  public static byte[] joinPrime(List<Part> parts, BigInteger prime, int secretLength) {
    BigInteger s = BigInteger.ZERO;
    for (int i = 0; i < parts.size(); i++) {
      BigInteger xi = BigInteger.valueOf(parts.get(i).identifier());
      BigInteger num = BigInteger.ONE;
      BigInteger den = BigInteger.ONE;
      for (int j = 0; j < parts.size(); j++) {
        if (j != i) {
          BigInteger xj = BigInteger.valueOf(parts.get(j).identifier());
          num = num.multiply(xj).mod(prime);
          den = den.multiply(xj.subtract(xi)).mod(prime);
        }
      }
      BigInteger yi = new BigInteger(1, parts.get(i).value());
      s = s.add(yi.multiply(num).multiply(den.modInverse(prime))).mod(prime);
    }
    return fixed(s, secretLength);
  }

  /** v as exactly {@code size} big-endian bytes (v must fit). */
  private static byte[] fixed(BigInteger v, int size) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[size];
    int n = Math.min(b.length, size);
    System.arraycopy(b, b.length - n, out, size - n, n);
    Arrays.fill(b, (byte) 0);
    return out;
  }

  /** a * b in GF(2^8), in eight steps whatever the values (no secret-dependent table lookups). */
  static int mul(int a, int b) {
    int r = 0;
    for (int i = 0; i < 8; i++) {
      r ^= -(b & 1) & a;
      b >>= 1;
      int high = (a >> 7) & 1;
      a = ((a << 1) & 0xff) ^ (-high & (POLY & 0xff));
    }
    return r & 0xff;
  }

  /** a^-1 = a^254 (a is a part identifier or a difference of two: public, non-zero). */
  private static int inverse(int a) {
    int r = 1;
    for (int e = 254, x = a; e > 0; e >>= 1, x = mul(x, x)) {
      if ((e & 1) != 0) {
        r = mul(r, x);
      }
    }
    return r;
  }
}
