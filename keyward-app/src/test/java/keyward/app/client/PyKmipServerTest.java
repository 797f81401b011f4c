package keyward.app.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Without ../shared/tools the interop test must not pass quietly: it fails under CI, else aborts. */
class PyKmipServerTest {
  @TempDir Path dir;

  @Test
  void aMissingStarterFailsUnderCiAndAbortsOtherwise() {
    boolean ci = "true".equals(System.getenv("CI"));
    assertThatThrownBy(() -> PyKmipServer.start(dir.resolve("no-shared"), dir.resolve("run")))
        .isInstanceOf(ci ? AssertionFailedError.class : TestAbortedException.class)
        .hasMessageContaining("pykmip-server.sh").hasMessageContaining("-Dkeyward.shared");
  }
}
