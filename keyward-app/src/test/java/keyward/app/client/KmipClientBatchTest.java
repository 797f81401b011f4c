package keyward.app.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import keyward.client.Batch;
import keyward.client.BatchResult;
import keyward.client.KmipClient;
import keyward.client.KmipClientException;
import keyward.kmip.spec.BatchErrorContinuationOption;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Several operations in one message: ID Placeholder, typed results, the three error options. */
class KmipClientBatchTest {
  @RegisterExtension static final TestServer server = new TestServer();

  static ResultReason notFound(KmipVersion v) {
    return v.atLeast(KmipVersion.V2_0) ? ResultReason.OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND;
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void laterItemsUseTheObjectTheCreateMade(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String name = "batch-" + v;
      BatchResult r = c.batch()
          .add(c.createSymmetricKey("AES", 128).name(name))
          .activate(Batch.ID_PLACEHOLDER)
          .getAttributes(Batch.ID_PLACEHOLDER, "State", "Name")
          .get(Batch.ID_PLACEHOLDER)
          .locate(c.locate().name(name))
          .execute();
      assertThat(r.succeeded()).isTrue();
      String id = r.item(0).uniqueIdentifier();
      assertThat(r.item(1).uniqueIdentifier()).isEqualTo(id);
      assertThat(r.item(2).attributes().display()).containsEntry("State", "Active").containsEntry("Name", name);
      assertThat(r.item(3).objectBytes()).hasSize(16).isEqualTo(c.get(id));
      assertThat(r.item(4).uniqueIdentifiers()).containsExactly(id);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void stopLeavesTheRestUnprocessed(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String id = c.createSymmetricKey("AES", 128).execute();
      BatchResult r = c.batch().get("no-such-object").activate(id).execute();
      assertThat(r.item(0).resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
      assertThat(r.item(0).resultReason()).isEqualTo(notFound(v));
      assertThat(r.item(1).resultStatus()).isNull();
      assertThatThrownBy(() -> r.item(1).uniqueIdentifier()).hasMessageContaining("not processed");
      assertThat(c.getAttributes(id, "State").display()).containsEntry("State", "Pre-Active");
      assertThatThrownBy(r::orThrow).isInstanceOfSatisfying(KmipClientException.class, e -> {
        assertThat(e.operation()).isEqualTo(Operation.GET);
        assertThat(e.resultReason()).isEqualTo(notFound(v));
      });
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void continueRunsTheItemsAfterAFailure(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String id = c.createSymmetricKey("AES", 128).execute();
      BatchResult r = c.batch().onError(BatchErrorContinuationOption.CONTINUE)
          .destroy("no-such-object").activate(id).execute();
      assertThat(r.item(0).succeeded()).isFalse();
      assertThat(r.item(0).failure().resultReason()).isEqualTo(notFound(v));
      assertThat(r.item(1).uniqueIdentifier()).isEqualTo(id);
      assertThat(c.getAttributes(id, "State").display()).containsEntry("State", "Active");
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void undoTakesBackWhatTheBatchDid(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String name = "undone-" + v;
      BatchResult r = c.batch().onError(BatchErrorContinuationOption.UNDO)
          .add(c.createSymmetricKey("AES", 128).name(name))
          .activate("no-such-object")
          .execute();
      assertThat(r.item(0).resultStatus()).isEqualTo(ResultStatus.OPERATION_UNDONE);
      assertThat(r.item(1).resultReason()).isEqualTo(notFound(v));
      assertThat(c.locate().name(name).execute()).isEmpty();
      // orThrow reports the item that failed, not the one undone because of it
      assertThatThrownBy(r::orThrow).isInstanceOfSatisfying(KmipClientException.class,
          e -> assertThat(e.operation()).isEqualTo(Operation.ACTIVATE));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void aCreateWhoseActivateFailsSaysTheObjectExists(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      // Activate after Destroy in the same batch: the key exists, the Activate fails
      BatchResult r = c.batch().add(c.createSymmetricKey("AES", 128)).destroy(Batch.ID_PLACEHOLDER)
          .activate(Batch.ID_PLACEHOLDER).execute();
      String id = r.item(0).uniqueIdentifier();
      assertThatThrownBy(r::orThrow).isInstanceOfSatisfying(KmipClientException.class, e -> {
        assertThat(e.operation()).isEqualTo(Operation.ACTIVATE);
        assertThat(e.resultReason()).isNotNull();
        assertThat(e.getMessage()).contains("Unique Identifier " + id);
      });
    }
  }
}
