package keyward.server.crypto;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.KeyBlocks;

/**
 * ChaCha20 (RFC 8439 §2.4) and ChaCha20-Poly1305 (RFC 8439 §2.8) on the JDK's provider, with a
 * 256-bit key.
 *
 * <p>ChaCha20's IV/Counter/Nonce may be 8 bytes (the original 64-bit nonce, whose 64-bit block
 * counter starts at 0: as a 96-bit nonce that is four zero bytes and the 8, which is what
 * CS-BC-M-CHACHA20-1..3 use), 12 bytes (RFC 8439 nonce, counter 0) or 16 bytes (a 32-bit
 * little-endian initial counter, then the 12-byte nonce).
 *
 * <p>ChaCha20-Poly1305 takes a 12-byte nonce and the Block Cipher Mode AEAD (or none). Its tag
 * is 16 bytes; a Tag Length of 12 to 16 truncates it (CS-BC-M-CHACHA20POLY1305-1 decrypts with
 * a 12-byte tag). The JDK checks only whole tags, so a truncated one is checked by recomputing
 * the tag: the plaintext is recovered with ChaCha20 from block counter 1 (§2.8) and encrypted
 * again, and the prefixes are compared in constant time before any plaintext is released.
 */
final class ChaChaCiphers {
  static final CipherAlgorithm CHACHA20 = new Stream();
  static final CipherAlgorithm CHACHA20_POLY1305 = new Poly1305();
  /** Longest ciphertext a ChaCha20-Poly1305 decryption buffers (it releases nothing before the tag). */
  static final int MAX_BUFFERED = 64 << 20;

  private ChaChaCiphers() {}

  static Key key(Item.Structure keyBlock) throws KmipException {
    byte[] raw = KeyBlocks.symmetricKeyBytes(keyBlock)
        .orElseThrow(() -> KmipException.invalidField("the key is not a Raw or Transparent Symmetric Key"));
    if (raw.length != 32) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "a ChaCha20 key is 256 bits");
    }
    return new SecretKeySpec(raw, "ChaCha20");
  }

  private static final class Stream implements CipherAlgorithm {
    @Override
    public Key key(Item.Structure keyBlock) throws KmipException {
      return ChaChaCiphers.key(keyBlock);
    }

    @Override
    public int ivLength(CipherParameters p) {
      return 12;
    }

    @Override
    public CipherSession start(boolean encrypt, Key key, CipherParameters p, byte[] iv, byte[] aad)
        throws KmipException {
      if (p.mode() != null) {
        throw KmipException.invalidField("ChaCha20 is a stream cipher: no Block Cipher Mode");
      }
      if (aad != null) {
        throw KmipException.invalidField("Authenticated Encryption Additional Data is for ChaCha20-Poly1305");
      }
      if (iv == null) {
        throw new KmipException(ResultReason.INVALID_MESSAGE, "missing-iv: ChaCha20 needs a nonce");
      }
      byte[] nonce;
      int counter = 0;
      switch (iv.length) {
        case 8 -> {
          nonce = new byte[12];
          System.arraycopy(iv, 0, nonce, 4, 8);
        }
        case 12 -> nonce = iv;
        case 16 -> {
          counter = (iv[0] & 0xff) | (iv[1] & 0xff) << 8 | (iv[2] & 0xff) << 16 | (iv[3] & 0xff) << 24;
          nonce = Arrays.copyOfRange(iv, 4, 16);
        }
        default -> throw KmipException.invalidField("a ChaCha20 IV/Counter/Nonce is 8, 12 or 16 bytes");
      }
      try {
        Cipher c = Cipher.getInstance("ChaCha20");
        c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, counter));
        return new JcaSession(c, encrypt, 0);
      } catch (GeneralSecurityException e) {
        throw JcaSession.failure(e);
      }
    }
  }

  private static final class Poly1305 implements CipherAlgorithm {
    @Override
    public Key key(Item.Structure keyBlock) throws KmipException {
      return ChaChaCiphers.key(keyBlock);
    }

    @Override
    public int ivLength(CipherParameters p) {
      return 12;
    }

    @Override
    public CipherSession start(boolean encrypt, Key key, CipherParameters p, byte[] iv, byte[] aad)
        throws KmipException {
      if (p.mode() != null && p.mode() != BlockCipherMode.AEAD) {
        throw KmipException.invalidField("ChaCha20-Poly1305 takes the Block Cipher Mode AEAD or none");
      }
      if (iv == null) {
        throw new KmipException(ResultReason.INVALID_MESSAGE, "missing-iv: ChaCha20-Poly1305 needs a nonce");
      }
      if (iv.length != 12) {
        throw KmipException.invalidField("a ChaCha20-Poly1305 nonce is 12 bytes");
      }
      int tagLength = Aead.tagLength(p);
      byte[] additional = aad == null ? new byte[0] : aad;
      if (!encrypt) {
        return new Decryption(key, iv.clone(), additional.clone(), tagLength);
      }
      try {
        Cipher c = aeadCipher(Cipher.ENCRYPT_MODE, key, iv, additional);
        return new CipherSession() {
          @Override
          public byte[] update(byte[] data) {
            byte[] out = c.update(data);
            return out == null ? new byte[0] : out;
          }

          @Override
          public Output finish(byte[] data, byte[] tag) throws KmipException {
            try {
              byte[] all = c.doFinal(data);
              int n = all.length - 16;
              return new Output(Arrays.copyOf(all, n), Arrays.copyOfRange(all, n, n + tagLength));
            } catch (GeneralSecurityException e) {
              throw JcaSession.failure(e);
            }
          }

          @Override
          public boolean authenticated() {
            return true;
          }
        };
      } catch (GeneralSecurityException e) {
        throw JcaSession.failure(e);
      }
    }
  }

  private static Cipher aeadCipher(int mode, Key key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
    c.init(mode, key, new IvParameterSpec(nonce));
    c.updateAAD(aad);
    return c;
  }

  /** Buffers the ciphertext: nothing is released before the tag is checked. */
  private static final class Decryption implements CipherSession {
    private final Key key;
    private final byte[] nonce;
    private final byte[] aad;
    private final int tagLength;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Decryption(Key key, byte[] nonce, byte[] aad, int tagLength) {
      this.key = key;
      this.nonce = nonce;
      this.aad = aad;
      this.tagLength = tagLength;
    }

    @Override
    public boolean authenticated() {
      return true;
    }

    @Override
    public byte[] update(byte[] data) throws KmipException {
      append(data);
      return new byte[0];
    }

    @Override
    public Output finish(byte[] data, byte[] tag) throws KmipException {
      append(data);
      Aead.checkTag(tag, tagLength);
      byte[] ciphertext = buffer.toByteArray();
      try {
        if (tagLength == 16) {
          Cipher c = aeadCipher(Cipher.DECRYPT_MODE, key, nonce, aad);
          byte[] in = Arrays.copyOf(ciphertext, ciphertext.length + 16);
          System.arraycopy(tag, 0, in, ciphertext.length, 16);
          return new Output(c.doFinal(in), null);
        }
        Cipher stream = Cipher.getInstance("ChaCha20");
        stream.init(Cipher.DECRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, 1));
        byte[] plain = stream.doFinal(ciphertext);
        byte[] again = aeadCipher(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plain);
        byte[] expected = Arrays.copyOfRange(again, ciphertext.length, ciphertext.length + tagLength);
        if (!MessageDigest.isEqual(expected, tag)) {
          Arrays.fill(plain, (byte) 0);
          throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "authentication failed: the tag does not match");
        }
        return new Output(plain, null);
      } catch (GeneralSecurityException e) {
        throw JcaSession.failure(e);
      }
    }

    private void append(byte[] data) throws KmipException {
      if (buffer.size() + (long) data.length > MAX_BUFFERED) {
        throw KmipException.invalidField("a ChaCha20-Poly1305 decryption is at most " + MAX_BUFFERED + " bytes");
      }
      buffer.writeBytes(data);
    }
  }
}
