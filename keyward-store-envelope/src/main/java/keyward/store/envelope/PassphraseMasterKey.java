package keyward.store.envelope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import keyward.spi.store.StoreException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * A master key derived from a passphrase with Argon2id (RFC 9106), memory-hard so guessing costs
 * memory as well as time. The salt and cost parameters are not secret; they sit in a small text
 * file (made on first use) that every node sharing the database must have the same copy of:
 *
 * <pre>
 * kdf = argon2id
 * version = 19
 * memory_kib = 65536
 * iterations = 3
 * parallelism = 1
 * salt = (16 random bytes, base64)
 * </pre>
 *
 * Defaults: 64 MiB, 3 passes, 1 lane (RFC 9106 §4's second recommended option, with one lane for
 * small servers); about 0.3 s once at start-up on this project's 2-core test machine.
 */
public final class PassphraseMasterKey {
  public static final int DEFAULT_MEMORY_KIB = 64 * 1024;
  public static final int DEFAULT_ITERATIONS = 3;
  public static final int DEFAULT_PARALLELISM = 1;
  /** Bounds on parameters read from the file: a corrupted file must not ask for 4 TiB. */
  private static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  private static final int MAX_ITERATIONS = 100;
  private static final int MAX_PARALLELISM = 64;
  private static final int MIN_PASSPHRASE_CHARS = 12;

  /** The parameters of one derivation. */
  public record Parameters(int memoryKib, int iterations, int parallelism, byte[] salt) {
    public Parameters {
      if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
        throw new IllegalArgumentException("memory_kib must be 8*parallelism.." + MAX_MEMORY_KIB);
      }
      if (iterations < 1 || iterations > MAX_ITERATIONS) {
        throw new IllegalArgumentException("iterations must be 1.." + MAX_ITERATIONS);
      }
      if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
        throw new IllegalArgumentException("parallelism must be 1.." + MAX_PARALLELISM);
      }
      if (salt.length < 16 || salt.length > 64) {
        throw new IllegalArgumentException("the salt must be 16..64 bytes");
      }
      salt = salt.clone();
    }

    public static Parameters fresh() {
      byte[] salt = new byte[16];
      new SecureRandom().nextBytes(salt);
      return new Parameters(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM, salt);
    }
  }

  private PassphraseMasterKey() {}

  /**
   * Derives the master key from the passphrase (the array is zeroed) with the parameters in
   * {@code parametersFile}, which is created with fresh ones when absent.
   */
  public static AesMasterKey derive(char[] passphrase, Path parametersFile) throws StoreException {
    try {
      if (passphrase.length < MIN_PASSPHRASE_CHARS) {
        throw new StoreException("the master key passphrase must have at least "
            + MIN_PASSPHRASE_CHARS + " characters");
      }
      Parameters parameters = readOrCreate(parametersFile);
      return derive(passphrase.clone(), parameters);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  /** Derives with the given parameters; zeroes the passphrase. */
  public static AesMasterKey derive(char[] passphrase, Parameters p) throws StoreException {
    byte[] password = null;
    byte[] key = new byte[32];
    try {
      password = utf8(passphrase);
      Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
      argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
          .withVersion(Argon2Parameters.ARGON2_VERSION_13)
          .withMemoryAsKB(p.memoryKib())
          .withIterations(p.iterations())
          .withParallelism(p.parallelism())
          .withSalt(p.salt())
          .build());
      argon2.generateBytes(password, key);
      return AesMasterKey.of(key); // Zeroes key.
    } catch (GeneralSecurityException e) {
      throw new StoreException("deriving the master key failed: " + e, e);
    } finally {
      Arrays.fill(passphrase, '\0');
      if (password != null) {
        Arrays.fill(password, (byte) 0);
      }
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] utf8(char[] chars) {
    var buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(chars));
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    Arrays.fill(buffer.array(), (byte) 0);
    return bytes;
  }

  static Parameters readOrCreate(Path file) throws StoreException {
    if (!Files.exists(file)) {
      Parameters fresh = Parameters.fresh();
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, format(fresh), StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
        return fresh;
      } catch (FileAlreadyExistsException e) {
        // Another start made it meanwhile: read theirs.
      } catch (IOException e) {
        throw new StoreException("cannot create the key derivation file " + file + ": " + e, e);
      }
    }
    return read(file);
  }

  static Parameters read(Path file) throws StoreException {
    Map<String, String> values = new LinkedHashMap<>();
    try {
      if (Files.size(file) > 4096) {
        throw new StoreException("the key derivation file " + file + " is too large to be one");
      }
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        int eq = trimmed.indexOf('=');
        if (eq < 0) {
          throw new StoreException(file + ": expected 'name = value', got: " + trimmed);
        }
        values.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
      }
    } catch (IOException e) {
      throw new StoreException("cannot read the key derivation file " + file + ": " + e, e);
    }
    try {
      if (!"argon2id".equals(values.get("kdf")) || !"19".equals(values.get("version"))) {
        throw new IllegalArgumentException("kdf must be argon2id and version 19");
      }
      return new Parameters(Integer.parseInt(values.get("memory_kib")),
          Integer.parseInt(values.get("iterations")), Integer.parseInt(values.get("parallelism")),
          Base64.getDecoder().decode(values.get("salt")));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StoreException("the key derivation file " + file + " is invalid: " + e.getMessage());
    }
  }

  static String format(Parameters p) {
    return "# Argon2id parameters of the Keyward master key passphrase (not secret; every node\n"
        + "# sharing the database needs this same file)\n"
        + "kdf = argon2id\nversion = 19\n"
        + "memory_kib = " + p.memoryKib() + "\n"
        + "iterations = " + p.iterations() + "\n"
        + "parallelism = " + p.parallelism() + "\n"
        + "salt = " + Base64.getEncoder().encodeToString(p.salt()) + "\n";
  }
}
