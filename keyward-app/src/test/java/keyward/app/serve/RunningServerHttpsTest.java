package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import keyward.kmip.codec.JsonCodec;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `keyward serve --https-port`: the HTTPS endpoint next to the TTLV port, on the same PKI. */
class RunningServerHttpsTest {
  @TempDir Path dir;

  @Test
  void httpsIsOffUnlessAPortIsGiven() throws Exception {
    ServerSettings d = ServerSettings.defaults();
    assertThat(d.httpsPort()).isNull();
    try (RunningServer server = RunningServer.start(ServerSettings.defaults().withPort(0).withDataDir(dir.resolve("d")))) {
      assertThat(server.httpsUrl()).isNull();
    }
  }

  @Test
  void withAnHttpsPortKmipIsServedInJsonOverHttpsWithTheDevPki() throws Exception {
    ServerSettings s = ServerSettings.defaults().withPort(0).withDataDir(dir.resolve("data")).withHttpsPort(0);
    try (RunningServer server = RunningServer.start(s)) {
      assertThat(server.httpsUrl()).matches("https://127\\.0\\.0\\.1:\\d+/kmip");
      HttpClient client = HttpClient.newBuilder().sslContext(server.pki().clientContext())
          .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
      KmipVersion v = KmipVersion.V2_1;
      Item.Structure request = new RequestMessage(RequestHeader.of(ProtocolVersion.of(v), 1),
          List.of(RequestBatchItem.of(Operation.DISCOVER_VERSIONS, new Item.Structure(Tag.REQUEST_PAYLOAD))))
          .toItem(v);
      JsonCodec json = new JsonCodec();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.httpsUrl()))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json.encode(request, v))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      ResponseMessage m = ResponseMessage.fromItem(json.decode(r.body()), v);
      assertThat(m.batchItems().getFirst().resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    }
  }

  @Test
  void theConfigFileTurnsHttpsOn() throws Exception {
    Path cfg = dir.resolve("keyward.toml");
    Files.writeString(cfg, "https_port = 15697\n");
    assertThat(ConfigFile.read(cfg, ServerSettings.defaults()).httpsPort()).isEqualTo(15697);
    assertThat(ConfigFile.read(cfg, ServerSettings.defaults()).httpsConfig().port()).isEqualTo(15697);
    Files.writeString(cfg, "port = 5696\n");
    assertThat(ConfigFile.read(cfg, ServerSettings.defaults()).httpsPort()).isNull();
  }
}
