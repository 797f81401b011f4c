package keyward.server.operation;

import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.CipherParameters;
import keyward.server.crypto.CipherSession;
import keyward.server.crypto.CipherStreams;
import keyward.server.crypto.Hashes;

/**
 * Hash (1.4 §4.37, 2.1 §6.1): the digest of Data with the Hashing Algorithm of the request's
 * Cryptographic Parameters, which the first part requires (CS-AC-M-7: SHA-256 and SHA-512). No
 * key is involved. Streamed: the middle parts answer with the Correlation Value, the last with
 * the digest; a hash stream belongs to the caller that opened it.
 */
public final class HashHandler implements OperationHandler {
  /** Streams are keyed by object; a hash has none. */
  private static final String NO_OBJECT = "";
  private final CipherStreams streams;

  public HashHandler(CipherStreams streams) {
    this.streams = streams;
  }

  @Override
  public Operation operation() {
    return Operation.HASH;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    StreamPart part = StreamPart.of(payload, context.version());
    byte[] data = part.data(payload);
    byte[] correlation = part.correlation();
    CipherSession session;
    CipherStreams.Stream stream = null;
    if (correlation != null) {
      stream = streams.take(correlation, context.caller().identity(), NO_OBJECT, Operation.HASH, context.now(),
          context.version().atLeast(KmipVersion.V2_0));
      session = stream.session();
    } else {
      Item p = payload.first(Tag.CRYPTOGRAPHIC_PARAMETERS).orElse(null);
      if (!(p instanceof Item.Structure params)) {
        throw KmipException.missingData("Cryptographic Parameters with a Hashing Algorithm are required");
      }
      session = Hashes.session(CipherParameters.of(params).hashing());
    }
    if (!part.last()) {
      session.update(data);
      if (stream != null) {
        streams.putBack(correlation, stream, data.length, context.now());
      } else {
        correlation = streams.open(new CipherStreams.Stream(context.caller().identity(), NO_OBJECT, Operation.HASH,
            session, 0), context.now());
      }
      return Payloads.response(new Item.ByteString(Tag.CORRELATION_VALUE, correlation));
    }
    return Payloads.response(new Item.ByteString(Tag.DATA, session.finish(data, null).data()));
  }
}
