package keyward.store.envelope;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.ObjectStore;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoredObject;

/**
 * Encryption at rest for any {@link ObjectStore}: the key material of each object (the {@code
 * object} bytes, where the server keeps the KMIP object with its Key Block) reaches the inner
 * store only as an {@link Envelope}, under a fresh AES-256 data key wrapped by the master key.
 * Attributes and the Locate index stay readable: Locate and access checks need them, and they
 * hold no key material.
 *
 * <p>Reads accept envelopes wrapped by the current master key or by one of the {@code previous}
 * keys (during a rotation), and plaintext objects written before encryption was turned on; writes
 * always use the current key. {@link #rewrapAll} moves everything to the current key.
 */
public final class EnvelopeObjectStore implements ObjectStore {
  /** How many objects the start-up check looks at for one with key material. */
  private static final int START_CHECK_OBJECTS = 64;

  private final ObjectStore inner;
  private final MasterKey current;
  private final List<MasterKey> keys;

  private EnvelopeObjectStore(ObjectStore inner, MasterKey current, List<MasterKey> previous) {
    this.inner = inner;
    this.current = current;
    List<MasterKey> all = new ArrayList<>();
    all.add(current);
    all.addAll(previous);
    this.keys = List.copyOf(all);
  }

  /**
   * Wraps {@code inner}, first checking that stored key material was wrapped by one of the given
   * master keys: a wrong master key is a clear start-up error, not garbage at the first Get.
   * On failure the inner store is closed.
   */
  public static EnvelopeObjectStore open(ObjectStore inner, MasterKey current,
      List<MasterKey> previous) throws StoreException {
    EnvelopeObjectStore store = new EnvelopeObjectStore(
        Objects.requireNonNull(inner, "inner"), Objects.requireNonNull(current, "current"),
        List.copyOf(previous));
    try {
      store.checkMasterKey();
    } catch (StoreException | RuntimeException e) {
      try {
        inner.close(); // The caller handed the store over; a failed open must not keep it.
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return store;
  }

  private void checkMasterKey() throws StoreException {
    try {
      inner.inTransaction(true, tx -> {
        LocateQuery first = new LocateQuery(null, List.of(), true, true, 0, START_CHECK_OBJECTS);
        for (String uid : tx.locate(first).uniqueIdentifiers()) {
          Optional<StoredObject> o = tx.get(uid);
          if (o.isEmpty() || o.get().object() == null || !Envelope.isEnvelope(o.get().object())) {
            continue;
          }
          byte[] envelope = o.get().object();
          MasterKey key = keyFor(envelope);
          if (key == null) {
            throw new StoreException("wrong master key: the stored key material is encrypted under"
                + " master key " + HexFormat.of().formatHex(Envelope.checkValue(envelope))
                + ", and this server has " + idsOfKeys() + " (key check values)");
          }
          byte[] plaintext = Envelope.open(key, uid, envelope); // Proves the key, not just its id.
          Arrays.fill(plaintext, (byte) 0);
          return null;
        }
        return null;
      });
    } catch (StoreException e) {
      throw e;
    } catch (Exception e) {
      throw new StoreException("checking the master key failed: " + e.getMessage(), e);
    }
  }

  private String idsOfKeys() {
    List<String> ids = new ArrayList<>();
    for (MasterKey k : keys) {
      ids.add(k.id());
    }
    return String.join(", ", ids);
  }

  /** The master key the envelope names, or null when this store has none of that id. */
  MasterKey keyFor(byte[] envelope) {
    byte[] check = Envelope.checkValue(envelope);
    for (MasterKey k : keys) {
      if (Arrays.equals(k.checkValue(), check)) {
        return k;
      }
    }
    return null;
  }

  /** The plaintext object of a stored one (envelope or plaintext from before encryption). */
  byte[] decrypt(String uid, byte[] stored) throws StoreException {
    if (stored == null || !Envelope.isEnvelope(stored)) {
      return stored;
    }
    MasterKey key = keyFor(stored);
    if (key == null) {
      throw new StoreException("the key material of object " + uid + " is encrypted under master"
          + " key " + HexFormat.of().formatHex(Envelope.checkValue(stored))
          + ", which this server does not have (it has " + idsOfKeys() + ")");
    }
    return Envelope.open(key, uid, stored);
  }

  byte[] encrypt(String uid, byte[] plaintext) throws StoreException {
    if (plaintext == null) {
      return null;
    }
    try {
      return Envelope.seal(current, uid, plaintext);
    } catch (GeneralSecurityException e) {
      throw new StoreException("encrypting the key material of object " + uid + " failed: " + e, e);
    }
  }

  @Override
  public <T> T inTransaction(boolean readOnly, Work<T> work) throws Exception {
    Objects.requireNonNull(work, "work");
    return inner.inTransaction(readOnly, tx -> {
      EnvelopeTransaction etx = new EnvelopeTransaction(tx, this);
      return work.run(etx);
    });
  }

  /** The inner store's, so objects are sealed in the work's first run, off the writer. */
  @Override
  public <T> T inInsertingTransaction(Work<T> work) throws Exception {
    Objects.requireNonNull(work, "work");
    return inner.inInsertingTransaction(tx -> work.run(new EnvelopeTransaction(tx, this)));
  }

  /**
   * Re-wraps every data key not under the current master key (and encrypts plaintext objects
   * from before encryption), one object per transaction while the store stays in use; an object
   * changed concurrently is read again. Returns how many objects were rewritten.
   */
  public long rewrapAll() throws Exception {
    long rewritten = 0;
    int page = 500;
    for (int offset = 0; ; offset += page) {
      LocateQuery all = new LocateQuery(null, List.of(), true, true, offset, page);
      List<String> uids = inner.inTransaction(true, tx -> tx.locate(all).uniqueIdentifiers());
      for (String uid : uids) {
        if (rewrap(uid)) {
          rewritten++;
        }
      }
      if (uids.size() < page) {
        return rewritten;
      }
    }
  }

  private boolean rewrap(String uid) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        return inner.inTransaction(false, tx -> {
          Optional<StoredObject> found = tx.get(uid);
          if (found.isEmpty() || found.get().object() == null) {
            return false;
          }
          StoredObject o = found.get();
          byte[] stored = o.object();
          byte[] next;
          if (!Envelope.isEnvelope(stored)) {
            next = encrypt(uid, stored);
          } else {
            MasterKey from = keyFor(stored);
            if (from == current) {
              return false;
            }
            if (from == null) {
              decrypt(uid, stored); // Throws the "does not have" error.
            }
            next = Envelope.rewrap(from, current, uid, stored);
          }
          tx.update(new StoredObject(uid, o.objectType(), o.state(), o.owner(), o.archived(),
              next, o.attributes(), o.index(), o.revision()));
          return true;
        });
      } catch (StoreException.Conflict e) {
        if (attempt >= 10) {
          throw e;
        }
      }
    }
  }

  /** Closes the inner store and drops the master keys. */
  @Override
  public void close() throws StoreException {
    try {
      inner.close();
    } catch (StoreException e) {
      throw e;
    } catch (Exception e) {
      throw new StoreException("closing the store failed: " + e.getMessage(), e);
    } finally {
      for (MasterKey k : keys) {
        k.close();
      }
    }
  }
}
