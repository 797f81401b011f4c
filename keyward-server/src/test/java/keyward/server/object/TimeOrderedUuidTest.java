package keyward.server.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedUuidTest {

  @Test
  void isAVersion7UuidCarryingTheMillisecond() {
    long millis = 1_795_000_000_123L;
    UUID id = TimeOrderedUuid.at(millis);
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    assertThat(UUID.fromString(id.toString())).isEqualTo(id);
  }

  @Test
  void identifiersOfLaterMillisecondsSortAfterEarlierOnesAsText() {
    // Stores index the identifier as text: time order must be text order.
    String earlier = TimeOrderedUuid.at(1_795_000_000_000L).toString();
    String later = TimeOrderedUuid.at(1_795_000_000_001L).toString();
    String muchLater = TimeOrderedUuid.at(1_795_000_065_536L).toString();
    assertThat(earlier).isLessThan(later);
    assertThat(later).isLessThan(muchLater);
  }

  @Test
  void identifiersOfOneMillisecondDifferInTheirRandomBits() {
    Set<UUID> seen = new HashSet<>();
    Set<Long> randomHigh = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      UUID id = TimeOrderedUuid.at(1_795_000_000_000L);
      assertThat(seen.add(id)).isTrue();
      randomHigh.add(id.getMostSignificantBits() & 0x0FFFL);
    }
    // all 4,096 values of the 12 random bits next to the time appear: they are not a counter
    assertThat(randomHigh).hasSize(4096);
  }
}
