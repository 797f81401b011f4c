package keyward.app.serve;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.bind.BindException;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.BatchErrorContinuationOption;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.NameType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.Caller;
import keyward.server.KeywardServer;
import keyward.server.batch.Authenticator;
import keyward.server.batch.MessageProcessor;
import keyward.server.batch.RequestLimits;
import keyward.server.crypto.JcaCryptoEngine;
import keyward.spi.store.ObjectStore;

/**
 * Fills a store with named AES-256 keys for measurements at scale (`keyward admin fill`). The
 * keys are made by the server's own Create handler through its message processor, so they are
 * the objects a running server makes and serves (encrypted at rest, indexed, owned by the given
 * identity); only TLS and the audit log are left out. Each request is a batch of Creates under
 * Batch Error Continuation Option Undo, which runs the whole batch in one store transaction:
 * one commit per batch instead of one per key.
 */
public final class Fill {
  /** Most Creates per batch: the server's default batch limit. */
  public static final int MAX_BATCH = RequestLimits.DEFAULT_MAX_BATCH_ITEMS;

  private static final KmipVersion VERSION = KmipVersion.V2_1;

  private final MessageProcessor processor;
  private final Caller caller;

  public Fill(ObjectStore store, ServerSettings settings, String owner) {
    KeywardServer server = new KeywardServer(store, new JcaCryptoEngine(settings.rng()),
        Authenticator.TRANSPORT_ONLY, settings.limits(), Clock.systemUTC(),
        KeywardServer.Options.DEFAULT.withAccess(settings.security().access()));
    this.processor = server.processor();
    this.caller = new Caller(owner, "keyward admin fill");
  }

  /** The name of key number {@code n}: what `keyward bench --mix locate --names` asks for. */
  public static String name(String prefix, long n) {
    return prefix + n;
  }

  /** Creates keys {@code first} .. {@code first + count - 1}, {@code batch} per transaction. */
  public void run(String prefix, long first, long count, int batch, Progress progress) throws FillException {
    if (batch < 1 || batch > MAX_BATCH) {
      throw new IllegalArgumentException("batch: expected 1.." + MAX_BATCH + ", not " + batch);
    }
    long done = 0;
    while (done < count) {
      int n = (int) Math.min(batch, count - done);
      List<RequestBatchItem> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        items.add(RequestBatchItem.of(Operation.CREATE, create(name(prefix, first + done + i))));
      }
      RequestHeader h = RequestHeader.of(ProtocolVersion.of(VERSION), n);
      RequestHeader header = new RequestHeader(h.protocolVersion(), null, null, null, null, null,
          List.of(), null, BatchErrorContinuationOption.UNDO, null, null, h.batchCount());
      Item answer = processor.process(new RequestMessage(header, items).toItem(VERSION), caller);
      check(answer, first + done);
      done += n;
      progress.done(done);
    }
  }

  private static void check(Item answer, long firstOfBatch) throws FillException {
    List<ResponseBatchItem> results;
    try {
      results = ResponseMessage.fromItem(answer, VERSION).batchItems();
    } catch (BindException e) {
      throw new FillException("the server's answer did not decode: " + e.getMessage());
    }
    for (ResponseBatchItem r : results) {
      if (r.resultStatus() != ResultStatus.SUCCESS) {
        throw new FillException("a Create of the batch from key " + firstOfBatch + " failed ("
            + (r.resultReason() == null ? "no reason" : r.resultReason().specName())
            + (r.resultMessage() == null ? "" : ": " + r.resultMessage())
            + "); the batch was undone");
      }
    }
  }

  private static Item.Structure create(String name) {
    return new Item.Structure(Tag.REQUEST_PAYLOAD,
        new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
        new Item.Structure(Tag.ATTRIBUTES,
            new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
            new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
            new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
                CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value()),
            new Item.Structure(Tag.NAME, new Item.TextString(Tag.NAME_VALUE, name),
                new Item.Enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING.value()))));
  }

  /** Told the running total after each batch. */
  @FunctionalInterface
  public interface Progress {
    void done(long created);
  }

  /** A Create was refused; the message says which batch and why (never key material). */
  public static final class FillException extends Exception {
    public FillException(String message) {
      super(message);
    }
  }
}
