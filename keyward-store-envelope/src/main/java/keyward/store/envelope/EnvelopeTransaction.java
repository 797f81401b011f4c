package keyward.store.envelope;

import java.util.Optional;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.LocateResult;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoreTransaction;
import keyward.spi.store.StoredObject;

/** A transaction of the inner store that encrypts key material on the way in, decrypts it out. */
final class EnvelopeTransaction implements StoreTransaction {
  private final StoreTransaction inner;
  private final EnvelopeObjectStore store;

  EnvelopeTransaction(StoreTransaction inner, EnvelopeObjectStore store) {
    this.inner = inner;
    this.store = store;
  }

  @Override
  public Optional<StoredObject> get(String uniqueIdentifier) throws StoreException {
    return opened(inner.get(uniqueIdentifier));
  }

  @Override
  public Optional<StoredObject> getWithoutIndex(String uniqueIdentifier) throws StoreException {
    return opened(inner.getWithoutIndex(uniqueIdentifier));
  }

  private Optional<StoredObject> opened(Optional<StoredObject> found) throws StoreException {
    if (found.isEmpty() || found.get().object() == null) {
      return found;
    }
    StoredObject o = found.get();
    return Optional.of(with(o, store.decrypt(o.uniqueIdentifier(), o.object())));
  }

  @Override
  public void insert(StoredObject object) throws StoreException {
    inner.insert(sealed(object));
  }

  @Override
  public void update(StoredObject object) throws StoreException {
    inner.update(sealed(object));
  }

  @Override
  public void delete(String uniqueIdentifier) throws StoreException {
    inner.delete(uniqueIdentifier);
  }

  @Override
  public LocateResult locate(LocateQuery query) throws StoreException {
    return inner.locate(query);
  }

  private StoredObject sealed(StoredObject o) throws StoreException {
    if (o == null || o.object() == null || o.uniqueIdentifier() == null) {
      return o; // Nothing to protect; the inner store reports what is missing.
    }
    return with(o, store.encrypt(o.uniqueIdentifier(), o.object()));
  }

  private static StoredObject with(StoredObject o, byte[] object) {
    return new StoredObject(o.uniqueIdentifier(), o.objectType(), o.state(), o.owner(),
        o.archived(), object, o.attributes(), o.index(), o.revision());
  }
}
