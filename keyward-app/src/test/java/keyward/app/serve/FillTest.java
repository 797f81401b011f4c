package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.NameType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `keyward admin fill`: the keys it makes are ones a started server finds and serves. */
class FillTest {
  private static final KmipVersion V = KmipVersion.V2_1;

  @TempDir Path dir;

  @Test
  void filledKeysAreFoundByNameAndServedToTheDevelopmentClient() throws Exception {
    Path data = dir.resolve("data");
    ServerSettings settings = ServerSettings.defaults().withPort(0).withDataDir(data);
    RunningServer.start(settings).close(); // makes the data directory and the development PKI
    assertThat(TestRequests.runMain("admin", "fill", "--data-dir", data.toString(), "--count", "5",
        "--first", "10", "--batch", "2", "--prefix", "filled-"))
        .contains("created 5 keys").contains("filled-10 .. filled-14");
    try (RunningServer server = RunningServer.start(settings);
        KmipTestClient c = new KmipTestClient(server.pki().clientContext(), server.port())) {
      for (int n = 10; n < 15; n++) {
        ResponseBatchItem found = c.send(V, locateByName("filled-" + n)).batchItems().getFirst();
        assertThat(found.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        List<Item> ids = found.responsePayload().all(Tag.UNIQUE_IDENTIFIER);
        assertThat(ids).as("filled-" + n).hasSize(1);
        String uid = ((Item.TextString) ids.getFirst()).value();
        ResponseBatchItem got = c.send(V, TestRequests.get(uid)).batchItems().getFirst();
        assertThat(got.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(got.responsePayload().first(Tag.SYMMETRIC_KEY)).as("the key itself").isPresent();
      }
      ResponseBatchItem absent = c.send(V, locateByName("filled-15")).batchItems().getFirst();
      assertThat(absent.responsePayload().all(Tag.UNIQUE_IDENTIFIER)).isEmpty();
    }
  }

  private static RequestBatchItem locateByName(String name) {
    return RequestBatchItem.of(Operation.LOCATE, new Item.Structure(Tag.REQUEST_PAYLOAD,
        new Item.Structure(Tag.ATTRIBUTES, new Item.Structure(Tag.NAME,
            new Item.TextString(Tag.NAME_VALUE, name),
            new Item.Enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING.value())))));
  }
}
