package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keyward.app.Main;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A running server audits what its clients do; `keyward audit verify` checks the chain. */
class AuditEndToEndTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void requestsOverTlsAreAuditedWithTheCertificateIdentityAndTheChainVerifies() throws Exception {
    Path data = dir.resolve("data");
    try (RunningServer server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(data));
        KmipTestClient client = new KmipTestClient(server.pki().clientContext(), server.port())) {
      ResponseMessage r = client.send(KmipVersion.V2_1,
          RequestBatchItem.of(Operation.QUERY, new Item.Structure(Tag.REQUEST_PAYLOAD)),
          RequestBatchItem.of(Operation.GET, new Item.Structure(Tag.REQUEST_PAYLOAD,
              new Item.TextString(Tag.UNIQUE_IDENTIFIER, "nope"))));
      assertThat(r.batchItems().getFirst().resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    }
    Path log = data.resolve("audit.jsonl");
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("\"identity\":\"keyward-admin\"", "\"address\":\"/127.0.0.1:",
        "\"operation\":\"Query\"");
    assertThat(lines.get(1)).contains("\"operation\":\"Get\"", "\"objects\":[\"nope\"]",
        "\"reason\":\"Object Not Found\"");

    Run ok = run("audit", "verify", log.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("2 entries, chain intact");

    List<String> changed = new ArrayList<>(lines);
    changed.set(1, changed.get(1).replace("Object Not Found", "Success\",\"x\":\""));
    Files.write(log, changed, StandardCharsets.UTF_8);
    Run broken = run("audit", "verify", log.toString());
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.out()).contains("line 2", "changed", "the 1 entries before it are intact");

    assertThat(run("audit", "verify", dir.resolve("none.jsonl").toString()).exit()).isEqualTo(2);
  }
}
