package keyward.server.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;

/**
 * A session over one initialized JCA Cipher. For AEAD the JCA appends the tag to the
 * ciphertext: encryption splits it off, decryption appends the client's tag before the final
 * step. Failures become Result Reasons without any detail of the data or key.
 */
final class JcaSession implements CipherSession {
  private final Cipher cipher;
  private final boolean encrypt;
  private final int tagLength; // 0: not AEAD

  JcaSession(Cipher cipher, boolean encrypt, int tagLength) {
    this.cipher = cipher;
    this.encrypt = encrypt;
    this.tagLength = tagLength;
  }

  @Override
  public boolean authenticated() {
    return tagLength > 0;
  }

  @Override
  public byte[] update(byte[] data) {
    byte[] out = cipher.update(data);
    return out == null ? new byte[0] : out;
  }

  @Override
  public Output finish(byte[] data, byte[] tag) throws KmipException {
    try {
      if (tagLength == 0) {
        return new Output(cipher.doFinal(data), null);
      }
      if (encrypt) {
        byte[] all = cipher.doFinal(data);
        int n = all.length - tagLength;
        return new Output(Arrays.copyOf(all, n), Arrays.copyOfRange(all, n, all.length));
      }
      Aead.checkTag(tag, tagLength);
      byte[] in = Arrays.copyOf(data, data.length + tag.length);
      System.arraycopy(tag, 0, in, data.length, tag.length);
      return new Output(cipher.doFinal(in), null);
    } catch (GeneralSecurityException e) {
      throw failure(e);
    }
  }

  /** The Result Reason for a JCA failure; the message names the kind, never the data. */
  static KmipException failure(GeneralSecurityException e) {
    if (e instanceof AEADBadTagException) {
      return new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "authentication failed: the tag does not match");
    }
    if (e instanceof BadPaddingException) {
      return new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "bad padding");
    }
    if (e instanceof IllegalBlockSizeException) {
      return new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE,
          "the data is not a whole number of blocks and no padding was chosen");
    }
    if (e instanceof InvalidKeyException) {
      return new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the key does not suit the algorithm");
    }
    if (e instanceof InvalidAlgorithmParameterException) {
      return KmipException.invalidField("the IV/Counter/Nonce or tag length does not suit the algorithm");
    }
    return new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the cipher failed");
  }
}
