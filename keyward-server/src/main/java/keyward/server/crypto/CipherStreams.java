package keyward.server.crypto;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;
import keyward.spi.crypto.CryptoEngine;

/**
 * Streamed operations in progress: Encrypt, Decrypt, MAC, MAC Verify and Hash (1.4 §4.29-4.37,
 * 2.1 §6.1: Init Indicator, Final Indicator, Correlation Value), each a {@link CipherSession}. Bounded: at most {@code max} streams open at once, each closed
 * after {@code idle} without a part. An AEAD decryption releases nothing before the tag is
 * checked, so its cipher holds all the ciphertext: such a stream is refused past
 * {@code maxBytes}, which bounds the memory streams hold to {@code max} times that. A stream belongs to the
 * caller, key and operation that opened it; anyone else presenting its Correlation Value is
 * refused as if it did not exist. The state is in memory only: a server restart ends every
 * stream; a part undone with its batch (or whose transaction fails) ends its stream.
 *
 * <p>A stream is taken out while a part is processed and put back afterwards, so two requests
 * with one Correlation Value never drive the same cipher at once (the second is refused). A
 * part that fails ends its stream: the cipher's state is then unknown. So does a part whose store
 * transaction does not commit (the handler registers {@link #close} for that): its Usage Limits
 * were not counted, so the stream must not go on from it.
 */
public final class CipherStreams {
  /** An open stream. */
  public record Stream(String owner, String uniqueIdentifier, Operation operation, CipherSession session,
      long bytes) {}

  private record Entry(Stream stream, Instant deadline) {}

  private final CryptoEngine random;
  private final int max;
  private final Duration idle;
  private final long maxBytes;
  private final Map<String, Entry> open = new LinkedHashMap<>();

  public CipherStreams(CryptoEngine random, int max, Duration idle, long maxBytes) {
    this.random = random;
    this.max = max;
    this.idle = idle;
    this.maxBytes = maxBytes;
  }

  /** The standard bounds: 128 open streams, 5 minutes idle, 4 MiB held by an AEAD decryption. */
  public static CipherStreams standard(CryptoEngine random) {
    return new CipherStreams(random, 128, Duration.ofMinutes(5), 4L << 20);
  }

  /** Opens a stream and returns its Correlation Value. */
  public synchronized byte[] open(Stream s, Instant now) throws KmipException {
    purge(now);
    if (open.size() >= max) {
      throw new KmipException(ResultReason.PERMISSION_DENIED,
          "too many streamed operations open (" + max + "): finish one first");
    }
    byte[] correlation = random.randomBytes(16);
    open.put(HexFormat.of().formatHex(correlation), new Entry(s, now.plus(idle)));
    return correlation;
  }

  /**
   * Takes the stream out for its next part: it must be open and belong to this caller, key and
   * operation (Invalid Correlation Value in 2.x, Invalid Field in 1.x, otherwise).
   */
  public synchronized Stream take(byte[] correlation, String owner, String uniqueIdentifier, Operation op,
      Instant now, boolean v2) throws KmipException {
    purge(now);
    String k = HexFormat.of().formatHex(correlation);
    Entry e = open.get(k);
    if (e == null || !e.stream.owner().equals(owner) || e.stream.operation() != op
        || uniqueIdentifier != null && !e.stream.uniqueIdentifier().equals(uniqueIdentifier)) {
      throw new KmipException(v2 ? ResultReason.INVALID_CORRELATION_VALUE : ResultReason.INVALID_FIELD,
          "no open " + op.specName() + " stream has this Correlation Value");
    }
    open.remove(k);
    return e.stream;
  }

  /** Puts a stream back after a middle part, with the data an AEAD decryption now holds counted. */
  public synchronized void putBack(byte[] correlation, Stream s, long moreBytes, Instant now) throws KmipException {
    boolean holds = s.operation() == Operation.DECRYPT && s.session().authenticated();
    Stream next = new Stream(s.owner(), s.uniqueIdentifier(), s.operation(), s.session(),
        s.bytes() + (holds ? moreBytes : 0));
    if (next.bytes() > maxBytes) {
      throw KmipException.invalidField("a streamed AEAD decryption is limited to " + maxBytes + " bytes");
    }
    open.put(HexFormat.of().formatHex(correlation), new Entry(next, now.plus(idle)));
  }

  /**
   * Ends a stream: the transaction of the part that opened or continued it did not commit, so
   * that part (and its Usage Limits) never happened and the stream must not go on from it.
   */
  public synchronized void close(byte[] correlation) {
    open.remove(HexFormat.of().formatHex(correlation));
  }

  public synchronized int size() {
    return open.size();
  }

  private void purge(Instant now) {
    for (Iterator<Entry> it = open.values().iterator(); it.hasNext(); ) {
      if (!it.next().deadline.isAfter(now)) {
        it.remove();
      }
    }
  }
}
