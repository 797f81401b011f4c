package keyward.server.crypto;

import java.util.Map;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;

/**
 * Hashing Algorithm (1.4 §9.1.3.2.16, 2.1 §11.20) to JCA digest names: SHA-1, SHA-2 (with
 * SHA-512/224 and /256) and SHA-3, under both of the spec's SHA-3 names. MD2/MD4/MD5, RIPEMD,
 * Tiger and Whirlpool are not offered (Feature Not Supported).
 */
public final class Hashes {
  private static final Map<HashingAlgorithm, String> TABLE = Map.ofEntries(
      Map.entry(HashingAlgorithm.SHA_1, "SHA-1"),
      Map.entry(HashingAlgorithm.SHA_224, "SHA-224"),
      Map.entry(HashingAlgorithm.SHA_256, "SHA-256"),
      Map.entry(HashingAlgorithm.SHA_384, "SHA-384"),
      Map.entry(HashingAlgorithm.SHA_512, "SHA-512"),
      Map.entry(HashingAlgorithm.SHA_512_224, "SHA-512/224"),
      Map.entry(HashingAlgorithm.SHA_512_256, "SHA-512/256"),
      Map.entry(HashingAlgorithm.SHA_3_224, "SHA3-224"),
      Map.entry(HashingAlgorithm.SHA3_224, "SHA3-224"),
      Map.entry(HashingAlgorithm.SHA_3_256, "SHA3-256"),
      Map.entry(HashingAlgorithm.SHA3_256, "SHA3-256"),
      Map.entry(HashingAlgorithm.SHA_3_384, "SHA3-384"),
      Map.entry(HashingAlgorithm.SHA3_384, "SHA3-384"),
      Map.entry(HashingAlgorithm.SHA_3_512, "SHA3-512"),
      Map.entry(HashingAlgorithm.SHA3_512, "SHA3-512"));

  private Hashes() {}

  public static String jcaName(HashingAlgorithm h) throws KmipException {
    if (h == null) {
      throw KmipException.invalidField("Hashing Algorithm is required in the Cryptographic Parameters");
    }
    String name = TABLE.get(h);
    if (name == null) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "this server does not hash with " + h.specName());
    }
    return name;
  }

  /** A digest under way, as a session a stream can hold (parts in, the digest out of finish). */
  public static CipherSession session(HashingAlgorithm h) throws KmipException {
    java.security.MessageDigest md;
    try {
      md = java.security.MessageDigest.getInstance(jcaName(h));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "this server does not hash with " + h.specName());
    }
    return new CipherSession() {
      @Override
      public byte[] update(byte[] data) {
        md.update(data);
        return new byte[0];
      }

      @Override
      public Output finish(byte[] data, byte[] tag) {
        md.update(data);
        return new Output(md.digest(), null);
      }

      @Override
      public boolean authenticated() {
        return false;
      }
    };
  }

  /** The HMAC name for a hashing algorithm ("HmacSHA256", "HmacSHA3-256"). */
  public static String hmacName(HashingAlgorithm h) throws KmipException {
    return "Hmac" + jcaName(h).replace("SHA-", "SHA");
  }
}
