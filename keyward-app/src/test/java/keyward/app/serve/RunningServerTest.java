package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningServerTest {
  @TempDir Path dir;

  private ServerSettings settings(Path data) {
    return ServerSettings.defaults().withPort(0).withDataDir(data);
  }

  @Test
  void firstStartMakesADevPkiAndServesKmipOverMutualTls() throws Exception {
    try (RunningServer server = RunningServer.start(settings(dir.resolve("data")))) {
      assertThat(server.pki().created()).isTrue();
      assertThat(Files.exists(dir.resolve("data/keyward.db"))).isTrue();
      try (KmipTestClient client = new KmipTestClient(server.pki().clientContext(), server.port())) {
        ResponseMessage r = client.send(KmipVersion.V1_2,
            RequestBatchItem.of(Operation.DISCOVER_VERSIONS, new Item.Structure(Tag.REQUEST_PAYLOAD)));
        assertThat(r.batchItems().getFirst().resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(r.responseHeader().protocolVersion().toString()).isEqualTo("1.2");
      }
    }
    // second start reuses the PKI and the database
    try (RunningServer again = RunningServer.start(settings(dir.resolve("data")))) {
      assertThat(again.pki().created()).isFalse();
    }
  }

  @Test
  void configFileSettingsAreReadAndUnknownKeysRefused() throws Exception {
    Path cfg = dir.resolve("keyward.toml");
    Files.writeString(cfg, """
        port = 15999
        data_dir = "kd"
        [limits]
        max_depth = 12
        read_timeout_seconds = 7
        """);
    ServerSettings s = ConfigFile.read(cfg, ServerSettings.defaults());
    assertThat(s.port()).isEqualTo(15999);
    assertThat(s.dataDir()).isEqualTo(dir.resolve("kd"));
    assertThat(s.limits().maxDepth()).isEqualTo(12);
    assertThat(s.readTimeout().toSeconds()).isEqualTo(7);
    Files.writeString(cfg, "[limits]\nmax_dpeth = 12\n");
    assertThatThrownBy(() -> ConfigFile.read(cfg, ServerSettings.defaults()))
        .hasMessageContaining("limits.max_dpeth");
  }
}
