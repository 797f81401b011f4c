package keyward.server.operation;

/**
 * State shared by the items of one request message: the ID Placeholder (KMIP 1.x §6.15, 2.x
 * §6.3), set by operations that produce an object and read by later items that omit the
 * Unique Identifier.
 */
public final class BatchState {
  private String idPlaceholder;

  public String idPlaceholder() {
    return idPlaceholder;
  }

  public void setIdPlaceholder(String uniqueIdentifier) {
    this.idPlaceholder = uniqueIdentifier;
  }
}
