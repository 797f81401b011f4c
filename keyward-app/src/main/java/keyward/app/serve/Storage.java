package keyward.app.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import keyward.spi.store.ObjectStore;
import keyward.spi.store.StoreException;
import keyward.store.SqliteObjectStore;
import keyward.store.envelope.EnvelopeObjectStore;
import keyward.store.envelope.MasterKey;
import keyward.store.envelope.MasterKeyFile;
import keyward.store.envelope.PassphraseMasterKey;
import keyward.store.envelope.Pkcs11MasterKey;
import keyward.store.postgres.PostgresObjectStore;

/** Opens the configured store (SQLite or PostgreSQL) behind encryption at rest. */
public final class Storage {
  /** Longest secret file read (passphrase, PIN, password): one line, not a whole disk. */
  private static final int MAX_SECRET_FILE_BYTES = 4096;

  private Storage() {}

  public static EnvelopeObjectStore open(StorageSettings s, Path dataDir) throws StoreException {
    MasterKey current = masterKey(s.masterKey(), dataDir, true);
    MasterKey previous = null;
    ObjectStore raw = null;
    try {
      if (s.previousMasterKey() != null) {
        previous = masterKey(s.previousMasterKey(), dataDir, false);
      }
      raw = switch (s.store()) {
        case "sqlite" -> SqliteObjectStore.open(dataDir);
        case "postgres" -> PostgresObjectStore.open(postgresOptions(s));
        default -> throw new IllegalStateException("unknown store " + s.store());
      };
      return EnvelopeObjectStore.open(raw, current,
          previous == null ? List.of() : List.of(previous)); // Closes raw when it fails.
    } catch (StoreException | RuntimeException e) {
      current.close();
      if (previous != null) {
        previous.close();
      }
      throw e;
    }
  }

  private static PostgresObjectStore.Options postgresOptions(StorageSettings s)
      throws StoreException {
    if (s.dbUrl() == null) {
      throw new StoreException("--store postgres needs --db-url jdbc:postgresql://HOST:PORT/DATABASE");
    }
    String password = null;
    if (s.dbPasswordFile() != null) {
      char[] chars = secretLine(s.dbPasswordFile(), "database password");
      password = new String(chars); // The JDBC driver takes a String.
      Arrays.fill(chars, '\0');
    }
    return PostgresObjectStore.Options.of(s.dbUrl(), s.dbUser(), password)
        .withMaxPoolSize(s.dbPoolSize());
  }

  /** The master key the settings describe; {@code current} keys may be created on first start. */
  public static MasterKey masterKey(MasterKeySettings k, Path dataDir, boolean current)
      throws StoreException {
    String which = current ? "master key" : "previous master key";
    switch (k.source()) {
      case "file" -> {
        Path file = k.file() != null ? k.file() : dataDir.resolve("master.key");
        if (!current && !Files.exists(file)) {
          throw new StoreException("the " + which + " file " + file + " does not exist");
        }
        return current ? MasterKeyFile.loadOrCreate(file) : MasterKeyFile.load(file);
      }
      case "passphrase" -> {
        if (k.passphraseFile() == null) {
          throw new StoreException("the " + which + " source passphrase needs a passphrase file");
        }
        Path kdf = k.kdfFile() != null ? k.kdfFile() : dataDir.resolve("master-key.kdf");
        if (!current && !Files.exists(kdf)) {
          throw new StoreException("the " + which + "'s key derivation file " + kdf
              + " does not exist");
        }
        return PassphraseMasterKey.derive(secretLine(k.passphraseFile(), which + " passphrase"), kdf);
      }
      case "pkcs11" -> {
        if (k.pkcs11Config() == null || k.pkcs11PinFile() == null) {
          throw new StoreException("the " + which + " source pkcs11 needs a PKCS#11 configuration"
              + " file and a PIN file");
        }
        return Pkcs11MasterKey.open(k.pkcs11Config(), secretLine(k.pkcs11PinFile(), "PKCS#11 PIN"),
            k.label(), current);
      }
      default -> throw new IllegalStateException("unknown master key source " + k.source());
    }
  }

  /** The first line of a small file, as chars; the bytes read are zeroed. */
  static char[] secretLine(Path file, String what) throws StoreException {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_SECRET_FILE_BYTES) {
        throw new StoreException("the " + what + " file " + file + " is larger than "
            + MAX_SECRET_FILE_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StoreException("cannot read the " + what + " file " + file + ": " + e, e);
    }
    try {
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
      char[] line = new char[chars.remaining()];
      chars.get(line);
      Arrays.fill(chars.array(), '\0');
      if (line.length == 0) {
        throw new StoreException("the " + what + " file " + file + " is empty");
      }
      return line;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
