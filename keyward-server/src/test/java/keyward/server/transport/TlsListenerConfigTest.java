package keyward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import keyward.kmip.codec.CodecLimits;
import org.junit.jupiter.api.Test;

class TlsListenerConfigTest {

  @Test
  void defaults() {
    TlsListenerConfig c = TlsListenerConfig.defaults();
    assertThat(c.port()).isEqualTo(5696);
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.maxMessageBytes()).isEqualTo(CodecLimits.DEFAULT.maxMessageBytes());
    assertThat(c.enabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(c.enabledCipherSuites())
        .contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256")
        .noneMatch(s -> s.endsWith("_SHA")) // no SHA-1 MAC suites
        .noneMatch(s -> s.contains("3DES") || s.contains("RC4") || s.contains("NULL"));
    assertThat(c.identityField()).isEqualTo(IdentityField.COMMON_NAME);
    assertThat(c.readTimeout()).isLessThan(c.idleTimeout());
  }

  @Test
  void withersChangeOneField() {
    TlsListenerConfig c = TlsListenerConfig.defaults().withPort(0)
        .withReadTimeout(Duration.ofSeconds(3)).withMaxConnections(7);
    assertThat(c.port()).isZero();
    assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.maxConnections()).isEqualTo(7);
    assertThat(c.withPort(5696)).isEqualTo(TlsListenerConfig.defaults()
        .withReadTimeout(Duration.ofSeconds(3)).withMaxConnections(7));
  }

  @Test
  void refusesOldProtocolsAndNonsense() {
    TlsListenerConfig d = TlsListenerConfig.defaults();
    assertThatThrownBy(() -> d.withEnabledProtocols(List.of("TLSv1.1")))
        .hasMessageContaining("TLSv1.1");
    assertThatThrownBy(() -> d.withEnabledProtocols(List.of())).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withPort(70000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withReadTimeout(Duration.ZERO))
        .hasMessageContaining("readTimeout");
    assertThatThrownBy(() -> d.withMaxConnections(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withMaxMessageBytes(8)).isInstanceOf(IllegalArgumentException.class);
  }
}
