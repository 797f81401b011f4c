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
    subcommands = {AdminCommand.RotateMasterKey.class})
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
}
