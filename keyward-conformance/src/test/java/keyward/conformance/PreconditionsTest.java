package keyward.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which earlier files a file needs on the same server: those whose objects its step 0 locates. */
class PreconditionsTest {
  private static Path file(String rel) {
    return SharedTestCases.dir("PreconditionsTest").resolve(rel);
  }

  @Test
  void aFileThatLocatesObjectsFirstNeedsTheProfilesEarlierFiles() throws Exception {
    Path tl3 = file("2.1/profiles/mandatory/TL-M-3-21.xml");
    assertThat(Conformance.preconditions(tl3, TestCaseFile.read(tl3)).stream().map(p -> p.getFileName().toString()))
        .containsExactly("TL-M-1-21.xml", "TL-M-2-21.xml");
    Path sased3 = file("1.3/profiles/mandatory/SASED-M-3-13.xml");
    assertThat(Conformance.preconditions(sased3, TestCaseFile.read(sased3)).stream().map(p -> p.getFileName().toString()))
        .containsExactly("SASED-M-1-13.xml", "SASED-M-2-13.xml");
  }

  @Test
  void aFileThatMakesItsOwnObjectsNeedsNone() throws Exception {
    for (String rel : new String[] {"2.1/profiles/mandatory/TL-M-2-21.xml", "2.1/profiles/mandatory/BL-M-3-21.xml",
        "1.4/profiles/mandatory/SKLC-M-2-14.xml"}) {
      Path f = file(rel);
      assertThat(Conformance.preconditions(f, TestCaseFile.read(f))).as(rel).isEmpty();
    }
  }
}
