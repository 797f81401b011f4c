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
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
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
        ResponseBatchItem r = call(server, Operation.CREATE, createPayload("key-" + i));
        if (r.resultStatus() == ResultStatus.SUCCESS) {
          answered.add(uid(r));
        } else {
          refused = r;
        }
      }
      assertThat(refused).as("the size limit was reached").isNotNull();
      assertThat(refused.resultReason()).isEqualTo(ResultReason.GENERAL_FAILURE);
      assertThat(refused.resultMessage()).contains("storage cannot take writes").doesNotContain(dir.toString());
      assertThat(answered).isNotEmpty();
      for (String uid : answered) {
        assertThat(call(server, Operation.GET, getPayload(uid)).resultStatus()).as("Get %s while full", uid)
            .isEqualTo(ResultStatus.SUCCESS);
      }
    }
    try (SqliteObjectStore store = SqliteObjectStore.open(dir)) { // room again
      KeywardServer server = server(store);
      assertThat(call(server, Operation.CREATE, createPayload("after")).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
      for (String uid : answered) {
        assertThat(call(server, Operation.GET, getPayload(uid)).resultStatus()).as("Get %s after", uid)
            .isEqualTo(ResultStatus.SUCCESS);
      }
    }
  }

  private static KeywardServer server(SqliteObjectStore store) {
    return new KeywardServer(store, new JcaCryptoEngine(), Authenticator.TRANSPORT_ONLY, CodecLimits.DEFAULT,
        Clock.systemUTC());
  }

  private ResponseBatchItem call(KeywardServer server, Operation op, Item.Structure payload) throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    RequestMessage m = new RequestMessage(RequestHeader.of(ProtocolVersion.of(v), 1),
        List.of(RequestBatchItem.of(op, payload)));
    TtlvCodec codec = new TtlvCodec();
    byte[] answer = server.processor().process(codec.encode(m.toItem(v)), caller);
    return ResponseMessage.fromItem(codec.decode(answer), v).batchItems().getFirst();
  }

  private static Item.Structure createPayload(String name) {
    return new Item.Structure(Tag.REQUEST_PAYLOAD, List.of(
        new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
        new Item.Structure(Tag.ATTRIBUTES, List.of(
            new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
            new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
            new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 12),
            new Item.Structure(Tag.NAME, List.of(new Item.TextString(Tag.NAME_VALUE, name),
                new Item.Enumeration(Tag.NAME_TYPE, 1)))))));
  }

  private static Item.Structure getPayload(String uid) {
    return new Item.Structure(Tag.REQUEST_PAYLOAD, List.of(new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid)));
  }

  private static String uid(ResponseBatchItem r) {
    return r.responsePayload().items().stream().filter(i -> i.tag() == Tag.UNIQUE_IDENTIFIER)
        .map(i -> ((Item.TextString) i).value()).findFirst().orElseThrow();
  }
}
