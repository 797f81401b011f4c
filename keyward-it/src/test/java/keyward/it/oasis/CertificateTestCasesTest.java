package keyward.it.oasis;

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
 * KMIP Test Cases files (not profile files) that are evidence for PGP Keys, Re-certify and
 * PKCS#12, replayed through the conformance harness on a fresh in-process server each.
 */
class CertificateTestCasesTest {
  private static Path pkiDir;
  private static InProcessTarget keyward;
  private static Path cases;

  @BeforeAll
  static void start() throws Exception {
    cases = SharedData.testCases("CertificateTestCasesTest");
    pkiDir = Files.createTempDirectory("keyward-it-pki");
    keyward = new InProcessTarget(DevPki.ensure(pkiDir.resolve("pki")));
  }

  @AfterAll
  static void stop() throws Exception {
    keyward.close();
    try (var s = Files.walk(pkiDir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static ReplayResult replay(String relative) throws Exception {
    Path file = cases.resolve(relative);
    assertThat(file).as("the test case file").isRegularFile();
    Conformance.Outcome o = Conformance.replay(cases, file, keyward);
    assertThat(o.ran()).as("the in-process server replays the file").isTrue();
    System.out.println(relative + ": " + o.replay().summary() + " (" + o.replay().stepsPassed() + "/" + o.replay().steps() + ")");
    return o.replay();
  }

  @Test
  void pgpKeyRegisterGetDestroy() throws Exception {
    ReplayResult r = replay("1.2/ovh-kmip-go/TC_PGP_1_12_Register_PGP_Key_RSA.xml");
  }

  @Test
  void reCertify() throws Exception {
    ReplayResult r = replay("1.2/ovh-kmip-go/TC_134_12_Register_Key_Pair_Certify_and_Re_certify_Public_Key.xml");
  }

  @Test
  void pkcs12() throws Exception {
    ReplayResult r = replay("1.4/testcases-v1.4-cnprd01/TC-PKCS12-1-14.xml");
  }
}
