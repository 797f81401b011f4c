package keyward.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import keyward.app.serve.ConfigFile;
import keyward.app.serve.ServerSettings;
import keyward.app.serve.Storage;
import keyward.store.envelope.EnvelopeObjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `keyward admin ...`: maintenance of the server's storage. */
@Command(name = "admin", mixinStandardHelpOptions = true,
    description = "Storage maintenance.",
    subcommands = {AdminCommand.RotateMasterKey.class, AdminCommand.BackupStore.class,
        AdminCommand.RestoreStore.class})
final class AdminCommand implements Runnable {
  /** Where the store is and how it is keyed: the server's config file, data directory and storage flags. */
  static final class StoreLocation {
    @Option(names = "--config", description = "The server's TOML config file.")
    Path config;

    @Option(names = "--data-dir", description = "Data directory (default ./keyward-data).")
    Path dataDir;

    @Mixin
    StorageOptions storage = new StorageOptions();

    private ServerSettings read;

    private ServerSettings settings() throws java.io.IOException {
      if (read == null) {
        read = config != null ? ConfigFile.read(config, ServerSettings.defaults()) : ServerSettings.defaults();
      }
      return read;
    }

    Path dataDir() throws java.io.IOException {
      return dataDir != null ? dataDir : settings().dataDir();
    }

    keyward.app.serve.StorageSettings storage() throws java.io.IOException {
      return storage.apply(settings().storage());
    }
  }

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /**
   * Re-wraps every data key under the master key the settings name (and encrypts key material
   * stored before encryption at rest). Objects wrapped by the --previous-master-key stay
   * readable throughout, so PostgreSQL nodes that already run with both keys serve on.
   */
  @Command(name = "rotate-master-key", mixinStandardHelpOptions = true,
      description = {"Re-wrap every data key under the (new) master key.",
          "Give the new key with the --master-key* flags (or [master_key]) and the old one with",
          "--previous-master-key* (or [master_key.previous]). SQLite: stop the server first.",
          "PostgreSQL: run while the nodes serve, once they all run with both keys."})
  static final class RotateMasterKey implements Callable<Integer> {
    @Mixin
    StoreLocation where = new StoreLocation();

    @Override
    public Integer call() throws Exception {
      try (EnvelopeObjectStore store = Storage.open(where.storage(), where.dataDir())) {
        long rewritten = store.rewrapAll();
        System.out.println("re-wrapped " + rewritten + " object(s) under the master key; objects"
            + " no longer need the previous key");
      }
      return 0;
    }
  }

  @Command(name = "backup", mixinStandardHelpOptions = true,
      description = {"Write an encrypted, consistent copy of the embedded store while the server runs.",
          "Restoring it needs the same master key (it is not in the backup)."})
  static final class BackupStore implements Callable<Integer> {
    @Mixin
    StoreLocation where = new StoreLocation();

    @Option(names = "--out", required = true, description = "The backup file to write (must not exist).")
    Path out;

    @Override
    public Integer call() throws Exception {
      long bytes = keyward.app.serve.Backup.create(where.storage(), where.dataDir(), out);
      System.out.println("backed up " + bytes + " bytes of " + where.dataDir() + " to " + out + " (encrypted)");
      return 0;
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = {"Restore a backup into a data directory without a database (server stopped).",
          "Give the master key the backup was made under with the --master-key* flags."})
  static final class RestoreStore implements Callable<Integer> {
    @Mixin
    StoreLocation where = new StoreLocation();

    @Option(names = "--in", required = true, description = "The backup file.")
    Path in;

    @Override
    public Integer call() throws Exception {
      keyward.app.serve.Backup.restore(where.storage(), where.dataDir(), in);
      System.out.println("restored " + in + " into " + where.dataDir());
      return 0;
    }
  }
}
