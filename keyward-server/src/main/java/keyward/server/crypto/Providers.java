package keyward.server.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Bouncy Castle as an explicit provider, for what the JDK lacks (SLH-DSA, curves such as
 * secp256k1). It is never installed globally, so every other algorithm stays the JDK's.
 */
public final class Providers {
  public static final Provider BC = new BouncyCastleProvider();

  private Providers() {}
}
