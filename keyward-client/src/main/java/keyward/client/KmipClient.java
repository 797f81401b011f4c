package keyward.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.spec.AdjustmentType;
import keyward.kmip.spec.BatchErrorContinuationOption;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.DerivationMethod;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.KeyWrapType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.QueryFunction;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.ValidityIndicator;
import keyward.kmip.ttlv.Item;

/**
 * A KMIP client: typed methods per operation over a small pool of TLS connections. Thread-safe.
 *
 * <pre>{@code
 * try (KmipClient client = KmipClient.builder().server("localhost", 5696)
 *     .tls(TlsFiles.pkcs12(p12, password, caPem)).build()) {
 *   String id = client.createSymmetricKey("AES", 256).name("db-tde")
 *       .usage(ENCRYPT, DECRYPT).activate().execute();
 *   byte[] key = client.get(id);
 * }
 * }</pre>
 *
 * <p>Protocol version: unless fixed with {@link Builder#version}, the first call runs Discover
 * Versions and uses the highest version both sides know. Requests are built in the 2.x shape and
 * converted to the 1.x shape (Template-Attribute, Attribute Name) for 1.x servers.
 *
 * <p>Each method is one request message with one batch item; {@link #batch()} puts several in
 * one message. Servers: several may be given ({@link Builder#server}, called once per server);
 * one that cannot be reached is skipped for the next, and a request of read operations only is
 * sent again after a lost answer ({@link Builder#retries}); other requests never are.
 *
 * <p>Failures: a KMIP failure is a {@link KmipClientException} with the server's Result Reason
 * and Message; a connection or TLS problem is a {@link KmipTransportException}.
 */
public final class KmipClient implements AutoCloseable {
  /** The versions this client can speak, highest first (the order Discover Versions sends). */
  public static final List<KmipVersion> SUPPORTED = List.of(
      KmipVersion.V2_1, KmipVersion.V2_0, KmipVersion.V1_4, KmipVersion.V1_3, KmipVersion.V1_2);

  private final Builder config;
  private final Transport transport;
  private volatile KmipVersion version;

  private KmipClient(Builder b) {
    this.config = b;
    this.transport = new Transport(b.endpoints, b.tls, b.connectTimeout, b.readTimeout, b.limits,
        b.retries, b.poolSize);
    this.version = b.version;
  }

  /** A builder; {@link Builder#server} and {@link Builder#tls} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The protocol version in use, negotiating it first if need be. */
  public KmipVersion version() {
    KmipVersion v = version;
    if (v == null) {
      synchronized (this) {
        if (version == null) {
          version = negotiate();
        }
        v = version;
      }
    }
    return v;
  }

  private KmipVersion negotiate() {
    // Discover Versions exists since 1.1; a 1.2 header is what every server of interest reads.
    List<KmipVersion> offered = config.offered();
    List<KmipVersion> answer = discoverVersions(KmipVersion.V1_2, offered);
    for (KmipVersion v : answer) {
      if (offered.contains(v)) {
        return v;
      }
    }
    throw new KmipClientException("the server supports none of the versions " + offered
        + " (it offers " + answer + ")", null);
  }

  // ---- operations: each a one-item Batch (see Batch for the request payloads) ---------------

  /**
   * A batch: several operations in one request message, the later ones able to name the object
   * an earlier one made through {@link Batch#ID_PLACEHOLDER}.
   */
  public Batch batch() {
    return new Batch(this);
  }

  /** Starts a Create of a symmetric key: {@code createSymmetricKey("AES", 256)}. */
  public ObjectRequest createSymmetricKey(String algorithm, int lengthBits) {
    return ObjectRequest.create(this, algorithm(algorithm), lengthBits);
  }

  /**
   * Starts a Create of Secret Data (KMIP 2.x; a random Password) of {@code lengthBits} bits, or
   * the server's default length when null.
   */
  public ObjectRequest createSecretData(Integer lengthBits) {
    return ObjectRequest.createSecretData(this, lengthBits);
  }

  /** Starts a Register of a symmetric key with the given key bytes (Raw key format). */
  public ObjectRequest registerSymmetricKey(String algorithm, byte[] key) {
    return ObjectRequest.registerSymmetricKey(this, algorithm(algorithm), key);
  }

  /** Starts a Register of Secret Data (a password, by Secret Data Type) with the given bytes. */
  public ObjectRequest registerSecretData(byte[] secret) {
    return ObjectRequest.registerSecretData(this, secret);
  }

  /** Starts a Register of an X.509 certificate (its DER bytes). */
  public ObjectRequest registerCertificate(byte[] der) {
    return ObjectRequest.registerCertificate(this, der);
  }

  /**
   * Starts a Register of a PGP Key (KMIP 1.2+): the transferable key as the client has it (armored
   * or binary), stored as given, with its PGP Key Version (4 for today's keys).
   */
  public ObjectRequest registerPgpKey(int pgpKeyVersion, byte[] key) {
    return ObjectRequest.registerPgpKey(this, pgpKeyVersion, key);
  }

  /**
   * Starts a Register of a private key as PKCS#12 (KMIP 1.4+): the PFX bytes and the Secret Data
   * holding its password (linked by PKCS#12 Password Link). The server keeps the key and registers
   * the certificates of its chain, linked to it; Get with Key Format Type PKCS#12 gives a PFX back.
   */
  public ObjectRequest registerPkcs12(byte[] pfx, String passwordUniqueIdentifier) {
    return ObjectRequest.registerPkcs12(this, pfx, passwordUniqueIdentifier);
  }

  /**
   * Starts a Register of an Opaque Object: bytes the server stores without interpreting them.
   * {@code opaqueDataType} is an extension value (0x80000000 and up; KMIP defines none).
   */
  public ObjectRequest registerOpaqueObject(int opaqueDataType, byte[] value) {
    return ObjectRequest.registerOpaqueObject(this, opaqueDataType, value);
  }

  /**
   * Register an object as it is, e.g. a key block wrapped elsewhere or returned by
   * {@link #getWrapped} (the object structure of that payload): the server keeps it wrapped.
   */
  public ObjectRequest registerObject(ObjectType type, Item.Structure object) {
    return ObjectRequest.registerObject(this, type, object);
  }

  /**
   * Get: the bytes of a symmetric key or secret data in the server's default format (Raw /
   * Opaque), an opaque object's value, or a certificate's DER. Other objects fail with a clear message; use
   * {@link #getObject}. Clear the array when done with it.
   */
  public byte[] get(String uniqueIdentifier) {
    return one(batch().get(id(uniqueIdentifier))).objectBytes();
  }

  /** Get: the whole response payload (Object Type, Unique Identifier, the object). */
  public Item.Structure getObject(String uniqueIdentifier) {
    return one(batch().get(id(uniqueIdentifier))).responsePayload();
  }

  /** Get in the given Key Format Type: the whole response payload. */
  public Item.Structure getObject(String uniqueIdentifier, KeyFormatType format) {
    return one(batch().get(id(uniqueIdentifier), format)).responsePayload();
  }

  /**
   * Get wrapped: the whole response payload; the key block's Key Value is the wrapped bytes (or,
   * with MAC/sign alone, the clear Key Value) and its Key Wrapping Data says how.
   */
  public Item.Structure getWrapped(String uniqueIdentifier, KeyWrappingSpecification wrapping) {
    return one(batch().get(id(uniqueIdentifier), wrapping)).responsePayload();
  }

  /** Get with a Key Wrap Type (Not Wrapped: unwrapped by the server; As Registered): the whole response payload. */
  public Item.Structure getObject(String uniqueIdentifier, KeyWrapType wrapType) {
    return one(batch().get(id(uniqueIdentifier), wrapType)).responsePayload();
  }

  /**
   * Get a private key as PKCS#12 (KMIP 1.4+): the PFX bytes, protected by the password its PKCS#12
   * Password Link names, with its certificate chain. Clear the array when done with it.
   */
  public byte[] getPkcs12(String privateKeyUniqueIdentifier) {
    return Payloads.objectBytes(getObject(privateKeyUniqueIdentifier, KeyFormatType.PKCS_12));
  }

  /** Get Attributes: every attribute of the object (or just the named ones), in the 2.x shape. */
  public ObjectAttributes getAttributes(String uniqueIdentifier, String... attributeNames) {
    return one(batch().getAttributes(id(uniqueIdentifier), attributeNames)).attributes();
  }

  /** Get Attribute List: the names of the object's attributes. */
  public List<String> getAttributeList(String uniqueIdentifier) {
    return one(batch().getAttributeList(id(uniqueIdentifier))).attributeNames();
  }

  /** Add Attribute: a 2.x-shaped attribute (see {@link AttributeValues}). */
  public void addAttribute(String uniqueIdentifier, Item attribute) {
    one(batch().addAttribute(id(uniqueIdentifier), attribute));
  }

  /**
   * Sets an attribute: Set Attribute on 2.x; on 1.x (which has no Set Attribute) Modify Attribute
   * of index 0, which needs the attribute to exist.
   */
  public void setAttribute(String uniqueIdentifier, Item attribute) {
    Batch b = batch();
    one(version().atLeast(KmipVersion.V2_0) ? b.setAttribute(id(uniqueIdentifier), attribute)
        : b.modifyAttribute(id(uniqueIdentifier), attribute));
  }

  /** Modify Attribute: replaces the value of an existing single-valued attribute. */
  public void modifyAttribute(String uniqueIdentifier, Item attribute) {
    one(batch().modifyAttribute(id(uniqueIdentifier), attribute));
  }

  /** Modify Attribute (KMIP 2.x): replaces the value {@code current} with {@code attribute}. */
  public void modifyAttribute(String uniqueIdentifier, Item current, Item attribute) {
    one(batch().modifyAttribute(id(uniqueIdentifier), current, attribute));
  }

  /** Delete Attribute: the first (index 0) instance of the named attribute. */
  public void deleteAttribute(String uniqueIdentifier, String attributeName) {
    one(batch().deleteAttribute(id(uniqueIdentifier), attributeName));
  }

  /** Delete Attribute (KMIP 2.x): this value of an attribute, e.g. one of several Names. */
  public void deleteAttribute(String uniqueIdentifier, Item current) {
    one(batch().deleteAttribute(id(uniqueIdentifier), current));
  }

  /**
   * Adjust Attribute (KMIP 2.x): Increment or Decrement a number or date attribute by
   * {@code amount} (1 when null; seconds for dates), or Negate a number or Boolean.
   */
  public void adjustAttribute(String uniqueIdentifier, String attributeName, AdjustmentType type, Long amount) {
    one(batch().adjustAttribute(id(uniqueIdentifier), attributeName, type, amount));
  }

  /** Starts a Locate. */
  public LocateRequest locate() {
    return new LocateRequest(this);
  }

  /** Activate: the object becomes Active now. */
  public void activate(String uniqueIdentifier) {
    one(batch().activate(id(uniqueIdentifier)));
  }

  /** Revoke with a reason (and an optional message, may be null). */
  public void revoke(String uniqueIdentifier, RevocationReasonCode reason, String message) {
    one(batch().revoke(id(uniqueIdentifier), reason, message));
  }

  /** Destroy: the key material is destroyed; the object's metadata stays. */
  public void destroy(String uniqueIdentifier) {
    one(batch().destroy(id(uniqueIdentifier)));
  }

  /** Archive: the object stays, but Get and the other operations on it refuse until Recover. */
  public void archive(String uniqueIdentifier) {
    one(batch().archive(id(uniqueIdentifier)));
  }

  /**
   * Poll for an item the server answered with Operation Pending: the item's own result (its
   * operation and payload), or an exception carrying its failure.
   */
  public BatchItemResult poll(byte[] asynchronousCorrelationValue) {
    return one(batch().poll(Objects.requireNonNull(asynchronousCorrelationValue, "asynchronousCorrelationValue")));
  }

  /** Cancel a pending item: Canceled, or Unavailable when nothing is pending under the value. */
  public keyward.kmip.spec.CancellationResult cancel(byte[] asynchronousCorrelationValue) {
    return one(batch().cancel(Objects.requireNonNull(asynchronousCorrelationValue, "asynchronousCorrelationValue")))
        .cancellationResult();
  }

  /** Recover an archived object so it can be used again. */
  public void recover(String uniqueIdentifier) {
    one(batch().recover(id(uniqueIdentifier)));
  }

  /**
   * Check: may the object be used for these usages (may be empty), this many Usage Limits units
   * and this lease (each may be null)? Returns normally if so; otherwise a
   * {@link KmipClientException} carries the reason (e.g. Incompatible Cryptographic Usage Mask).
   */
  public void check(String uniqueIdentifier, List<CryptographicUsageMask> usage, Long usageLimitsCount,
      Duration leaseTime) {
    one(batch().check(id(uniqueIdentifier), usage, usageLimitsCount, leaseTime));
  }

  /** Obtain Lease: how long the (Active) object may be used and cached. */
  public Lease obtainLease(String uniqueIdentifier) {
    return one(batch().obtainLease(id(uniqueIdentifier))).lease();
  }

  /** Get Usage Allocation: takes {@code count} units from the object's Usage Limits Count. */
  public void getUsageAllocation(String uniqueIdentifier, long count) {
    one(batch().getUsageAllocation(id(uniqueIdentifier), count));
  }

  /**
   * Re-key a symmetric key: the server makes a replacement with the old key's attributes (the
   * Name moves to it; the two are linked). With an {@code offset} (may be null) the replacement
   * activates that long from now. Returns the replacement's Unique Identifier.
   */
  public String reKey(String uniqueIdentifier, Duration offset, Item... attributes) {
    return one(batch().reKey(id(uniqueIdentifier), offset, attributes)).uniqueIdentifier();
  }

  // ---- key pairs, derivation and the cryptographic services --------------------------------

  /**
   * Starts a Create Key Pair: {@code createKeyPair("RSA", 2048)}, {@code createKeyPair("EC",
   * null).curve(P_256)}, {@code createKeyPair("Ed25519", null)} (KMIP 2.x).
   */
  public KeyPairRequest createKeyPair(String algorithm, Integer lengthBits) {
    return new KeyPairRequest(this, algorithm, lengthBits);
  }

  /**
   * Re-key Key Pair: a new pair replaces the private key and its linked public key (the Names
   * move to the new halves); with an {@code offset} (may be null) it activates that long from now.
   */
  public KeyPairIds reKeyKeyPair(String privateKeyUniqueIdentifier, Duration offset) {
    return one(batch().reKeyKeyPair(id(privateKeyUniqueIdentifier), offset)).keyPair();
  }

  /** Starts a Derive Key from the base object: {@code deriveKey(id, HKDF).symmetricKey("AES", 256)}. */
  public DeriveKeyRequest deriveKey(String baseUniqueIdentifier, DerivationMethod method) {
    return new DeriveKeyRequest(this, id(baseUniqueIdentifier), method);
  }

  /**
   * Encrypt with a symmetric key or an RSA public key. {@code parameters} null: the key's own;
   * with Random IV the server makes the IV and returns it in the result.
   */
  public CipherResult encrypt(String uniqueIdentifier, byte[] data, CryptographicParameters parameters) {
    return one(batch().encrypt(id(uniqueIdentifier), data, parameters, null, null)).cipherResult();
  }

  /** Encrypt with a given IV/Counter/Nonce and AEAD additional data (either may be null). */
  public CipherResult encrypt(String uniqueIdentifier, byte[] data, CryptographicParameters parameters,
      byte[] ivCounterNonce, byte[] additionalData) {
    return one(batch().encrypt(id(uniqueIdentifier), data, parameters, ivCounterNonce, additionalData)).cipherResult();
  }

  /**
   * Decrypt with a symmetric key or an RSA private key: the IV/Counter/Nonce, AEAD additional
   * data and tag as the encryption had them (each may be null). Clear the plaintext when done.
   */
  public CipherResult decrypt(String uniqueIdentifier, byte[] data, CryptographicParameters parameters,
      byte[] ivCounterNonce, byte[] additionalData, byte[] tag) {
    return one(batch().decrypt(id(uniqueIdentifier), data, parameters, ivCounterNonce, additionalData, tag))
        .cipherResult();
  }

  /** Sign: the Signature Data over {@code data} with a private key. */
  public byte[] sign(String uniqueIdentifier, byte[] data, CryptographicParameters parameters) {
    return one(batch().sign(id(uniqueIdentifier), data, parameters)).signatureData();
  }

  /** Signature Verify with a public key: Valid or Invalid (an invalid signature is not an exception). */
  public ValidityIndicator signatureVerify(String uniqueIdentifier, byte[] data, byte[] signature,
      CryptographicParameters parameters) {
    return one(batch().signatureVerify(id(uniqueIdentifier), data, signature, parameters)).validityIndicator();
  }

  /** MAC: the MAC Data of {@code data} under the key. */
  public byte[] mac(String uniqueIdentifier, byte[] data, CryptographicParameters parameters) {
    return one(batch().mac(id(uniqueIdentifier), data, parameters)).macData();
  }

  /**
   * GMAC and other MACs that take an IV: the MAC Data and the IV/Counter/Nonce, the one given or
   * the one the server made (Random IV in the parameters, {@code ivCounterNonce} null).
   */
  public MacResult mac(String uniqueIdentifier, byte[] data, CryptographicParameters parameters,
      byte[] ivCounterNonce) {
    BatchItemResult r = one(batch().mac(id(uniqueIdentifier), data, parameters, ivCounterNonce));
    byte[] made = r.ivCounterNonce();
    return new MacResult(r.macData(), made != null ? made : ivCounterNonce);
  }

  /** MAC Verify: Valid or Invalid. */
  public ValidityIndicator macVerify(String uniqueIdentifier, byte[] data, byte[] macData,
      CryptographicParameters parameters) {
    return one(batch().macVerify(id(uniqueIdentifier), data, macData, parameters)).validityIndicator();
  }

  /** MAC Verify with the IV/Counter/Nonce the MAC was made with (GMAC). */
  public ValidityIndicator macVerify(String uniqueIdentifier, byte[] data, byte[] macData,
      CryptographicParameters parameters, byte[] ivCounterNonce) {
    return one(batch().macVerify(id(uniqueIdentifier), data, macData, parameters, ivCounterNonce))
        .validityIndicator();
  }

  /**
   * ML-KEM encapsulation (a Keyward extension: KMIP defines the ML-KEM algorithms but no
   * encapsulation operation): Encrypt with the ML-KEM public key and no data. The server keeps the
   * shared secret as a new AES-256 Symmetric Key; the result's Unique Identifier names that key and
   * its Data is the encapsulation to send to the holder of the private key.
   */
  public CipherResult encapsulate(String publicKeyUniqueIdentifier) {
    return encrypt(publicKeyUniqueIdentifier, new byte[0], null);
  }

  /**
   * ML-KEM decapsulation (the Keyward extension, see {@link #encapsulate}): Decrypt with the
   * private key; the server keeps the same shared secret as a new Symmetric Key and answers its
   * Unique Identifier (the result's Data is empty: the secret is never sent).
   */
  public String decapsulate(String privateKeyUniqueIdentifier, byte[] encapsulation) {
    return decrypt(privateKeyUniqueIdentifier, encapsulation, null, null, null, null).uniqueIdentifier();
  }

  /** Hash: the digest of {@code data}. */
  public byte[] hash(HashingAlgorithm algorithm, byte[] data) {
    return one(batch().hash(algorithm, data)).data();
  }

  /** RNG Retrieve: {@code length} random bytes (Keyward serves 1 to 65536). */
  public byte[] rngRetrieve(int length) {
    return one(batch().rngRetrieve(length)).data();
  }

  /** RNG Seed: offers seed bytes to the server's generator; returns how many it accepted. */
  public int rngSeed(byte[] seed) {
    return one(batch().rngSeed(seed)).dataLength();
  }

  /**
   * Certify a public key held by the server: a new X.509 certificate signed by the issuer's
   * private key ({@code issuerCertificateUniqueIdentifier} null: self-issued, e.g. for the key's
   * own private key). Returns the certificate's Unique Identifier (Get gives its DER bytes).
   */
  public String certify(String publicKeyUniqueIdentifier, String issuerPrivateKeyUniqueIdentifier,
      String issuerCertificateUniqueIdentifier, Item... attributes) {
    return one(batch().certify(id(publicKeyUniqueIdentifier), issuerPrivateKeyUniqueIdentifier,
        issuerCertificateUniqueIdentifier, attributes)).uniqueIdentifier();
  }

  /** Certify a PKCS#10 certificate request (DER); returns the new certificate's Unique Identifier. */
  public String certifyRequest(byte[] pkcs10, String issuerPrivateKeyUniqueIdentifier,
      String issuerCertificateUniqueIdentifier, Item... attributes) {
    return one(batch().certifyRequest(pkcs10, issuerPrivateKeyUniqueIdentifier, issuerCertificateUniqueIdentifier,
        attributes)).uniqueIdentifier();
  }

  /**
   * Re-certify the certificate (same key pair, same issuer); {@code offsetSeconds} null for no
   * Offset. Returns the new certificate's Unique Identifier; the old one links to it.
   */
  public String reCertify(String certificateUniqueIdentifier, Long offsetSeconds, Item... attributes) {
    return one(batch().reCertify(id(certificateUniqueIdentifier), offsetSeconds, attributes)).uniqueIdentifier();
  }

  /** Re-certify with a PKCS#10 request (DER) for the same public key. */
  public String reCertify(String certificateUniqueIdentifier, byte[] pkcs10, Long offsetSeconds, Item... attributes) {
    return one(batch().reCertify(id(certificateUniqueIdentifier), pkcs10, offsetSeconds, attributes))
        .uniqueIdentifier();
  }

  /**
   * Create Split Key: the parts' Unique Identifiers, in part order (see {@link Batch#createSplitKey}).
   */
  public List<String> createSplitKey(String baseUniqueIdentifier, int parts, int threshold,
      keyward.kmip.spec.SplitKeyMethod method, java.math.BigInteger primeFieldSize, Item... attributes) {
    return one(batch().createSplitKey(baseUniqueIdentifier == null ? null : id(baseUniqueIdentifier), parts, threshold,
        method, primeFieldSize, attributes)).responsePayload().all(keyward.kmip.spec.Tag.UNIQUE_IDENTIFIER).stream()
        .map(i -> ((Item.TextString) i).value()).toList();
  }

  /** Join Split Key: the Unique Identifier of the rebuilt Symmetric Key or Secret Data. */
  public String joinSplitKey(keyward.kmip.spec.ObjectType type, List<String> partUniqueIdentifiers, Item... attributes) {
    return one(batch().joinSplitKey(type, partUniqueIdentifiers.stream().map(KmipClient::id).toList(), attributes))
        .uniqueIdentifier();
  }

  /** Validate a certificate chain (managed certificates and/or DER certificates) at a date (null: now). */
  public ValidityIndicator validate(List<String> uniqueIdentifiers, List<byte[]> certificates,
      java.time.Instant validityDate) {
    return one(batch().validate(uniqueIdentifiers, certificates, validityDate)).validityIndicator();
  }

  /** Ping (KMIP 2.0+): a round trip that touches no object; fails for a 1.x server. */
  public void ping() {
    one(batch().ping());
  }

  /** Query: by default the operations and object types the server supports. */
  public QueryResult query(QueryFunction... functions) {
    return one(batch().query(functions)).query();
  }

  /** Discover Versions: the versions the server supports, its preferred first. */
  public List<KmipVersion> discoverVersions() {
    return discoverVersions(version(), List.of());
  }

  private List<KmipVersion> discoverVersions(KmipVersion in, List<KmipVersion> offered) {
    List<Item> p = new ArrayList<>();
    for (KmipVersion v : offered) {
      p.add(Payloads.protocolVersion(v));
    }
    BatchResult r = BatchExchange.send(transport, in, List.of(new Batch.Pending(Operation.DISCOVER_VERSIONS, p)), null);
    return Payloads.versions(r.item(0).responsePayload());
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private static BatchItemResult one(Batch b) {
    return b.execute().item(0).orThrow();
  }

  private static String id(String uniqueIdentifier) {
    return Objects.requireNonNull(uniqueIdentifier, "uniqueIdentifier");
  }

  BatchResult execute(List<Batch.Pending> items, BatchErrorContinuationOption onError) {
    return execute(items, onError, false);
  }

  BatchResult execute(List<Batch.Pending> items, BatchErrorContinuationOption onError, boolean asynchronous) {
    return BatchExchange.send(transport, version(), items, onError, asynchronous);
  }

  static CryptographicAlgorithm algorithm(String name) {
    for (CryptographicAlgorithm a : CryptographicAlgorithm.values()) {
      if (a.specName().equalsIgnoreCase(name) || a.xmlName().equalsIgnoreCase(name)
          || a.name().equalsIgnoreCase(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown Cryptographic Algorithm: " + name);
  }

  /** Closes the pooled connections. */
  @Override
  public void close() {
    transport.close();
  }

  /** Settings of a {@link KmipClient}. */
  public static final class Builder {
    private final List<Transport.Endpoint> endpoints = new ArrayList<>();
    private SSLContext tls;
    private int retries = 1;
    private KmipVersion version;
    private List<KmipVersion> offered = SUPPORTED;
    private int poolSize = 4;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private CodecLimits limits = CodecLimits.DEFAULT;

    private Builder() {}

    /**
     * A server: its host name (checked against its certificate) and port. Call again to add
     * more servers for fail-over, in the order they are to be tried: a server that cannot be
     * reached is skipped for the next, and the client stays with the one that answered.
     */
    public Builder server(String host, int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
      }
      endpoints.add(new Transport.Endpoint(Objects.requireNonNull(host, "host"), port));
      return this;
    }

    /**
     * How many times a request of idempotent operations only (Get, Get Attributes, Get
     * Attribute List, Locate, Query, Discover Versions, Check, Obtain Lease, Ping; Decrypt, Signature
     * Verify, MAC Verify, Hash, RNG Retrieve) is sent again
     * on a new connection (to the next server, if several) when the connection broke or timed out
     * after it was sent (default 1;
     * 0 = never). Other operations are never sent twice: the server may have carried them out.
     */
    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must not be negative");
      }
      this.retries = retries;
      return this;
    }

    /** The TLS context: client certificate and trusted CA; see {@link TlsFiles}. */
    public Builder tls(SSLContext tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** Fixes the protocol version (no Discover Versions). */
    public Builder version(KmipVersion version) {
      if (!SUPPORTED.contains(version)) {
        throw new IllegalArgumentException("the client speaks " + SUPPORTED + ", not " + version);
      }
      this.version = version;
      return this;
    }

    /** The versions offered in the Discover Versions negotiation, preferred first. */
    public Builder offer(List<KmipVersion> versions) {
      for (KmipVersion v : versions) {
        if (!SUPPORTED.contains(v)) {
          throw new IllegalArgumentException("the client speaks " + SUPPORTED + ", not " + v);
        }
      }
      this.offered = List.copyOf(versions);
      return this;
    }

    /** At most this many idle connections are kept (default 4). */
    public Builder poolSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("pool size must be at least 1");
      }
      this.poolSize = size;
      return this;
    }

    /** TCP connect time-out, per server tried (default 10 s). */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = Objects.requireNonNull(d);
      return this;
    }

    /** How long to wait for a TLS handshake or an answer (default 30 s). */
    public Builder readTimeout(Duration d) {
      this.readTimeout = Objects.requireNonNull(d);
      return this;
    }

    /** Bounds for decoding answers (default {@link CodecLimits#DEFAULT}). */
    public Builder limits(CodecLimits limits) {
      this.limits = Objects.requireNonNull(limits);
      return this;
    }

    List<KmipVersion> offered() {
      return offered;
    }

    /** The client; no connection is made until the first call. */
    public KmipClient build() {
      if (endpoints.isEmpty() || tls == null) {
        throw new IllegalStateException("server(host, port) and tls(context) are required");
      }
      return new KmipClient(this);
    }
  }
}
