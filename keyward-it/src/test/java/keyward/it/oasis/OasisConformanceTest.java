package keyward.it.oasis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import keyward.app.conformance.ConformanceDocs;
import keyward.app.conformance.InProcessTarget;
import keyward.app.pki.DevPki;
import keyward.conformance.Conformance;
import keyward.conformance.ConformanceResults;
import keyward.conformance.ConformanceResults.Row;
import keyward.conformance.HttpsKmipConnection;
import keyward.conformance.OasisReplay;
import keyward.conformance.ReplayResult;
import keyward.conformance.Target;
import keyward.conformance.TestCaseFile;
import keyward.conformance.TestCases;
import keyward.it.SharedData;
import keyward.server.crypto.RngSetting;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.RNGAlgorithm;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every OASIS test-case file {@link TestCases} finds (the profile files of KMIP 1.3, 1.4 and
 * 2.1, mandatory and optional; for KMIP 1.0-1.2 the extracted v1.0 profile files and the KMIP Test
 * Cases v1.0-1.2) against Keyward ({@link InProcessTarget}: a fresh server per file): one test per file.
 *
 * <p>Regression rule: a file recorded as pass in {@code docs/conformance/results.tsv} must pass;
 * a file not passing yet is reported (aborted, with its first mismatch or what is missing) without
 * failing the build. {@code -Dkeyward.conformance.update=true} rewrites results.tsv and
 * docs/conformance.md.
 */
class OasisConformanceTest {
  private static final Map<String, Row> RUN = new TreeMap<>();
  private static Path root;
  private static Path pkiDir;
  private static InProcessTarget keyward;

  @BeforeAll
  static void sharedPki() throws Exception {
    root = Path.of(System.getProperty("keyward.root", "..")).toAbsolutePath().normalize();
    pkiDir = Files.createTempDirectory("keyward-it-pki");
    keyward = new InProcessTarget(DevPki.ensure(pkiDir.resolve("pki")));
  }

  @AfterAll
  static void recordIfAsked() throws Exception {
    try {
      if (Boolean.getBoolean("keyward.conformance.update") && !RUN.isEmpty()) {
        Path tsv = root.resolve("docs/conformance/results.tsv");
        Map<String, Row> rows = ConformanceResults.read(tsv); // files not run this time keep their row
        rows.putAll(RUN);
        ConformanceResults.write(tsv, rows.values());
        ConformanceDocs.write(root);
        System.out.println("conformance results written to " + tsv + ", docs/conformance.md and docs/conformance-statement.md");
      }
    } finally {
      keyward.close();
      deleteTree(pkiDir);
    }
  }

  @TestFactory
  Stream<DynamicTest> oasisProfileFiles() throws IOException {
    Path cases = SharedData.testCases("OasisConformanceTest");
    Map<String, Row> recorded = ConformanceResults.read(root.resolve("docs/conformance/results.tsv"));
    List<Path> files = TestCases.find(cases, TestCases.VERSIONS, List.of()); // each one must be there
    return files.stream().map(f -> {
      String rel = TestCases.relative(cases, f);
      return DynamicTest.dynamicTest(rel, f.toUri(), () -> replayAndJudge(cases, f, rel, recorded.get(rel)));
    });
  }

  private static void replayAndJudge(Path cases, Path file, String rel, Row recorded) throws Exception {
    Conformance.Outcome o = Conformance.replay(cases, file, keyward);
    assertThat(o.ran()).as("the in-process server replays every file").isTrue();
    ReplayResult r = o.replay();
    synchronized (RUN) {
      RUN.put(rel, o.row());
    }
    if (r.passed()) {
      if (recorded == null || !recorded.pass()) {
        System.out.println("NEWLY PASSING " + rel + ": record it with -Dkeyward.conformance.update=true");
      }
      return;
    }
    if (recorded != null && recorded.pass()) {
      fail(rel + " is recorded as pass in docs/conformance/results.tsv but now fails: " + r.summary());
    }
    if (r.notSupported() != null) {
      System.out.println("not supported: " + rel + ": " + r.notSupported() + " (" + r.summary() + ")");
      Assumptions.abort("not supported (tracked in docs/conformance/results.tsv): " + r.notSupported());
    }
    System.out.println("not passing yet: " + rel + ": " + r.summary());
    Assumptions.abort("not passing yet (tracked in docs/conformance/results.tsv): " + r.summary());
  }

  /**
   * The comparison is not vacuous on a real server: SKLC-M-1-14 with the State in the server's
   * answers turned from Pre-Active to Active must fail where the State is, at step 1.
   */
  @Test
  void aServerAnswerChangedInOneValueIsCaught() throws Exception {
    Path cases = SharedData.testCases("OasisConformanceTest");
    Path file = cases.resolve("1.4/profiles/mandatory/SKLC-M-1-14.xml");
    Assumptions.assumeTrue(Conformance.replay(cases, file, keyward).replay().passed(),
        "SKLC-M-1-14 does not pass untampered yet");
    ReplayResult r = Conformance.replay(cases, file, tampered(keyward, OasisConformanceTest::activeForPreActive)).replay();
    assertThat(r.passed()).isFalse();
    assertThat(r.mismatch().step()).isEqualTo(1);
    assertThat(r.mismatch().path()).endsWith("/Attribute(State)/AttributeValue");
  }

  /**
   * The files whose answers name ANSI X9.31 / AES-256 run on a server with rng=ansi-x9.31-aes-256.
   * On the default server (JDK DRBG) they must differ only in that attribute: with the Random
   * Number Generator of each answer replaced by the file's, the replay passes; as sent, it fails
   * there.
   */
  @Test
  void filesNamingAGeneratorDifferOnTheDefaultServerOnlyInTheRandomNumberGenerator() throws Exception {
    Path cases = SharedData.testCases("OasisConformanceTest");
    int checked = 0;
    try (InProcessTarget defaults = new InProcessTarget(DevPki.ensure(pkiDir.resolve("pki")), false)) {
      for (Path f : TestCases.find(cases, TestCases.VERSIONS, List.of())) {
        if (InProcessTarget.generatorFor(TestCaseFile.read(f)) != RngSetting.ANSI_X931_AES_256) {
          continue;
        }
        Conformance.Outcome withRng = Conformance.replay(cases, f, keyward);
        if (!withRng.replay().passed()) {
          continue; // fails elsewhere (e.g. an operation Keyward lacks): nothing to compare
        }
        assertThat(withRng.row().settings()).isEqualTo("rng=ansi-x9.31-aes-256");
        ReplayResult plain = Conformance.replay(cases, f, defaults).replay();
        assertThat(plain.passed()).as(f.toString()).isFalse();
        assertThat(plain.mismatch().path()).as(f.toString()).containsAnyOf("Random Number Generator", "RandomNumberGenerator");
        ReplayResult patched = Conformance.replay(cases, f, tampered(defaults, OasisConformanceTest::x931Reported)).replay();
        assertThat(patched.passed()).as(f + ": " + patched.summary()).isTrue();
        checked++;
      }
    }
    assertThat(checked).as("SKFF-M-10..12 and SKLC-O-1 of 1.4 and 2.1").isGreaterThanOrEqualTo(8);
  }

  /** Every Random Number Generator in an answer (2.x structure, 1.x attribute value) as ANSI X9.31 / AES / 256. */
  private static Item x931Reported(Item i) {
    if (!(i instanceof Item.Structure s)) {
      return i;
    }
    if (s.tag() == Tag.RANDOM_NUMBER_GENERATOR) {
      return new Item.Structure(Tag.RANDOM_NUMBER_GENERATOR, x931Fields());
    }
    boolean rngAttribute = s.tag() == Tag.ATTRIBUTE && s.first(Tag.ATTRIBUTE_NAME)
        .filter(n -> n.equals(new Item.TextString(Tag.ATTRIBUTE_NAME, "Random Number Generator"))).isPresent();
    List<Item> kids = new ArrayList<>();
    for (Item c : s.items()) {
      kids.add(rngAttribute && c.tag() == Tag.ATTRIBUTE_VALUE ? new Item.Structure(Tag.ATTRIBUTE_VALUE, x931Fields())
          : x931Reported(c));
    }
    return new Item.Structure(s.tag(), kids);
  }

  private static List<Item> x931Fields() {
    return List.of(new Item.Enumeration(Tag.RNG_ALGORITHM, RNGAlgorithm.ANSI_X9_31.value()),
        new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
        new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256));
  }

  /** The target with each answer passed through f before the comparison sees it. */
  private static Target tampered(Target t, UnaryOperator<Item> f) {
    return new Target() {
      @Override
      public Session open(TestCaseFile file, HttpsKmipConnection.Encoding https) throws Exception {
        Session s = t.open(file, https);
        return new Session() {
          @Override
          public OasisReplay.Transport transport() {
            return request -> f.apply(s.transport().exchange(request));
          }

          @Override
          public Set<Operation> performed() {
            return s.performed();
          }

          @Override
          public void close() throws Exception {
            s.close();
          }
        };
      }
    };
  }

  private static Item activeForPreActive(Item i) {
    if (i instanceof Item.Structure s) {
      boolean state = s.tag() == Tag.ATTRIBUTE
          && s.first(Tag.ATTRIBUTE_NAME).filter(n -> n.equals(new Item.TextString(Tag.ATTRIBUTE_NAME, "State"))).isPresent();
      List<Item> kids = new ArrayList<>();
      for (Item c : s.items()) {
        kids.add(state && c.tag() == Tag.ATTRIBUTE_VALUE && c instanceof Item.Enumeration e
            && e.value() == State.PRE_ACTIVE.value() ? new Item.Enumeration(Tag.ATTRIBUTE_VALUE, State.ACTIVE.value())
            : activeForPreActive(c));
      }
      return new Item.Structure(s.tag(), kids);
    }
    return i;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
