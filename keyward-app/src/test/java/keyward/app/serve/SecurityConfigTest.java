package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import keyward.server.transport.TlsListenerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security settings of the config file: access, audit log, limits, TLS lists. */
class SecurityConfigTest {
  @TempDir Path dir;

  @Test
  void everySecuritySettingIsReadFromTheConfigFile() throws Exception {
    Path cfg = dir.resolve("keyward.toml");
    Files.writeString(cfg, """
        audit_log = "logs/audit.jsonl"
        tls_protocols = ["TLSv1.3"]
        cipher_suites = ["TLS_AES_256_GCM_SHA384"]
        [limits]
        handshake_timeout_seconds = 4
        max_connections_per_identity = 7
        max_batch_items = 50
        max_locate_items = 500
        requests_per_second = 20
        [access]
        admins = ["root"]
        [access.groups]
        carol = ["ops", "audit"]
        """);
    ServerSettings s = ConfigFile.read(cfg, ServerSettings.defaults());
    SecuritySettings sec = s.security();
    assertThat(sec.auditLogIn(s.dataDir())).isEqualTo(dir.resolve("logs/audit.jsonl"));
    assertThat(sec.access().admins()).containsExactly("root");
    assertThat(sec.access().principals("carol")).containsExactlyInAnyOrder("carol", "group:ops", "group:audit");
    assertThat(sec.requestLimits().maxBatchItems()).isEqualTo(50);
    assertThat(sec.requestLimits().maxLocateItems()).isEqualTo(500);
    assertThat(sec.requestLimits().requestsPerSecond()).isEqualTo(20);
    TlsListenerConfig l = s.listenerConfig();
    assertThat(l.maxConnectionsPerIdentity()).isEqualTo(7);
    assertThat(l.handshakeTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(l.enabledProtocols()).containsExactly("TLSv1.3");
    assertThat(l.enabledCipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384");
    assertThat(s.httpsConfig().enabledProtocols()).containsExactly("TLSv1.3");
    assertThat(s.httpsConfig().enabledCipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384");
  }

  @Test
  void defaultsWhenTheFileSaysNothing() throws Exception {
    Path cfg = dir.resolve("keyward.toml");
    Files.writeString(cfg, "port = 1\n");
    ServerSettings s = ConfigFile.read(cfg, ServerSettings.defaults());
    assertThat(s.security()).isEqualTo(SecuritySettings.DEFAULT);
    assertThat(s.security().auditLogIn(Path.of("kd"))).isEqualTo(Path.of("kd", "audit.jsonl"));
    assertThat(s.listenerConfig().enabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
  }

  @Test
  void mistakesAreRefusedByName() throws Exception {
    Path cfg = dir.resolve("keyward.toml");
    Files.writeString(cfg, "[access]\nadmin = [\"root\"]\n");
    assertThatThrownBy(() -> ConfigFile.read(cfg, ServerSettings.defaults())).hasMessageContaining("access.admin");
    Files.writeString(cfg, "tls_protocols = \"TLSv1.3\"\n");
    assertThatThrownBy(() -> ConfigFile.read(cfg, ServerSettings.defaults())).hasMessageContaining("tls_protocols");
    Files.writeString(cfg, "tls_protocols = [\"TLSv1.1\"]\n");
    assertThatThrownBy(() -> ConfigFile.read(cfg, ServerSettings.defaults()).listenerConfig())
        .hasMessageContaining("TLSv1.1");
    Files.writeString(cfg, "[limits]\nmax_batch_items = 0\n");
    assertThatThrownBy(() -> ConfigFile.read(cfg, ServerSettings.defaults())).hasMessageContaining("at least 1");
  }
}
