package keyward.conformance;

import java.nio.file.Path;
import java.time.Clock;
import keyward.conformance.ConformanceResults.Row;
import keyward.conformance.ConformanceResults.Status;

/** Replays one test-case file against a target and records the outcome as a results row. */
public final class Conformance {
  private Conformance() {}

  /** The outcome of one file: its row, and the replay (null when the target could not run it). */
  public record Outcome(Row row, ReplayResult replay, String skipped) {
    public boolean ran() {
      return skipped == null;
    }
  }

  public static Outcome replay(Path casesDir, Path file, Target target) throws Exception {
    String rel = TestCases.relative(casesDir, file);
    String name = file.getFileName().toString();
    String profile = TestCases.profileOf(name);
    String version = TestCases.versionOf(rel);
    TestCaseFile tc = TestCaseFile.read(file);
    HttpsKmipConnection.Encoding https = TestCases.httpsEncoding(name);
    ReplayResult r;
    String settings;
    try (Target.Session s = target.open(tc, https)) {
      if (s == null) {
        return new Outcome(null, null, target.whyNot(https));
      }
      ProfileRequirements required = ProfileRequirements.of(casesDir, version, profile);
      r = new OasisReplay(Clock.systemUTC(), s.performed(), required).run(tc, s.transport());
      settings = s.settings();
    }
    return new Outcome(new Row(rel, version, profile, Status.of(r), ConformanceResults.stable(r), settings), r, null);
  }
}
