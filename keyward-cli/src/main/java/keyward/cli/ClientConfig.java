package keyward.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The client's connection settings file, a small TOML subset: {@code key = "value"} lines and
 * {@code #} comments. Keys: server ("host:port"), ca, cert, key, pkcs12, password_file. Relative
 * paths are relative to the file's directory, so the file can sit beside the PKI it names.
 */
public final class ClientConfig {
  /** First line of a file written by {@code keyward serve}; such a file is kept up to date. */
  public static final String GENERATED_MARKER = "# Written by keyward serve for its development PKI.";
  static final Set<String> KEYS = Set.of("server", "ca", "cert", "key", "pkcs12", "password_file");

  private ClientConfig() {}

  /** Reads the settings; paths resolved against the file's directory. */
  public static Map<String, String> read(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Path base = file.toAbsolutePath().getParent();
    int n = 0;
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? "" : line.substring(0, eq).strip();
      String value = eq < 0 ? "" : line.substring(eq + 1).strip();
      if (eq < 0 || value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
        throw new UsageException(file + " line " + n + ": expected key = \"value\"");
      }
      if (!KEYS.contains(key)) {
        throw new UsageException(file + " line " + n + ": unknown key \"" + key + "\" (known: "
            + String.join(", ", KEYS.stream().sorted().toList()) + ")");
      }
      value = value.substring(1, value.length() - 1);
      out.put(key, key.equals("server") ? value : base.resolve(value).toString());
    }
    return out;
  }

  /**
   * Writes the client settings for a development server (paths relative to the file), unless a
   * file not written by the server is already there. Returns whether the file was written.
   */
  public static boolean writeForDevServer(Path file, String host, int port, Path ca, Path pkcs12,
      Path passwordFile) throws IOException {
    if (Files.exists(file) && !Files.readString(file).startsWith(GENERATED_MARKER)) {
      return false; // the user's own file: leave it alone
    }
    Path base = file.toAbsolutePath().getParent();
    String text = GENERATED_MARKER + "\n"
        + "# Used by ./keyward key|attr|query|versions from this directory's parent; delete it to stop.\n"
        + "server = \"" + host + ":" + port + "\"\n"
        + "ca = \"" + rel(base, ca) + "\"\n"
        + "pkcs12 = \"" + rel(base, pkcs12) + "\"\n"
        + "password_file = \"" + rel(base, passwordFile) + "\"\n";
    Files.createDirectories(base);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return true;
  }

  private static String rel(Path base, Path p) {
    return base.relativize(p.toAbsolutePath()).toString().replace('\\', '/');
  }
}
