package keyward.store.envelope;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh SoftHSM2 token for the tests, in the directory that {@code SOFTHSM2_CONF} (set by
 * surefire) points into; published in this module's test-jar for the app's tests. Without Debian's softhsm2 the tests are skipped with the install
 * command, and fail under {@code CI=true}: CI must not pass without having run them.
 */
public final class SoftHsm {
  public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  public static final String PIN = "87654321";
  public static final String SO_PIN = "12345678";

  private SoftHsm() {}

  /** Initialises a token (once per JVM) and returns a SunPKCS11 configuration file for it. */
  public static synchronized Path token() throws Exception {
    requireInstalled();
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null) {
      fail("SOFTHSM2_CONF is not set: run the tests through Maven (surefire sets it)");
    }
    Path dir = Path.of(conf).getParent();
    Path pkcs11Config = dir.resolve("pkcs11.cfg");
    if (Files.exists(pkcs11Config)) {
      return pkcs11Config; // Made earlier in this JVM.
    }
    if (Files.exists(dir)) {
      try (Stream<Path> old = Files.walk(dir)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Path tokens = Files.createDirectories(dir.resolve("tokens"));
    Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\n"
        + "objectstore.backend = file\nlog.level = ERROR\n");
    run(List.of("softhsm2-util", "--init-token", "--free", "--label", "keyward-test",
        "--so-pin", SO_PIN, "--pin", PIN));
    // slotListIndex, not slot: --init-token gives the token a new slot id.
    Files.writeString(pkcs11Config, "name = KeywardSoftHsm\nlibrary = " + LIBRARY + "\n"
        + "slotListIndex = 0\n", StandardCharsets.US_ASCII);
    return pkcs11Config;
  }

  private static void requireInstalled() {
    boolean installed = Files.isRegularFile(LIBRARY) && onPath("softhsm2-util");
    if (!installed) {
      String message = "SoftHSM2 is not installed (" + LIBRARY + ", softhsm2-util): "
          + "apt-get install softhsm2 (./keyward test installs it when run as root)";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(":")) {
      if (Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      fail(String.join(" ", command.subList(0, 2)) + " failed: " + out);
    }
  }
}
