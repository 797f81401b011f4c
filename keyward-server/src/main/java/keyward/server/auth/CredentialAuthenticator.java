package keyward.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import keyward.kmip.bind.BindException;
import keyward.kmip.bind.Binder;
import keyward.kmip.message.Authentication;
import keyward.kmip.message.Credential;
import keyward.kmip.message.UsernamePassword;
import keyward.kmip.spec.CredentialType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ResultReason;
import keyward.server.Caller;
import keyward.server.KmipException;
import keyward.server.batch.Authenticator;

/**
 * Checks a Username and Password credential in the request header against a {@link UserFile};
 * a valid one makes the request act as that user (the TLS client certificate still has to be
 * valid: it admits the client, the credential names the user).
 *
 * <p>Policy: with {@code required}, every request must carry a valid credential. Otherwise a
 * request without one acts as its certificate's identity, and a credential that is present
 * must be valid. Credential types other than Username and Password are not checked (so a
 * request relying on one alone is refused when credentials are required).
 *
 * <p>PBKDF2 is slow on purpose and clients such as PyKMIP send the password with every
 * request, so a successful check is remembered for a few minutes, keyed by a salted digest of
 * user, password and stored hash (changing the password invalidates it); failures never are.
 */
public final class CredentialAuthenticator implements Authenticator {
  private static final long REMEMBER_MILLIS = 5 * 60_000;
  private static final int REMEMBER_MAX = 10_000;

  private final Supplier<UserFile> users;
  private final boolean required;
  private final Clock clock;
  private final byte[] pepper = new byte[32];
  private final Map<String, Long> verified = new ConcurrentHashMap<>();

  public CredentialAuthenticator(UserFile users, boolean required, Clock clock) {
    this(() -> users, required, clock);
  }

  /**
   * @param users read on every request (a supplier that re-reads a changed file lets users be
   *     added while the server runs); while it is empty and credentials are optional, header
   *     credentials cannot be checked and are ignored: the request acts as its certificate
   */
  public CredentialAuthenticator(Supplier<UserFile> users, boolean required, Clock clock) {
    if (required && users.get().isEmpty()) {
      throw new IllegalArgumentException("credentials are required but no users are configured");
    }
    this.users = users;
    this.required = required;
    this.clock = clock;
    new SecureRandom().nextBytes(pepper);
  }

  @Override
  public Caller authenticate(Caller transportCaller, Authentication authentication) throws KmipException {
    UserFile known = users.get();
    Credential credential = usernamePassword(authentication);
    if (credential == null || (!required && known.isEmpty())) {
      if (required) {
        throw refused("a Username and Password credential is required");
      }
      return transportCaller;
    }
    UsernamePassword up;
    try {
      up = Binder.fromItem(credential.credentialValue(), UsernamePassword.class, KmipVersion.V1_0);
    } catch (BindException e) {
      throw refused("malformed Username and Password credential");
    }
    PasswordHash stored = known.get(up.username());
    if (stored == null || up.password() == null || !check(up, stored)) {
      throw refused("unknown user or wrong password");
    }
    return new Caller(up.username(), transportCaller.remoteAddress());
  }

  private boolean check(UsernamePassword up, PasswordHash stored) {
    String key = rememberKey(up, stored);
    long now = clock.millis();
    Long until = verified.get(key);
    if (until != null && until > now) {
      return true;
    }
    if (!stored.matches(up.password())) {
      return false;
    }
    if (verified.size() >= REMEMBER_MAX) {
      verified.clear();
    }
    verified.put(key, now + REMEMBER_MILLIS);
    return true;
  }

  private String rememberKey(UsernamePassword up, PasswordHash stored) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(pepper);
      for (String part : new String[] {up.username(), up.password(), stored.format()}) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return Base64.getEncoder().encodeToString(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Credential usernamePassword(Authentication authentication) {
    if (authentication == null || authentication.credential() == null) {
      return null;
    }
    for (Credential c : authentication.credential()) {
      if (c.credentialType() == CredentialType.USERNAME_AND_PASSWORD) {
        return c;
      }
    }
    return null;
  }

  private static KmipException refused(String why) {
    return new KmipException(ResultReason.AUTHENTICATION_NOT_SUCCESSFUL, why);
  }
}
