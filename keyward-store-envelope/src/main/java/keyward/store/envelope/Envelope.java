package keyward.store.envelope;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import keyward.spi.store.StoreException;

/**
 * The encrypted form of an object's key material (the {@code object} column):
 *
 * <pre>
 * offset  bytes
 *      0      4  magic 00 'K' 'W' 'E' (a plaintext TTLV object starts with tag byte 0x42)
 *      4      1  format version, 1
 *      5      8  check value of the master key that wrapped the data key
 *     13     60  the data key wrapped by the master key: nonce 12, AES-256 key 32, tag 16
 *     73     12  content nonce
 *     85  n+16  AES-256-GCM ciphertext of the n-byte object and its tag
 * </pre>
 *
 * Both GCM operations take the object's Unique Identifier as associated data (after a label and
 * the magic and version), so an envelope copied onto another object's row does not decrypt. The
 * content's associated data leaves out the wrapped data key, so rotating the master key rewrites
 * only the first 73 bytes. Every write makes a fresh data key.
 */
final class Envelope {
  static final byte[] MAGIC = {0, 'K', 'W', 'E'};
  static final byte VERSION = 1;
  static final int CHECK_OFFSET = 5;
  static final int CHECK_BYTES = 8;
  static final int WRAPPED_OFFSET = CHECK_OFFSET + CHECK_BYTES;
  static final int NONCE_OFFSET = WRAPPED_OFFSET + MasterKey.WRAPPED_LENGTH;
  static final int NONCE_BYTES = 12;
  static final int HEADER_BYTES = NONCE_OFFSET + NONCE_BYTES;
  private static final int TAG_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Envelope() {}

  /** True when the bytes are an envelope (not a plaintext object from before encryption). */
  static boolean isEnvelope(byte[] stored) {
    return stored.length >= HEADER_BYTES + TAG_BYTES
        && Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  static byte[] checkValue(byte[] envelope) {
    return Arrays.copyOfRange(envelope, CHECK_OFFSET, CHECK_OFFSET + CHECK_BYTES);
  }

  static byte[] seal(MasterKey master, String uid, byte[] plaintext)
      throws GeneralSecurityException {
    byte[] dataKey = new byte[32];
    RANDOM.nextBytes(dataKey);
    try {
      byte[] out = new byte[HEADER_BYTES + plaintext.length + TAG_BYTES];
      System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
      out[MAGIC.length] = VERSION;
      System.arraycopy(master.checkValue(), 0, out, CHECK_OFFSET, CHECK_BYTES);
      byte[] wrapped = master.wrap(dataKey, aad("keyward data key", uid));
      System.arraycopy(wrapped, 0, out, WRAPPED_OFFSET, wrapped.length);
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      System.arraycopy(nonce, 0, out, NONCE_OFFSET, NONCE_BYTES);
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"),
          new GCMParameterSpec(TAG_BYTES * 8, nonce));
      gcm.updateAAD(aad("keyward object", uid));
      gcm.doFinal(plaintext, 0, plaintext.length, out, HEADER_BYTES);
      return out;
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /** The plaintext; the master key must be the one whose check value the envelope names. */
  static byte[] open(MasterKey master, String uid, byte[] envelope) throws StoreException {
    byte[] dataKey = null;
    try {
      dataKey = master.unwrap(
          Arrays.copyOfRange(envelope, WRAPPED_OFFSET, WRAPPED_OFFSET + MasterKey.WRAPPED_LENGTH),
          aad("keyward data key", uid));
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"),
          new GCMParameterSpec(TAG_BYTES * 8, envelope, NONCE_OFFSET, NONCE_BYTES));
      gcm.updateAAD(aad("keyward object", uid));
      return gcm.doFinal(envelope, HEADER_BYTES, envelope.length - HEADER_BYTES);
    } catch (AEADBadTagException e) {
      throw new StoreException("the key material of object " + uid + " does not decrypt: it was"
          + " altered, or copied from another object");
    } catch (GeneralSecurityException e) {
      throw new StoreException("decrypting the key material of object " + uid + " failed: " + e, e);
    } finally {
      if (dataKey != null) {
        Arrays.fill(dataKey, (byte) 0);
      }
    }
  }

  /** The envelope with its data key re-wrapped under {@code to}; the content is unchanged. */
  static byte[] rewrap(MasterKey from, MasterKey to, String uid, byte[] envelope)
      throws GeneralSecurityException {
    byte[] aad = aad("keyward data key", uid);
    byte[] dataKey = from.unwrap(
        Arrays.copyOfRange(envelope, WRAPPED_OFFSET, WRAPPED_OFFSET + MasterKey.WRAPPED_LENGTH), aad);
    try {
      byte[] out = envelope.clone();
      System.arraycopy(to.checkValue(), 0, out, CHECK_OFFSET, CHECK_BYTES);
      System.arraycopy(to.wrap(dataKey, aad), 0, out, WRAPPED_OFFSET, MasterKey.WRAPPED_LENGTH);
      return out;
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /** label, 0, magic, version, then the identifier in UTF-8. */
  private static byte[] aad(String label, String uid) {
    byte[] l = label.getBytes(StandardCharsets.US_ASCII);
    byte[] u = uid.getBytes(StandardCharsets.UTF_8);
    byte[] aad = new byte[l.length + 1 + MAGIC.length + 1 + u.length];
    System.arraycopy(l, 0, aad, 0, l.length);
    System.arraycopy(MAGIC, 0, aad, l.length + 1, MAGIC.length);
    aad[l.length + 1 + MAGIC.length] = VERSION;
    System.arraycopy(u, 0, aad, l.length + 2 + MAGIC.length, u.length);
    return aad;
  }
}
