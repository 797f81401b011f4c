package keyward.it.pykmip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import keyward.app.pki.DevPki;
import keyward.app.serve.RunningServer;
import keyward.app.conformance.ConformanceDocs;
import keyward.conformance.InteropResults;
import keyward.it.SharedData;
import keyward.it.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyKMIP 0.10 (Debian python3-pykmip, run by /usr/bin/python3) as an independent client of a
 * running Keyward server on the development PKI, for KMIP 1.2 and 2.0. The script
 * (src/test/resources/pykmip/interop.py) performs each operation and checks what came back (key
 * bytes equal to the registered ones, attribute values); this test asserts each check's outcome
 * and, for the refusals, the KMIP Result Reason.
 */
class PyKmipInteropTest {
  /** Debian's python3-pykmip lives under /usr/bin/python3 (a pyenv python cannot see it). */
  static final String PYTHON = System.getProperty("keyward.python", "/usr/bin/python3");

  /** The checks the script runs, in order, per version; Set Attribute exists from KMIP 2.0. */
  private static final List<String> CHECKS_1_2 = List.of("create", "register_symmetric_key",
      "register_secret_data", "get_created_key", "get_registered_key", "get_secret_data",
      "locate_by_name", "activate", "get_attributes", "get_attribute_list", "modify_attribute",
      "delete_attribute", "destroy_active_refused", "revoke", "destroy", "get_unknown_id", "get_destroyed",
      "create_key_pair", "get_public_key", "get_private_key", "register_public_key", "register_certificate");

  @TempDir static Path dir;
  private static RunningServer server;
  private static Path script;

  @BeforeAll
  static void startServer() throws Exception {
    requirePyKmip();
    server = TestServers.withDevPki(dir.resolve("data"));
    script = dir.resolve("interop.py");
    try (InputStream in = PyKmipInteropTest.class.getResourceAsStream("/pykmip/interop.py")) {
      Files.copy(in, script);
    }
  }

  /** What each check did, for docs/conformance/interop.tsv (written with -Dkeyward.conformance.update=true). */
  private static final List<InteropResults.Row> RECORDED = java.util.Collections.synchronizedList(new ArrayList<>());
  static final String PEER = "PyKMIP 0.10 client -> Keyward";

  @AfterAll
  static void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
    if (Boolean.getBoolean("keyward.conformance.update") && !RECORDED.isEmpty()) {
      Path root = Path.of(System.getProperty("keyward.root", "..")).toAbsolutePath().normalize();
      InteropResults.merge(root.resolve(ConformanceDocs.INTEROP), List.copyOf(RECORDED));
      ConformanceDocs.write(root);
      System.out.println("interop results written to docs/conformance/interop.tsv and the statement");
    }
  }

  /** /usr/bin/python3 must import kmip: fail under CI=true, else abort with how to install it. */
  static void requirePyKmip() throws IOException, InterruptedException {
    String why;
    if (!Files.isExecutable(Path.of(PYTHON))) {
      why = PYTHON + " is missing";
    } else {
      Process p = new ProcessBuilder(PYTHON, "-c", "import kmip").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      why = p.waitFor() == 0 ? null : PYTHON + " cannot import kmip (" + out.lines().reduce((a, b) -> b).orElse("") + ")";
    }
    if (why != null) {
      SharedData.unavailable("PyKmipInteropTest",
          "PyKMIP interop peer not available: " + why + ". Install it with: apt-get install python3-pykmip "
              + "(./keyward test does this when run as root)");
    }
  }

  @TestFactory
  Stream<DynamicNode> pyKmip12() throws Exception {
    return checks("1.2", CHECKS_1_2);
  }

  @TestFactory
  Stream<DynamicNode> pyKmip20() throws Exception {
    List<String> checks = new ArrayList<>(CHECKS_1_2);
    checks.add(checks.indexOf("modify_attribute"), "set_attribute");
    return checks("2.0", checks);
  }

  private Stream<DynamicNode> checks(String version, List<String> expected) throws Exception {
    Map<String, List<String>> results = runScript(version);
    List<DynamicNode> tests = new ArrayList<>();
    for (String check : expected) {
      tests.add(DynamicTest.dynamicTest(check + " (KMIP " + version + ")", () -> {
        List<String> r = results.get(check);
        try {
          assertThat(r).as("the script reported nothing for " + check).isNotNull();
          assertThat(r.getFirst()).as(check + " over KMIP " + version + ": " + String.join(" ", r)).isEqualTo("OK");
          assertDetail(check, version, r.size() > 1 ? r.get(1) : "");
        } catch (AssertionError e) {
          RECORDED.add(new InteropResults.Row(PEER, version, check, "fail", r == null ? "no result"
              : String.join(" ", r).replaceAll("[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}", "<uuid>")));
          throw e;
        }
        // a refusal's Result Reason is part of the outcome; other details (new identifiers) are not
        String detail = r.size() > 1 && r.get(1).matches("[A-Z_]+") ? r.get(1) : "";
        RECORDED.add(new InteropResults.Row(PEER, version, check, "pass", detail));
      }));
    }
    return Stream.of(DynamicContainer.dynamicContainer("PyKMIP KMIP " + version, tests));
  }

  /** What the checks that expect a refusal must get back: the KMIP Result Reason, by name in PyKMIP. */
  private static void assertDetail(String check, String version, String detail) {
    switch (check) {
      // An active key cannot be destroyed (KMIP 1.x §4.21, 2.x §6.1.15): 2.x says Wrong Key
      // Lifecycle State, which 1.x does not define (Permission Denied there, as the OASIS cases do).
      case "destroy_active_refused" ->
          assertThat(detail).isEqualTo(version.equals("1.2") ? "PERMISSION_DENIED" : "WRONG_KEY_LIFECYCLE_STATE");
      // 2.x has Object Not Found and Object Destroyed (BL-M-4-21 expects the former); 1.x has
      // neither: Item Not Found, and Illegal Operation for a destroyed object (KMIP 1.4 Table 338).
      case "get_unknown_id" -> assertThat(detail).isEqualTo(version.equals("1.2") ? "ITEM_NOT_FOUND" : "OBJECT_NOT_FOUND");
      case "get_destroyed" -> assertThat(detail).isEqualTo(version.equals("1.2") ? "ILLEGAL_OPERATION" : "OBJECT_DESTROYED");
      default -> { }
    }
  }

  /** Runs the script against the server; RESULT lines by check, and the raw output under "#output". */
  private Map<String, List<String>> runScript(String version) throws Exception {
    DevPki pki = server.pki();
    Process p = new ProcessBuilder(PYTHON, script.toString(), "127.0.0.1", String.valueOf(server.port()),
        pki.clientCertificate().toString(), pki.clientKey().toString(), pki.caCertificate().toString(), version)
        .redirectErrorStream(true).redirectOutput(dir.resolve("pykmip-" + version + ".out").toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the PyKMIP script did not finish within 120 s");
    }
    String text = Files.readString(dir.resolve("pykmip-" + version + ".out"));
    System.out.println("PyKMIP " + version + " output:\n" + text);
    Map<String, List<String>> results = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length >= 3 && f[0].equals("RESULT")) {
        results.put(f[1], List.of(f).subList(2, f.length));
      }
    }
    results.put("#output", List.of(text));
    assertThat(text).as("the script ran to its end (exit " + p.exitValue() + ")").contains("DONE");
    return results;
  }
}
