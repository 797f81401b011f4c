package keyward.server.transport;

/**
 * Which part of the verified client certificate names the client. The name is what access rules
 * and the audit log see, so it must come from a field the issuing CA vouches for.
 */
public enum IdentityField {
  /** The subject's Common Name (2.5.4.3). A subject with no CN, or with several, is refused. */
  COMMON_NAME,
  /** The whole subject distinguished name, in RFC 2253 form. */
  SUBJECT_DN,
  /** The first subjectAltName dNSName. */
  SAN_DNS,
  /** The first subjectAltName rfc822Name (e-mail address). */
  SAN_EMAIL,
  /** The first subjectAltName uniformResourceIdentifier. */
  SAN_URI
}
