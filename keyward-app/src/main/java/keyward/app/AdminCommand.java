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
        AdminCommand.RestoreStore.class, AdminCommand.FillStore.class})
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

    ServerSettings serverSettings() throws java.io.IOException {
      return settings();
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

  @Command(name = "fill", mixinStandardHelpOptions = true,
      description = {"Fill the store with named AES-256 keys, for measurements at scale.",
          "The keys are made by the server's Create handler (encrypted at rest, indexed) and named",
          "<prefix><n> for n = --first .. --first + --count - 1; `keyward bench --mix locate",
          "--names <prefix> --keys <first + count>` then Locates them. One transaction per batch."})
  static final class FillStore implements Callable<Integer> {
    @Mixin
    StoreLocation where = new StoreLocation();

    @Option(names = "--count", required = true, description = "How many keys to create.")
    long count;

    @Option(names = "--first", defaultValue = "0", description = "Number of the first key (default ${DEFAULT-VALUE}).")
    long first;

    @Option(names = "--prefix", defaultValue = "fill-", description = "Name prefix (default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--owner", description = "Identity that owns the keys (default: the development client certificate's CN).")
    String owner;

    @Option(names = "--batch", defaultValue = "1000", description = "Creates per transaction, 1..1000 (default ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() throws Exception {
      if (count < 1 || first < 0 || batch < 1 || batch > keyward.app.serve.Fill.MAX_BATCH) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "--count must be >= 1, --first >= 0 and --batch 1.." + keyward.app.serve.Fill.MAX_BATCH);
      }
      Path dataDir = where.dataDir();
      String who = owner != null ? owner : devClientName(dataDir);
      long start = System.nanoTime();
      long[] lastReport = {start};
      try (EnvelopeObjectStore store = Storage.open(where.storage(), dataDir)) {
        new keyward.app.serve.Fill(store, where.serverSettings(), who).run(prefix, first, count, batch, done -> {
          long now = System.nanoTime();
          if (now - lastReport[0] > 10_000_000_000L || done == count) {
            lastReport[0] = now;
            System.out.printf(java.util.Locale.ROOT, "%d / %d keys (%.0f/s)%n", done, count,
                done / ((now - start) / 1e9));
          }
        });
      } catch (keyward.app.serve.Fill.FillException e) {
        System.err.println("keyward admin fill: " + e.getMessage());
        return 1;
      }
      System.out.printf(java.util.Locale.ROOT, "created %d keys owned by '%s', named %s%d .. %s%d, in %.1f s%n",
          count, who, prefix, first, prefix, first + count - 1, (System.nanoTime() - start) / 1e9);
      return 0;
    }

    /** The CN of the development PKI's client certificate: who `keyward bench` acts as. */
    private static String devClientName(Path dataDir) throws Exception {
      Path pem = dataDir.resolve("pki").resolve("client.pem");
      if (!java.nio.file.Files.exists(pem)) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new FillStore()),
            "no development client certificate at " + pem + ": give --owner");
      }
      java.security.cert.X509Certificate cert;
      try (var in = java.nio.file.Files.newInputStream(pem)) {
        cert = (java.security.cert.X509Certificate)
            java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(
          cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
      throw new IllegalStateException(pem + " has no CN: give --owner");
    }
  }
}
