package keyward.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import keyward.kmip.spec.AdjustmentType;
import keyward.kmip.spec.BatchErrorContinuationOption;
import keyward.kmip.spec.CertificateRequestType;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KeyWrapType;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.QueryFunction;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * Several operations in one request message, answered item by item ({@link BatchResult}).
 *
 * <pre>{@code
 * BatchResult r = client.batch()
 *     .add(client.createSymmetricKey("AES", 256).name("db-tde"))
 *     .activate(Batch.ID_PLACEHOLDER)            // the key the Create just made
 *     .getAttributes(Batch.ID_PLACEHOLDER, "State")
 *     .execute();
 * String id = r.item(0).uniqueIdentifier();
 * }</pre>
 *
 * <p>A Unique Identifier of {@link #ID_PLACEHOLDER} (null) sends none: the server then uses the
 * ID Placeholder, the object the previous item created, re-keyed or named (KMIP 1.4 §3.1, 2.1
 * §2.3.1). What happens after a failed item is the Batch Error Continuation Option
 * ({@link #onError}): Stop (the default: later items are not run), Continue, or Undo (nothing
 * the batch did stays). A batch is built and executed by one thread.
 *
 * <p>Each method here is also a one-item batch behind the {@link KmipClient} method of the same
 * name: a new operation is added here first (its request payload), then as a one-line method
 * there.
 */
public final class Batch {
  /** As a Unique Identifier: "the ID Placeholder", i.e. no Unique Identifier in the request. */
  public static final String ID_PLACEHOLDER = null;

  /** One request batch item: the operation and its payload in the 2.x shape. */
  record Pending(Operation operation, List<Item> payload) {}

  private final KmipClient client;
  private final List<Pending> items = new ArrayList<>();
  private BatchErrorContinuationOption onError = BatchErrorContinuationOption.STOP;
  private boolean asynchronous;

  Batch(KmipClient client) {
    this.client = client;
  }

  /** What the server does after a failed item: Stop (default), Continue or Undo. */
  public Batch onError(BatchErrorContinuationOption option) {
    this.onError = Objects.requireNonNull(option, "option");
    return this;
  }

  /** Adds a Create or Register (and its Activate, if the request asks for one). */
  public Batch add(ObjectRequest request) {
    items.addAll(request.pending());
    return this;
  }

  /** Get: the object (in the server's default format). */
  public Batch get(String uniqueIdentifier) {
    return item(Operation.GET, uid(uniqueIdentifier));
  }

  /** Get in the given Key Format Type (e.g. Transparent Symmetric Key). */
  public Batch get(String uniqueIdentifier, KeyFormatType format) {
    List<Item> p = uid(uniqueIdentifier);
    p.add(new Item.Enumeration(Tag.KEY_FORMAT_TYPE, format.value()));
    return item(Operation.GET, p);
  }

  /** Get, wrapped as the specification says (see {@link KeyWrappingSpecification}). */
  public Batch get(String uniqueIdentifier, KeyWrappingSpecification wrapping) {
    List<Item> p = uid(uniqueIdentifier);
    p.add(wrapping.toItem());
    return item(Operation.GET, p);
  }

  /**
   * Get with a Key Wrap Type: Not Wrapped asks the server to unwrap a key registered wrapped
   * (with a key it holds), As Registered returns it as it was registered.
   */
  public Batch get(String uniqueIdentifier, KeyWrapType wrapType) {
    List<Item> p = uid(uniqueIdentifier);
    p.add(new Item.Enumeration(Tag.KEY_WRAP_TYPE, wrapType.value()));
    return item(Operation.GET, p);
  }

  /** Get Attributes: all of them, or the named ones ("State", "x-owner"). */
  public Batch getAttributes(String uniqueIdentifier, String... attributeNames) {
    List<Item> p = uid(uniqueIdentifier);
    for (String n : attributeNames) {
      p.add(Shapes.reference(n));
    }
    return item(Operation.GET_ATTRIBUTES, p);
  }

  /** Get Attribute List: the names of the object's attributes. */
  public Batch getAttributeList(String uniqueIdentifier) {
    return item(Operation.GET_ATTRIBUTE_LIST, uid(uniqueIdentifier));
  }

  /** Add Attribute: a new value (see {@link AttributeValues}). */
  public Batch addAttribute(String uniqueIdentifier, Item attribute) {
    return item(Operation.ADD_ATTRIBUTE, withNew(uniqueIdentifier, attribute));
  }

  /** Set Attribute (KMIP 2.x): the attribute's only value. */
  public Batch setAttribute(String uniqueIdentifier, Item attribute) {
    return item(Operation.SET_ATTRIBUTE, withNew(uniqueIdentifier, attribute));
  }

  /**
   * Modify Attribute: replaces the attribute's value (1.x: index 0; 2.x: its only value). The
   * attribute must exist.
   */
  public Batch modifyAttribute(String uniqueIdentifier, Item attribute) {
    return item(Operation.MODIFY_ATTRIBUTE, withNew(uniqueIdentifier, attribute));
  }

  /** Modify Attribute (KMIP 2.x): replaces the value {@code current} of a multi-valued attribute. */
  public Batch modifyAttribute(String uniqueIdentifier, Item current, Item attribute) {
    List<Item> p = withNew(uniqueIdentifier, attribute);
    p.add(p.size() - 1, new Item.Structure(Tag.CURRENT_ATTRIBUTE, Objects.requireNonNull(current, "current")));
    return item(Operation.MODIFY_ATTRIBUTE, p);
  }

  /** Delete Attribute: the first value of the named attribute. */
  public Batch deleteAttribute(String uniqueIdentifier, String attributeName) {
    List<Item> p = uid(uniqueIdentifier);
    p.add(Shapes.reference(attributeName));
    return item(Operation.DELETE_ATTRIBUTE, p);
  }

  /** Delete Attribute (KMIP 2.x): the given value (Current Attribute) of an attribute. */
  public Batch deleteAttribute(String uniqueIdentifier, Item current) {
    List<Item> p = uid(uniqueIdentifier);
    p.add(new Item.Structure(Tag.CURRENT_ATTRIBUTE, Objects.requireNonNull(current, "current")));
    return item(Operation.DELETE_ATTRIBUTE, p);
  }

  /**
   * Adjust Attribute (KMIP 2.x): Increment or Decrement a number or date (by {@code amount}, or
   * by 1 when null; seconds for dates), or Negate a number or Boolean.
   */
  public Batch adjustAttribute(String uniqueIdentifier, String attributeName, AdjustmentType type, Long amount) {
    List<Item> p = uid(uniqueIdentifier);
    p.add(Shapes.reference(attributeName));
    p.add(new Item.Enumeration(Tag.ADJUSTMENT_TYPE, type.value()));
    if (amount != null) {
      p.add(new Item.LongInteger(Tag.ADJUSTMENT_VALUE, amount));
    }
    return item(Operation.ADJUST_ATTRIBUTE, p);
  }

  /** Locate with the criteria of a {@link LocateRequest}. */
  public Batch locate(LocateRequest request) {
    return item(Operation.LOCATE, request.payload());
  }

  /** Activate: the object becomes Active now. */
  public Batch activate(String uniqueIdentifier) {
    return item(Operation.ACTIVATE, uid(uniqueIdentifier));
  }

  /** Revoke with a reason and an optional message (may be null). */
  public Batch revoke(String uniqueIdentifier, RevocationReasonCode reason, String message) {
    List<Item> reasonItems = new ArrayList<>();
    reasonItems.add(new Item.Enumeration(Tag.REVOCATION_REASON_CODE, reason.value()));
    if (message != null) {
      reasonItems.add(new Item.TextString(Tag.REVOCATION_MESSAGE, message));
    }
    List<Item> p = uid(uniqueIdentifier);
    p.add(new Item.Structure(Tag.REVOCATION_REASON, reasonItems));
    return item(Operation.REVOKE, p);
  }

  /** Destroy: the object's material is destroyed; its metadata stays. */
  public Batch destroy(String uniqueIdentifier) {
    return item(Operation.DESTROY, uid(uniqueIdentifier));
  }

  /** Archive: kept, but refused (Object Archived) until recovered. */
  public Batch archive(String uniqueIdentifier) {
    return item(Operation.ARCHIVE, uid(uniqueIdentifier));
  }

  /**
   * Poll: the result of an item the server answered with Operation Pending, by its Asynchronous
   * Correlation Value; the answer is that item's own (its operation and payload).
   */
  public Batch poll(byte[] asynchronousCorrelationValue) {
    return item(Operation.POLL, List.of(bytes(Tag.ASYNCHRONOUS_CORRELATION_VALUE, asynchronousCorrelationValue)));
  }

  /** Cancel an item the server answered with Operation Pending (see {@link BatchItemResult#cancellationResult}). */
  public Batch cancel(byte[] asynchronousCorrelationValue) {
    return item(Operation.CANCEL, List.of(bytes(Tag.ASYNCHRONOUS_CORRELATION_VALUE, asynchronousCorrelationValue)));
  }

  /** Recover an archived object. */
  public Batch recover(String uniqueIdentifier) {
    return item(Operation.RECOVER, uid(uniqueIdentifier));
  }

  /**
   * Check: may the object be used for these usages, this many Usage Limits units and this
   * lease? Each criterion may be null (not asked). Fails with the reason when it may not.
   */
  public Batch check(String uniqueIdentifier, List<CryptographicUsageMask> usage, Long usageLimitsCount,
      Duration leaseTime) {
    List<Item> p = uid(uniqueIdentifier);
    if (usageLimitsCount != null) {
      p.add(new Item.LongInteger(Tag.USAGE_LIMITS_COUNT, usageLimitsCount));
    }
    if (usage != null && !usage.isEmpty()) {
      p.add(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, mask(usage)));
    }
    if (leaseTime != null) {
      p.add(new Item.Interval(Tag.LEASE_TIME, leaseTime.toSeconds()));
    }
    return item(Operation.CHECK, p);
  }

  /** Obtain Lease: how long the object may be cached (see {@link BatchItemResult#lease()}). */
  public Batch obtainLease(String uniqueIdentifier) {
    return item(Operation.OBTAIN_LEASE, uid(uniqueIdentifier));
  }

  /** Get Usage Allocation: takes {@code count} units of the object's Usage Limits. */
  public Batch getUsageAllocation(String uniqueIdentifier, long count) {
    List<Item> p = uid(uniqueIdentifier);
    p.add(new Item.LongInteger(Tag.USAGE_LIMITS_COUNT, count));
    return item(Operation.GET_USAGE_ALLOCATION, p);
  }

  /**
   * Re-key a symmetric key: a new key replacing it, with its attributes. With an {@code offset}
   * (may be null) the new key activates that long from now; {@code attributes} override the
   * copied ones.
   */
  public Batch reKey(String uniqueIdentifier, Duration offset, Item... attributes) {
    List<Item> p = uid(uniqueIdentifier);
    if (offset != null) {
      p.add(new Item.Interval(Tag.OFFSET, offset.toSeconds()));
    }
    if (attributes.length > 0) {
      p.add(new Item.Structure(Tag.ATTRIBUTES, List.of(attributes)));
    }
    return item(Operation.RE_KEY, p);
  }

  /** Query: by default the operations and object types the server supports. */
  public Batch query(QueryFunction... functions) {
    QueryFunction[] f = functions.length == 0
        ? new QueryFunction[] {QueryFunction.QUERY_OPERATIONS, QueryFunction.QUERY_OBJECTS} : functions;
    List<Item> p = new ArrayList<>();
    for (QueryFunction q : f) {
      p.add(new Item.Enumeration(Tag.QUERY_FUNCTION, q.value()));
    }
    return item(Operation.QUERY, p);
  }

  /** Ping (KMIP 2.x). */
  public Batch ping() {
    return item(Operation.PING, List.of());
  }

  // ---- key pairs, derivation and the cryptographic services (1.4 §4.2-4.6, §4.29-4.37; 2.1 §6.1)

  /** Create Key Pair (the private key becomes the ID Placeholder); see {@link KeyPairRequest}. */
  public Batch createKeyPair(KeyPairRequest request) {
    return item(Operation.CREATE_KEY_PAIR, request.payload());
  }

  /**
   * Re-key Key Pair: a new pair replacing the private key {@code privateKeyUniqueIdentifier} and
   * its public key; with an {@code offset} (may be null) the new pair activates that long from now.
   */
  public Batch reKeyKeyPair(String privateKeyUniqueIdentifier, Duration offset) {
    List<Item> p = new ArrayList<>();
    if (privateKeyUniqueIdentifier != null) {
      p.add(new Item.TextString(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, privateKeyUniqueIdentifier));
    }
    if (offset != null) {
      p.add(new Item.Interval(Tag.OFFSET, offset.toSeconds()));
    }
    return item(Operation.RE_KEY_KEY_PAIR, p);
  }

  /** Derive Key; see {@link DeriveKeyRequest}. */
  public Batch deriveKey(DeriveKeyRequest request) {
    return item(Operation.DERIVE_KEY, request.payload());
  }

  /**
   * Encrypt {@code data} with the key. {@code parameters} (may be null: the key's own),
   * {@code ivCounterNonce} (null: none, or made by the server with Random IV) and the AEAD
   * {@code additionalData} (may be null).
   */
  public Batch encrypt(String uniqueIdentifier, byte[] data, CryptographicParameters parameters,
      byte[] ivCounterNonce, byte[] additionalData) {
    List<Item> p = keyAndParameters(uniqueIdentifier, parameters);
    p.add(bytes(Tag.DATA, Objects.requireNonNull(data, "data")));
    if (ivCounterNonce != null) {
      p.add(bytes(Tag.IV_COUNTER_NONCE, ivCounterNonce));
    }
    if (additionalData != null) {
      p.add(bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, additionalData));
    }
    return item(Operation.ENCRYPT, p);
  }

  /** Decrypt {@code data}: as {@link #encrypt}, plus the AEAD {@code tag} (may be null). */
  public Batch decrypt(String uniqueIdentifier, byte[] data, CryptographicParameters parameters,
      byte[] ivCounterNonce, byte[] additionalData, byte[] tag) {
    List<Item> p = keyAndParameters(uniqueIdentifier, parameters);
    p.add(bytes(Tag.DATA, Objects.requireNonNull(data, "data")));
    if (ivCounterNonce != null) {
      p.add(bytes(Tag.IV_COUNTER_NONCE, ivCounterNonce));
    }
    if (additionalData != null) {
      p.add(bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, additionalData));
    }
    if (tag != null) {
      p.add(bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG, tag));
    }
    return item(Operation.DECRYPT, p);
  }

  /** Sign {@code data} with a private key ({@code parameters} may be null: the key's own). */
  public Batch sign(String uniqueIdentifier, byte[] data, CryptographicParameters parameters) {
    List<Item> p = keyAndParameters(uniqueIdentifier, parameters);
    p.add(bytes(Tag.DATA, Objects.requireNonNull(data, "data")));
    return item(Operation.SIGN, p);
  }

  /** Signature Verify: is {@code signature} over {@code data} valid under the public key? */
  public Batch signatureVerify(String uniqueIdentifier, byte[] data, byte[] signature,
      CryptographicParameters parameters) {
    List<Item> p = keyAndParameters(uniqueIdentifier, parameters);
    p.add(bytes(Tag.DATA, Objects.requireNonNull(data, "data")));
    p.add(bytes(Tag.SIGNATURE_DATA, Objects.requireNonNull(signature, "signature")));
    return item(Operation.SIGNATURE_VERIFY, p);
  }

  /** MAC of {@code data} with the key (HMAC keys, or AES with CMAC). */
  public Batch mac(String uniqueIdentifier, byte[] data, CryptographicParameters parameters) {
    return mac(uniqueIdentifier, data, parameters, null);
  }

  /**
   * MAC with an IV/Counter/Nonce: GMAC (an AES key, Block Cipher Mode GCM) needs one, given here
   * or made by the server with Random IV (then in {@link BatchItemResult#ivCounterNonce()}).
   */
  public Batch mac(String uniqueIdentifier, byte[] data, CryptographicParameters parameters, byte[] ivCounterNonce) {
    List<Item> p = keyAndParameters(uniqueIdentifier, parameters);
    p.add(bytes(Tag.DATA, Objects.requireNonNull(data, "data")));
    if (ivCounterNonce != null) {
      p.add(bytes(Tag.IV_COUNTER_NONCE, ivCounterNonce));
    }
    return item(Operation.MAC, p);
  }

  /** MAC Verify: is {@code macData} the MAC of {@code data} under the key? */
  public Batch macVerify(String uniqueIdentifier, byte[] data, byte[] macData, CryptographicParameters parameters) {
    return macVerify(uniqueIdentifier, data, macData, parameters, null);
  }

  /** MAC Verify with the IV/Counter/Nonce the MAC was made with (GMAC). */
  public Batch macVerify(String uniqueIdentifier, byte[] data, byte[] macData, CryptographicParameters parameters,
      byte[] ivCounterNonce) {
    List<Item> p = keyAndParameters(uniqueIdentifier, parameters);
    p.add(bytes(Tag.DATA, Objects.requireNonNull(data, "data")));
    p.add(bytes(Tag.MAC_DATA, Objects.requireNonNull(macData, "macData")));
    if (ivCounterNonce != null) {
      p.add(bytes(Tag.IV_COUNTER_NONCE, ivCounterNonce));
    }
    return item(Operation.MAC_VERIFY, p);
  }

  /** Hash {@code data} with the algorithm (no key involved). */
  public Batch hash(HashingAlgorithm algorithm, byte[] data) {
    List<Item> p = new ArrayList<>();
    p.add(CryptographicParameters.hashing(Objects.requireNonNull(algorithm, "algorithm")).toItem());
    p.add(bytes(Tag.DATA, Objects.requireNonNull(data, "data")));
    return item(Operation.HASH, p);
  }

  /** RNG Retrieve: {@code length} random bytes from the server's generator. */
  public Batch rngRetrieve(int length) {
    return item(Operation.RNG_RETRIEVE, List.of(new Item.Integer(Tag.DATA_LENGTH, length)));
  }

  /** RNG Seed: offers {@code seed} to the server's generator. */
  public Batch rngSeed(byte[] seed) {
    return item(Operation.RNG_SEED, List.of(bytes(Tag.DATA, Objects.requireNonNull(seed, "seed"))));
  }

  /**
   * Certify: a new X.509 certificate for the public key {@code publicKeyUniqueIdentifier} (or
   * the ID Placeholder), signed by the private key {@code issuerPrivateKeyUniqueIdentifier}
   * (Active, may Sign or Certificate Sign). {@code issuerCertificateUniqueIdentifier} names the
   * issuer's certificate, or null for a self-issued one; {@code attributes} are the new
   * certificate's (a Name, say).
   */
  public Batch certify(String publicKeyUniqueIdentifier, String issuerPrivateKeyUniqueIdentifier,
      String issuerCertificateUniqueIdentifier, Item... attributes) {
    List<Item> p = uid(publicKeyUniqueIdentifier);
    p.add(new Item.Structure(Tag.ATTRIBUTES, certifyAttributes(issuerPrivateKeyUniqueIdentifier,
        issuerCertificateUniqueIdentifier, attributes)));
    return item(Operation.CERTIFY, p);
  }

  /** Certify a PKCS#10 certificate request (its DER bytes); the issuer as in {@link #certify}. */
  public Batch certifyRequest(byte[] pkcs10, String issuerPrivateKeyUniqueIdentifier,
      String issuerCertificateUniqueIdentifier, Item... attributes) {
    List<Item> p = new ArrayList<>();
    p.add(new Item.Enumeration(Tag.CERTIFICATE_REQUEST_TYPE, CertificateRequestType.PKCS_10.value()));
    p.add(bytes(client.version().atLeast(keyward.kmip.spec.KmipVersion.V2_0) ? Tag.CERTIFICATE_REQUEST_VALUE
        : Tag.CERTIFICATE_REQUEST, Objects.requireNonNull(pkcs10, "pkcs10"))); // 1.x names it Certificate Request
    p.add(new Item.Structure(Tag.ATTRIBUTES, certifyAttributes(issuerPrivateKeyUniqueIdentifier,
        issuerCertificateUniqueIdentifier, attributes)));
    return item(Operation.CERTIFY, p);
  }

  /**
   * Re-certify: a new certificate for the same key pair as the certificate
   * {@code certificateUniqueIdentifier} (or the ID Placeholder), from the same issuer (the server
   * finds the issuing key through the links, or give a Private Key Link attribute). With
   * {@code offsetSeconds} (null: none) the new certificate activates that long after now.
   * {@code attributes} are added to the ones copied from the existing certificate.
   */
  public Batch reCertify(String certificateUniqueIdentifier, Long offsetSeconds, Item... attributes) {
    return reCertify(certificateUniqueIdentifier, null, offsetSeconds, attributes);
  }

  /** Re-certify with a PKCS#10 request (DER) for the same public key, which may name a new subject. */
  public Batch reCertify(String certificateUniqueIdentifier, byte[] pkcs10, Long offsetSeconds, Item... attributes) {
    List<Item> p = uid(certificateUniqueIdentifier);
    if (pkcs10 != null) {
      p.add(new Item.Enumeration(Tag.CERTIFICATE_REQUEST_TYPE, CertificateRequestType.PKCS_10.value()));
      p.add(bytes(client.version().atLeast(keyward.kmip.spec.KmipVersion.V2_0) ? Tag.CERTIFICATE_REQUEST_VALUE
          : Tag.CERTIFICATE_REQUEST, pkcs10));
    }
    if (offsetSeconds != null) {
      p.add(new Item.Interval(Tag.OFFSET, offsetSeconds));
    }
    if (attributes.length > 0) {
      p.add(new Item.Structure(Tag.ATTRIBUTES, List.of(attributes)));
    }
    return item(Operation.RE_CERTIFY, p);
  }

  /**
   * Validate: is the certificate chain made of the managed certificates {@code uniqueIdentifiers}
   * and the DER X.509 certificates {@code certificates} valid at {@code validityDate} (null: now)?
   */
  public Batch validate(List<String> uniqueIdentifiers, List<byte[]> certificates, java.time.Instant validityDate) {
    List<Item> p = new ArrayList<>();
    for (byte[] der : certificates) {
      p.add(new Item.Structure(Tag.CERTIFICATE,
          new Item.Enumeration(Tag.CERTIFICATE_TYPE, keyward.kmip.spec.CertificateType.X_509.value()),
          bytes(Tag.CERTIFICATE_VALUE, Objects.requireNonNull(der, "certificate"))));
    }
    for (String u : uniqueIdentifiers) {
      p.add(new Item.TextString(Tag.UNIQUE_IDENTIFIER, Objects.requireNonNull(u, "uniqueIdentifier")));
    }
    if (validityDate != null) {
      p.add(new Item.DateTime(Tag.VALIDITY_DATE, validityDate.getEpochSecond()));
    }
    return item(Operation.VALIDATE, p);
  }

  private static List<Item> certifyAttributes(String issuerKey, String issuerCertificate, Item... attributes) {
    List<Item> a = new ArrayList<>(List.of(attributes));
    a.add(link(LinkType.PRIVATE_KEY_LINK, Objects.requireNonNull(issuerKey, "issuerPrivateKeyUniqueIdentifier")));
    if (issuerCertificate != null) {
      a.add(link(LinkType.CERTIFICATE_LINK, issuerCertificate));
    }
    return a;
  }

  private static Item link(LinkType type, String target) {
    return new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, type.value()),
        new Item.TextString(Tag.LINKED_OBJECT_IDENTIFIER, target));
  }

  private static List<Item> keyAndParameters(String uniqueIdentifier, CryptographicParameters parameters) {
    List<Item> p = uid(uniqueIdentifier);
    if (parameters != null && !parameters.isEmpty()) {
      p.add(parameters.toItem());
    }
    return p;
  }

  private static Item bytes(int tag, byte[] value) {
    return new Item.ByteString(tag, value.clone());
  }

  /**
   * Create Split Key: splits the key {@code baseUniqueIdentifier} (null: a new key of the
   * attributes' Cryptographic Algorithm and Length, not kept) into {@code parts} Split Key
   * objects of which {@code threshold} rebuild it; {@code primeFieldSize} only for Polynomial
   * Sharing Prime Field (else null). The answer lists the parts' identifiers in part order.
   */
  public Batch createSplitKey(String baseUniqueIdentifier, int parts, int threshold,
      keyward.kmip.spec.SplitKeyMethod method, java.math.BigInteger primeFieldSize, Item... attributes) {
    List<Item> p = new ArrayList<>();
    p.add(new Item.Enumeration(Tag.OBJECT_TYPE, keyward.kmip.spec.ObjectType.SPLIT_KEY.value()));
    p.addAll(uid(baseUniqueIdentifier));
    p.add(new Item.Integer(Tag.SPLIT_KEY_PARTS, parts));
    p.add(new Item.Integer(Tag.SPLIT_KEY_THRESHOLD, threshold));
    p.add(new Item.Enumeration(Tag.SPLIT_KEY_METHOD, Objects.requireNonNull(method, "method").value()));
    if (primeFieldSize != null) {
      p.add(new Item.BigInteger(Tag.PRIME_FIELD_SIZE, primeFieldSize));
    }
    p.add(new Item.Structure(Tag.ATTRIBUTES, List.of(attributes)));
    return item(Operation.CREATE_SPLIT_KEY, p);
  }

  /** Join Split Key: a new {@code type} (Symmetric Key or Secret Data) rebuilt from the parts. */
  public Batch joinSplitKey(keyward.kmip.spec.ObjectType type, List<String> partUniqueIdentifiers, Item... attributes) {
    List<Item> p = new ArrayList<>();
    p.add(new Item.Enumeration(Tag.OBJECT_TYPE, Objects.requireNonNull(type, "type").value()));
    for (String id : partUniqueIdentifiers) {
      p.add(new Item.TextString(Tag.UNIQUE_IDENTIFIER, Objects.requireNonNull(id, "part")));
    }
    p.add(new Item.Structure(Tag.ATTRIBUTES, List.of(attributes)));
    return item(Operation.JOIN_SPLIT_KEY, p);
  }

  /**
   * Sends the batch with the Asynchronous Indicator: the server may answer an item with Operation
   * Pending ({@link BatchItemResult#pending()}), to be fetched with {@link KmipClient#poll} or
   * dropped with {@link KmipClient#cancel}. Keyward does so for Locate, Archive and Recover.
   */
  public Batch asynchronous() {
    this.asynchronous = true;
    return this;
  }

  /** Sends the batch in one request message; never throws for a failed item (see the result). */
  public BatchResult execute() {
    if (items.isEmpty()) {
      throw new IllegalStateException("the batch is empty");
    }
    return client.execute(List.copyOf(items), items.size() > 1 ? onError : null, asynchronous);
  }

  /** A general item, for operations this class has no method for yet. */
  public Batch item(Operation operation, List<Item> payload2x) {
    items.add(new Pending(Objects.requireNonNull(operation, "operation"), List.copyOf(payload2x)));
    return this;
  }

  private static List<Item> uid(String uniqueIdentifier) {
    List<Item> p = new ArrayList<>();
    if (uniqueIdentifier != null) {
      p.add(new Item.TextString(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
    }
    return p;
  }

  private static List<Item> withNew(String uniqueIdentifier, Item attribute) {
    List<Item> p = uid(uniqueIdentifier);
    p.add(new Item.Structure(Tag.NEW_ATTRIBUTE, Objects.requireNonNull(attribute, "attribute")));
    return p;
  }

  static int mask(List<CryptographicUsageMask> bits) {
    int m = 0;
    for (CryptographicUsageMask b : bits) {
      m |= b.value();
    }
    return m;
  }
}
