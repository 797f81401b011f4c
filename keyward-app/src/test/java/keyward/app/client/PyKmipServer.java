package keyward.app.client;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * PyKMIP 0.10's server (Debian python3-pykmip) as an independent peer, started and stopped with
 * ../shared/tools/pykmip-server.sh, run from there (never copied), with its test PKI and state
 * in a directory of the test's own. When the script or PyKMIP is missing the test fails under
 * CI=true, and otherwise is aborted with a loud line saying how to get it.
 */
final class PyKmipServer implements AutoCloseable {
  static final String PYTHON = System.getProperty("keyward.python", "/usr/bin/python3");

  final int port;
  final Path pki;
  private final Path script;
  private final Path run;

  private PyKmipServer(Path script, Path dir, int port) {
    this.script = script;
    this.port = port;
    this.pki = dir.resolve("pki");
    this.run = dir.resolve("run");
  }

  /** Starts a server on a free port, its PKI and database under {@code dir}. */
  static PyKmipServer start(Path dir) throws Exception {
    return start(Path.of(System.getProperty("keyward.shared", "../shared")), dir);
  }

  /** As {@link #start(Path)}, with the starter script under {@code shared}/tools. */
  static PyKmipServer start(Path shared, Path dir) throws Exception {
    Path script = shared.resolve("tools/pykmip-server.sh").toAbsolutePath().normalize();
    if (!Files.isRegularFile(script)) {
      unavailable("the PyKMIP server starter " + script + " is missing: put the shared data beside the"
          + " clone (../shared) or set -Dkeyward.shared");
    }
    String why = pythonProblem();
    if (why != null) {
      unavailable("PyKMIP is not available: " + why + ". Install it with: apt-get install python3-pykmip"
          + " (./keyward test does this when run as root)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PyKmipServer server = new PyKmipServer(script, dir, port);
    String out = server.script("start");
    if (!out.contains("started")) {
      fail("pykmip-server.sh start did not start the server: " + out);
    }
    return server;
  }

  private static String pythonProblem() throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return PYTHON + " is missing";
    }
    Process p = new ProcessBuilder(PYTHON, "-c", "import kmip").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return p.waitFor() == 0 ? null
        : PYTHON + " cannot import kmip (" + out.lines().reduce((a, b) -> b).orElse("") + ")";
  }

  private static void unavailable(String message) {
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    System.err.println("!!!!! " + message + " -- PyKmipInteropTest NOT RUN !!!!!");
    Assumptions.abort(message);
  }

  /** Runs the script with this server's port, PKI and state directory; its output. */
  private String script(String command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of("bash", script.toString(), command, Integer.toString(port)))
        .redirectErrorStream(true);
    pb.environment().put("PYKMIP_PKI", pki.toString());
    pb.environment().put("PYKMIP_RUN", run.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("pykmip-server.sh " + command + " did not finish within 90 s");
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The server's log, for failure messages. */
  String log() {
    try {
      return Files.readString(run.resolve("server.log"));
    } catch (IOException e) {
      return "(no server.log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws Exception {
    script("stop");
  }
}
