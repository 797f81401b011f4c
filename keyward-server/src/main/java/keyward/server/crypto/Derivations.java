package keyward.server.crypto;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.generators.KDFDoublePipelineIterationBytesGenerator;
import org.bouncycastle.crypto.generators.KDFFeedbackBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KDFDoublePipelineIterationParameters;
import org.bouncycastle.crypto.params.KDFFeedbackParameters;
import org.bouncycastle.crypto.util.DigestFactory;

/**
 * Key derivation functions for Derive Key (1.4 §4.6, 2.1 §6.1), written over the JDK's Mac
 * and MessageDigest because the base is raw bytes (the JDK's PBKDF2 takes a char[] password);
 * the SP 800-108 feedback and double-pipeline modes use Bouncy Castle's generators.
 * Every function returns exactly {@code length} bytes; the caller owns and wipes them.
 */
public final class Derivations {
  /** Most PBKDF2 iterations accepted: bounds the work one request can ask for (about a second). */
  public static final int MAX_ITERATIONS = 1_000_000;

  private Derivations() {}

  /** PBKDF2 (RFC 8018 §5.2) with HMAC of the named hash as PRF. */
  public static byte[] pbkdf2(String hmac, byte[] password, byte[] salt, int iterations, int length)
      throws KmipException {
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw KmipException.invalidField("Iteration Count must be 1 to " + MAX_ITERATIONS);
    }
    Mac prf = mac(hmac, password);
    int h = prf.getMacLength();
    byte[] out = new byte[length];
    for (int block = 1, done = 0; done < length; block++) {
      prf.update(salt);
      prf.update(int32(block));
      byte[] u = prf.doFinal();
      byte[] t = u.clone();
      for (int i = 1; i < iterations; i++) {
        u = prf.doFinal(u);
        for (int j = 0; j < h; j++) {
          t[j] ^= u[j];
        }
      }
      int n = Math.min(h, length - done);
      System.arraycopy(t, 0, out, done, n);
      done += n;
      Arrays.fill(t, (byte) 0);
      Arrays.fill(u, (byte) 0);
    }
    return out;
  }

  /** HMAC derivation: HMAC(base, Derivation Data), truncated to the length (at most one output). */
  public static byte[] hmac(String hmac, byte[] key, byte[] data, int length) throws KmipException {
    Mac m = mac(hmac, key);
    if (length > m.getMacLength()) {
      throw KmipException.invalidField("an HMAC derivation gives at most " + m.getMacLength() + " bytes");
    }
    return truncate(m.doFinal(data), length);
  }

  /**
   * HASH derivation: the digest of the base's key material, then of the Derivation Data when
   * given, truncated to the length (TC-DERIVEKEY-1-10: SHA-256 of an AES-128 key, 128 bits).
   */
  public static byte[] hash(String digest, byte[] key, byte[] data, int length) throws KmipException {
    try {
      MessageDigest md = MessageDigest.getInstance(digest);
      if (length > md.getDigestLength()) {
        throw KmipException.invalidField("a hash derivation gives at most " + md.getDigestLength() + " bytes");
      }
      md.update(key);
      if (data != null) {
        md.update(data);
      }
      return truncate(md.digest(), length);
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "no digest " + digest);
    }
  }

  /**
   * NIST SP 800-108r1 §4.1 counter mode with HMAC as PRF and a 32-bit counter before the fixed
   * input data: K(i) = PRF(KI, [i]32 || Derivation Data). The client's Derivation Data is the
   * fixed input (Label, 0x00, Context, [L]) as SP 800-108 lays it out.
   */
  public static byte[] counterMode(String hmac, byte[] key, byte[] fixedInput, int length) throws KmipException {
    Mac prf = mac(hmac, key);
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + prf.getMacLength());
    for (int i = 1; out.size() < length; i++) {
      prf.update(int32(i));
      prf.update(fixedInput == null ? new byte[0] : fixedInput);
      out.writeBytes(prf.doFinal());
    }
    return truncate(out.toByteArray(), length);
  }

  /**
   * NIST SP 800-108r1 §4.2 feedback mode with HMAC as PRF, on Bouncy Castle's generator:
   * K(0) = IV (may be empty), K(i) = PRF(KI, K(i-1) || [i]32 || fixed input), the 32-bit counter
   * after the iteration variable (the CAVP "AFTER_ITER" layout).
   */
  public static byte[] feedbackMode(String digest, byte[] key, byte[] iv, byte[] fixedInput, int length)
      throws KmipException {
    requireKey(key);
    KDFFeedbackBytesGenerator g = new KDFFeedbackBytesGenerator(new HMac(bcDigest(digest)));
    g.init(KDFFeedbackParameters.createWithCounter(key, iv == null ? new byte[0] : iv,
        fixedInput == null ? new byte[0] : fixedInput, 32));
    byte[] out = new byte[length];
    g.generateBytes(out, 0, length);
    return out;
  }

  /**
   * NIST SP 800-108r1 §4.3 double-pipeline iteration mode with HMAC as PRF, on Bouncy Castle's
   * generator: A(0) = fixed input, A(i) = PRF(KI, A(i-1)), K(i) = PRF(KI, A(i) || [i]32 || fixed
   * input).
   */
  public static byte[] doublePipelineMode(String digest, byte[] key, byte[] fixedInput, int length)
      throws KmipException {
    requireKey(key);
    KDFDoublePipelineIterationBytesGenerator g = new KDFDoublePipelineIterationBytesGenerator(
        new HMac(bcDigest(digest)));
    g.init(KDFDoublePipelineIterationParameters.createWithCounter(key, fixedInput, 32));
    byte[] out = new byte[length];
    g.generateBytes(out, 0, length);
    return out;
  }

  private static Digest bcDigest(String jcaName) throws KmipException {
    return switch (jcaName) {
      case "SHA-1" -> DigestFactory.createSHA1();
      case "SHA-224" -> DigestFactory.createSHA224();
      case "SHA-256" -> DigestFactory.createSHA256();
      case "SHA-384" -> DigestFactory.createSHA384();
      case "SHA-512" -> DigestFactory.createSHA512();
      case "SHA-512/224" -> DigestFactory.createSHA512_224();
      case "SHA-512/256" -> DigestFactory.createSHA512_256();
      case "SHA3-224" -> DigestFactory.createSHA3_224();
      case "SHA3-256" -> DigestFactory.createSHA3_256();
      case "SHA3-384" -> DigestFactory.createSHA3_384();
      case "SHA3-512" -> DigestFactory.createSHA3_512();
      default -> throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "no HMAC PRF with " + jcaName);
    };
  }

  private static void requireKey(byte[] key) throws KmipException {
    if (key.length == 0) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the derivation base is empty");
    }
  }

  /** HKDF (RFC 5869): extract with the Salt (zeros when absent), expand with the Derivation Data as info. */
  public static byte[] hkdf(String hmac, byte[] key, byte[] salt, byte[] info, int length) throws KmipException {
    Mac m = mac(hmac, new byte[] {0});
    int h = m.getMacLength();
    if (length > 255 * h) {
      throw KmipException.invalidField("HKDF gives at most " + 255 * h + " bytes");
    }
    byte[] prk = mac(hmac, salt == null || salt.length == 0 ? new byte[h] : salt).doFinal(key);
    Mac expand = mac(hmac, prk);
    Arrays.fill(prk, (byte) 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + h);
    byte[] t = new byte[0];
    for (int i = 1; out.size() < length; i++) {
      expand.update(t);
      expand.update(info == null ? new byte[0] : info);
      expand.update((byte) i);
      t = expand.doFinal();
      out.writeBytes(t);
    }
    return truncate(out.toByteArray(), length);
  }

  private static Mac mac(String name, byte[] key) throws KmipException {
    if (key.length == 0) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the derivation base is empty");
    }
    try {
      Mac m = Mac.getInstance(name);
      m.init(new SecretKeySpec(key, name));
      return m;
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "no " + name);
    }
  }

  private static byte[] int32(int i) {
    return new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
  }

  private static byte[] truncate(byte[] full, int length) {
    if (full.length == length) {
      return full;
    }
    byte[] out = Arrays.copyOf(full, length);
    Arrays.fill(full, (byte) 0);
    return out;
  }
}
