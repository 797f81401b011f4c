package keyward.it.wrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import keyward.app.conformance.InProcessTarget;
import keyward.app.pki.DevPki;
import keyward.conformance.Conformance;
import keyward.conformance.ReplayResult;
import keyward.it.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KMIP Test Cases files on key wrapping (issue #9 item 4), replayed through the conformance
 * harness against a fresh in-process server per file.
 */
class KeyWrappingTestCasesTest {
  private static Path pkiDir;
  private static InProcessTarget keyward;

  @BeforeAll
  static void server() throws Exception {
    pkiDir = Files.createTempDirectory("keyward-it-wrap-pki");
    keyward = new InProcessTarget(DevPki.ensure(pkiDir.resolve("pki")));
  }

  @AfterAll
  static void close() throws Exception {
    keyward.close();
    try (var s = Files.walk(pkiDir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static ReplayResult replay(String rel) throws Exception {
    Path cases = SharedData.testCases("KeyWrappingTestCasesTest");
    Path file = cases.resolve(rel);
    assertThat(file).as("the test-case file is in ../shared").isRegularFile();
    Conformance.Outcome o = Conformance.replay(cases, file, keyward);
    assertThat(o.ran()).as("the in-process server replays the file").isTrue();
    return o.replay();
  }

  /** A key registered wrapped (NIST Key Wrap, No Encoding) is stored and served as registered. */
  @Test
  void tcWrap1RegistersAWrappedKeyAndGetsItAsRegistered() throws Exception {
    ReplayResult r = replay("1.4/testcases-v1.4-cnprd01/TC-WRAP-1-14.xml");
    assertThat(r.passed()).as(r.summary()).isTrue();
  }

  /** Get wrapped with NIST Key Wrap of the bare key material: the RFC 3394 §4.1 answer. */
  @Test
  void tc141WrapsTheKeyMaterialWithNistKeyWrap() throws Exception {
    ReplayResult r = replay("1.2/ovh-kmip-go/TC_141_12_Key_Wrapping_using_AES_Key_Wrap_and_No_Encoding.xml");
    assertThat(r.passed()).as(r.summary()).isTrue();
  }

  /**
   * TC-142 cannot pass as published: its step 2 asks for the default TTLV Encoding with the
   * Cryptographic Usage Mask wrapped inside the Key Value, yet the expected Key Value is
   * 1fa68b0a...cfe5, the RFC 3394 §4.1 wrap of the bare 16 key bytes (TC-141's No Encoding answer,
   * copied). A TTLV Key Value holding Key Material and an attribute is longer than 16 bytes, so
   * its NIST Key Wrap is longer than 24: no server following the spec can produce that value.
   * Asserted here: every step before passes and the one difference is that Key Value. What the
   * server wraps instead is checked by KeyWrappingMethodsTest (keyward-server), which unwraps it.
   */
  @Test
  void tc142DiffersOnlyInTheKeyValueItsPublishedAnswerCopiedFromTc141() throws Exception {
    ReplayResult r = replay("1.2/ovh-kmip-go/TC_142_12_Key_Wrapping_using_AES_Key_Wrap_with_Attributes.xml");
    assertThat(r.passed()).isFalse();
    assertThat(r.notSupported()).as(r.summary()).isNull();
    assertThat(r.mismatch().step()).as(r.summary()).isEqualTo(2);
    assertThat(r.mismatch().path()).as(r.summary()).endsWith("SymmetricKey/KeyBlock/KeyValue");
  }
}
