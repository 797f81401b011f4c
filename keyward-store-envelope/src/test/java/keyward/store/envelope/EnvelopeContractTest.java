package keyward.store.envelope;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import keyward.spi.store.ObjectStore;
import keyward.store.ObjectStoreContract;
import keyward.store.SqliteObjectStore;
import org.junit.jupiter.api.io.TempDir;

/** Encryption at rest changes nothing a store user can observe: the whole contract holds (SQLite). */
class EnvelopeContractTest extends ObjectStoreContract {
  @TempDir
  Path dir;

  private int stores;

  @Override
  protected ObjectStore newEmptyStore() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return EnvelopeObjectStore.open(SqliteObjectStore.open(dir.resolve("db" + stores++)),
        AesMasterKey.of(key), List.of());
  }
}
