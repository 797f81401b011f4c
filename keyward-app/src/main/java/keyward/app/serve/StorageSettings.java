package keyward.app.serve;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where managed objects are kept and how they are protected at rest.
 *
 * @param store {@code sqlite} (default: one file in the data directory, no set-up) or {@code
 *     postgres} (several nodes on one database)
 * @param dbUrl {@code jdbc:postgresql://host:5432/database} (store postgres)
 * @param dbUser the database role
 * @param dbPasswordFile a file whose first line is the role's password; null = none
 * @param dbPoolSize most database connections this node opens
 * @param masterKey the master key that wraps the data keys
 * @param previousMasterKey a key objects may still be wrapped with during a rotation; null = none
 */
public record StorageSettings(String store, String dbUrl, String dbUser, Path dbPasswordFile,
    int dbPoolSize, MasterKeySettings masterKey, MasterKeySettings previousMasterKey) {
  public static final int DEFAULT_POOL_SIZE = 16;

  public StorageSettings {
    store = store == null ? "sqlite" : store.toLowerCase(Locale.ROOT);
    switch (store) {
      case "sqlite", "postgres" -> { }
      default -> throw new IllegalArgumentException(
          "store must be sqlite or postgres, not '" + store + "'");
    }
    if (dbPoolSize < 1 || dbPoolSize > 1000) {
      throw new IllegalArgumentException("the database pool size must be 1..1000");
    }
    masterKey = masterKey == null ? MasterKeySettings.defaults() : masterKey;
  }

  public static StorageSettings defaults() {
    return new StorageSettings("sqlite", null, null, null, DEFAULT_POOL_SIZE,
        MasterKeySettings.defaults(), null);
  }

  public StorageSettings withPostgres(String url, String user, Path passwordFile) {
    return new StorageSettings("postgres", url, user, passwordFile, dbPoolSize, masterKey,
        previousMasterKey);
  }

  public StorageSettings withMasterKey(MasterKeySettings key) {
    return new StorageSettings(store, dbUrl, dbUser, dbPasswordFile, dbPoolSize, key,
        previousMasterKey);
  }

  public StorageSettings withPreviousMasterKey(MasterKeySettings key) {
    return new StorageSettings(store, dbUrl, dbUser, dbPasswordFile, dbPoolSize, masterKey, key);
  }
}
