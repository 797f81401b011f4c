package keyward.kmip.message;

import keyward.kmip.bind.Required;

/** Credential Value for Credential Type Username and Password. */
public record UsernamePassword(@Required String username, String password) {
  @Override
  public String toString() {
    return "UsernamePassword[" + username + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
