package keyward.spi.store;

import java.util.Optional;

/**
 * The operations of one store transaction. Everything in it commits or rolls back together. A
 * transaction is used only by the thread running its work and only while that work runs. In a
 * read-only transaction, insert, update and delete throw {@link IllegalStateException}.
 */
public interface StoreTransaction {

  Optional<StoredObject> get(String uniqueIdentifier) throws StoreException;

  /**
   * The object as {@link #get} reads it, except that its {@code index()} may be left empty: for
   * callers that do not use the stored entries (the server computes them afresh whenever it
   * writes), since reading them back costs about as much as reading the rest of the object.
   * Locks and conflict checks are those of {@link #get}.
   */
  default Optional<StoredObject> getWithoutIndex(String uniqueIdentifier) throws StoreException {
    return get(uniqueIdentifier);
  }

  /** Inserts a new object (revision must be 0). Fails if the identifier is taken. */
  void insert(StoredObject object) throws StoreException;

  /**
   * Replaces an object. {@code object.revision()} is the revision that was read; the stored one
   * becomes revision + 1. Throws {@link StoreException.Conflict} when another writer changed it.
   */
  void update(StoredObject object) throws StoreException;

  /**
   * Removes an object and its index entirely (not the KMIP Destroy, which keeps metadata).
   * Removing an identifier that does not exist changes nothing.
   */
  void delete(String uniqueIdentifier) throws StoreException;

  LocateResult locate(LocateQuery query) throws StoreException;
}
