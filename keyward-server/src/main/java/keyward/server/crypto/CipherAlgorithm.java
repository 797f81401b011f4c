package keyward.server.crypto;

import java.security.Key;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * One entry of the cipher table ({@link Ciphers}): how a Cryptographic Algorithm encrypts and
 * decrypts. Symmetric ciphers are here; RSA plugs in with its own entry (its key() reads a
 * public or private key block).
 */
public interface CipherAlgorithm {

  /** The JCA key for a key block of this algorithm (Invalid Field when the block does not suit). */
  Key key(Item.Structure keyBlock) throws KmipException;

  /**
   * Bytes of IV/Counter/Nonce the parameters call for, 0 when none (ECB): the length of a Random
   * IV the server generates.
   */
  int ivLength(CipherParameters parameters) throws KmipException;

  /**
   * Starts an encryption or decryption. {@code iv} and {@code additionalData} may be null;
   * an IV the mode needs but is missing is refused here.
   */
  CipherSession start(boolean encrypt, Key key, CipherParameters parameters, byte[] iv, byte[] additionalData)
      throws KmipException;
}
