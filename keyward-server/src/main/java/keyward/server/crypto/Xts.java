package keyward.server.crypto;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;

/**
 * XTS-AES (IEEE 1619-2018, NIST SP 800-38E), Block Cipher Mode XTS. Neither the JDK nor Bouncy
 * Castle offers it (Bouncy Castle's KXTSBlockCipher is the DSTU 7624 variant, a different tweak
 * schedule), so the mode is composed here over the JDK's AES block function (AES/ECB/NoPadding):
 * no cipher core of our own, only the tweak arithmetic and the ciphertext stealing of IEEE 1619
 * §5.3.2 and §5.4.2.
 *
 * <p>The key is Key1 || Key2 (256 bits: XTS-AES-128, 512 bits: XTS-AES-256); equal halves are
 * refused (SP 800-38E §5.1 asks the key halves to differ; IEEE 1619 §5.1 notes the weakness).
 * The IV/Counter/Nonce is the 128-bit tweak value i: the data unit sequence number, little-endian
 * (IEEE 1619 §5.1). One request (or one stream) is one data unit: at least one block, at most
 * 2^20 blocks (IEEE 1619 §5.1), any length past the first block (ciphertext stealing).
 */
final class Xts implements CipherSession {
  static final int BLOCK = 16;
  /** IEEE 1619 §5.1: a data unit is at most 2^20 AES blocks. */
  static final long MAX_BYTES = (1L << 20) * BLOCK;

  private final Cipher data;     // Key1, encrypting or decrypting
  private final byte[] tweak;    // T = E_K2(i) * alpha^j, j = next block's index
  private final boolean encrypt;
  private byte[] pending = new byte[0]; // 16 to 31 bytes held back for the stealing
  private long seen;

  private Xts(Cipher data, byte[] tweak, boolean encrypt) {
    this.data = data;
    this.tweak = tweak;
    this.encrypt = encrypt;
  }

  /** A session for one data unit; the caller keeps and wipes {@code key}. */
  static Xts start(boolean encrypt, byte[] key, byte[] iv) throws KmipException {
    if (key.length != 32 && key.length != 64) {
      throw KmipException.invalidField("an XTS key is 256 or 512 bits: two AES keys of 128 or 256 bits");
    }
    int half = key.length / 2;
    if (MessageDigest.isEqual(Arrays.copyOf(key, half), Arrays.copyOfRange(key, half, key.length))) {
      throw KmipException.invalidField("the two halves of an XTS key must differ (SP 800-38E)");
    }
    if (iv == null) {
      throw new KmipException(ResultReason.INVALID_MESSAGE,
          "missing-iv: XTS needs the tweak (the data unit number) as IV/Counter/Nonce");
    }
    if (iv.length != BLOCK) {
      throw KmipException.invalidField("the XTS tweak (IV/Counter/Nonce) is 16 bytes");
    }
    try {
      SecretKeySpec k1 = new SecretKeySpec(key, 0, half, "AES");
      SecretKeySpec k2 = new SecretKeySpec(key, half, half, "AES");
      Cipher t = Cipher.getInstance("AES/ECB/NoPadding");
      t.init(Cipher.ENCRYPT_MODE, k2);
      Cipher d = Cipher.getInstance("AES/ECB/NoPadding");
      d.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, k1);
      return new Xts(d, t.doFinal(iv), encrypt);
    } catch (GeneralSecurityException e) {
      throw JcaSession.failure(e);
    }
  }

  @Override
  public boolean authenticated() {
    return false;
  }

  @Override
  public byte[] update(byte[] in) throws KmipException {
    take(in);
    // keep 16 to 31 bytes back: the last whole block may be the one the stealing changes
    int blocks = pending.length < 2 * BLOCK ? 0 : (pending.length - BLOCK) / BLOCK;
    byte[] out = blocks(pending, 0, blocks);
    pending = Arrays.copyOfRange(pending, blocks * BLOCK, pending.length);
    return out;
  }

  @Override
  public Output finish(byte[] in, byte[] tag) throws KmipException {
    take(in);
    if (seen < BLOCK) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "XTS needs at least one whole block (16 bytes)");
    }
    int rest = pending.length % BLOCK;
    int whole = pending.length / BLOCK;
    if (rest == 0) {
      return new Output(blocks(pending, 0, whole), null);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(pending.length);
    out.writeBytes(blocks(pending, 0, whole - 1));
    int last = (whole - 1) * BLOCK; // the last whole block, then the partial one
    byte[] cc;
    byte[] tail;
    if (encrypt) {
      // IEEE 1619 §5.3.2: CC = enc(P_{m-1}, T_{m-1}); C_m = first b bytes of CC; the stolen
      // tail of CC fills the partial block, which is encrypted with T_m into C_{m-1}
      cc = blocks(pending, last, 1);
      tail = Arrays.copyOf(cc, rest);
      byte[] pp = Arrays.copyOfRange(pending, last + BLOCK, last + 2 * BLOCK);
      System.arraycopy(pending, last + BLOCK, pp, 0, rest);
      System.arraycopy(cc, rest, pp, rest, BLOCK - rest);
      out.writeBytes(blocks(pp, 0, 1));
    } else {
      // §5.4.2: decrypt C_{m-1} with T_m (one ahead), then the rebuilt block with T_{m-1}
      byte[] saved = tweak.clone();
      double2(tweak);
      byte[] pp = blocks(pending, last, 1);
      tail = Arrays.copyOf(pp, rest);
      byte[] cc2 = pp.clone();
      System.arraycopy(pending, last + BLOCK, cc2, 0, rest);
      System.arraycopy(saved, 0, tweak, 0, BLOCK);
      out.writeBytes(blocks(cc2, 0, 1));
      Arrays.fill(pp, (byte) 0);
      Arrays.fill(cc2, (byte) 0);
    }
    out.writeBytes(tail);
    return new Output(out.toByteArray(), null);
  }

  private void take(byte[] in) throws KmipException {
    seen += in.length;
    if (seen > MAX_BYTES) {
      throw KmipException.invalidField("an XTS data unit is at most 2^20 blocks (IEEE 1619)");
    }
    byte[] all = Arrays.copyOf(pending, pending.length + in.length);
    System.arraycopy(in, 0, all, pending.length, in.length);
    Arrays.fill(pending, (byte) 0);
    pending = all;
  }

  /** n blocks from {@code in} at {@code off}: each XOR T, AES, XOR T, with T doubled after each. */
  private byte[] blocks(byte[] in, int off, int n) throws KmipException {
    byte[] buf = Arrays.copyOfRange(in, off, off + n * BLOCK);
    byte[] tweaks = new byte[buf.length];
    for (int b = 0; b < n; b++) {
      System.arraycopy(tweak, 0, tweaks, b * BLOCK, BLOCK);
      double2(tweak);
    }
    for (int i = 0; i < buf.length; i++) {
      buf[i] ^= tweaks[i];
    }
    try {
      byte[] out = n == 0 ? buf : data.doFinal(buf);
      for (int i = 0; i < out.length; i++) {
        out[i] ^= tweaks[i];
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw JcaSession.failure(e);
    } finally {
      Arrays.fill(buf, (byte) 0);
    }
  }

  /** T * alpha in GF(2^128), the byte string little-endian (IEEE 1619 §5.2). */
  static void double2(byte[] t) {
    int carry = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = t[i] & 0xff;
      t[i] = (byte) ((b << 1) | carry);
      carry = b >>> 7;
    }
    if (carry != 0) {
      t[0] ^= (byte) 0x87;
    }
  }
}
