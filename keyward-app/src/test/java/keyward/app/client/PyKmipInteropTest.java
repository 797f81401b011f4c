package keyward.app.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import keyward.client.KmipClient;
import keyward.client.KmipClientException;
import keyward.client.TlsFiles;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.RevocationReasonCode;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client against PyKMIP 0.10's server, an independent implementation. Opt-in (it needs that
 * server running): start it with ../shared/tools/pykmip-server.sh start PORT, then
 * {@code -Dkeyward.pykmip=localhost:PORT -Dkeyward.pykmip.pki=DIR} (DIR from make-pki.sh).
 * Not part of the default run.
 */
@EnabledIfSystemProperty(named = "keyward.pykmip", matches = ".+:\\d+")
class PyKmipInteropTest {

  static KmipClient client(KmipVersion v) throws Exception {
    String[] hp = System.getProperty("keyward.pykmip").split(":");
    Path pki = Path.of(System.getProperty("keyward.pykmip.pki"));
    return KmipClient.builder().server(hp[0], Integer.parseInt(hp[1]))
        .tls(TlsFiles.pem(pki.resolve("alice.crt"), pki.resolve("alice.key"), pki.resolve("ca.crt")))
        .version(v).build();
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_2", "V1_4", "V2_0"})
  void keyLifecycle(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      String name = "interop-" + v + "-" + System.nanoTime();
      String id = c.createSymmetricKey("AES", 256).name(name).execute();
      assertThat(c.get(id)).hasSize(32);
      assertThat(c.locate().name(name).objectType(ObjectType.SYMMETRIC_KEY).execute()).containsExactly(id);
      c.activate(id);
      assertThat(c.getAttributes(id, "State").display()).containsEntry("State", "Active");
      c.revoke(id, RevocationReasonCode.CESSATION_OF_OPERATION, null);
      c.destroy(id);
      assertThatThrownBy(() -> c.get(id)).isInstanceOf(KmipClientException.class);
      assertThat(c.query().operations()).isNotEmpty();
    }
  }
}
