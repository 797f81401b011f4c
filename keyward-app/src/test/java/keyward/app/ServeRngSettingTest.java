package keyward.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import keyward.app.serve.ConfigFile;
import keyward.app.serve.ServerSettings;
import keyward.server.crypto.RngSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The rng setting: default DRBG, the TOML key rng, the --rng flag winning over the file, bad values refused. */
class ServeRngSettingTest {
  @TempDir Path dir;

  private ServerSettings parsed(String... args) throws Exception {
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd.settings();
  }

  @Test
  void drbgUnlessConfigured() throws Exception {
    assertThat(ServerSettings.defaults().rng()).isEqualTo(RngSetting.DRBG);
    assertThat(parsed().rng()).isEqualTo(RngSetting.DRBG);
    assertThat(parsed("--rng", "ansi-x9.31-aes-256").rng()).isEqualTo(RngSetting.ANSI_X931_AES_256);
  }

  @Test
  void theConfigFileSetsItAndTheFlagWins() throws Exception {
    Path cfg = dir.resolve("keyward.toml");
    Files.writeString(cfg, "rng = \"ansi-x9.31-aes-256\"\n");
    assertThat(ConfigFile.read(cfg, ServerSettings.defaults()).rng()).isEqualTo(RngSetting.ANSI_X931_AES_256);
    assertThat(parsed("--config", cfg.toString()).rng()).isEqualTo(RngSetting.ANSI_X931_AES_256);
    assertThat(parsed("--config", cfg.toString(), "--rng", "drbg").rng()).isEqualTo(RngSetting.DRBG);
    assertThat(ServerSettings.defaults().withRng(RngSetting.ANSI_X931_AES_256).withPort(0).withDataDir(dir).rng())
        .as("the other with-methods keep it").isEqualTo(RngSetting.ANSI_X931_AES_256);
  }

  @Test
  void anUnknownGeneratorIsRefusedByName() throws Exception {
    Path cfg = dir.resolve("bad.toml");
    Files.writeString(cfg, "rng = \"x9.31\"\n");
    assertThatThrownBy(() -> ConfigFile.read(cfg, ServerSettings.defaults()))
        .hasMessageContaining("x9.31").hasMessageContaining("ansi-x9.31-aes-256");
    assertThatThrownBy(() -> parsed("--rng", "md5")).hasMessageContaining("md5");
  }
}
