package keyward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClientConfigTest {
  @TempDir Path dir;

  @Test
  void serverWrittenConfigReadsBackWithPathsBesideIt() throws Exception {
    Path file = dir.resolve("data/client.toml");
    Path pki = dir.resolve("data/pki");
    assertThat(ClientConfig.writeForDevServer(file, "localhost", 15696, pki.resolve("ca.pem"),
        pki.resolve("client.p12"), pki.resolve("client.p12.password"))).isTrue();
    Map<String, String> s = ClientConfig.read(file);
    assertThat(s).containsEntry("server", "localhost:15696")
        .containsEntry("ca", pki.resolve("ca.pem").toAbsolutePath().toString())
        .containsEntry("password_file", pki.resolve("client.p12.password").toAbsolutePath().toString());
    // a later start on another port keeps the file current
    ClientConfig.writeForDevServer(file, "localhost", 15697, pki.resolve("ca.pem"),
        pki.resolve("client.p12"), pki.resolve("client.p12.password"));
    assertThat(ClientConfig.read(file)).containsEntry("server", "localhost:15697");
  }

  @Test
  void aUsersOwnFileIsNeverOverwritten() throws Exception {
    Path file = dir.resolve("client.toml");
    Files.writeString(file, "server = \"kms.example:5696\"\n");
    assertThat(ClientConfig.writeForDevServer(file, "localhost", 1, dir, dir, dir)).isFalse();
    assertThat(Files.readString(file)).isEqualTo("server = \"kms.example:5696\"\n");
  }

  @Test
  void unknownKeysAndBadLinesAreRefusedWithTheLine() throws Exception {
    Path file = dir.resolve("client.toml");
    Files.writeString(file, "# c\nservr = \"x:1\"\n");
    assertThatThrownBy(() -> ClientConfig.read(file)).isInstanceOf(UsageException.class)
        .hasMessageContaining("line 2").hasMessageContaining("servr");
    Files.writeString(file, "server = x:1\n");
    assertThatThrownBy(() -> ClientConfig.read(file)).hasMessageContaining("key = \"value\"");
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheFile() throws Exception {
    Path file = dir.resolve("client.toml");
    Files.writeString(file, "server = \"file:1\"\nca = \"ca.pem\"\npkcs12 = \"c.p12\"\n");
    ConnectionOptions o = new ConnectionOptions();
    new CommandLine(o).parseArgs("--config", file.toString(), "--cert", "c.pem", "--key", "c.key");
    o.env = Map.of("KEYWARD_SERVER", "env:2");
    Map<String, String> s = o.settings();
    assertThat(s).containsEntry("server", "env:2").containsEntry("cert", "c.pem")
        .containsEntry("ca", dir.resolve("ca.pem").toString()).doesNotContainKey("pkcs12");
    ConnectionOptions flag = new ConnectionOptions();
    new CommandLine(flag).parseArgs("--config", file.toString(), "--server", "flag:3");
    flag.env = Map.of("KEYWARD_SERVER", "env:2");
    assertThat(flag.settings()).containsEntry("server", "flag:3");
  }

  @Test
  void missingSettingsAreAUsageErrorThatSaysWhatToDo() {
    ConnectionOptions o = new ConnectionOptions();
    new CommandLine(o).parseArgs("--config", dir.resolve("none.toml").toString());
    o.env = Map.of();
    assertThatThrownBy(o::open).isInstanceOf(UsageException.class).hasMessageContaining("none.toml does not exist");
    ConnectionOptions noCa = new ConnectionOptions();
    new CommandLine(noCa).parseArgs("--server", "localhost:1");
    noCa.env = Map.of();
    assertThatThrownBy(noCa::open).isInstanceOf(UsageException.class).hasMessageContaining("--ca");
  }
}
