package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import keyward.kmip.message.Authentication;
import keyward.kmip.message.Credential;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.CredentialType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From a user's seat: `keyward user add` writes the users file, a server started with
 * require_credentials refuses requests without a valid Username and Password credential.
 */
class CredentialsEndToEndTest {
  @TempDir Path dir;

  @Test
  void userAddedByTheCommandIsRequiredAndAcceptedOverMutualTls() throws Exception {
    Path data = dir.resolve("data");
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "s3cret pass\n");
    assertThat(TestRequests.runMain("user", "add", "bob", "--data-dir", data.toString(), "--password-file", pw.toString()))
        .contains("added user bob");
    assertThat(TestRequests.runMain("user", "list", "--data-dir", data.toString())).isEqualTo("bob\n");
    assertThat(Files.readString(data.resolve("users"))).doesNotContain("s3cret");

    Path cfg = dir.resolve("keyward.toml");
    Files.writeString(cfg, "require_credentials = true\n");
    ServerSettings s = ConfigFile.read(cfg, ServerSettings.defaults()).withPort(0).withDataDir(data);
    assertThat(s.requireCredentials()).isTrue();
    try (RunningServer server = RunningServer.start(s);
        KmipTestClient client = new KmipTestClient(server.pki().clientContext(), server.port())) {
      for (KmipVersion v : List.of(KmipVersion.V1_2, KmipVersion.V2_1)) {
        assertThat(query(client, v, null).resultReason()).isEqualTo(ResultReason.AUTHENTICATION_NOT_SUCCESSFUL);
        assertThat(query(client, v, auth("bob", "wrong")).resultReason())
            .isEqualTo(ResultReason.AUTHENTICATION_NOT_SUCCESSFUL);
        assertThat(query(client, v, auth("bob", "s3cret pass")).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
      }
    }
    TestRequests.runMain("user", "remove", "bob", "--data-dir", data.toString());
    assertThatThrownBy(() -> RunningServer.start(s)).hasMessageContaining("keyward user add");
  }

  private static ResponseBatchItem query(KmipTestClient client, KmipVersion v, Authentication auth)
      throws Exception {
    RequestHeader h = RequestHeader.of(ProtocolVersion.of(v), 1);
    RequestHeader withAuth = new RequestHeader(h.protocolVersion(), null, null, null, null, null, List.of(),
        auth, null, null, null, h.batchCount());
    RequestBatchItem item = RequestBatchItem.of(Operation.QUERY, new Item.Structure(Tag.REQUEST_PAYLOAD,
        List.of(new Item.Enumeration(Tag.QUERY_FUNCTION, keyward.kmip.spec.QueryFunction.QUERY_OPERATIONS.value()))));
    Item answer = client.exchange(new RequestMessage(withAuth, List.of(item)).toItem(v));
    return ResponseMessage.fromItem(answer, v).batchItems().getFirst();
  }

  private static Authentication auth(String user, String password) {
    return new Authentication(List.of(new Credential(CredentialType.USERNAME_AND_PASSWORD,
        new Item.Structure(Tag.CREDENTIAL_VALUE, List.of(new Item.TextString(Tag.USERNAME, user),
            new Item.TextString(Tag.PASSWORD, password))))));
  }
}
