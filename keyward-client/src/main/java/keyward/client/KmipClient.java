package keyward.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.net.ssl.SSLContext;
import keyward.kmip.bind.BindException;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.QueryFunction;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.Tag;
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
 * <p>Failures: a KMIP failure is a {@link KmipClientException} with the server's Result Reason
 * and Message; a connection or TLS problem is a {@link KmipTransportException}.
 */
public final class KmipClient implements AutoCloseable {
  /** The versions this client can speak, highest first (the order Discover Versions sends). */
  public static final List<KmipVersion> SUPPORTED = List.of(
      KmipVersion.V2_1, KmipVersion.V2_0, KmipVersion.V1_4, KmipVersion.V1_3, KmipVersion.V1_2);

  private final Builder config;
  private final BlockingQueue<KmipConnection> idle;
  private volatile KmipVersion version;
  private volatile boolean closed;

  private KmipClient(Builder b) {
    this.config = b;
    this.idle = new ArrayBlockingQueue<>(b.poolSize);
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

  // ---- operations -------------------------------------------------------------------------

  /** Starts a Create of a symmetric key: {@code createSymmetricKey("AES", 256)}. */
  public ObjectRequest createSymmetricKey(String algorithm, int lengthBits) {
    return ObjectRequest.create(this, algorithm(algorithm), lengthBits);
  }

  /** Starts a Register of a symmetric key with the given key bytes (Raw key format). */
  public ObjectRequest registerSymmetricKey(String algorithm, byte[] key) {
    return ObjectRequest.registerSymmetricKey(this, algorithm(algorithm), key);
  }

  /** Starts a Register of Secret Data (a password, by Secret Data Type) with the given bytes. */
  public ObjectRequest registerSecretData(byte[] secret) {
    return ObjectRequest.registerSecretData(this, secret);
  }

  /**
   * Get: the key material of a symmetric key or secret data in the server's default format
   * (Raw / Opaque). Other object types fail with a clear message; use {@link #getObject}.
   */
  public byte[] get(String uniqueIdentifier) {
    Item.Structure payload = getObject(uniqueIdentifier);
    return Payloads.keyMaterial(payload);
  }

  /** Get: the whole response payload (Object Type, Unique Identifier, the object). */
  public Item.Structure getObject(String uniqueIdentifier) {
    return call(Operation.GET, uid(uniqueIdentifier));
  }

  /** Get Attributes: every attribute of the object (or just the named ones), in the 2.x shape. */
  public ObjectAttributes getAttributes(String uniqueIdentifier, String... attributeNames) {
    List<Item> p = new ArrayList<>(uid(uniqueIdentifier));
    for (String n : attributeNames) {
      p.add(Shapes.reference(n));
    }
    return ObjectAttributes.fromResponse(call(Operation.GET_ATTRIBUTES, p), version());
  }

  /** Get Attribute List: the names of the object's attributes. */
  public List<String> getAttributeList(String uniqueIdentifier) {
    return Payloads.attributeNames(call(Operation.GET_ATTRIBUTE_LIST, uid(uniqueIdentifier)));
  }

  /** Add Attribute: a 2.x-shaped attribute (see {@link AttributeValues}). */
  public void addAttribute(String uniqueIdentifier, Item attribute) {
    List<Item> p = new ArrayList<>(uid(uniqueIdentifier));
    p.add(new Item.Structure(Tag.NEW_ATTRIBUTE, attribute));
    call(Operation.ADD_ATTRIBUTE, p);
  }

  /**
   * Sets an attribute: Set Attribute on 2.x; on 1.x (which has no Set Attribute) Modify Attribute
   * of index 0, which needs the attribute to exist.
   */
  public void setAttribute(String uniqueIdentifier, Item attribute) {
    List<Item> p = new ArrayList<>(uid(uniqueIdentifier));
    p.add(new Item.Structure(Tag.NEW_ATTRIBUTE, attribute));
    call(version().atLeast(KmipVersion.V2_0) ? Operation.SET_ATTRIBUTE : Operation.MODIFY_ATTRIBUTE, p);
  }

  /** Delete Attribute: the first (index 0) instance of the named attribute. */
  public void deleteAttribute(String uniqueIdentifier, String attributeName) {
    List<Item> p = new ArrayList<>(uid(uniqueIdentifier));
    p.add(Shapes.reference(attributeName));
    call(Operation.DELETE_ATTRIBUTE, p);
  }

  /** Starts a Locate. */
  public LocateRequest locate() {
    return new LocateRequest(this);
  }

  /** Activate: the object becomes Active now. */
  public void activate(String uniqueIdentifier) {
    call(Operation.ACTIVATE, uid(uniqueIdentifier));
  }

  /** Ping (KMIP 2.0+): a round trip that touches no object; fails for a 1.x server. */
  public void ping() {
    call(Operation.PING, List.of());
  }

  /** Archive: the object stays, but Get and the other operations on it refuse until Recover. */
  public void archive(String uniqueIdentifier) {
    call(Operation.ARCHIVE, uid(uniqueIdentifier));
  }

  /** Recover an archived object so it can be used again. */
  public void recover(String uniqueIdentifier) {
    call(Operation.RECOVER, uid(uniqueIdentifier));
  }

  /** Revoke with a reason (and an optional message, may be null). */
  public void revoke(String uniqueIdentifier, RevocationReasonCode reason, String message) {
    List<Item> reasonItems = new ArrayList<>();
    reasonItems.add(new Item.Enumeration(Tag.REVOCATION_REASON_CODE, reason.value()));
    if (message != null) {
      reasonItems.add(new Item.TextString(Tag.REVOCATION_MESSAGE, message));
    }
    List<Item> p = new ArrayList<>(uid(uniqueIdentifier));
    p.add(new Item.Structure(Tag.REVOCATION_REASON, reasonItems));
    call(Operation.REVOKE, p);
  }

  /** Destroy: the key material is destroyed; the object's metadata stays. */
  public void destroy(String uniqueIdentifier) {
    call(Operation.DESTROY, uid(uniqueIdentifier));
  }

  /** Query: by default the operations and object types the server supports. */
  public QueryResult query(QueryFunction... functions) {
    QueryFunction[] f = functions.length == 0
        ? new QueryFunction[] {QueryFunction.QUERY_OPERATIONS, QueryFunction.QUERY_OBJECTS} : functions;
    List<Item> p = new ArrayList<>();
    for (QueryFunction q : f) {
      p.add(new Item.Enumeration(Tag.QUERY_FUNCTION, q.value()));
    }
    return QueryResult.from(call(Operation.QUERY, p));
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
    Item.Structure r = send(in, List.of(batchItem(in, Operation.DISCOVER_VERSIONS, p))).getFirst();
    return Payloads.versions(r);
  }

  // ---- plumbing ---------------------------------------------------------------------------

  Item.Structure call(Operation op, List<Item> payload2x) {
    KmipVersion v = version();
    return send(v, List.of(batchItem(v, op, payload2x))).getFirst();
  }

  /** One request message with these batch items; the response payloads (2.x shape) in order. */
  List<Item.Structure> send(KmipVersion v, List<RequestBatchItem> items) {
    RequestMessage m = new RequestMessage(RequestHeader.of(ProtocolVersion.of(v), items.size()), items);
    Item response = exchange(m.toItem(v));
    ResponseMessage r;
    try {
      r = ResponseMessage.fromItem(response, v);
    } catch (BindException e) {
      throw new KmipClientException("the server's answer is not a KMIP " + v + " Response Message: "
          + e.getMessage(), e);
    }
    List<Item.Structure> out = new ArrayList<>();
    for (ResponseBatchItem b : r.batchItems()) {
      if (b.resultStatus() != ResultStatus.SUCCESS) {
        String message = b.resultMessage();
        if (!out.isEmpty()) {
          // e.g. Create succeeded, Activate failed: the caller must learn the object exists.
          String first = out.getFirst().first(Tag.UNIQUE_IDENTIFIER)
              .filter(Item.TextString.class::isInstance).map(i -> ((Item.TextString) i).value())
              .orElse(null);
          message = (message == null ? "" : message + "; ") + "the earlier batch items succeeded"
              + (first == null ? "" : " (Unique Identifier " + first + ")");
        }
        throw new KmipClientException(b.operation(), b.resultReason(), message);
      }
      Item.Structure payload = b.responsePayload() == null
          ? new Item.Structure(Tag.RESPONSE_PAYLOAD) : b.responsePayload();
      out.add(v.atLeast(KmipVersion.V2_0) ? payload : Shapes.responseToV2(b.operation(), payload));
    }
    if (out.size() != items.size()) {
      throw new KmipClientException("the server answered " + out.size() + " batch items for "
          + items.size(), null);
    }
    return out;
  }

  RequestBatchItem batchItem(KmipVersion v, Operation op, List<Item> payload2x) {
    Item.Structure p = new Item.Structure(Tag.REQUEST_PAYLOAD, payload2x);
    return RequestBatchItem.of(op, v.atLeast(KmipVersion.V2_0) ? p : Shapes.requestToV1(op, p));
  }

  private Item exchange(Item request) {
    if (closed) {
      throw new IllegalStateException("client closed");
    }
    KmipConnection c = idle.poll();
    boolean fresh = c == null;
    try {
      if (fresh) {
        c = open();
      }
      Item answer;
      try {
        answer = c.exchange(request);
      } catch (KmipConnection.ClosedBeforeAnswer e) {
        if (fresh) {
          throw e;
        }
        // A pooled connection the server closed while idle: one retry on a new one. Other
        // failures are not retried: the server may have carried out the request.
        c.close();
        c = open();
        answer = c.exchange(request);
      }
      if (closed || !idle.offer(c)) {
        c.close();
      }
      return answer;
    } catch (IOException e) {
      if (c != null) {
        c.close();
      }
      throw new KmipTransportException("cannot talk to the KMIP server at " + config.host + ":"
          + config.port + ": " + e.getMessage(), e);
    } catch (DecodeException e) {
      c.close();
      throw new KmipClientException("the server's answer is not valid TTLV: " + e.getMessage(), e);
    }
  }

  private KmipConnection open() throws IOException {
    return new KmipConnection(config.tls, config.host, config.port, config.connectTimeout,
        config.readTimeout, config.limits);
  }

  private static List<Item> uid(String uniqueIdentifier) {
    Objects.requireNonNull(uniqueIdentifier, "uniqueIdentifier");
    return List.of(new Item.TextString(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier));
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
    closed = true;
    for (KmipConnection c; (c = idle.poll()) != null; ) {
      c.close();
    }
  }

  /** Settings of a {@link KmipClient}. */
  public static final class Builder {
    private String host;
    private int port = 5696;
    private SSLContext tls;
    private KmipVersion version;
    private List<KmipVersion> offered = SUPPORTED;
    private int poolSize = 4;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private CodecLimits limits = CodecLimits.DEFAULT;

    private Builder() {}

    /** The server's host name (checked against its certificate) and port. */
    public Builder server(String host, int port) {
      this.host = Objects.requireNonNull(host, "host");
      this.port = port;
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

    /** TCP connect time-out (default 10 s). */
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
      if (host == null || tls == null) {
        throw new IllegalStateException("server(host, port) and tls(context) are required");
      }
      return new KmipClient(this);
    }
  }
}
