package keyward.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where ../shared is, and the house rule when it is missing: fail under CI=true, else abort loudly. */
public final class SharedData {
  private SharedData() {}

  public static Path testCases(String who) {
    Path shared = Path.of(System.getProperty("keyward.shared", "../shared"));
    Path dir = shared.resolve("kmip-testcases").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      unavailable(who, "OASIS KMIP test cases not found at " + dir
          + ": put the shared data beside the clone (../shared) or set -Dkeyward.shared");
    }
    return dir;
  }

  /** Fails under CI=true; otherwise prints a loud line and aborts the test. */
  public static void unavailable(String who, String message) {
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    System.err.println("!!!!! " + message + " -- " + who + " NOT RUN !!!!!");
    Assumptions.abort(message);
  }
}
