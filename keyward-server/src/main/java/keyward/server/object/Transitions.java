package keyward.server.object;

import java.time.Instant;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * The client-driven transitions of the state machine (2.1 §4.57, numbered as there); "only the
 * transitions described above are permitted". Each works on the effective state (dates that
 * have come due count), sets the dates the spec ties to it, and refuses anything else with
 * Wrong Key Lifecycle State (1.x clients get Permission Denied, see ReasonsByVersion). The
 * caller saves the object.
 */
public final class Transitions {
  private Transitions() {}

  /** Activate (transition 4): Pre-Active to Active, Activation Date = now. */
  public static void activate(ManagedObject mo, Instant now) throws KmipException {
    State s = mo.state(now);
    if (s != State.PRE_ACTIVE) {
      throw wrongState(s, "Activate needs a Pre-Active object");
    }
    mo.attributes().set(date(Tag.ACTIVATION_DATE, now));
    mo.setState(State.ACTIVE);
  }

  /** Key Compromise and CA Compromise compromise the object; other reasons deactivate it. */
  public static boolean compromises(RevocationReasonCode code) {
    return code == RevocationReasonCode.KEY_COMPROMISE || code == RevocationReasonCode.CA_COMPROMISE;
  }

  /**
   * Revoke. A compromise (transitions 3, 5, 8, 10) sets Compromise Date = now and the
   * Compromise Occurrence Date given, else the Initial Date (1.4 §4.20); another reason
   * deactivates an Active object (transition 6) with Deactivation Date = now.
   *
   * @param reason the Revocation Reason structure, kept as the attribute
   * @param occurrence the Compromise Occurrence Date asked for, or null
   */
  public static void revoke(ManagedObject mo, Item.Structure reason, RevocationReasonCode code,
      Instant occurrence, Instant now) throws KmipException {
    State s = mo.state(now);
    State next;
    if (compromises(code)) {
      next = switch (s) {
        case PRE_ACTIVE, ACTIVE, DEACTIVATED -> State.COMPROMISED;
        case DESTROYED -> State.DESTROYED_COMPROMISED;
        default -> throw wrongState(s, "the object is already compromised");
      };
      mo.attributes().set(date(Tag.COMPROMISE_DATE, now));
      Instant when = occurrence != null ? occurrence
          : Lifecycle.date(mo.attributes(), Tag.INITIAL_DATE).orElse(now);
      mo.attributes().set(date(Tag.COMPROMISE_OCCURRENCE_DATE, when));
    } else {
      if (s != State.ACTIVE) {
        throw wrongState(s, "only an Active object is deactivated by Revoke; Key Compromise and "
            + "CA Compromise apply in other states");
      }
      next = State.DEACTIVATED;
      mo.attributes().set(date(Tag.DEACTIVATION_DATE, now));
    }
    mo.attributes().set(reason);
    mo.setState(next);
  }

  /**
   * Destroy (transitions 2, 7, 9): Pre-Active and Deactivated objects become Destroyed,
   * Compromised ones Destroyed Compromised; the key material goes, the metadata stays, with
   * Destroy Date = now (2.1 §6.1.15).
   */
  public static void destroy(ManagedObject mo, Instant now) throws KmipException {
    State s = mo.state(now);
    State next = switch (s) {
      case PRE_ACTIVE, DEACTIVATED -> State.DESTROYED;
      case COMPROMISED -> State.DESTROYED_COMPROMISED;
      case DESTROYED, DESTROYED_COMPROMISED ->
          throw new KmipException(ResultReason.OBJECT_DESTROYED, "the object is already destroyed");
      default -> throw wrongState(s, "an Active object is revoked before it is destroyed");
    };
    mo.setState(next);
    mo.attributes().set(date(Tag.DESTROY_DATE, now));
    mo.setObject(null);
  }

  /** True for the two states whose key material is gone. */
  public static boolean destroyed(State s) {
    return s == State.DESTROYED || s == State.DESTROYED_COMPROMISED;
  }

  private static Item.DateTime date(int tag, Instant when) {
    return new Item.DateTime(tag, when.getEpochSecond());
  }

  private static KmipException wrongState(State s, String rule) {
    return new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
        "object is " + (s == null ? "in an unknown state" : s.specName()) + ": " + rule);
  }
}
