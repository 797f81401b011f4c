package keyward.store.envelope;

import java.security.SecureRandom;
import java.util.List;
import keyward.spi.store.ObjectStore;
import keyward.store.ObjectStoreContract;
import keyward.store.postgres.TestPostgres;

/** The contract through the encryption layer on PostgreSQL, the multi-node store. */
class EnvelopePostgresContractTest extends ObjectStoreContract {
  @Override
  protected ObjectStore newEmptyStore() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return EnvelopeObjectStore.open(TestPostgres.newStore(), AesMasterKey.of(key), List.of());
  }
}
