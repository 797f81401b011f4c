package keyward.server.operation;

/**
 * State shared by the items of one request message: the ID Placeholder (KMIP 1.x §6.15, 2.x
 * §6.3), set by operations that produce an object and read by later items that omit the
 * Unique Identifier.
 */
public final class BatchState {
  private String idPlaceholder;
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
