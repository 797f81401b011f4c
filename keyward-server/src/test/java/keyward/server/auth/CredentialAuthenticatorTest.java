package keyward.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import keyward.kmip.message.Authentication;
import keyward.kmip.message.Credential;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CredentialType;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.Caller;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Username and Password credentials in the request header, through the whole message processor. */
class CredentialAuthenticatorTest {
  private static final UserFile USERS = UserFile.empty()
      .with("bob", PasswordHash.of("correct horse".toCharArray(), 1_000))
      .with("carol", PasswordHash.of("battery staple".toCharArray(), 1_000));

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_0", "V1_2", "V1_4", "V2_0", "V2_1"})
  void requiredPolicyRefusesRequestsWithoutCredentialsInEveryVersion(KmipVersion v) throws Exception {
    ServerHarness h = harness(true);
    List<ResponseBatchItem> r = h.send(v, header(v, null, 2), createAes(v), createAes(v));
    assertThat(r).hasSize(2).allSatisfy(item -> {
      assertThat(item.resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
      assertThat(item.resultReason()).isEqualTo(ResultReason.AUTHENTICATION_NOT_SUCCESSFUL);
    });
    assertThat(h.store.size()).isZero();
  }

  @Test
  void validCredentialMakesTheRequestActAsThatUser() throws Exception {
    ServerHarness h = harness(true);
    KmipVersion v = KmipVersion.V2_1;
    ResponseBatchItem created = h.send(v, header(v, auth("bob", "correct horse"), 1), createAes(v)).getFirst();
    assertThat(created.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    String uid = uidOf(created);

    // The same certificate with carol's credential: bob's key does not exist for her.
    ResponseBatchItem asCarol = h.send(v, header(v, auth("carol", "battery staple"), 1), get(v, uid)).getFirst();
    assertThat(asCarol.resultReason()).isEqualTo(ResultReason.OBJECT_NOT_FOUND);
    ResponseBatchItem asBob = h.send(v, header(v, auth("bob", "correct horse"), 1), get(v, uid)).getFirst();
    assertThat(asBob.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
  }

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_2", "V1_4", "V2_1"})
  void wrongPasswordOrUnknownUserIsRefusedUnderEitherPolicy(KmipVersion v) throws Exception {
    for (boolean required : new boolean[] {true, false}) {
      ServerHarness h = harness(required);
      for (Authentication bad : List.of(auth("bob", "battery staple"), auth("mallory", "correct horse"),
          auth("bob", null))) {
        ResponseBatchItem r = h.send(v, header(v, bad, 1), createAes(v)).getFirst();
        assertThat(r.resultReason()).as("required=%s", required)
            .isEqualTo(ResultReason.AUTHENTICATION_NOT_SUCCESSFUL);
        assertThat(r.resultMessage()).doesNotContain("correct horse", "battery staple");
      }
      assertThat(h.store.size()).isZero();
    }
  }

  @Test
  void optionalPolicyLetsCertificateOnlyRequestsActAsTheCertificateIdentity() throws Exception {
    ServerHarness h = harness(false);
    KmipVersion v = KmipVersion.V1_4;
    String uid = uidOf(h.send(v, header(v, null, 1), createAes(v)).getFirst());
    ResponseBatchItem asAlice = h.send(v, header(v, null, 1), get(v, uid)).getFirst();
    assertThat(asAlice.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    ResponseBatchItem asBob = h.send(v, header(v, auth("bob", "correct horse"), 1), get(v, uid)).getFirst();
    assertThat(asBob.resultReason()).isEqualTo(ResultReason.ITEM_NOT_FOUND);
  }

  @Test
  void theAuditLogNamesTheUserTheRequestActedAs() throws Exception {
    List<keyward.server.audit.AuditEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    ServerHarness h = new ServerHarness(new keyward.server.crypto.JcaCryptoEngine(),
        new CredentialAuthenticator(USERS, false, Clock.systemUTC()),
        keyward.server.KeywardServer.Options.DEFAULT.withAudit(events::add));
    KmipVersion v = KmipVersion.V2_1;
    h.send(v, header(v, auth("bob", "correct horse"), 1), createAes(v));
    h.send(v, header(v, auth("bob", "wrong"), 1), createAes(v));
    h.send(v, header(v, null, 1), createAes(v));
    assertThat(events).extracting(keyward.server.audit.AuditEvent::identity).containsExactly("bob", "alice", "alice");
    assertThat(events).extracting(keyward.server.audit.AuditEvent::reason)
        .containsExactly(null, "Authentication Not Successful", null);
  }

  @Test
  void otherCredentialTypesDoNotSatisfyTheRequiredPolicy() throws Exception {
    ServerHarness h = harness(true);
    KmipVersion v = KmipVersion.V1_4;
    Authentication device = new Authentication(List.of(new Credential(CredentialType.DEVICE,
        new Item.Structure(Tag.CREDENTIAL_VALUE, List.of(new Item.TextString(Tag.DEVICE_IDENTIFIER, "d1"))))));
    assertThat(h.send(v, header(v, device, 1), createAes(v)).getFirst().resultReason())
        .isEqualTo(ResultReason.AUTHENTICATION_NOT_SUCCESSFUL);
  }

  @Test
  void requiredPolicyWithoutUsersIsAConfigurationError() {
    assertThatThrownBy(() -> new CredentialAuthenticator(UserFile.empty(), true, Clock.systemUTC()))
        .hasMessageContaining("no users");
  }

  @Test
  void withNoUsersConfiguredOptionalCredentialsCannotBeCheckedAndGrantNothing() throws Exception {
    CredentialAuthenticator a = new CredentialAuthenticator(UserFile.empty(), false, Clock.systemUTC());
    Caller cert = new Caller("alice", "127.0.0.1:9");
    assertThat(a.authenticate(cert, auth("bob", "anything"))).isEqualTo(cert);
  }

  @Test
  void usersAddedToTheWatchedFileAreAcceptedWithoutARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("users");
    UserFile.empty().with("bob", PasswordHash.of("pw-b".toCharArray(), 1_000)).write(file);
    CredentialAuthenticator a = new CredentialAuthenticator(new WatchedUserFile(file), true, Clock.systemUTC());
    Caller cert = new Caller("alice", "127.0.0.1:9");
    assertThatThrownBy(() -> a.authenticate(cert, auth("dave", "pw-d")));
    UserFile.read(file).with("dave", PasswordHash.of("pw-d".toCharArray(), 1_000)).write(file);
    long deadline = System.nanoTime() + 10_000_000_000L;
    Caller who = null;
    while (who == null && System.nanoTime() < deadline) {
      try {
        who = a.authenticate(cert, auth("dave", "pw-d"));
      } catch (keyward.server.KmipException e) {
        Thread.sleep(100);
      }
    }
    assertThat(who).isNotNull().extracting(Caller::identity).isEqualTo("dave");
  }

  @Test
  void aRememberedSuccessIsTiedToThePassword() throws Exception {
    CredentialAuthenticator a = new CredentialAuthenticator(USERS, true, Clock.systemUTC());
    Caller cert = new Caller("alice", "127.0.0.1:9");
    assertThat(a.authenticate(cert, auth("bob", "correct horse")).identity()).isEqualTo("bob");
    assertThat(a.authenticate(cert, auth("bob", "correct horse")).identity()).isEqualTo("bob");
    assertThat(a.authenticate(cert, auth("bob", "correct horse")).remoteAddress()).isEqualTo("127.0.0.1:9");
    assertThatThrownBy(() -> a.authenticate(cert, auth("bob", "correct horsE")))
        .hasMessageContaining("wrong password");
  }

  private static ServerHarness harness(boolean required) {
    return new ServerHarness(new CredentialAuthenticator(USERS, required, Clock.systemUTC()));
  }

  static Authentication auth(String user, String password) {
    Item.Structure value = password == null
        ? new Item.Structure(Tag.CREDENTIAL_VALUE, List.of(new Item.TextString(Tag.USERNAME, user)))
        : new Item.Structure(Tag.CREDENTIAL_VALUE, List.of(new Item.TextString(Tag.USERNAME, user),
            new Item.TextString(Tag.PASSWORD, password)));
    return new Authentication(List.of(new Credential(CredentialType.USERNAME_AND_PASSWORD, value)));
  }

  private static RequestHeader header(KmipVersion v, Authentication auth, int count) {
    RequestHeader h = RequestHeader.of(ProtocolVersion.of(v), count);
    return new RequestHeader(h.protocolVersion(), null, null, null, null, null, List.of(), auth, null, null,
        null, h.batchCount());
  }

  private static RequestBatchItem createAes(KmipVersion v) {
    List<Item> attrs = List.of(
        new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
        new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
        new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
            CryptographicUsageMask.toBits(List.of(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT))));
    Item attributes = v.compareTo(KmipVersion.V2_0) >= 0
        ? new Item.Structure(Tag.ATTRIBUTES, attrs)
        : new Item.Structure(Tag.TEMPLATE_ATTRIBUTE, attrs.stream().map(a -> (Item) v1Attribute(a)).toList());
    return RequestBatchItem.of(Operation.CREATE, new Item.Structure(Tag.REQUEST_PAYLOAD, List.of(
        new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()), attributes)));
  }

  private static Item.Structure v1Attribute(Item value) {
    String name = keyward.kmip.spec.SpecRegistry.tag(value.tag()).name();
    return new Item.Structure(Tag.ATTRIBUTE, List.of(new Item.TextString(Tag.ATTRIBUTE_NAME, name),
        keyward.kmip.compat.Items.retag(value, Tag.ATTRIBUTE_VALUE)));
  }

  private static RequestBatchItem get(KmipVersion v, String uid) {
    return RequestBatchItem.of(Operation.GET, new Item.Structure(Tag.REQUEST_PAYLOAD,
        List.of(new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid))));
  }

  private static String uidOf(ResponseBatchItem r) {
    assertThat(r.resultStatus()).as("result %s %s", r.resultReason(), r.resultMessage()).isEqualTo(ResultStatus.SUCCESS);
    return r.responsePayload().items().stream().filter(i -> i.tag() == Tag.UNIQUE_IDENTIFIER)
        .map(i -> ((Item.TextString) i).value()).findFirst().orElseThrow();
  }
}
