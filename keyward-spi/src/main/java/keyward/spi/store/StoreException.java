package keyward.spi.store;

/** A storage failure. Messages name identifiers and causes, never object contents. */
public class StoreException extends Exception {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Another writer changed the object since it was read. */
  public static final class Conflict extends StoreException {
    public Conflict(String uniqueIdentifier) {
      super("object " + uniqueIdentifier + " was changed concurrently");
    }
  }

  /** An insert named an identifier that already exists. */
  public static final class Duplicate extends StoreException {
    public Duplicate(String uniqueIdentifier) {
      super("object " + uniqueIdentifier + " already exists");
    }
  }
}
