package keyward.store.envelope;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import keyward.spi.store.StoreException;

/**
 * A master key that never leaves an HSM: an AES-256 token object reached through the JDK's
 * SunPKCS11 provider. Wrapping and unwrapping data keys is AES-GCM on the token (SoftHSM 2.6 has
 * no AES key wrap mechanism through SunPKCS11, see JAVA-STACK.md §7), so each data key crosses
 * the PKCS#11 boundary, as it must to encrypt in software; the master key does not.
 */
public final class Pkcs11MasterKey extends AesMasterKey {
  private Pkcs11MasterKey(Key key, Provider provider) throws GeneralSecurityException {
    super(key, provider);
  }

  /**
   * Logs in to the token that {@code config} (a SunPKCS11 configuration: name, library,
   * slotListIndex) names and finds the secret key labelled {@code label}. With {@code create},
   * a missing key is generated on the token (sensitive, not extractable) and stored there.
   * The PIN array is zeroed.
   */
  public static Pkcs11MasterKey open(Path config, char[] pin, String label, boolean create)
      throws StoreException {
    try {
      Provider base = Security.getProvider("SunPKCS11");
      if (base == null) {
        throw new StoreException("this JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
      }
      Provider provider;
      try {
        provider = base.configure(config.toString());
      } catch (RuntimeException e) {
        throw new StoreException("the PKCS#11 configuration " + config + " does not load: "
            + rootMessage(e), e);
      }
      KeyStore token = KeyStore.getInstance("PKCS11", provider);
      try {
        token.load(null, pin);
      } catch (IOException e) {
        throw new StoreException("logging in to the PKCS#11 token of " + config + " failed"
            + " (wrong PIN?): " + rootMessage(e), e);
      }
      Key key = token.getKey(label, null);
      if (key == null) {
        if (!create) {
          throw new StoreException("the PKCS#11 token of " + config + " has no key labelled '"
              + label + "'");
        }
        KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
        generator.init(256);
        SecretKey generated = generator.generateKey();
        token.setEntry(label, new KeyStore.SecretKeyEntry(generated), null);
        key = token.getKey(label, null);
      }
      if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
        throw new StoreException("the PKCS#11 key '" + label + "' is " + key.getAlgorithm()
            + ", not AES");
      }
      return new Pkcs11MasterKey(key, provider);
    } catch (GeneralSecurityException e) {
      throw new StoreException("using the PKCS#11 master key '" + label + "' failed: "
          + rootMessage(e), e);
    } finally {
      if (pin != null) {
        Arrays.fill(pin, '\0');
      }
    }
  }

  /** True when the token would hand out the key's bytes (it should be sensitive). */
  boolean extractable() {
    return key().getEncoded() != null;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
