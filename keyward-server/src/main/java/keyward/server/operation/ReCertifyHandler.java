package keyward.server.operation;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.CertificateIssuer;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.AttributeSet;
import keyward.server.object.Certificates;
import keyward.server.object.KeyBlocks;
import keyward.server.object.Lifecycle;
import keyward.server.object.ManagedObject;
import keyward.server.object.Names;
import keyward.server.object.ServerAttributes;
import keyward.spi.crypto.CryptoEngine;

/**
 * Re-certify (1.4 §4.8, 2.1 §6.1.41): a new certificate for the same key pair as an existing
 * certificate, from the same issuer. The subject is the existing certificate's, or that of a
 * PKCS#10 Certificate Request for the same public key. The issuing key is the request's Private
 * Key Link, else found through links: the issuer certificate (the existing certificate's
 * Certificate Link, or the certificate itself when self-issued), its Public Key Link, that key's
 * Private Key Link.
 *
 * <p>The new certificate takes the existing one's client attributes (as Re-key does), its Names
 * move over (TC-134-12 shows both the new and the old Name on the replacement), the request's
 * attributes are added; the certificate's own fields are read from the new certificate. With an
 * Offset the dates follow the spec's table: Activation Date = now + Offset, Deactivation Date =
 * the old one moved by as much as the activation (1.4 Table 172); without one the old dates are
 * not carried over (they described the old certificate's validity). The certificate is valid
 * from the new Activation Date (now if earlier) until the new Deactivation Date, else for as long
 * as the existing certificate was. Links: old to new Replacement Object Link, new to old Replaced
 * Object Link, the new one keeps the Public Key Link and the issuer's Certificate Link, and the
 * public key's Certificate Link moves to the new certificate (TC-134-12 step 9).
 */
public final class ReCertifyHandler implements OperationHandler {
  private static final List<Integer> DATES = List.of(
      Tag.ACTIVATION_DATE, Tag.PROCESS_START_DATE, Tag.PROTECT_STOP_DATE, Tag.DEACTIVATION_DATE);

  private final CryptoEngine crypto;

  public ReCertifyHandler(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  @Override
  public Operation operation() {
    return Operation.RE_CERTIFY;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String oldUid = Payloads.uniqueIdentifier(context, payload);
    ManagedObject old = Payloads.online(context, oldUid);
    if (old.objectType() != ObjectType.CERTIFICATE) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, "Re-certify renews certificates");
    }
    X509Certificate oldCert = CertifyHandler.x509(old);
    List<Item> request = new ArrayList<>(Payloads.attributes(payload));
    Optional<String> issuerKeyUid = CertifyHandler.takeLink(request, LinkType.PRIVATE_KEY_LINK);
    AttributeSet asked = new AttributeSet(Payloads.clientAttributes(request, ObjectType.CERTIFICATE, context));
    Optional<Long> offset = Payloads.interval(payload, Tag.OFFSET);
    if (offset.isPresent() && (asked.has(Tag.ACTIVATION_DATE) || asked.has(Tag.DEACTIVATION_DATE))) {
      throw new KmipException(ResultReason.INVALID_MESSAGE,
          "an Offset and an Activation or Deactivation Date exclude each other");
    }
    PublicKey subjectKey = oldCert.getPublicKey();
    X500Principal subject = oldCert.getSubjectX500Principal();
    Optional<CertificateIssuer.Request> csr = CertifyHandler.certificateRequest(payload);
    if (csr.isPresent()) {
      if (!Arrays.equals(csr.get().publicKey().getEncoded(), subjectKey.getEncoded())) {
        throw KmipException.invalidField("Re-certify renews a certificate for the same key pair: "
            + "the Certificate Request is for another public key");
      }
      subject = csr.get().subject();
    }
    ManagedObject issuerKey = issuerKeyUid.isPresent() ? CertifyHandler.issuerKey(context, issuerKeyUid.get())
        : impliedIssuerKey(context, old, oldCert);

    Instant now = context.now();
    List<Item> attributes = ReKeyHandler.replacementAttributes(old, asked, offset, now);
    if (offset.isEmpty()) {
      attributes.removeIf(a -> DATES.contains(a.tag()) && !asked.has(a.tag()));
    }
    AttributeSet dated = new AttributeSet(attributes);
    Instant notBefore = Lifecycle.date(dated, Tag.ACTIVATION_DATE).filter(now::isBefore).orElse(now);
    long lifetime = oldCert.getNotAfter().toInstant().getEpochSecond() - oldCert.getNotBefore().toInstant().getEpochSecond();
    Instant notAfter = Lifecycle.date(dated, Tag.DEACTIVATION_DATE)
        .orElse(notBefore.plusSeconds(Math.max(lifetime, 1)));
    if (!notAfter.isAfter(notBefore)) {
      throw KmipException.invalidField("the new certificate's Deactivation Date is not after its Activation Date");
    }
    // a CA stays a CA (or becomes one when the new Usage Mask allows Certificate Sign)
    boolean ca = oldCert.getBasicConstraints() >= 0 || CertifyHandler.certificateSign(attributes);
    byte[] der = CertificateIssuer.issue(subject, subjectKey, oldCert.getIssuerX500Principal(),
        AsymmetricKeyBlocks.privateKey(KeyBlocks.keyBlock(issuerKey.object()).orElseThrow()), notBefore, notAfter,
        ca, crypto);
    List<Item> derived = Certificates.x509Attributes(der);
    Set<Integer> derivedTags = new HashSet<>();
    derived.forEach(d -> derivedTags.add(d.tag()));
    attributes.removeIf(a -> derivedTags.contains(a.tag())); // the old certificate's fields are not the new one's
    Optional<String> publicKeyUid = link(old, LinkType.PUBLIC_KEY_LINK);
    publicKeyUid.ifPresent(u -> attributes.add(KeyPairs.link(LinkType.PUBLIC_KEY_LINK, u)));
    link(old, LinkType.CERTIFICATE_LINK).ifPresent(u -> attributes.add(KeyPairs.link(LinkType.CERTIFICATE_LINK, u)));
    attributes.add(KeyPairs.link(LinkType.REPLACED_OBJECT_LINK, oldUid));
    Names.checkUnique(context.objects(), new AttributeSet(attributes).all(Tag.NAME), oldUid);

    Item.Structure object = new Item.Structure(Tag.CERTIFICATE,
        old.object().first(Tag.CERTIFICATE_TYPE).orElseThrow(), new Item.ByteString(Tag.CERTIFICATE_VALUE, der));
    String uid = context.objects().newUniqueIdentifier();
    AttributeSet set = ServerAttributes.forNewObject(uid, ObjectType.CERTIFICATE, object, attributes, derived,
        ServerAttributes.Origin.CREATED, now, crypto);
    context.objects().insert(uid, ObjectType.CERTIFICATE, object, set);
    old.attributes().remove(Tag.NAME); // the new certificate takes the names over
    old.attributes().add(KeyPairs.link(LinkType.REPLACEMENT_OBJECT_LINK, uid));
    context.objects().save(old);
    if (publicKeyUid.isPresent()) {
      moveCertificateLink(context, publicKeyUid.get(), oldUid, uid);
    }
    context.batch().setIdPlaceholder(uid);
    return Payloads.response(Payloads.uid(uid));
  }

  /**
   * The key that signed the existing certificate, through links: the issuer's certificate (the
   * Certificate Link, or the certificate itself when it is self-issued), its public key, and that
   * key's private key. Invalid Field when the chain of links breaks: the client must then name
   * the issuing key with a Private Key Link.
   */
  private static ManagedObject impliedIssuerKey(OperationContext context, ManagedObject old, X509Certificate oldCert)
      throws Exception {
    ManagedObject issuerCert;
    Optional<String> certLink = link(old, LinkType.CERTIFICATE_LINK);
    if (certLink.isPresent()) {
      issuerCert = Payloads.online(context, certLink.get());
    } else if (oldCert.getSubjectX500Principal().equals(oldCert.getIssuerX500Principal())) {
      issuerCert = old;
    } else {
      throw noIssuer();
    }
    String publicKey = link(issuerCert, LinkType.PUBLIC_KEY_LINK).orElseThrow(ReCertifyHandler::noIssuer);
    String privateKey = link(Payloads.online(context, publicKey), LinkType.PRIVATE_KEY_LINK)
        .orElseThrow(ReCertifyHandler::noIssuer);
    ManagedObject key = CertifyHandler.issuerKey(context, privateKey);
    try {
      oldCert.verify(CertifyHandler.x509(issuerCert).getPublicKey());
    } catch (java.security.GeneralSecurityException e) {
      throw noIssuer(); // the links lead to a key that did not sign this certificate
    }
    return key;
  }

  private static KmipException noIssuer() {
    return KmipException.invalidField("the issuing key of the certificate is not found through its links: "
        + "name it with a Private Key Link attribute");
  }

  /** The public key's Certificate Link to the old certificate now names the new one (added when absent). */
  private static void moveCertificateLink(OperationContext context, String publicKeyUid, String oldUid, String uid)
      throws Exception {
    ManagedObject key;
    try {
      key = context.objects().get(publicKeyUid);
    } catch (KmipException e) {
      return; // the public key is gone or not the caller's: nothing to update
    }
    Item oldLink = KeyPairs.link(LinkType.CERTIFICATE_LINK, oldUid);
    List<Item> links = new ArrayList<>(key.attributes().all(Tag.LINK));
    key.attributes().remove(Tag.LINK);
    boolean moved = false;
    for (Item l : links) {
      if (l.equals(oldLink)) {
        key.attributes().add(KeyPairs.link(LinkType.CERTIFICATE_LINK, uid));
        moved = true;
      } else {
        key.attributes().add(l);
      }
    }
    if (!moved) {
      key.attributes().add(KeyPairs.link(LinkType.CERTIFICATE_LINK, uid));
    }
    context.objects().save(key);
  }

  /** The target of the object's first Link of the type. */
  static Optional<String> link(ManagedObject object, LinkType type) {
    for (Item l : object.attributes().all(Tag.LINK)) {
      if (l instanceof Item.Structure s && s.first(Tag.LINK_TYPE).orElse(null) instanceof Item.Enumeration e
          && e.value() == type.value() && s.first(Tag.LINKED_OBJECT_IDENTIFIER).orElse(null) instanceof Item.TextString t) {
        return Optional.of(t.value());
      }
    }
    return Optional.empty();
  }
}
