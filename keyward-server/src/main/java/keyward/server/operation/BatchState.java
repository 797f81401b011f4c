package keyward.server.operation;

import java.util.ArrayList;
import java.util.List;

/**
 * State shared by the items of one request message: the ID Placeholder (KMIP 1.x §6.15, 2.x
 * §6.3), set by operations that produce an object and read by later items that omit the
 * Unique Identifier; and what to undo in memory when a store transaction does not commit.
 */
public final class BatchState {
  private String idPlaceholder;
  private final List<Runnable> onRollback = new ArrayList<>();

  /**
   * Registers what undoes an in-memory effect (a stream opened or continued) should the
   * transaction the item runs in not commit: the store then keeps nothing, and the stream must
   * not go on as if the part had been counted.
   */
  public void onRollback(Runnable undo) {
    onRollback.add(undo);
  }

  /** The transaction committed: nothing left to undo. */
  public void committed() {
    onRollback.clear();
  }

  /** The transaction rolled back: undoes the in-memory effects, latest first. */
  public void rolledBack() {
    for (int i = onRollback.size() - 1; i >= 0; i--) {
      onRollback.get(i).run();
    }
    onRollback.clear();
  }
  private boolean locatedNothing;

  public String idPlaceholder() {
    return idPlaceholder;
  }

  public void setIdPlaceholder(String uniqueIdentifier) {
    this.idPlaceholder = uniqueIdentifier;
    this.locatedNothing = false;
  }

  /**
   * A Locate of the batch found no object: a later item that relies on the ID Placeholder names
   * no object, so it fails with Item Not Found (TC-152-11/12, step 6), not Missing Data.
   */
  public void setLocatedNothing() {
    this.idPlaceholder = null;
    this.locatedNothing = true;
  }

  public boolean locatedNothing() {
    return locatedNothing;
  }
}
