package keyward.app.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import keyward.client.BatchItemResult;
import keyward.client.KmipClient;
import keyward.client.KmipClientException;
import keyward.kmip.spec.CancellationResult;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A batch sent asynchronously: Operation Pending, then Poll for the result or Cancel (TC-32, TC-101). */
class KmipClientAsyncTest {
  @RegisterExtension static final TestServer server = new TestServer();

  @ParameterizedTest
  @EnumSource(names = {"V1_2", "V2_1"})
  void aPendingArchiveIsPolledAndAPendingLocateCanceled(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String id = c.createSymmetricKey("AES", 128).execute();
      BatchItemResult pending = c.batch().asynchronous().archive(id).execute().item(0);
      assertThat(pending.pending()).isTrue();
      assertThat(pending.asynchronousCorrelationValue()).isNotEmpty();
      assertThatThrownBy(pending::orThrow).isInstanceOf(KmipClientException.class).hasMessageContaining("pending");
      c.get(id); // not archived until polled
      BatchItemResult done = c.poll(pending.asynchronousCorrelationValue());
      assertThat(done.operation()).isEqualTo(Operation.ARCHIVE);
      assertThatThrownBy(() -> c.get(id)).isInstanceOfSatisfying(KmipClientException.class,
          e -> assertThat(e.resultReason()).isEqualTo(ResultReason.OBJECT_ARCHIVED));

      byte[] locate = c.batch().asynchronous().locate(c.locate()).execute().item(0).asynchronousCorrelationValue();
      assertThat(c.cancel(locate)).isEqualTo(CancellationResult.CANCELED);
      assertThat(c.cancel(locate)).isEqualTo(CancellationResult.UNAVAILABLE);
      assertThatThrownBy(() -> c.poll(locate)).isInstanceOfSatisfying(KmipClientException.class,
          e -> assertThat(e.resultReason()).isEqualTo(ResultReason.ITEM_NOT_FOUND));
    }
  }
}
