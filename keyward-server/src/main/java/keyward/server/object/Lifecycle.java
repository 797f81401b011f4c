package keyward.server.object;

import java.time.Instant;
import java.util.Optional;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * The NIST SP 800-57 lifecycle as KMIP defines it (1.x §3.22, 2.x §4.57 State). Dates take
 * effect when they come due: a Pre-Active object whose Activation Date has passed is Active, an
 * Active one past its Deactivation Date is Deactivated. No sweep job is needed for
 * correctness: the state is evaluated against the clock whenever it is read.
 */
public final class Lifecycle {
  private Lifecycle() {}

  public static State effectiveState(State stored, AttributeSet attributes, Instant now) {
    State s = stored;
    if (s == State.PRE_ACTIVE && due(attributes, Tag.ACTIVATION_DATE, now)) {
      s = State.ACTIVE;
    }
    if (s == State.ACTIVE && due(attributes, Tag.DEACTIVATION_DATE, now)) {
      s = State.DEACTIVATED;
    }
    return s;
  }

  /** The date attribute's value, if set. */
  public static Optional<Instant> date(AttributeSet attributes, int tag) {
    return attributes.first(tag)
        .filter(Item.DateTime.class::isInstance)
        .map(i -> Instant.ofEpochSecond(((Item.DateTime) i).epochSeconds()));
  }

  private static boolean due(AttributeSet attributes, int tag, Instant now) {
    return date(attributes, tag).map(d -> !d.isAfter(now)).orElse(false);
  }
}
