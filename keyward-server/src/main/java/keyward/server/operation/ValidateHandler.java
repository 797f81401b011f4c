package keyward.server.operation;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import keyward.kmip.spec.CertificateType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.ManagedObject;

/**
 * Validate (1.4 §4.24, 2.1 §6.1.62): is a certificate chain valid at the Validity Date (now when
 * absent)? The chain is the Certificate objects of the request together with the managed
 * certificates it names by Unique Identifier, in any order (the server orders them by issuer and
 * subject names), at most {@value #MAX_CHAIN} certificates. X.509 only.
 *
 * <p>Trust anchor: the spec leaves the validation policy and "the specification of trust anchors
 * used to terminate validation" to the server. Keyward has no trust store of its own, and the
 * question the client asks is whether this chain holds together, so the anchor is the chain's own
 * root: its last certificate when that one is self-signed (its self-signature, and its validity
 * at the date, are checked here since PKIX takes an anchor as given). The rest of the chain is
 * checked by the JDK's PKIX CertPathValidator (signatures, validity periods, name chaining,
 * basic constraints and key usage of the issuers). Whether the client trusts that root is its
 * own decision. Answers: Valid; Invalid when PKIX rejects the chain, the root's self-signature
 * fails, the certificates do not form one chain, or a managed certificate in it is Compromised;
 * Unknown when the chain does not reach a self-signed root (no anchor to validate to). A destroyed
 * managed certificate cannot be part of a chain: Object Destroyed.
 * Revocation is not checked: the server fetches no CRL or OCSP answer.
 */
public final class ValidateHandler implements OperationHandler {
  /** The longest chain accepted: longer ones are refused before any certificate is parsed. */
  public static final int MAX_CHAIN = 16;

  @Override
  public Operation operation() {
    return Operation.VALIDATE;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    List<Item> given = payload.all(Tag.CERTIFICATE);
    List<Item> named = payload.all(Tag.UNIQUE_IDENTIFIER);
    if (given.isEmpty() && named.isEmpty()) {
      throw KmipException.invalidField("Validate needs a certificate chain: Certificates or Unique Identifiers");
    }
    if (given.size() + named.size() > MAX_CHAIN) {
      throw KmipException.invalidField("a certificate chain of at most " + MAX_CHAIN + " certificates is validated");
    }
    Instant at = Payloads.dateTime(payload, Tag.VALIDITY_DATE).orElse(context.now());
    List<X509Certificate> certificates = new ArrayList<>();
    boolean compromised = false;
    for (Item c : given) {
      if (!(c instanceof Item.Structure s)) {
        throw KmipException.invalidField("a Certificate must be a structure");
      }
      certificates.add(x509(s));
    }
    for (Item u : named) {
      if (!(u instanceof Item.TextString t)) {
        throw KmipException.invalidField("a Unique Identifier must be a Text String");
      }
      ManagedObject mo = Payloads.online(context, t.value());
      if (mo.objectType() != ObjectType.CERTIFICATE) {
        throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, "Validate validates certificates");
      }
      State state = mo.state(context.now());
      if (keyward.server.object.Transitions.destroyed(state)) {
        throw new KmipException(ResultReason.OBJECT_DESTROYED, "a certificate of the chain is destroyed");
      }
      compromised |= state == State.COMPROMISED;
      certificates.add(CertifyHandler.x509(mo));
    }
    ValidityIndicator answer = compromised ? ValidityIndicator.INVALID : validity(certificates, at);
    return Payloads.response(new Item.Enumeration(Tag.VALIDITY_INDICATOR, answer.value()));
  }

  /** The chain's validity at the date, as the class comment says. */
  static ValidityIndicator validity(List<X509Certificate> certificates, Instant at) {
    Optional<List<X509Certificate>> ordered = order(certificates);
    if (ordered.isEmpty()) {
      return ValidityIndicator.INVALID;
    }
    List<X509Certificate> path = new ArrayList<>(ordered.get());
    X509Certificate root = path.getLast();
    if (!selfIssued(root)) {
      return ValidityIndicator.UNKNOWN;
    }
    path.removeLast();
    try {
      root.verify(root.getPublicKey());
      root.checkValidity(Date.from(at));
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
      return ValidityIndicator.VALID;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return ValidityIndicator.INVALID;
    }
  }

  /**
   * The certificates from leaf to root: the leaf is the one certificate that issued none of the
   * others, each next one the issuer of the one before. Empty when they do not form a single chain
   * (two leaves, a certificate left over, an issuer named twice).
   */
  static Optional<List<X509Certificate>> order(List<X509Certificate> certificates) {
    List<X509Certificate> leaves = new ArrayList<>();
    for (X509Certificate c : certificates) {
      boolean issuesAnother = certificates.stream().anyMatch(o -> o != c && !selfIssued(o)
          && o.getIssuerX500Principal().equals(c.getSubjectX500Principal()));
      if (!issuesAnother) {
        leaves.add(c);
      }
    }
    if (leaves.size() != 1) {
      return Optional.empty();
    }
    List<X509Certificate> path = new ArrayList<>(List.of(leaves.getFirst()));
    while (path.size() < certificates.size() && !selfIssued(path.getLast())) {
      X509Certificate current = path.getLast();
      List<X509Certificate> issuers = certificates.stream()
          .filter(o -> !path.contains(o) && o.getSubjectX500Principal().equals(current.getIssuerX500Principal()))
          .toList();
      if (issuers.size() != 1) {
        return Optional.empty();
      }
      path.add(issuers.getFirst());
    }
    return path.size() == certificates.size() ? Optional.of(path) : Optional.empty();
  }

  private static boolean selfIssued(X509Certificate c) {
    return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
  }

  private static X509Certificate x509(Item.Structure certificate) throws KmipException {
    if (!(certificate.first(Tag.CERTIFICATE_TYPE).orElse(null) instanceof Item.Enumeration type)
        || !(certificate.first(Tag.CERTIFICATE_VALUE).orElse(null) instanceof Item.ByteString value)) {
      throw KmipException.invalidField("a Certificate needs a Certificate Type and a Certificate Value");
    }
    if (type.value() != CertificateType.X_509.value()) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "this server validates X.509 certificates only");
    }
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(value.value()));
    } catch (CertificateException | RuntimeException e) {
      throw KmipException.invalidField("a Certificate Value is not a DER-encoded X.509 certificate");
    }
  }
}
