package keyward.server.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import keyward.spi.crypto.CryptoEngine;

/**
 * A SecureRandom whose bytes come from the engine's approved generator, for JCA calls that take
 * one (key pair generation, OAEP and PSS): the server's randomness has one source.
 */
public final class EngineRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;
  private final transient CryptoEngine crypto;

  public EngineRandom(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  @Override
  public void nextBytes(byte[] bytes) {
    byte[] r = crypto.randomBytes(bytes.length);
    System.arraycopy(r, 0, bytes, 0, r.length);
    Arrays.fill(r, (byte) 0);
  }

  @Override
  public byte[] generateSeed(int n) {
    return crypto.randomBytes(n);
  }
}
