package keyward.it.oasis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import keyward.app.conformance.ConformanceDocs;
import org.junit.jupiter.api.Test;

/**
 * The committed docs/conformance.md and docs/conformance-statement.md are what the recorded results
 * (and the server's tables: operations, attributes, versions, limits) give now, so a change to
 * either that is not followed by regeneration fails CI. With -Dkeyward.conformance.update=true
 * they are rewritten instead.
 */
class ConformanceDocsTest {
  @Test
  void generatedDocumentsAreCurrent() throws Exception {
    Path root = Path.of(System.getProperty("keyward.root", "..")).toAbsolutePath().normalize();
    if (Boolean.getBoolean("keyward.conformance.update")) {
      ConformanceDocs.write(root);
    }
    assertThat(ConformanceDocs.stale(root))
        .as("regenerate them: see docs/conformance/README.md (-Dkeyward.conformance.update=true)")
        .isEmpty();
  }
}
