package keyward.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** ../shared/kmip-testcases for this module's tests: fail under CI=true when missing, else abort loudly. */
final class SharedTestCases {
  private SharedTestCases() {}

  static Path dir(String who) {
    Path dir = Path.of(System.getProperty("keyward.shared", "../shared")).resolve("kmip-testcases").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      String message = "OASIS KMIP test cases not found at " + dir
          + ": put the shared data beside the clone (../shared) or set -Dkeyward.shared";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      System.err.println("!!!!! " + message + " -- " + who + " NOT RUN !!!!!");
      Assumptions.abort(message);
    }
    return dir;
  }
}
