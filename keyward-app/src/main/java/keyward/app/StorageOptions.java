package keyward.app;

import java.nio.file.Path;
import keyward.app.serve.MasterKeySettings;
import keyward.app.serve.StorageSettings;
import picocli.CommandLine.Option;

/** The store and master key flags, shared by `serve` and `admin rotate-master-key`. */
final class StorageOptions {
  @Option(names = "--store", paramLabel = "sqlite|postgres",
      description = "Where objects are kept: sqlite (default, in the data directory) or postgres.")
  String store;

  @Option(names = "--db-url", paramLabel = "URL",
      description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/keyward.")
  String dbUrl;

  @Option(names = "--db-user", description = "PostgreSQL role.")
  String dbUser;

  @Option(names = "--db-password-file", paramLabel = "FILE",
      description = "File whose first line is the PostgreSQL password.")
  Path dbPasswordFile;

  @Option(names = "--db-pool-size", paramLabel = "N",
      description = "Most PostgreSQL connections of this node for writes, and again for reads (default 16).")
  Integer dbPoolSize;

  @Option(names = "--master-key", paramLabel = "file|passphrase|pkcs11",
      description = "Source of the master key that encrypts key material at rest (default file).")
  String masterKey;

  @Option(names = "--master-key-file", paramLabel = "FILE",
      description = "Master key file, 32 bytes, 0600 (default <data-dir>/master.key, made on first start).")
  Path masterKeyFile;

  @Option(names = "--master-key-passphrase-file", paramLabel = "FILE",
      description = "File whose first line is the master key passphrase (Argon2id).")
  Path passphraseFile;

  @Option(names = "--master-key-kdf-file", paramLabel = "FILE",
      description = "Argon2id salt and costs (default <data-dir>/master-key.kdf, made on first start).")
  Path kdfFile;

  @Option(names = "--master-key-pkcs11-config", paramLabel = "FILE",
      description = "SunPKCS11 configuration naming the HSM token.")
  Path pkcs11Config;

  @Option(names = "--master-key-pkcs11-pin-file", paramLabel = "FILE",
      description = "File whose first line is the token's user PIN.")
  Path pkcs11PinFile;

  @Option(names = "--master-key-label", paramLabel = "LABEL",
      description = "Label of the AES key on the token (default keyward-master).")
  String label;

  @Option(names = "--previous-master-key", paramLabel = "file|passphrase|pkcs11",
      description = "During a rotation: source of the key being replaced (objects wrapped by it stay readable).")
  String previous;

  @Option(names = "--previous-master-key-file", paramLabel = "FILE",
      description = "As --master-key-file, for the previous key.")
  Path previousFile;

  @Option(names = "--previous-master-key-passphrase-file", paramLabel = "FILE",
      description = "As --master-key-passphrase-file, for the previous key.")
  Path previousPassphraseFile;

  @Option(names = "--previous-master-key-kdf-file", paramLabel = "FILE",
      description = "As --master-key-kdf-file, for the previous key (must exist).")
  Path previousKdfFile;

  @Option(names = "--previous-master-key-pkcs11-config", paramLabel = "FILE",
      description = "As --master-key-pkcs11-config, for the previous key.")
  Path previousPkcs11Config;

  @Option(names = "--previous-master-key-pkcs11-pin-file", paramLabel = "FILE",
      description = "As --master-key-pkcs11-pin-file, for the previous key.")
  Path previousPkcs11PinFile;

  @Option(names = "--previous-master-key-label", paramLabel = "LABEL",
      description = "As --master-key-label, for the previous key.")
  String previousLabel;

  /** The settings with every flag given replacing what the config file or defaults said. */
  StorageSettings apply(StorageSettings s) {
    StorageSettings out = new StorageSettings(store != null ? store : s.store(),
        dbUrl != null ? dbUrl : s.dbUrl(), dbUser != null ? dbUser : s.dbUser(),
        dbPasswordFile != null ? dbPasswordFile : s.dbPasswordFile(),
        dbPoolSize != null ? dbPoolSize : s.dbPoolSize(),
        s.masterKey().override(masterKey, masterKeyFile, passphraseFile, kdfFile, pkcs11Config,
            pkcs11PinFile, label),
        s.previousMasterKey());
    boolean anyPrevious = previous != null || previousFile != null
        || previousPassphraseFile != null || previousKdfFile != null
        || previousPkcs11Config != null || previousPkcs11PinFile != null || previousLabel != null;
    if (anyPrevious) {
      MasterKeySettings base = s.previousMasterKey() != null ? s.previousMasterKey()
          : MasterKeySettings.defaults();
      out = out.withPreviousMasterKey(base.override(previous, previousFile,
          previousPassphraseFile, previousKdfFile, previousPkcs11Config, previousPkcs11PinFile,
          previousLabel));
    }
    return out;
  }
}
