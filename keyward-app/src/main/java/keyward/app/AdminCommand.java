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
    @Option(names = "--config", description = "The server's TOML config file.")
    Path config;

    @Option(names = "--data-dir", description = "Data directory (default ./keyward-data).")
    Path dataDir;

    @Mixin
    StorageOptions storage = new StorageOptions();

    @Override
    public Integer call() throws Exception {
      ServerSettings s = ServerSettings.defaults();
      if (config != null) {
        s = ConfigFile.read(config, s);
      }
      Path dir = dataDir != null ? dataDir : s.dataDir();
      try (EnvelopeObjectStore store = Storage.open(storage.apply(s.storage()), dir)) {
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
    @Option(names = "--config", description = "The server's TOML config file.")
    Path config;

    @Option(names = "--data-dir", description = "Data directory (default ./keyward-data).")
    Path dataDir;

    @Option(names = "--out", required = true, description = "The backup file to write (must not exist).")
    Path out;

    @Mixin
    StorageOptions storage = new StorageOptions();

    @Override
    public Integer call() throws Exception {
      ServerSettings s = config != null ? ConfigFile.read(config, ServerSettings.defaults()) : ServerSettings.defaults();
      Path dir = dataDir != null ? dataDir : s.dataDir();
      long bytes = keyward.app.serve.Backup.create(storage.apply(s.storage()), dir, out);
      System.out.println("backed up " + bytes + " bytes of " + dir + " to " + out + " (encrypted)");
      return 0;
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = {"Restore a backup into a data directory without a database (server stopped).",
          "Give the master key the backup was made under with the --master-key* flags."})
  static final class RestoreStore implements Callable<Integer> {
    @Option(names = "--config", description = "The server's TOML config file.")
    Path config;

    @Option(names = "--data-dir", description = "Data directory (default ./keyward-data).")
    Path dataDir;

    @Option(names = "--in", required = true, description = "The backup file.")
    Path in;

    @Mixin
    StorageOptions storage = new StorageOptions();

    @Override
    public Integer call() throws Exception {
      ServerSettings s = config != null ? ConfigFile.read(config, ServerSettings.defaults()) : ServerSettings.defaults();
      Path dir = dataDir != null ? dataDir : s.dataDir();
      keyward.app.serve.Backup.restore(storage.apply(s.storage()), dir, in);
      System.out.println("restored " + in + " into " + dir);
      return 0;
    }
  }
}
