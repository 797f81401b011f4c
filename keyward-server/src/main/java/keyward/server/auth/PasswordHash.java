package keyward.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A stored password: PBKDF2-HMAC-SHA256 with a random 16-byte salt, written as
 * {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and hash in base64). The iteration count is
 * stored with each hash so it can be raised later without breaking existing entries.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;
  static final String SCHEME = "pbkdf2-sha256";
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final int HASH_BYTES = 32;

  public PasswordHash {
    if (iterations < 1_000 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("PBKDF2 iterations out of range: " + iterations);
    }
    if (salt.length < 16 || salt.length > 64 || hash.length != HASH_BYTES) {
      throw new IllegalArgumentException("PBKDF2 salt or hash of the wrong length");
    }
    salt = salt.clone();
    hash = hash.clone();
  }

  /** Hashes a new password with a fresh salt. */
  public static PasswordHash of(char[] password, int iterations) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations));
  }

  /** Parses the stored form; IllegalArgumentException names what is wrong, never the value. */
  public static PasswordHash parse(String stored) {
    String[] parts = stored.split(":", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException("not a " + SCHEME + " password hash");
    }
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      return new PasswordHash(Integer.parseInt(parts[1]), b64.decode(parts[2]), b64.decode(parts[3]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad iteration count in password hash");
    }
  }

  /** True if the password matches, compared in constant time. */
  public boolean matches(String password) {
    char[] chars = password.toCharArray();
    try {
      byte[] candidate = derive(chars, salt, iterations);
      boolean same = MessageDigest.isEqual(candidate, hash);
      Arrays.fill(candidate, (byte) 0);
      return same;
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  public String format() {
    Base64.Encoder b64 = Base64.getEncoder();
    return SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public String toString() {
    return "PasswordHash[" + SCHEME + ", " + iterations + " iterations]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordHash p && p.iterations == iterations
        && Arrays.equals(p.salt, salt) && Arrays.equals(p.hash, hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
