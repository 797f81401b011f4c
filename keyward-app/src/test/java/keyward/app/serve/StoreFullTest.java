package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.server.Caller;
import keyward.server.KeywardServer;
import keyward.server.batch.Authenticator;
import keyward.server.crypto.JcaCryptoEngine;
import keyward.store.SqliteObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's disk fills up (a size limit stands in for the disk): Creates are refused
 * with a plain KMIP failure, not an internal error; every object already answered stays
 * readable; once there is room again (the server restarted without the limit) writes work and
 * nothing answered is lost.
 */
class StoreFullTest {
  @TempDir Path dir;
  private final Caller caller = new Caller("alice", "127.0.0.1:1");

  @Test
  void aFullStoreRefusesWritesPlainlyKeepsWhatWasAnsweredAndRecovers() throws Exception {
    List<String> answered = new ArrayList<>();
    ResponseBatchItem refused = null;
    try (SqliteObjectStore store = SqliteObjectStore.open(dir, new SqliteObjectStore.Options(2, 256 * 1024))) {
      KeywardServer server = server(store);
      for (int i = 0; i < 5_000 && refused == null; i++) {
        ResponseBatchItem r = call(server, TestRequests.createAes("key-" + i));
        if (r.resultStatus() == ResultStatus.SUCCESS) {
          answered.add(TestRequests.uid(r));
        } else {
          refused = r;
        }
      }
      assertThat(refused).as("the size limit was reached").isNotNull();
      assertThat(refused.resultReason()).isEqualTo(ResultReason.GENERAL_FAILURE);
      assertThat(refused.resultMessage()).contains("storage cannot take writes").doesNotContain(dir.toString());
      assertThat(answered).isNotEmpty();
      for (String uid : answered) {
        assertThat(call(server, TestRequests.get(uid)).resultStatus()).as("Get %s while full", uid)
            .isEqualTo(ResultStatus.SUCCESS);
      }
    }
    try (SqliteObjectStore store = SqliteObjectStore.open(dir)) { // room again
      KeywardServer server = server(store);
      assertThat(call(server, TestRequests.createAes("after")).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
      for (String uid : answered) {
        assertThat(call(server, TestRequests.get(uid)).resultStatus()).as("Get %s after", uid)
            .isEqualTo(ResultStatus.SUCCESS);
      }
    }
  }

  private static KeywardServer server(SqliteObjectStore store) {
    return new KeywardServer(store, new JcaCryptoEngine(), Authenticator.TRANSPORT_ONLY, CodecLimits.DEFAULT,
        Clock.systemUTC());
  }

  private ResponseBatchItem call(KeywardServer server, RequestBatchItem item) throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    RequestMessage m = new RequestMessage(RequestHeader.of(ProtocolVersion.of(v), 1),
        List.of(item));
    TtlvCodec codec = new TtlvCodec();
    byte[] answer = server.processor().process(codec.encode(m.toItem(v)), caller);
    return ResponseMessage.fromItem(codec.decode(answer), v).batchItems().getFirst();
  }
}
