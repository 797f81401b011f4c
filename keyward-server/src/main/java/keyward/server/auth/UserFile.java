package keyward.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The users that may authenticate with a Username and Password credential: one line per user,
 * {@code NAME:pbkdf2-sha256:ITERATIONS:SALT:HASH}; blank lines and lines starting with # are
 * ignored. Written atomically, readable by the owner only.
 */
public final class UserFile {
  /** What a user name may be: it becomes the caller's identity, so no separators or controls. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");
  /** Longest users file read: users are lines of ~100 bytes, a bigger file is a mistake. */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  private final Map<String, PasswordHash> users;

  private UserFile(Map<String, PasswordHash> users) {
    this.users = Collections.unmodifiableMap(users);
  }

  public static UserFile empty() {
    return new UserFile(new TreeMap<>());
  }

  /** Reads the file; an absent file is an empty one. Errors name the line, never a hash. */
  public static UserFile read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return empty();
    }
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException(file + " is larger than " + MAX_BYTES + " bytes");
    }
    Map<String, PasswordHash> users = new TreeMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String name = colon < 0 ? "" : line.substring(0, colon);
      if (!NAME.matcher(name).matches()) {
        throw new IOException(file + " line " + (i + 1) + ": expected NAME:" + PasswordHash.SCHEME + ":...");
      }
      try {
        if (users.put(name, PasswordHash.parse(line.substring(colon + 1))) != null) {
          throw new IOException(file + " line " + (i + 1) + ": user " + name + " listed twice");
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new UserFile(users);
  }

  public PasswordHash get(String name) {
    return users.get(name);
  }

  public boolean isEmpty() {
    return users.isEmpty();
  }

  public List<String> names() {
    return new ArrayList<>(users.keySet());
  }

  /** A copy with the user added or their password replaced. */
  public UserFile with(String name, PasswordHash hash) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "user names are 1-128 letters, digits and . _ @ + -");
    }
    Map<String, PasswordHash> copy = new TreeMap<>(users);
    copy.put(name, hash);
    return new UserFile(copy);
  }

  /** A copy without the user. */
  public UserFile without(String name) {
    Map<String, PasswordHash> copy = new TreeMap<>(users);
    copy.remove(name);
    return new UserFile(copy);
  }

  /** Writes to a temporary file (mode 0600) and moves it in place. */
  public void write(Path file) throws IOException {
    StringBuilder text = new StringBuilder("# Keyward users: NAME:pbkdf2-sha256:ITERATIONS:SALT:HASH\n");
    users.forEach((name, hash) -> text.append(name).append(':').append(hash.format()).append('\n'));
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".users", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's protection applies
      }
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
