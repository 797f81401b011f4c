package keyward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import keyward.kmip.codec.CodecLimits;
import org.junit.jupiter.api.Test;

class HttpsEndpointConfigTest {

  @Test
  void defaultsAreLoopbackSlashKmipAndTheCodecLimits() {
    HttpsEndpointConfig d = HttpsEndpointConfig.defaults();
    assertThat(d.host()).isEqualTo("127.0.0.1");
    assertThat(d.path()).isEqualTo("/kmip");
    assertThat(d.maxMessageBytes()).isEqualTo(CodecLimits.DEFAULT.maxMessageBytes());
    assertThat(d.withPort(0).withPath("/k").withMaxConnections(3))
        .extracting(HttpsEndpointConfig::port, HttpsEndpointConfig::path, HttpsEndpointConfig::maxConnections)
        .containsExactly(0, "/k", 3);
  }

  @Test
  void badValuesAreRefusedWithTheirName() {
    HttpsEndpointConfig d = HttpsEndpointConfig.defaults();
    assertThatThrownBy(() -> d.withPath("kmip")).hasMessageContaining("path");
    assertThatThrownBy(() -> d.withPath("/kmip/")).hasMessageContaining("path");
    assertThatThrownBy(() -> d.withPort(70000)).hasMessageContaining("port");
    assertThatThrownBy(() -> d.withRequestTimeout(Duration.ofMillis(500))).hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> d.withMaxConnections(0)).hasMessageContaining("maxConnections");
  }
}
