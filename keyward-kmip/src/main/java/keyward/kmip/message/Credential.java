package keyward.kmip.message;

import keyward.kmip.bind.Required;
import keyward.kmip.spec.CredentialType;
import keyward.kmip.ttlv.Item;

/**
 * Credential (KMIP 1.x §2.1.2, 2.x §2.1.2): the value's shape depends on the type (Username and
 * Password, Device, Attestation, One Time Password, Hashed Password, Ticket), so it stays a
 * subtree; {@link UsernamePassword} reads the common one.
 */
public record Credential(@Required CredentialType credentialType, @Required Item credentialValue) {

  /** toString never shows the value: it holds passwords. */
  @Override
  public String toString() {
    return "Credential[" + credentialType + "]";
  }
}
