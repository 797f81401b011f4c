package keyward.server.object;

import java.time.Instant;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * A managed object as handlers see it inside one transaction: its cryptographic object (null
 * once destroyed), its attributes, and who owns it. Changes are written by
 * {@link ObjectService#save}.
 */
public final class ManagedObject {
  private final String uniqueIdentifier;
  private final ObjectType objectType;
  private final String owner;
  private final long revision;
  private boolean archived;
  private Item.Structure object;
  private final AttributeSet attributes;

  ManagedObject(String uniqueIdentifier, ObjectType objectType, String owner, long revision,
      boolean archived, Item.Structure object, AttributeSet attributes) {
    this.uniqueIdentifier = uniqueIdentifier;
    this.objectType = objectType;
    this.owner = owner;
    this.revision = revision;
    this.archived = archived;
    this.object = object;
    this.attributes = attributes;
  }

  public String uniqueIdentifier() {
    return uniqueIdentifier;
  }

  public ObjectType objectType() {
    return objectType;
  }

  public String owner() {
    return owner;
  }

  long revision() {
    return revision;
  }

  public boolean archived() {
    return archived;
  }

  public void setArchived(boolean archived) {
    this.archived = archived;
  }

  /** The cryptographic object (Symmetric Key, Secret Data, ...), or null once destroyed. */
  public Item.Structure object() {
    return object;
  }

  public void setObject(Item.Structure object) {
    this.object = object;
  }

  public AttributeSet attributes() {
    return attributes;
  }

  /** The state as stored, before dates that have come due are applied. */
  public State storedState() {
    return attributes.first(Tag.STATE)
        .map(i -> State.fromValue(((Item.Enumeration) i).value()))
        .orElse(State.PRE_ACTIVE);
  }

  /** Stores a new state; the caller has checked the transition (see {@link Transitions}). */
  public void setState(State state) {
    attributes.set(new Item.Enumeration(Tag.STATE, state.value()));
  }

  /** The state now: stored state with due Activation and Deactivation Dates applied. */
  public State state(Instant now) {
    return Lifecycle.effectiveState(storedState(), attributes, now);
  }

  @Override
  public String toString() {
    return "ManagedObject[" + uniqueIdentifier + ", " + objectType + "]";
  }
}
