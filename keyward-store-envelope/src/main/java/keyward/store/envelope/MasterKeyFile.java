package keyward.store.envelope;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import keyward.spi.store.StoreException;

/**
 * A master key kept in a file of exactly 32 random bytes, readable by its owner only (0600). Made
 * on first start when absent; refused when it has the wrong size or others may read it.
 */
public final class MasterKeyFile {
  private static final int KEY_BYTES = 32;

  private MasterKeyFile() {}

  /** Loads the key in {@code file}, creating the file (0600, atomically) when it is absent. */
  public static AesMasterKey loadOrCreate(Path file) throws StoreException {
    if (!Files.exists(file)) {
      create(file);
    }
    return load(file);
  }

  public static AesMasterKey load(Path file) throws StoreException {
    checkPermissions(file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StoreException("cannot read the master key file " + file + ": " + e, e);
    }
    if (bytes.length != KEY_BYTES) {
      Arrays.fill(bytes, (byte) 0);
      throw new StoreException("the master key file " + file + " must hold exactly " + KEY_BYTES
          + " bytes, not " + bytes.length);
    }
    try {
      return AesMasterKey.of(bytes); // Zeroes bytes.
    } catch (GeneralSecurityException e) {
      throw new StoreException("the master key in " + file + " is unusable: " + e, e);
    }
  }

  private static void create(Path file) throws StoreException {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    Path temp = null;
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, ".master-key", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(temp, key);
      try (var channel = java.nio.channels.FileChannel.open(temp,
          java.nio.file.StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      // A hard link never replaces: if another start made the file meanwhile, its key wins.
      Files.createLink(file, temp);
    } catch (FileAlreadyExistsException e) {
      // Lost a race with another start: use the winner's file.
    } catch (IOException | UnsupportedOperationException e) {
      throw new StoreException("cannot create the master key file " + file + ": " + e, e);
    } finally {
      Arrays.fill(key, (byte) 0);
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // A leftover temporary file holds a key nobody uses; nothing better to do here.
        }
      }
    }
  }

  private static void checkPermissions(Path file) throws StoreException {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return; // Not a POSIX file system: nothing to check.
    } catch (IOException e) {
      throw new StoreException("cannot read the master key file " + file + ": " + e, e);
    }
    for (PosixFilePermission p : permissions) {
      switch (p) {
        case GROUP_READ, GROUP_WRITE, OTHERS_READ, OTHERS_WRITE -> throw new StoreException(
            "the master key file " + file + " may be read or written by others ("
                + PosixFilePermissions.toString(permissions) + "); chmod 600 it");
        default -> { }
      }
    }
  }
}
