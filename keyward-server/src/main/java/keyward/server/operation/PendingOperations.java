package keyward.server.operation;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.spec.Operation;
import keyward.kmip.ttlv.Item;

/**
 * Batch items a client asked to run asynchronously (request header Asynchronous Indicator True,
 * KMIP 1.x §6.7, 2.x §8.7) and that the server answered with Operation Pending and an
 * Asynchronous Correlation Value. Such an item runs when the client Polls for it (the answer is
 * the item's own response) and is dropped when the client Cancels it.
 *
 * <p>Only operations whose result nothing later in the batch needs (no ID Placeholder) are
 * deferred: Locate, Archive and Recover, the ones the KMIP Test Cases run asynchronously (TC-32,
 * TC-101). The server MAY answer any request synchronously, and does for the others, and for all
 * when the bounds are reached: at most {@value #PER_IDENTITY} pending items per identity,
 * {@value #TOTAL} in all, {@value #MAX_ITEM_BYTES} bytes per item and {@value #MAX_TOTAL_BYTES} in
 * all (TTLV size of the payloads kept); an item not polled within {@link #LIFETIME} is forgotten. A pending
 * item belongs to the identity that sent it: another identity cannot poll or cancel it.
 */
public final class PendingOperations {
  public static final Set<Operation> DEFERRABLE = Set.of(Operation.LOCATE, Operation.ARCHIVE, Operation.RECOVER);
  static final int PER_IDENTITY = 16;
  static final int TOTAL = 10_000;
  static final Duration LIFETIME = Duration.ofMinutes(15);
  static final int MAX_ITEM_BYTES = 64 * 1024;
  static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;

  /** One deferred item: who sent it, when, and the item as sent. */
  public record Pending(String identity, Instant since, RequestBatchItem item, long bytes) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Pending> byKey = new LinkedHashMap<>(); // insertion order = age
  private long bytes;

  /**
   * Keeps the item for later and returns its Asynchronous Correlation Value, or null when the
   * item must run now (not deferrable, or the bounds are reached).
   */
  public synchronized byte[] defer(String identity, RequestBatchItem item, Instant now) {
    if (!DEFERRABLE.contains(item.operation())) {
      return null;
    }
    expire(now);
    long mine = byKey.values().stream().filter(p -> p.identity().equals(identity)).count();
    long size = ttlvSize(item.requestPayload());
    if (mine >= PER_IDENTITY || byKey.size() >= TOTAL || size > MAX_ITEM_BYTES || bytes + size > MAX_TOTAL_BYTES) {
      return null;
    }
    byte[] value = new byte[16];
    random.nextBytes(value);
    byKey.put(key(identity, value), new Pending(identity, now, item, size));
    bytes += size;
    return value;
  }

  /** Removes and returns the identity's item with this correlation value, or null. */
  public synchronized Pending take(String identity, byte[] correlationValue, Instant now) {
    expire(now);
    Pending p = correlationValue == null ? null : byKey.remove(key(identity, correlationValue));
    if (p != null) {
      bytes -= p.bytes();
    }
    return p;
  }

  synchronized int size() {
    return byKey.size();
  }

  private void expire(Instant now) {
    Instant oldest = now.minus(LIFETIME);
    byKey.values().removeIf(p -> {
      boolean old = p.since().isBefore(oldest);
      if (old) {
        bytes -= p.bytes();
      }
      return old;
    });
  }

  /** The item's TTLV length: 8 header bytes each, values padded to 8 bytes. */
  static long ttlvSize(Item item) {
    long value = switch (item) {
      case Item.Structure s -> {
        long sum = 0;
        for (Item c : s.items()) {
          sum += ttlvSize(c);
        }
        yield sum;
      }
      case Item.TextString t -> t.value().getBytes(StandardCharsets.UTF_8).length;
      case Item.ByteString b -> b.value().length;
      case Item.BigInteger b -> b.value().toByteArray().length;
      default -> 8;
    };
    return 8 + (value + 7) / 8 * 8;
  }

  private static String key(String identity, byte[] value) {
    return HexFormat.of().formatHex(value) + "|" + identity;
  }
}
