package keyward.app.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import keyward.app.conformance.ConformanceDocs;
import keyward.conformance.InteropResults;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Records each test of Keyward's client against PyKMIP's server as a row of
 * docs/conformance/interop.tsv (check = test method, version = the KMIP version it ran in), written
 * with -Dkeyward.conformance.update=true, so the conformance statement's interop matrix shows
 * both directions from real runs.
 */
final class InteropRecorder implements TestWatcher, AfterAllCallback {
  static final String PEER = "Keyward client -> PyKMIP 0.10 server";
  private static final Pattern VERSION = Pattern.compile("\\b[Vv]?(\\d)[._](\\d)\\b");
  private static final List<InteropResults.Row> ROWS = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void testSuccessful(ExtensionContext context) {
    ROWS.add(row(context, "pass", ""));
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    ROWS.add(row(context, "fail", cause.getClass().getSimpleName()));
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    ROWS.add(row(context, "fail", "not run: " + cause.getMessage()));
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    ROWS.add(row(context, "fail", "disabled"));
  }

  private static InteropResults.Row row(ExtensionContext context, String status, String detail) {
    Matcher m = VERSION.matcher(context.getDisplayName());
    String version = m.find() ? m.group(1) + "." + m.group(2) : "2.0"; // unparameterised: negotiated, PyKMIP's highest
    return new InteropResults.Row(PEER, version, context.getRequiredTestMethod().getName(), status, detail);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (Boolean.getBoolean("keyward.conformance.update") && !ROWS.isEmpty()) {
      Path root = Path.of(System.getProperty("keyward.root", "..")).toAbsolutePath().normalize();
      InteropResults.merge(root.resolve(ConformanceDocs.INTEROP), List.copyOf(ROWS));
      ConformanceDocs.write(root);
    }
  }
}
