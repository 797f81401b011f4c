package keyward.store.postgres;

import keyward.spi.store.ObjectStore;
import keyward.store.ObjectStoreContract;

/** The contract every store passes, on a real PostgreSQL. */
class PostgresObjectStoreTest extends ObjectStoreContract {
  @Override
  protected ObjectStore newEmptyStore() throws Exception {
    return TestPostgres.newStore();
  }
}
