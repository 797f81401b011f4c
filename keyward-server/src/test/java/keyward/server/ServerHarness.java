package keyward.server;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.batch.Authenticator;
import keyward.server.crypto.JcaCryptoEngine;

/**
 * A whole server's message processing over the in-memory store, driven with typed requests:
 * what handler tests use. The clock is settable so date-driven transitions can be tested.
 */
public final class ServerHarness {
  public final InMemoryObjectStore store = new InMemoryObjectStore();
  public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  public final KeywardServer server;
  public Caller caller = new Caller("alice", "127.0.0.1:1");

  /** Callers are who their transport says (no header credentials checked). */
  public ServerHarness() {
    this(new JcaCryptoEngine(), Authenticator.TRANSPORT_ONLY, KeywardServer.Options.DEFAULT);
  }

  /** A harness whose server makes keys with this engine. */
  public ServerHarness(keyward.spi.crypto.CryptoEngine crypto) {
    this(crypto, Authenticator.TRANSPORT_ONLY, KeywardServer.Options.DEFAULT);
  }

  /** Header credentials checked by this authenticator. */
  public ServerHarness(Authenticator authenticator) {
    this(new JcaCryptoEngine(), authenticator, KeywardServer.Options.DEFAULT);
  }

  /** With admins and groups. */
  public ServerHarness(keyward.server.access.AccessPolicy access) {
    this(KeywardServer.Options.DEFAULT.withAccess(access));
  }

  /** With admins and groups, an audit sink, request limits. */
  public ServerHarness(KeywardServer.Options options) {
    this(new JcaCryptoEngine(), Authenticator.TRANSPORT_ONLY, options);
  }

  public ServerHarness(keyward.spi.crypto.CryptoEngine crypto, Authenticator authenticator,
      KeywardServer.Options options) {
    this.server = new KeywardServer(store, crypto, authenticator, CodecLimits.DEFAULT, clock, options);
  }

  /** Acts as another identity from now on. */
  public ServerHarness as(String identity) {
    caller = new Caller(identity, "127.0.0.1:1");
    return this;
  }

  /** Sends one operation in the given version and returns its response batch item. */
  public ResponseBatchItem call(KmipVersion version, Operation op, Item... payload) throws Exception {
    return batch(version, RequestBatchItem.of(op, new Item.Structure(Tag.REQUEST_PAYLOAD, payload))).getFirst();
  }

  /** Sends several items in one message. */
  public List<ResponseBatchItem> batch(KmipVersion version, RequestBatchItem... items) throws Exception {
    return send(version, RequestHeader.of(ProtocolVersion.of(version), items.length), items);
  }

  public List<ResponseBatchItem> send(KmipVersion version, RequestHeader header, RequestBatchItem... items)
      throws Exception {
    RequestMessage m = new RequestMessage(header, List.of(items));
    byte[] wire = new keyward.kmip.codec.TtlvCodec().encode(m.toItem(version));
    byte[] answer = server.processor().process(wire, caller);
    Item tree = new keyward.kmip.codec.TtlvCodec().decode(answer);
    return new ArrayList<>(ResponseMessage.fromItem(tree, version).batchItems());
  }

  /** A clock tests can move. */
  public static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    public void set(Instant now) {
      this.now = now;
    }

    public void advanceSeconds(long s) {
      now = now.plusSeconds(s);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
