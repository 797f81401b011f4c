package keyward.server.batch;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per identity: {@code perSecond} tokens a second, at most {@code perSecond}
 * saved up, one per message. Identities come from client certificates the CA issued, so the
 * map holds one small entry per real client.
 */
final class RateLimiter {
  private final int perSecond;
  private final LongSupplier nanos;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long last;

    Bucket(double tokens, long last) {
      this.tokens = tokens;
      this.last = last;
    }
  }

  RateLimiter(int perSecond, LongSupplier nanos) {
    this.perSecond = perSecond;
    this.nanos = nanos;
  }

  /** True when the identity may send one more message now (and takes its token). */
  boolean tryAcquire(String identity) {
    if (perSecond == 0) {
      return true;
    }
    long now = nanos.getAsLong();
    Bucket b = buckets.computeIfAbsent(identity, k -> new Bucket(perSecond, now));
    synchronized (b) {
      b.tokens = Math.min(perSecond, b.tokens + (now - b.last) / 1e9 * perSecond);
      b.last = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
