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

  /**
   * The store cannot take writes now (disk full, a size limit, a read-only file or database):
   * nothing of the failed transaction was kept, and writes work again once the cause is gone.
   */
  public static final class Unwritable extends StoreException {
    public Unwritable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** True when this failure, or one it wraps, is {@link Unwritable}. */
  public static boolean isUnwritable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof Unwritable) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }
}
