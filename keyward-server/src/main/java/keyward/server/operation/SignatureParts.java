package keyward.server.operation;

import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.CipherStreams;
import keyward.server.crypto.Signatures;

/**
 * The streamed form of Sign (2.1 §6.1.50) and Signature Verify (2.1 §6.1.51): Init Indicator,
 * Correlation Value, Final Indicator ({@link StreamPart}), the session kept in the server's
 * {@link CipherStreams} (the same count and idle bounds as cipher streams; a signature stream
 * holds only its hash state, never the data). A stream belongs to the caller, key and operation
 * that opened it; a part that fails, or whose transaction does not commit, ends it.
 */
final class SignatureParts {
  /** What a streamed request leaves: the session, and the Correlation Value unless this part ended it. */
  record Step(Signatures.Session session, byte[] correlation) {}

  @FunctionalInterface
  interface Start {
    Signatures.Session start() throws Exception;
  }

  private SignatureParts() {}

  /** A streamed request's Data: Digested Data is a whole message's hash and is never streamed. */
  static byte[] data(Item.Structure payload, StreamPart part) throws KmipException {
    if (payload.first(Tag.DIGESTED_DATA).isPresent()) {
      throw KmipException.invalidField("Digested Data is signed or verified in one request, not streamed");
    }
    return part.data(payload);
  }

  /**
   * Feeds {@code data} to the stream the part continues, or to a new one from {@code start};
   * keeps the stream open unless this is its last part.
   */
  static Step feed(OperationContext context, CipherStreams streams, StreamPart part, String uid, Operation op,
      byte[] data, Start start) throws Exception {
    CipherStreams.Stream stream = null;
    Signatures.Session session;
    if (part.correlation() != null) {
      stream = streams.take(part.correlation(), context.caller().identity(), uid, op, context.now(),
          context.version().atLeast(KmipVersion.V2_0));
      session = (Signatures.Session) stream.session();
    } else {
      session = start.start();
    }
    if (part.last()) {
      return new Step(session, null);
    }
    session.update(data);
    byte[] correlation;
    if (stream != null) {
      streams.putBack(part.correlation(), stream, data.length, context.now());
      correlation = part.correlation();
    } else {
      correlation = streams.open(new CipherStreams.Stream(context.caller().identity(), uid, op, session, 0),
          context.now());
    }
    context.batch().onRollback(() -> streams.close(correlation));
    return new Step(session, correlation);
  }
}
