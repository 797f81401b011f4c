package keyward.app.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import keyward.app.Main;
import keyward.app.serve.RunningServer;
import keyward.app.serve.ServerSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code keyward conformance} end to end, on a test-case directory of its own: a real OASIS file
 * (OMOS-M-1-13, which passes) and a copy whose expected Destroy answer names another operation.
 */
class ConformanceCommandTest {
  @TempDir static Path dir;
  static Path cases;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void testCases() throws Exception {
    Path shared = Path.of(System.getProperty("keyward.shared", "../shared")).resolve("kmip-testcases");
    Path omos = shared.resolve("1.3/profiles/mandatory/OMOS-M-1-13.xml");
    if (!Files.exists(omos)) {
      String message = "OASIS test cases not found at " + shared + ": ConformanceCommandTest NOT RUN";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      System.err.println("!!!!! " + message);
      Assumptions.abort(message);
    }
    cases = dir.resolve("kmip-testcases");
    Path mandatory = Files.createDirectories(cases.resolve("1.3/profiles/mandatory"));
    Files.createDirectories(cases.resolve("1.3/profiles/optional"));
    String xml = Files.readString(omos);
    Files.writeString(mandatory.resolve("OMOS-M-1-13.xml"), xml);
    int answer = xml.lastIndexOf("value=\"Destroy\"");
    Files.writeString(mandatory.resolve("OMOS-M-2-13.xml"),
        xml.substring(0, answer) + "value=\"Activate\"" + xml.substring(answer + "value=\"Destroy\"".length()));
  }

  static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void inProcessEachFileIsReportedWithItsFirstMismatchThenTheSummary() {
    Run r = run("conformance", "--testcases", cases.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("pass          1.3/profiles/mandatory/OMOS-M-1-13.xml\n")
        .contains("fail          1.3/profiles/mandatory/OMOS-M-2-13.xml: step 1 ResponseMessage/BatchItem[0]/Operation:"
            + " expected <Operation type=\"Enumeration\" value=\"Activate\"/>")
        .contains("| profile | 1.3 | all |")
        .contains("| OMOS | 1/2 (0, 1) | 1/2 (0, 1) |");
  }

  @Test
  void allPassingExitsZero() throws Exception {
    Path one = dir.resolve("one");
    Files.createDirectories(one.resolve("1.3/profiles/optional"));
    Path m = Files.createDirectories(one.resolve("1.3/profiles/mandatory"));
    Files.copy(cases.resolve("1.3/profiles/mandatory/OMOS-M-1-13.xml"), m.resolve("OMOS-M-1-13.xml"));
    Run r = run("conformance", "--testcases", one.toString(), "--version", "1.3");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("| OMOS | 1/1 | 1/1 |");
  }

  @Test
  void againstAnotherServerGivenByAddressAndTlsFiles() throws Exception {
    try (RunningServer server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(dir.resolve("remote")))) {
      Run r = run("conformance", "--testcases", cases.toString(), "--server", "127.0.0.1:" + server.port(),
          "--ca", server.pki().caCertificate().toString(), "--pkcs12", server.pki().clientPkcs12().toString(),
          "--password-file", server.pki().clientPkcs12PasswordFile().toString());
      assertThat(r.exit()).as(r.err()).isEqualTo(1);
      assertThat(r.out()).contains("pass          1.3/profiles/mandatory/OMOS-M-1-13.xml\n")
          .contains("fail          1.3/profiles/mandatory/OMOS-M-2-13.xml: step 1 ");
    }
  }

  @Test
  void usageErrors() {
    assertThat(run("conformance", "--testcases", dir.resolve("none").toString()).exit()).isEqualTo(2);
    assertThat(run("conformance", "--testcases", cases.toString(), "--version", "9.9").exit()).isEqualTo(2);
    assertThat(run("conformance", "--testcases", cases.toString(), "--profile", "NOPE").exit()).isEqualTo(2);
    assertThat(run("conformance", "--testcases", cases.toString(), "--ca", "x.pem").exit()).isEqualTo(2);
  }
}
