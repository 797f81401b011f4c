package keyward.server.operation;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import keyward.kmip.spec.CertificateRequestType;
import keyward.kmip.spec.CertificateType;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.CertificateIssuer;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.AttributeSet;
import keyward.server.object.Certificates;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;
import keyward.server.object.Names;
import keyward.server.object.ServerAttributes;
import keyward.spi.crypto.CryptoEngine;

/**
 * Certify (1.4 §4.7, 2.1 §6.1.3): a new X.509 certificate for a Public Key held here (its
 * Unique Identifier, or the ID Placeholder) or for a PKCS#10 Certificate Request. The issuer is
 * named in the request's Attributes: a Link of type Private Key Link to the issuing private key
 * (the caller's, Active, with Certificate Sign or Sign in its Usage Mask) and, unless the
 * certificate is self-issued, a Link of type Certificate Link to the issuer's certificate,
 * whose subject becomes the issuer name. The subject is the request's, or for a stored public
 * key "CN=" its first Name (else its identifier). Valid from now until the Deactivation Date
 * asked for, else a year. The certificate links to its public key (Public Key Link) and to the
 * issuer's certificate; the public key links to it (Certificate Link). A Cryptographic Usage Mask
 * with Certificate Sign makes it a CA certificate (Basic Constraints). The new identifier becomes
 * the ID Placeholder.
 */
public final class CertifyHandler implements OperationHandler {
  static final long DEFAULT_VALIDITY_SECONDS = 365L * 24 * 3600;

  private final CryptoEngine crypto;

  public CertifyHandler(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  @Override
  public Operation operation() {
    return Operation.CERTIFY;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    List<Item> asked = new ArrayList<>(Payloads.attributes(payload));
    String issuerKeyUid = takeLink(asked, LinkType.PRIVATE_KEY_LINK).orElseThrow(() -> KmipException.invalidField(
        "Certify needs a Private Key Link attribute naming the issuing private key"));
    Optional<String> issuerCertUid = takeLink(asked, LinkType.CERTIFICATE_LINK);
    List<Item> client = Payloads.clientAttributes(asked, ObjectType.CERTIFICATE, context);
    PublicKey subjectKey;
    X500Principal subject;
    ManagedObject publicKey = null;
    Optional<Integer> requestType = Payloads.enumeration(payload, Tag.CERTIFICATE_REQUEST_TYPE);
    if (requestType.isPresent()) {
      CertificateIssuer.Request csr = certificateRequest(payload).orElseThrow();
      subjectKey = csr.publicKey();
      subject = csr.subject();
    } else {
      publicKey = Payloads.online(context, Payloads.uniqueIdentifier(context, payload));
      if (publicKey.objectType() != ObjectType.PUBLIC_KEY || publicKey.object() == null) {
        throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, "Certify certifies a Public Key");
      }
      subjectKey = AsymmetricKeyBlocks.publicKey(KeyBlocks.keyBlock(publicKey.object()).orElseThrow());
      String cn = publicKey.attributes().first(Tag.NAME).map(n -> {
        try {
          return Names.value(n);
        } catch (KmipException e) {
          return null;
        }
      }).orElse(publicKey.uniqueIdentifier());
      subject = commonName(cn);
    }
    ManagedObject issuerKey = issuerKey(context, issuerKeyUid);
    X500Principal issuer = subject;
    if (issuerCertUid.isPresent()) {
      ManagedObject cert = Payloads.online(context, issuerCertUid.get());
      if (cert.objectType() != ObjectType.CERTIFICATE || cert.object() == null) {
        throw KmipException.invalidField("the Certificate Link does not name a certificate");
      }
      issuer = x509(cert).getSubjectX500Principal();
    }
    Instant now = context.now();
    Instant notAfter = Payloads.dateTime(new Item.Structure(Tag.ATTRIBUTES, client), Tag.DEACTIVATION_DATE)
        .orElse(now.plusSeconds(DEFAULT_VALIDITY_SECONDS));
    byte[] der = CertificateIssuer.issue(subject, subjectKey, issuer,
        AsymmetricKeyBlocks.privateKey(KeyBlocks.keyBlock(issuerKey.object()).orElseThrow()), now, notAfter,
        certificateSign(client), crypto);
    Item.Structure object = new Item.Structure(Tag.CERTIFICATE,
        new Item.Enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509.value()),
        new Item.ByteString(Tag.CERTIFICATE_VALUE, der));
    List<Item> attributes = new ArrayList<>(client);
    if (publicKey != null) {
      attributes.add(KeyPairs.link(LinkType.PUBLIC_KEY_LINK, publicKey.uniqueIdentifier()));
    }
    issuerCertUid.ifPresent(u -> attributes.add(KeyPairs.link(LinkType.CERTIFICATE_LINK, u)));
    Names.checkUnique(context.objects(), new AttributeSet(attributes).all(Tag.NAME), null);
    String uid = context.objects().newUniqueIdentifier();
    AttributeSet set = ServerAttributes.forNewObject(uid, ObjectType.CERTIFICATE, object, attributes,
        Certificates.x509Attributes(der), ServerAttributes.Origin.CREATED, now, crypto);
    context.objects().insert(uid, ObjectType.CERTIFICATE, object, set);
    if (publicKey != null) {
      publicKey.attributes().add(KeyPairs.link(LinkType.CERTIFICATE_LINK, uid));
      context.objects().save(publicKey);
    }
    context.batch().setIdPlaceholder(uid);
    return Payloads.response(Payloads.uid(uid));
  }

  /**
   * Whether the new certificate's Cryptographic Usage Mask allows Certificate Sign: then it is a
   * CA certificate (Basic Constraints cA), so chains through it validate (Validate, PKIX).
   */
  static boolean certificateSign(List<Item> attributes) {
    return attributes.stream().filter(a -> a.tag() == Tag.CRYPTOGRAPHIC_USAGE_MASK && a instanceof Item.Integer)
        .anyMatch(a -> (((Item.Integer) a).value() & CryptographicUsageMask.CERTIFICATE_SIGN.value()) != 0);
  }

  /** The request's PKCS#10 Certificate Request, if it has a Certificate Request Type; only PKCS#10 is served. */
  static Optional<CertificateIssuer.Request> certificateRequest(Item.Structure payload) throws KmipException {
    Optional<Integer> requestType = Payloads.enumeration(payload, Tag.CERTIFICATE_REQUEST_TYPE);
    if (requestType.isEmpty()) {
      return Optional.empty();
    }
    if (requestType.get() != CertificateRequestType.PKCS_10.value()) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "this server certifies PKCS#10 requests only");
    }
    // 1.x names the request's bytes Certificate Request, 2.x Certificate Request Value
    int valueTag = payload.first(Tag.CERTIFICATE_REQUEST).isPresent() ? Tag.CERTIFICATE_REQUEST
        : Tag.CERTIFICATE_REQUEST_VALUE;
    return Optional.of(CertificateIssuer.request(KeyUse.bytes(payload, valueTag, "Certificate Request Value")));
  }

  /** A stored certificate, parsed (Invalid Object Type when the object is no certificate). */
  static java.security.cert.X509Certificate x509(ManagedObject cert) throws Exception {
    if (cert.objectType() != ObjectType.CERTIFICATE) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, "the object is not a certificate");
    }
    if (cert.object() == null) {
      throw new KmipException(ResultReason.OBJECT_DESTROYED, "the certificate is destroyed"); // 1.x: Permission Denied
    }
    if (!(cert.object().first(Tag.CERTIFICATE_VALUE).orElse(null) instanceof Item.ByteString value)) {
      throw KmipException.invalidField("the stored certificate has no Certificate Value");
    }
    try {
      return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificate(new java.io.ByteArrayInputStream(value.value()));
    } catch (java.security.cert.CertificateException | RuntimeException e) {
      throw KmipException.invalidField("the stored certificate is not an X.509 certificate");
    }
  }

  private static X500Principal commonName(String cn) throws KmipException {
    try {
      return new X500Principal(new javax.naming.ldap.Rdn("CN", cn).toString());
    } catch (javax.naming.InvalidNameException | IllegalArgumentException e) {
      throw KmipException.invalidField("the public key's Name cannot be a certificate subject");
    }
  }

  static ManagedObject issuerKey(OperationContext context, String uid) throws Exception {
    ManagedObject key = Payloads.online(context, uid);
    if (key.objectType() != ObjectType.PRIVATE_KEY || key.object() == null) {
      throw KmipException.invalidField("the Private Key Link does not name a private key");
    }
    if (key.state(context.now()) != State.ACTIVE) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE, "the issuing key is not Active");
    }
    int mask = key.attributes().first(Tag.CRYPTOGRAPHIC_USAGE_MASK).filter(Item.Integer.class::isInstance)
        .map(i -> ((Item.Integer) i).value()).orElse(0);
    if ((mask & (CryptographicUsageMask.CERTIFICATE_SIGN.value() | CryptographicUsageMask.SIGN.value())) == 0) {
      throw new KmipException(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
          "the issuing key's Cryptographic Usage Mask allows neither Certificate Sign nor Sign");
    }
    return key;
  }

  /** Removes the first Link of the type from the attributes and returns its target. */
  static Optional<String> takeLink(List<Item> attributes, LinkType type) {
    for (int i = 0; i < attributes.size(); i++) {
      if (attributes.get(i) instanceof Item.Structure s && s.tag() == Tag.LINK
          && s.first(Tag.LINK_TYPE).orElse(null) instanceof Item.Enumeration e && e.value() == type.value()
          && s.first(Tag.LINKED_OBJECT_IDENTIFIER).orElse(null) instanceof Item.TextString t) {
        attributes.remove(i);
        return Optional.of(t.value());
      }
    }
    return Optional.empty();
  }
}
