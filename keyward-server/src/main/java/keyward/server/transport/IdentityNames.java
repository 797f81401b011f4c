package keyward.server.transport;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Takes the identity name out of a verified client certificate. */
final class IdentityNames {

  /** The certificate has no usable value in the configured field. */
  static final class NoIdentityException extends Exception {
    NoIdentityException(String message) {
      super(message);
    }
  }

  // subjectAltName GeneralName tags (RFC 5280 §4.2.1.6)
  private static final int SAN_EMAIL = 1;
  private static final int SAN_DNS = 2;
  private static final int SAN_URI = 6;

  private IdentityNames() {}

  static String name(X509Certificate cert, IdentityField field) throws NoIdentityException {
    return switch (field) {
      case COMMON_NAME -> commonName(cert);
      case SUBJECT_DN -> {
        String dn = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
        if (dn.isEmpty()) {
          throw new NoIdentityException("certificate subject is empty");
        }
        yield dn;
      }
      case SAN_DNS -> subjectAltName(cert, SAN_DNS, "dNSName");
      case SAN_EMAIL -> subjectAltName(cert, SAN_EMAIL, "rfc822Name");
      case SAN_URI -> subjectAltName(cert, SAN_URI, "uniformResourceIdentifier");
    };
  }

  /**
   * The subject's one CN. Several CNs are refused rather than one picked: which of them names
   * the client would be a guess, and access rules must not rest on a guess.
   */
  private static String commonName(X509Certificate cert) throws NoIdentityException {
    X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    String cn = null;
    int count = 0;
    for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        if (atv.getType().equals(BCStyle.CN)) {
          count++;
          cn = text(atv.getValue());
        }
      }
    }
    if (count == 0) {
      throw new NoIdentityException("certificate subject has no Common Name");
    }
    if (count > 1) {
      throw new NoIdentityException("certificate subject has " + count + " Common Names");
    }
    if (cn == null || cn.isBlank()) {
      throw new NoIdentityException("certificate Common Name is empty or not a string");
    }
    return cn;
  }

  private static String text(ASN1Encodable value) {
    return value instanceof ASN1String s ? s.getString() : null;
  }

  private static String subjectAltName(X509Certificate cert, int type, String what)
      throws NoIdentityException {
    Collection<List<?>> names;
    try {
      names = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new NoIdentityException("certificate subjectAltName does not parse");
    }
    if (names != null) {
      for (List<?> n : names) {
        if (n.size() >= 2 && n.get(0) instanceof Integer t && t == type
            && n.get(1) instanceof String s && !s.isBlank()) {
          return s;
        }
      }
    }
    throw new NoIdentityException("certificate has no subjectAltName " + what);
  }
}
