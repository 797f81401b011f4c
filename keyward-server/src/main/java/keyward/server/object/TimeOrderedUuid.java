package keyward.server.object;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Unique Identifiers for new objects: RFC 9562 version 7 UUIDs (48 bits of Unix milliseconds,
 * then 74 random bits). Identifiers made close in time sort close together, so each create
 * extends the end of the stores' identifier indexes instead of touching a random page of them:
 * with random (version 4) identifiers two random index pages per create were written at every
 * commit, and durable creates ran about 30% slower (docs/performance.md). The random part still
 * makes an identifier unguessable within its millisecond; access checks, not secrecy of the
 * identifier, are what protect an object.
 */
final class TimeOrderedUuid {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TimeOrderedUuid() {}

  static UUID next() {
    return at(System.currentTimeMillis());
  }

  static UUID at(long unixMillis) {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    long r1 = ((random[0] & 0xFFL) << 8) | (random[1] & 0xFFL);
    long r2 = 0;
    for (int i = 2; i < 10; i++) {
      r2 = (r2 << 8) | (random[i] & 0xFFL);
    }
    long msb = ((unixMillis & 0xFFFF_FFFF_FFFFL) << 16) | 0x7000L | (r1 & 0x0FFFL);
    long lsb = (r2 & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // variant 10
    return new UUID(msb, lsb);
  }
}
