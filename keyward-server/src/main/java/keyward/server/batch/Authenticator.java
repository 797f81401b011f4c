package keyward.server.batch;

import keyward.kmip.message.Authentication;
import keyward.server.Caller;
import keyward.server.KmipException;

/**
 * Decides who a request acts as: the transport's identity (the client certificate), possibly
 * refined or checked by the Authentication credentials in the request header.
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * Returns the caller the request acts as, or throws a KmipException with Result Reason
   * Authentication Not Successful.
   */
  Caller authenticate(Caller transportCaller, Authentication authentication) throws KmipException;

  /** Accepts the transport identity as it is and ignores header credentials. */
  Authenticator TRANSPORT_ONLY = (caller, authentication) -> caller;
}
