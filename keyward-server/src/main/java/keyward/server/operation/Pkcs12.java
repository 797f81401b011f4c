package keyward.server.operation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;

/**
 * Private keys as PKCS#12 (Key Format Type PKCS#12, KMIP 1.4+), the way TC-PKCS12-1-14 (KMIP Test
 * Cases 1.4) exchanges them: the password is the Key Material of the Secret Data that the key's
 * PKCS#12 Password Link names (the case registers it as a Password); the certificate chain starts
 * at the certificate the key's PKCS#12 Certificate Link names and follows each certificate's
 * PKCS#12 Certificate Link to its issuer's (for a key certified here without those links: its
 * public key's Certificate Link, then each certificate's Certificate Link). The PKCS#12 Friendly
 * Name attribute names the entry. The Key Block carries the PFX bytes as its Key Value.
 *
 * <p>Built and read by the JDK's PKCS12 KeyStore (its defaults: PBES2 with AES-256 and
 * PBKDF2-HMAC-SHA256, an HMAC-SHA256 integrity MAC), so no PKCS#12 structure is written by hand.
 * A PKCS#12 entry for a private key needs its certificate: a key without one is refused.
 */
final class Pkcs12 {
  /** The longest chain bundled (and the most certificates read from a PFX). */
  static final int MAX_CHAIN = ValidateHandler.MAX_CHAIN;

  private Pkcs12() {}

  /** A private key read from a PFX: its PKCS#8 encoding and its chain (leaf first). */
  record Contents(byte[] pkcs8, List<X509Certificate> chain) {}

  /** The stored private key as a PKCS#12 Key Block; Key Format Type Not Supported when it cannot be one. */
  static Item.Structure keyBlock(OperationContext context, ManagedObject key) throws Exception {
    if (key.objectType() != ObjectType.PRIVATE_KEY) {
      throw refused("only private keys are served as PKCS#12");
    }
    Item.Structure block = KeyBlocks.keyBlock(key.object()).orElseThrow(() -> refused("the key has no key block"));
    if (KeyBlocks.wrapped(block)) {
      throw refused("the key is stored wrapped: it is not available as PKCS#12");
    }
    PrivateKey privateKey = AsymmetricKeyBlocks.privateKey(block);
    List<X509Certificate> chain = chain(context, key);
    if (chain.isEmpty()) {
      throw refused("a PKCS#12 needs the key's certificate: link it with a PKCS#12 Certificate Link");
    }
    String alias = key.attributes().first(Tag.PKCS_12_FRIENDLY_NAME).filter(Item.TextString.class::isInstance)
        .map(i -> ((Item.TextString) i).value()).orElse(key.uniqueIdentifier());
    char[] password = password(context, key);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(alias, privateKey, password, chain.toArray(Certificate[]::new));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, password);
      return new Item.Structure(Tag.KEY_BLOCK, new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_12.value()),
          new Item.ByteString(Tag.KEY_VALUE, out.toByteArray()));
    } catch (GeneralSecurityException | IOException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the PKCS#12 could not be built for this key");
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * The one private key entry of a PFX, opened with the password its PKCS#12 Password Link
   * names; Invalid Field when the PFX does not open with it or holds no single key entry.
   */
  static Contents read(OperationContext context, byte[] pfx, String passwordUid) throws Exception {
    char[] password = password(context, Payloads.online(context, passwordUid));
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(pfx), password);
      List<String> keys = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (keys.size() + 1 > MAX_CHAIN) {
          throw KmipException.invalidField("the PKCS#12 holds too many entries");
        }
        if (store.isKeyEntry(alias)) {
          keys.add(alias);
        }
      }
      if (keys.size() != 1) {
        throw KmipException.invalidField("a registered PKCS#12 must hold exactly one private key");
      }
      String alias = keys.getFirst();
      if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
        throw KmipException.invalidField("the PKCS#12 entry is not a private key");
      }
      Certificate[] chain = store.getCertificateChain(alias);
      List<X509Certificate> certs = new ArrayList<>();
      for (Certificate c : chain == null ? new Certificate[0] : chain) {
        if (!(c instanceof X509Certificate x) || certs.size() >= MAX_CHAIN) {
          throw KmipException.invalidField("the PKCS#12 chain must be at most " + MAX_CHAIN + " X.509 certificates");
        }
        certs.add(x);
      }
      return new Contents(key.getEncoded(), certs);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw KmipException.invalidField("the Key Value is not a PKCS#12 that opens with the linked password");
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** Whether a Private Key object's (unwrapped) key block is in PKCS#12 format. */
  static boolean isPkcs12(Item.Structure privateKey) {
    return KeyBlocks.keyBlock(privateKey).filter(b -> !KeyBlocks.wrapped(b))
        .flatMap(KeyBlocks::format).orElse(null) == KeyFormatType.PKCS_12;
  }

  /** A registered PFX opened: the Private Key object to store (PKCS#8) and its chain, leaf first. */
  record Opened(Item.Structure privateKey, List<X509Certificate> chain) {}

  /**
   * Register of a PKCS#12 private key: the PFX (the Key Value's bytes, or its Key Material's)
   * opened with the password the client's PKCS#12 Password Link names; the key is kept as PKCS#8
   * with the key block's Cryptographic Algorithm and Length if given.
   */
  static Opened open(OperationContext context, Item.Structure privateKey, List<Item> client) throws Exception {
    Item.Structure block = KeyBlocks.keyBlock(privateKey).orElseThrow();
    Item value = block.first(Tag.KEY_VALUE).orElse(null);
    if (value instanceof Item.Structure s) {
      value = s.first(Tag.KEY_MATERIAL).orElse(null);
    }
    if (!(value instanceof Item.ByteString pfx)) {
      throw KmipException.invalidField("a PKCS#12 Key Value is the PFX's bytes");
    }
    String passwordUid = client.stream().map(a -> linkTarget(a, LinkType.PKCS_12_PASSWORD_LINK)).flatMap(Optional::stream)
        .findFirst().orElseThrow(() -> KmipException.invalidField(
            "registering a PKCS#12 needs a PKCS#12 Password Link attribute naming the password's Secret Data"));
    Contents contents = read(context, pfx.value(), passwordUid);
    List<Item> kept = new ArrayList<>();
    kept.add(new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_8.value()));
    kept.add(new Item.Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, contents.pkcs8())));
    for (Item i : block.items()) {
      if (i.tag() == Tag.CRYPTOGRAPHIC_ALGORITHM || i.tag() == Tag.CRYPTOGRAPHIC_LENGTH) {
        kept.add(i);
      }
    }
    return new Opened(new Item.Structure(Tag.PRIVATE_KEY, new Item.Structure(Tag.KEY_BLOCK, kept)), contents.chain());
  }

  /**
   * Registers each certificate of a PFX's chain as a Certificate, linked as {@link #keyBlock}
   * reads them, each to its issuer's by a PKCS#12 Certificate Link; returns the key's link to the
   * first (the leaf).
   */
  static Item registerChain(OperationContext context, List<X509Certificate> chain,
      keyward.spi.crypto.CryptoEngine crypto) throws Exception {
    String issuer = null;
    for (X509Certificate cert : chain.reversed()) { // root first: each links to its issuer
      byte[] der = cert.getEncoded();
      List<Item> links = issuer == null ? List.of() : List.of(KeyPairs.link(LinkType.PKCS_12_CERTIFICATE_LINK, issuer));
      Item.Structure object = new Item.Structure(Tag.CERTIFICATE,
          new Item.Enumeration(Tag.CERTIFICATE_TYPE, keyward.kmip.spec.CertificateType.X_509.value()),
          new Item.ByteString(Tag.CERTIFICATE_VALUE, der));
      String uid = context.objects().newUniqueIdentifier();
      context.objects().insert(uid, ObjectType.CERTIFICATE, object, keyward.server.object.ServerAttributes.forNewObject(
          uid, ObjectType.CERTIFICATE, object, links, keyward.server.object.Certificates.x509Attributes(der),
          keyward.server.object.ServerAttributes.Origin.REGISTERED, context.now(), crypto));
      issuer = uid;
    }
    return KeyPairs.link(LinkType.PKCS_12_CERTIFICATE_LINK, issuer);
  }

  private static Optional<String> linkTarget(Item attribute, LinkType type) {
    if (attribute instanceof Item.Structure s && s.tag() == Tag.LINK
        && s.first(Tag.LINK_TYPE).orElse(null) instanceof Item.Enumeration e && e.value() == type.value()
        && s.first(Tag.LINKED_OBJECT_IDENTIFIER).orElse(null) instanceof Item.TextString t) {
      return Optional.of(t.value());
    }
    return Optional.empty();
  }

  /** The password of a key's PKCS#12 Password Link (or of the Secret Data itself). */
  private static char[] password(OperationContext context, ManagedObject object) throws Exception {
    ManagedObject secret = object;
    if (object.objectType() != ObjectType.SECRET_DATA) {
      String uid = ReCertifyHandler.link(object, LinkType.PKCS_12_PASSWORD_LINK)
          .orElseThrow(() -> refused("a PKCS#12 needs a password: a PKCS#12 Password Link to a Secret Data"));
      secret = Payloads.online(context, uid);
    }
    if (secret.objectType() != ObjectType.SECRET_DATA || secret.object() == null) {
      throw KmipException.invalidField("the PKCS#12 Password Link must name a Secret Data holding the password");
    }
    Item.Structure block = KeyBlocks.keyBlock(secret.object())
        .orElseThrow(() -> KmipException.invalidField("the password Secret Data has no key block"));
    if (KeyBlocks.wrapped(block) || !(KeyBlocks.keyMaterial(block).orElse(null) instanceof Item.ByteString b)) {
      throw KmipException.invalidField("the password Secret Data must hold its bytes unwrapped");
    }
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b.value()));
      char[] out = new char[chars.remaining()];
      chars.get(out);
      Arrays.fill(chars.array(), '\0');
      return out;
    } catch (CharacterCodingException e) {
      throw KmipException.invalidField("the PKCS#12 password is not UTF-8 text");
    }
  }

  /** The chain from the key's certificate to the last issuer the links reach, at most {@link #MAX_CHAIN}. */
  private static List<X509Certificate> chain(OperationContext context, ManagedObject key) throws Exception {
    LinkType via = LinkType.PKCS_12_CERTIFICATE_LINK;
    Optional<String> next = ReCertifyHandler.link(key, via);
    if (next.isEmpty()) {
      via = LinkType.CERTIFICATE_LINK;
      Optional<String> publicKey = ReCertifyHandler.link(key, LinkType.PUBLIC_KEY_LINK);
      if (publicKey.isPresent()) {
        next = ReCertifyHandler.link(Payloads.online(context, publicKey.get()), via);
      }
    }
    List<X509Certificate> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (next.isPresent() && seen.add(next.get())) {
      if (chain.size() >= MAX_CHAIN) {
        throw refused("the certificate chain is longer than " + MAX_CHAIN);
      }
      ManagedObject cert = Payloads.online(context, next.get());
      if (cert.objectType() != ObjectType.CERTIFICATE) {
        throw KmipException.invalidField("a PKCS#12 Certificate Link names an object that is no certificate");
      }
      chain.add(CertifyHandler.x509(cert));
      next = ReCertifyHandler.link(cert, via);
    }
    return chain;
  }

  private static KmipException refused(String message) {
    return new KmipException(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, message);
  }
}
