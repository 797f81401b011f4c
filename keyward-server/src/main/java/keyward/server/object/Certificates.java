package keyward.server.object;

import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import keyward.kmip.spec.CertificateType;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.DigitalSignatureAlgorithm;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * The attributes a server takes from a registered X.509 certificate: Certificate Type and
 * Length, X.509 Certificate Identifier / Subject / Issuer (1.1+, DER names), the 1.x Certificate
 * Identifier / Subject / Issuer (text names), Digital Signature
 * Algorithm, the public key's Cryptographic Algorithm and Length, and the 1.4+ per-field
 * Certificate Subject / Issuer attributes (CN, O, OU, Email...; BL-M-10-21). Parsing is the
 * JDK's CertificateFactory.
 */
public final class Certificates {
  // RFC 2253 keywords for the name attributes X500Principal would otherwise print as OIDs
  private static final Map<String, String> KEYWORDS = Map.of(
      "1.2.840.113549.1.9.1", "EMAILADDRESS", "2.5.4.5", "SERIALNUMBER", "2.5.4.12", "T",
      "2.5.4.46", "DNQUALIFIER");
  private static final List<String> FIELDS = List.of(
      "CN", "O", "OU", "EMAILADDRESS", "C", "ST", "L", "UID", "SERIALNUMBER", "T", "DC", "DNQUALIFIER");
  private static final int[] SUBJECT_TAGS = {
      Tag.CERTIFICATE_SUBJECT_CN, Tag.CERTIFICATE_SUBJECT_O, Tag.CERTIFICATE_SUBJECT_OU,
      Tag.CERTIFICATE_SUBJECT_EMAIL, Tag.CERTIFICATE_SUBJECT_C, Tag.CERTIFICATE_SUBJECT_ST,
      Tag.CERTIFICATE_SUBJECT_L, Tag.CERTIFICATE_SUBJECT_UID, Tag.CERTIFICATE_SUBJECT_SERIAL_NUMBER,
      Tag.CERTIFICATE_SUBJECT_TITLE, Tag.CERTIFICATE_SUBJECT_DC, Tag.CERTIFICATE_SUBJECT_DN_QUALIFIER};
  private static final int[] ISSUER_TAGS = {
      Tag.CERTIFICATE_ISSUER_CN, Tag.CERTIFICATE_ISSUER_O, Tag.CERTIFICATE_ISSUER_OU,
      Tag.CERTIFICATE_ISSUER_EMAIL, Tag.CERTIFICATE_ISSUER_C, Tag.CERTIFICATE_ISSUER_ST,
      Tag.CERTIFICATE_ISSUER_L, Tag.CERTIFICATE_ISSUER_UID, Tag.CERTIFICATE_ISSUER_SERIAL_NUMBER,
      Tag.CERTIFICATE_ISSUER_TITLE, Tag.CERTIFICATE_ISSUER_DC, Tag.CERTIFICATE_ISSUER_DN_QUALIFIER};
  private static final Map<String, DigitalSignatureAlgorithm> SIGNATURES = Map.of(
      "1.2.840.113549.1.1.5", DigitalSignatureAlgorithm.SHA_1_WITH_RSA_ENCRYPTION,
      "1.2.840.113549.1.1.14", DigitalSignatureAlgorithm.SHA_224_WITH_RSA_ENCRYPTION,
      "1.2.840.113549.1.1.11", DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION,
      "1.2.840.113549.1.1.12", DigitalSignatureAlgorithm.SHA_384_WITH_RSA_ENCRYPTION,
      "1.2.840.113549.1.1.13", DigitalSignatureAlgorithm.SHA_512_WITH_RSA_ENCRYPTION,
      "1.2.840.113549.1.1.10", DigitalSignatureAlgorithm.RSASSA_PSS,
      "1.2.840.10045.4.3.2", DigitalSignatureAlgorithm.ECDSA_WITH_SHA256,
      "1.2.840.10045.4.3.3", DigitalSignatureAlgorithm.ECDSA_WITH_SHA384,
      "1.2.840.10045.4.3.4", DigitalSignatureAlgorithm.ECDSA_WITH_SHA512,
      "2.16.840.1.101.3.4.3.2", DigitalSignatureAlgorithm.DSA_WITH_SHA256);

  private Certificates() {}

  /** The attributes of a DER X.509 certificate; Invalid Field when it does not parse. */
  public static List<Item> x509Attributes(byte[] der) throws KmipException {
    X509Certificate cert = parse(der);
    List<Item> out = new ArrayList<>();
    out.add(new Item.Enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509.value()));
    out.add(new Item.Integer(Tag.CERTIFICATE_LENGTH, der.length));
    X500Principal subject = cert.getSubjectX500Principal();
    X500Principal issuer = cert.getIssuerX500Principal();
    out.add(new Item.Structure(Tag.X_509_CERTIFICATE_IDENTIFIER,
        new Item.ByteString(Tag.ISSUER_DISTINGUISHED_NAME, issuer.getEncoded()),
        new Item.ByteString(Tag.CERTIFICATE_SERIAL_NUMBER, derInteger(cert.getSerialNumber()))));
    out.add(new Item.Structure(Tag.X_509_CERTIFICATE_SUBJECT,
        new Item.ByteString(Tag.SUBJECT_DISTINGUISHED_NAME, subject.getEncoded())));
    out.add(new Item.Structure(Tag.X_509_CERTIFICATE_ISSUER,
        new Item.ByteString(Tag.ISSUER_DISTINGUISHED_NAME, issuer.getEncoded())));
    legacyIdentification(cert, out);
    DigitalSignatureAlgorithm sig = SIGNATURES.get(cert.getSigAlgOID());
    if (sig != null) {
      out.add(new Item.Enumeration(Tag.DIGITAL_SIGNATURE_ALGORITHM, sig.value()));
    }
    publicKey(cert.getPublicKey(), out);
    names(subject, SUBJECT_TAGS, out);
    names(issuer, ISSUER_TAGS, out);
    return out;
  }

  /**
   * The serial number as its DER INTEGER (tag, length, value), as the Issuer Distinguished Name
   * beside it is DER: the Test Cases show "0209009bba23d1b6a48f97" for serial 9BBA23D1B6A48F97
   * (TC-ECC-3-11/12, step 5).
   */
  static byte[] derInteger(java.math.BigInteger n) {
    byte[] v = n.toByteArray();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(v.length + 6);
    out.write(0x02);
    if (v.length < 0x80) {
      out.write(v.length);
    } else {
      int bytes = v.length > 0xFFFFFF ? 4 : v.length > 0xFFFF ? 3 : v.length > 0xFF ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(v.length >>> (8 * i));
      }
    }
    out.writeBytes(v);
    return out.toByteArray();
  }

  /**
   * The KMIP 1.0 certificate attributes (deprecated from 1.1, gone in 2.0, where the version
   * check leaves them out): Certificate Identifier (Issuer, Serial Number), Certificate Subject
   * and Certificate Issuer (distinguished names), as text. The Test Cases show the form:
   * RFC 2253 names ("CN=KMIP,OU=OASIS,O=TEST,C=US") and the serial number in upper-case hex of
   * whole bytes ("01", "9BBA23D1B6A48F97"; TC-132-10, TC-ECC-3-12). Alternative names are
   * optional there and not derived.
   */
  private static void legacyIdentification(X509Certificate cert, List<Item> out) {
    String issuer = cert.getIssuerX500Principal().getName(X500Principal.RFC2253);
    String subject = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    String serial = cert.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    if (serial.length() % 2 != 0) {
      serial = "0" + serial;
    }
    out.add(new Item.Structure(Tag.CERTIFICATE_IDENTIFIER, new Item.TextString(Tag.ISSUER, issuer),
        new Item.TextString(Tag.SERIAL_NUMBER, serial)));
    out.add(new Item.Structure(Tag.CERTIFICATE_SUBJECT,
        new Item.TextString(Tag.CERTIFICATE_SUBJECT_DISTINGUISHED_NAME, subject)));
    out.add(new Item.Structure(Tag.CERTIFICATE_ISSUER,
        new Item.TextString(Tag.CERTIFICATE_ISSUER_DISTINGUISHED_NAME, issuer)));
  }

  private static X509Certificate parse(byte[] der) throws KmipException {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw KmipException.invalidField("Certificate Value is not a DER-encoded X.509 certificate");
    }
  }

  /**
   * The certified key's Cryptographic Algorithm and Length: RSA, EC and DSA by their
   * parameters, Ed25519/Ed448 and the post-quantum keys as {@link AsymmetricFormats} names them.
   */
  private static void publicKey(PublicKey key, List<Item> out) {
    CryptographicAlgorithm alg = null;
    int bits = 0;
    if (key instanceof RSAPublicKey rsa) {
      alg = CryptographicAlgorithm.RSA;
      bits = rsa.getModulus().bitLength();
    } else if (key instanceof ECPublicKey ec) {
      alg = CryptographicAlgorithm.EC;
      bits = ec.getParams().getCurve().getField().getFieldSize();
    } else if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
      alg = CryptographicAlgorithm.DSA;
      bits = dsa.getParams().getP().bitLength();
    } else {
      alg = AsymmetricFormats.algorithm(key).orElse(null);
      bits = keyward.server.crypto.AsymmetricKeys.length(key);
    }
    if (alg != null && bits > 0) {
      out.add(new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, alg.value()));
      out.add(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, bits));
    }
  }

  /** One attribute per name field value, in the order the fields appear in the name. */
  private static void names(X500Principal name, int[] tags, List<Item> out) {
    LdapName ldap;
    try {
      ldap = new LdapName(name.getName(X500Principal.RFC2253, KEYWORDS));
    } catch (InvalidNameException e) {
      return; // the DER forms above still describe the name
    }
    List<Rdn> rdns = new ArrayList<>(ldap.getRdns());
    java.util.Collections.reverse(rdns); // LdapName lists the last RDN first
    for (Rdn rdn : rdns) {
      int i = FIELDS.indexOf(rdn.getType().toUpperCase(java.util.Locale.ROOT));
      if (i >= 0 && rdn.getValue() instanceof String value) {
        out.add(new Item.TextString(tags[i], value));
      }
    }
  }
}
