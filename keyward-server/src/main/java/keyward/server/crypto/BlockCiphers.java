package keyward.server.crypto;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.KeyBlocks;

/**
 * AES (ECB, CBC, CTR, GCM on the JDK's provider; CCM on Bouncy Castle's, the JDK has none) and,
 * for legacy clients, Triple DES (ECB, CBC). Padding: None or PKCS5 (the spec's name for PKCS#7 padding to the block size) for
 * ECB and CBC; CTR and GCM take none. The IV/Counter/Nonce is the block for CBC and CTR (16 bytes
 * for AES: the whole initial counter block) and any length for GCM (12 bytes when generated).
 * A GCM tag is 12 to 16 bytes (NIST SP 800-38D §5.2.1.2); CS-BC-M-GCM-1 expects another
 * length to be General Failure. CCM (NIST SP 800-38C) takes a 7 to 13 byte nonce (12 when
 * generated) and an even tag of 4 to 16 bytes. XTS ({@link Xts}) takes a double-length AES key
 * and a 16-byte tweak.
 */
final class BlockCiphers implements CipherAlgorithm {
  static final BlockCiphers AES = new BlockCiphers("AES", 16, true);
  static final BlockCiphers TRIPLE_DES = new BlockCiphers("DESede", 8, false);

  private final String jcaName;
  private final int blockSize;
  private final boolean modern; // CTR and GCM are offered for AES only

  private BlockCiphers(String jcaName, int blockSize, boolean modern) {
    this.jcaName = jcaName;
    this.blockSize = blockSize;
    this.modern = modern;
  }

  @Override
  public Key key(Item.Structure keyBlock) throws KmipException {
    byte[] raw = KeyBlocks.symmetricKeyBytes(keyBlock)
        .orElseThrow(() -> KmipException.invalidField("the key is not a Raw or Transparent Symmetric Key"));
    if (blockSize == 8 && raw.length == 16) {
      // two-key Triple DES is K1 K2 K1; the JCA wants all three
      byte[] three = Arrays.copyOf(raw, 24);
      System.arraycopy(raw, 0, three, 16, 8);
      try {
        return new SecretKeySpec(three, jcaName);
      } finally {
        Arrays.fill(three, (byte) 0);
      }
    }
    return new SecretKeySpec(raw, jcaName);
  }

  @Override
  public int ivLength(CipherParameters p) throws KmipException {
    return switch (mode(p)) {
      case ECB -> 0;
      case GCM, CCM -> 12;
      default -> blockSize;
    };
  }

  @Override
  public CipherSession start(boolean encrypt, Key key, CipherParameters p, byte[] iv, byte[] aad)
      throws KmipException {
    BlockCipherMode mode = mode(p);
    String padding = padding(mode, p.padding());
    if (mode == BlockCipherMode.XTS) {
      if (aad != null) {
        throw KmipException.invalidField("Authenticated Encryption Additional Data is for an AEAD mode");
      }
      byte[] raw = key.getEncoded();
      try {
        return Xts.start(encrypt, raw, iv);
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
    }
    if (mode != BlockCipherMode.ECB && iv == null) {
      throw new KmipException(ResultReason.INVALID_MESSAGE, "missing-iv: " + mode.specName()
          + " needs an IV/Counter/Nonce (or Random IV in the Cryptographic Parameters when encrypting)");
    }
    if ((mode == BlockCipherMode.CBC || mode == BlockCipherMode.CTR) && iv.length != blockSize) {
      throw KmipException.invalidField("the IV/Counter/Nonce for " + mode.specName() + " is " + blockSize + " bytes");
    }
    if (mode == BlockCipherMode.GCM && iv.length == 0) {
      throw KmipException.invalidField("the GCM nonce is empty");
    }
    if (mode == BlockCipherMode.CCM && (iv.length < 7 || iv.length > 13)) {
      throw KmipException.invalidField("a CCM nonce is 7 to 13 bytes");
    }
    boolean aead = mode == BlockCipherMode.GCM || mode == BlockCipherMode.CCM;
    int tagLength = mode == BlockCipherMode.GCM ? Aead.tagLength(p)
        : mode == BlockCipherMode.CCM ? Aead.tagLength(p, 4) : 0;
    AlgorithmParameterSpec spec = switch (mode) {
      case ECB -> null;
      case GCM, CCM -> new GCMParameterSpec(tagLength * 8, iv);
      default -> new IvParameterSpec(iv);
    };
    if (aad != null && !aead) {
      throw KmipException.invalidField("Authenticated Encryption Additional Data is for an AEAD mode");
    }
    try {
      String transformation = jcaName + "/" + mode.name() + "/" + padding;
      Cipher c = mode == BlockCipherMode.CCM ? Cipher.getInstance(transformation, Macs.BC)
          : Cipher.getInstance(transformation);
      c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, spec);
      if (aad != null) {
        c.updateAAD(aad);
      }
      return new JcaSession(c, encrypt, tagLength);
    } catch (GeneralSecurityException e) {
      throw JcaSession.failure(e);
    }
  }

  private BlockCipherMode mode(CipherParameters p) throws KmipException {
    BlockCipherMode mode = p.mode();
    if (mode == null) {
      throw KmipException.invalidField("Block Cipher Mode is required (in the request's Cryptographic Parameters"
          + " or the key's)");
    }
    boolean offered = switch (mode) {
      case ECB, CBC -> true;
      case CTR, GCM, CCM, XTS -> modern;
      default -> false;
    };
    if (!offered) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
          "this server does not do " + mode.specName() + " with " + jcaName);
    }
    return mode;
  }

  private static String padding(BlockCipherMode mode, PaddingMethod padding) throws KmipException {
    if (padding == null || padding == PaddingMethod.NONE) {
      return "NoPadding";
    }
    if (padding == PaddingMethod.PKCS5 && (mode == BlockCipherMode.ECB || mode == BlockCipherMode.CBC)) {
      return "PKCS5Padding";
    }
    throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
        "Padding Method " + padding.specName() + " is not offered with " + mode.specName());
  }
}
