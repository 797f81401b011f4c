package keyward.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
    boolean htmlEra = TestCases.htmlEra(rel);
    TestCaseFile tc = TestCaseFile.read(file, htmlEra);
    HttpsKmipConnection.Encoding https = TestCases.httpsEncoding(name);
    ReplayResult r;
    String settings;
    try (Target.Session s = target.open(tc, https)) {
      if (s == null) {
        return new Outcome(null, null, target.whyNot(https));
      }
      // a KMIP Test Cases file (TC-*, TC_*) belongs to no profile: it sets no Query requirement
      ProfileRequirements required = profile == null || !Files.isDirectory(casesDir.resolve(version).resolve("profiles"))
          ? new ProfileRequirements(java.util.Set.of(), java.util.Set.of(), null)
          : ProfileRequirements.of(casesDir, version, profile);
      settings = s.settings();
      // one replay for the preconditions and the file: keys generated there are known as generated here
      OasisReplay replay = new OasisReplay(Clock.systemUTC(), s.performed(), required);
      for (Path before : preconditions(file, tc)) {
        ReplayResult p = replay.run(TestCaseFile.read(before, htmlEra), s.transport());
        if (!p.passed()) {
          String pre = before.getFileName().toString().replaceFirst("\\.xml$", "");
          String stable = ConformanceResults.stable(p);
          String recorded = p.notSupported() != null
              ? stable.replaceFirst("\\(step (\\d+)\\)$", "(in precondition " + pre + ", step $1)")
              : "precondition " + pre + " (makes the objects step 0 locates) does not pass: " + stable;
          ReplayResult blocked = new ReplayResult(tc.steps().size(), 0, null, recorded, p.notSupported());
          return new Outcome(new Row(rel, version, profile, Status.of(blocked), recorded, settings), blocked, null);
        }
      }
      r = replay.run(tc, s.transport());
    }
    return new Outcome(new Row(rel, version, profile, Status.of(r), ConformanceResults.stable(r), settings), r, null);
  }

  /**
   * The files to replay first on the same server: when step 0 of a file Locates objects it expects
   * to find (SASED-M-3, TL-M-3), the reference run made them in the profile's earlier files of the
   * same version and kind (SASED-M-1, -2; TL-M-1, -2), in number order. None for other files.
   */
  static List<Path> preconditions(Path file, TestCaseFile tc) throws IOException {
    XmlNode request = tc.steps().getFirst().request();
    XmlNode response = tc.steps().getFirst().response();
    if (!locates(request) || !mentions(response, "UniqueIdentifier")) {
      return List.of();
    }
    String name = file.getFileName().toString().replace('_', '-');
    Matcher m = NUMBERED.matcher(name);
    if (!m.matches()) {
      return List.of();
    }
    List<Path> earlier = new ArrayList<>();
    try (Stream<Path> s = Files.list(file.getParent())) {
      for (Path p : s.toList()) {
        Matcher o = NUMBERED.matcher(p.getFileName().toString().replace('_', '-'));
        if (o.matches() && o.group(1).equals(m.group(1)) && o.group(3).equals(m.group(3))
            && Integer.parseInt(o.group(2)) < Integer.parseInt(m.group(2))) {
          earlier.add(p);
        }
      }
    }
    earlier.sort(Comparator.comparingInt(p -> {
      Matcher o = NUMBERED.matcher(p.getFileName().toString().replace('_', '-'));
      return o.matches() ? Integer.parseInt(o.group(2)) : 0;
    }));
    return earlier;
  }

  /**
   * "TL-M-3-21.xml": prefix "TL-M", number 3, version suffix "21"; the Test Cases folders' copies
   * ("TL_M_3_10_tape_read.xml") are read with '_' as '-' and may carry a title after the suffix.
   */
  private static final Pattern NUMBERED = Pattern.compile("([A-Z].*?-[MO])-(\\d+)-(\\d+)(?:-[^.]*)?\\.xml");

  private static boolean locates(XmlNode request) {
    for (XmlNode bi : request.children()) {
      if (bi.element().equals("BatchItem")) {
        for (XmlNode c : bi.children()) {
          if (c.element().equals("Operation") && "Locate".equals(c.value())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether a Locate answer in the message lists an identifier (it expects objects to exist). */
  private static boolean mentions(XmlNode response, String element) {
    for (XmlNode bi : response.children()) {
      if (!bi.element().equals("BatchItem")) {
        continue;
      }
      boolean locate = bi.children().stream().anyMatch(c -> c.element().equals("Operation") && "Locate".equals(c.value()));
      for (XmlNode c : bi.children()) {
        if (locate && c.element().equals("ResponsePayload")
            && c.children().stream().anyMatch(x -> x.element().equals(element))) {
          return true;
        }
      }
    }
    return false;
  }
}
