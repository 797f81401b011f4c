package keyward.app.serve;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import keyward.spi.store.StoreException;
import keyward.store.SqliteObjectStore;
import keyward.store.envelope.MasterKey;

/**
 * Online backup of the embedded store, and its restore.
 *
 * <p>Backup takes a consistent snapshot of the SQLite database while the server runs (SQLite's
 * {@code VACUUM INTO} on a read-only connection: WAL mode lets it read beside the writer) and
 * encrypts the whole snapshot: a fresh AES-256 data key, wrapped by the master key, encrypts it in
 * 1 MiB AES-256-GCM chunks, each bound to its index and to whether it is the last (a truncated,
 * reordered or altered file fails to restore). Key material inside was already encrypted at rest;
 * the backup also hides the attributes and names. The master key is not in the backup: restoring
 * needs it.
 *
 * <p>File: {@code KWBACKUP1\n}, the master key's 8-byte check value, the wrapped data key
 * (length-prefixed), a 4-byte random nonce prefix; then chunks of {@code [last flag][length][GCM
 * ciphertext]}.
 *
 * <p>PostgreSQL has its own consistent backups ({@code pg_dump}, {@code pg_basebackup}); key
 * material in them is encrypted at rest in the same way.
 */
public final class Backup {
  private static final byte[] MAGIC = "KWBACKUP1\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WRAP_AAD = "keyward backup data key".getBytes(StandardCharsets.US_ASCII);
  private static final int CHUNK = 1 << 20;
  private static final int MAX_WRAPPED = 1024;

  private Backup() {}

  /** Writes an encrypted snapshot of the data directory's store to {@code out} (a new file, 0600). */
  public static long create(StorageSettings s, Path dataDir, Path out) throws IOException, StoreException {
    requireSqlite(s);
    Path db = dataDir.resolve(SqliteObjectStore.DATABASE_FILE);
    if (!Files.exists(db)) {
      throw new StoreException("no database to back up at " + db);
    }
    Path parent = out.toAbsolutePath().getParent();
    Path snapshot = parent.resolve("." + out.getFileName() + ".snapshot-" + System.nanoTime());
    try (MasterKey mk = Storage.masterKey(s.masterKey(), dataDir, false)) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?mode=ro");
          Statement st = c.createStatement()) {
        st.execute("VACUUM INTO '" + snapshot.toString().replace("'", "''") + "'");
      } catch (java.sql.SQLException e) {
        throw new StoreException("snapshot of " + db + " failed: " + e.getMessage(), e);
      }
      return encrypt(snapshot, out, mk);
    } catch (GeneralSecurityException e) {
      throw new StoreException("encrypting the backup failed: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(snapshot);
    }
  }

  /** Restores a backup into a data directory that has no database yet (the server stopped). */
  public static void restore(StorageSettings s, Path dataDir, Path in) throws IOException, StoreException {
    requireSqlite(s);
    Path db = dataDir.resolve(SqliteObjectStore.DATABASE_FILE);
    if (Files.exists(db)) {
      throw new StoreException(db + " exists: restore into a data directory without a database "
          + "(move the old one away first)");
    }
    Files.createDirectories(dataDir);
    Path tmp = dataDir.resolve(SqliteObjectStore.DATABASE_FILE + ".restoring");
    try (MasterKey mk = Storage.masterKey(s.masterKey(), dataDir, false);
        InputStream raw = Files.newInputStream(in);
        DataInputStream din = new DataInputStream(new java.io.BufferedInputStream(raw));
        OutputStream o = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] magic = din.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new StoreException(in + " is not a Keyward backup");
      }
      byte[] check = din.readNBytes(8);
      if (!MessageDigest.isEqual(check, mk.checkValue())) {
        throw new StoreException("the backup was made under master key " + HexFormat.of().formatHex(check)
            + ", not the configured " + mk.id() + ": give that key (--master-key-file ...)");
      }
      int wrappedLength = din.readUnsignedShort();
      if (wrappedLength > MAX_WRAPPED) {
        throw new StoreException(in + " is damaged (wrapped key length)");
      }
      byte[] wrapped = din.readNBytes(wrappedLength);
      byte[] prefix = din.readNBytes(4);
      byte[] dataKey = mk.unwrap(wrapped, WRAP_AAD);
      try {
        SecretKeySpec key = new SecretKeySpec(dataKey, "AES");
        long index = 0;
        boolean last = false;
        while (!last) {
          int flag = din.read();
          if (flag < 0) {
            throw new StoreException(in + " is truncated: its last part is missing");
          }
          last = flag == 1;
          int length = din.readInt();
          if (length < 16 || length > CHUNK + 16) {
            throw new StoreException(in + " is damaged (part length)");
          }
          byte[] part = din.readNBytes(length);
          if (part.length != length) {
            throw new StoreException(in + " is truncated");
          }
          Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
          gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce(prefix, index)));
          gcm.updateAAD(aad(index, last));
          o.write(gcm.doFinal(part));
          index++;
        }
        if (din.read() >= 0) {
          throw new StoreException(in + " has data after its last part");
        }
      } finally {
        Arrays.fill(dataKey, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      Files.deleteIfExists(tmp);
      throw new StoreException(in + " does not decrypt: damaged, or made under another master key", e);
    } catch (IOException | StoreException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, db, StandardCopyOption.ATOMIC_MOVE);
  }

  private static long encrypt(Path snapshot, Path out, MasterKey mk) throws IOException, GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    byte[] dataKey = new byte[32];
    random.nextBytes(dataKey);
    byte[] prefix = new byte[4];
    random.nextBytes(prefix);
    long size = Files.size(snapshot);
    try (OutputStream raw = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        DataOutputStream dout = new DataOutputStream(new java.io.BufferedOutputStream(raw));
        InputStream in = Files.newInputStream(snapshot)) {
      try {
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      byte[] wrapped = mk.wrap(dataKey, WRAP_AAD);
      dout.write(MAGIC);
      dout.write(mk.checkValue());
      dout.writeShort(wrapped.length);
      dout.write(wrapped);
      dout.write(prefix);
      SecretKeySpec key = new SecretKeySpec(dataKey, "AES");
      long done = 0;
      long index = 0;
      do {
        byte[] part = in.readNBytes((int) Math.min(CHUNK, size - done));
        done += part.length;
        boolean last = done >= size;
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce(prefix, index)));
        gcm.updateAAD(aad(index, last));
        byte[] sealed = gcm.doFinal(part);
        Arrays.fill(part, (byte) 0);
        dout.write(last ? 1 : 0);
        dout.writeInt(sealed.length);
        dout.write(sealed);
        index++;
        if (last) {
          break;
        }
      } while (true);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      Files.deleteIfExists(out);
      throw e;
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
    return size;
  }

  private static byte[] nonce(byte[] prefix, long index) {
    return ByteBuffer.allocate(12).put(prefix).putLong(index).array();
  }

  private static byte[] aad(long index, boolean last) {
    return ByteBuffer.allocate(9).putLong(index).put((byte) (last ? 1 : 0)).array();
  }

  private static void requireSqlite(StorageSettings s) throws StoreException {
    if (!s.store().equals("sqlite")) {
      throw new StoreException("keyward admin backup/restore work on the embedded store; back up "
          + "PostgreSQL with its own tools (pg_dump, pg_basebackup): key material in them is encrypted at rest");
    }
  }
}
