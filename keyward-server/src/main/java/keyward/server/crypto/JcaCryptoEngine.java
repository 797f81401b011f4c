package keyward.server.crypto;

import java.security.DrbgParameters;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import keyward.spi.crypto.CryptoEngine;
import keyward.spi.crypto.RngParameters;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.prng.X931SecureRandomBuilder;

/**
 * The CryptoEngine on the JDK's providers: MessageDigest for hashes; random data from the
 * configured generator ({@link RngSetting}): the JDK DRBG, or Bouncy Castle's ANSI X9.31 generator
 * over AES-256 keyed and seeded from the DRBG. The Random Number Generator attribute reports the
 * generator really used ({@link #rng()}).
 */
public final class JcaCryptoEngine implements CryptoEngine {
  private final SecureRandom random;
  private final String name;
  private final RngParameters rng;

  public JcaCryptoEngine() {
    this(RngSetting.DRBG);
  }

  public JcaCryptoEngine(RngSetting setting) {
    this(setting, jdkDrbg(), null);
  }

  /**
   * @param drbg the DRBG (tests: a fixed source, to check the X9.31 output by hand)
   * @param dateTimeVector the X9.31 DT seed, or null for Bouncy Castle's (the clock)
   */
  JcaCryptoEngine(RngSetting setting, SecureRandom drbg, byte[] dateTimeVector) {
    switch (setting) {
      case DRBG -> {
        this.random = drbg;
        this.rng = describeDrbg(drbg.toString());
        this.name = "NIST SP 800-90A " + drbg + " (JDK DRBG)";
      }
      case ANSI_X931_AES_256 -> {
        byte[] key = new byte[32];
        drbg.nextBytes(key);
        // entropy for the seed (V) and reseeds: the DRBG; the date/time vector: BC's default (the clock)
        X931SecureRandomBuilder builder = new X931SecureRandomBuilder(drbg, false);
        if (dateTimeVector != null) {
          builder.setDateTimeVector(dateTimeVector);
        }
        this.random = builder.build(AESEngine.newInstance(), new KeyParameter(key), false);
        java.util.Arrays.fill(key, (byte) 0);
        this.rng = new RngParameters("ANSI X9.31", "AES", 256, null, null, null);
        this.name = "ANSI X9.31 over AES-256 (Bouncy Castle), seeded from the JDK DRBG";
      }
      default -> throw new IllegalArgumentException("no generator for " + setting);
    }
  }

  private static SecureRandom jdkDrbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no DRBG", e);
    }
  }

  /**
   * The JDK DRBG's real parameters from its description, e.g. "Hash_DRBG,SHA-256,128,reseed_only"
   * (mechanism, algorithm, strength, capability): what securerandom.drbg.config chose.
   */
  static RngParameters describeDrbg(String description) {
    String[] p = description.split(",");
    if (p.length < 4) {
      return new RngParameters("DRBG", null, null, null, null, null);
    }
    String mechanism = switch (p[0].strip().toUpperCase(Locale.ROOT)) {
      case "HASH_DRBG" -> "Hash";
      case "HMAC_DRBG" -> "HMAC";
      case "CTR_DRBG" -> "CTR";
      default -> null;
    };
    String algorithm = p[1].strip();
    String hashing = null;
    String cipher = null;
    Integer length = null;
    if (algorithm.toUpperCase(Locale.ROOT).startsWith("SHA")) {
      hashing = algorithm; // "SHA-256", "SHA-512/256": the spec's names
    } else if (algorithm.toUpperCase(Locale.ROOT).startsWith("AES-")) {
      cipher = "AES";
      length = Integer.valueOf(algorithm.substring(4));
    }
    boolean predictionResistance = p[3].strip().equalsIgnoreCase("pr_and_reseed");
    return new RngParameters("DRBG", cipher, length, hashing, mechanism, predictionResistance);
  }

  @Override
  public byte[] randomBytes(int length) {
    byte[] b = new byte[length];
    synchronized (random) {
      random.nextBytes(b);
    }
    return b;
  }

  @Override
  public byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("no digest " + algorithm, e);
    }
  }

  /**
   * Reseeds the DRBG with the data as additional input (SP 800-90A §9.2): the DRBG draws fresh
   * entropy as well, so the data adds to its state and cannot set it.
   */
  @Override
  public int seed(byte[] data) {
    random.reseed(DrbgParameters.reseed(false, data));
    return data.length;
  }

  @Override
  public String rngName() {
    return name;
  }

  @Override
  public RngParameters rng() {
    return rng;
  }
}
