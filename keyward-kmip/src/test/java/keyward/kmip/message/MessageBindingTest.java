package keyward.kmip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import keyward.kmip.bind.BindException;
import keyward.kmip.spec.BatchErrorContinuationOption;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;

class MessageBindingTest {

  private static Item.Structure protocolVersion(int major, int minor) {
    return new Item.Structure(Tag.PROTOCOL_VERSION,
        new Item.Integer(Tag.PROTOCOL_VERSION_MAJOR, major),
        new Item.Integer(Tag.PROTOCOL_VERSION_MINOR, minor));
  }

  private static Item.Structure createRequest(Item... headerExtras) {
    List<Item> header = new java.util.ArrayList<>();
    header.add(protocolVersion(1, 4));
    header.addAll(List.of(headerExtras));
    header.add(new Item.Integer(Tag.BATCH_COUNT, 1));
    return new Item.Structure(Tag.REQUEST_MESSAGE,
        new Item.Structure(Tag.REQUEST_HEADER, header),
        new Item.Structure(Tag.BATCH_ITEM,
            new Item.Enumeration(Tag.OPERATION, Operation.CREATE.value()),
            new Item.Structure(Tag.REQUEST_PAYLOAD,
                new Item.Enumeration(Tag.OBJECT_TYPE, 2))));
  }

  @Test
  void requestBindsFromTreeAndBackUnchanged() throws Exception {
    Item.Structure tree = createRequest(
        new Item.TextString(Tag.CLIENT_CORRELATION_VALUE, "corr-1"),
        new Item.Enumeration(Tag.BATCH_ERROR_CONTINUATION_OPTION, BatchErrorContinuationOption.UNDO.value()));
    RequestMessage m = RequestMessage.fromItem(tree, KmipVersion.V1_4);
    assertThat(m.requestHeader().protocolVersion()).isEqualTo(new ProtocolVersion(1, 4));
    assertThat(m.requestHeader().clientCorrelationValue()).isEqualTo("corr-1");
    assertThat(m.requestHeader().batchErrorContinuationOption()).isEqualTo(BatchErrorContinuationOption.UNDO);
    assertThat(m.requestHeader().batchCount()).isEqualTo(1);
    assertThat(m.batchItems()).singleElement().satisfies(b -> {
      assertThat(b.operation()).isEqualTo(Operation.CREATE);
      assertThat(b.requestPayload().items()).hasSize(1);
    });
    assertThat(m.toItem(KmipVersion.V1_4)).isEqualTo(tree);
  }

  @Test
  void fieldOutsideItsVersionIsNeverEncoded() {
    RequestHeader h = new RequestHeader(new ProtocolVersion(1, 2), null, "corr", null, null, null,
        List.of(), null, null, null, null, 1);
    RequestMessage m = new RequestMessage(h, List.of(RequestBatchItem.of(Operation.QUERY,
        new Item.Structure(Tag.REQUEST_PAYLOAD))));
    // Client Correlation Value exists from 1.4 only
    assertThatThrownBy(() -> m.toItem(KmipVersion.V1_2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ClientCorrelationValue");
    assertThat(m.toItem(KmipVersion.V1_4).first(Tag.REQUEST_HEADER)).isPresent();
  }

  @Test
  void enumerationValueOutsideItsVersionIsNeverEncoded() {
    // Operation Ping exists from 2.1 only
    RequestMessage m = new RequestMessage(RequestHeader.of(new ProtocolVersion(1, 4), 1),
        List.of(RequestBatchItem.of(Operation.PING, new Item.Structure(Tag.REQUEST_PAYLOAD))));
    assertThatThrownBy(() -> m.toItem(KmipVersion.V1_4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingRequiredFieldIsABindError() {
    Item.Structure noBatchCount = new Item.Structure(Tag.REQUEST_MESSAGE,
        new Item.Structure(Tag.REQUEST_HEADER, protocolVersion(2, 1)),
        new Item.Structure(Tag.BATCH_ITEM,
            new Item.Enumeration(Tag.OPERATION, Operation.QUERY.value()),
            new Item.Structure(Tag.REQUEST_PAYLOAD)));
    assertThatThrownBy(() -> RequestMessage.fromItem(noBatchCount, KmipVersion.V2_1))
        .isInstanceOf(BindException.class)
        .satisfies(e -> assertThat(((BindException) e).kind()).isEqualTo(BindException.Kind.MISSING_FIELD))
        .hasMessageContaining("BatchCount");
    // KMIP 3.0 has no Batch Count: the same message binds
    assertThat(catchBind(() -> RequestMessage.fromItem(noBatchCount, KmipVersion.V3_0))).isNull();
  }

  @Test
  void wrongItemTypeIsABindError() {
    Item.Structure bad = new Item.Structure(Tag.REQUEST_MESSAGE,
        new Item.Structure(Tag.REQUEST_HEADER, protocolVersion(1, 4),
            new Item.TextString(Tag.BATCH_COUNT, "one")),
        new Item.Structure(Tag.BATCH_ITEM,
            new Item.Enumeration(Tag.OPERATION, Operation.QUERY.value()),
            new Item.Structure(Tag.REQUEST_PAYLOAD)));
    assertThatThrownBy(() -> RequestMessage.fromItem(bad, KmipVersion.V1_4))
        .isInstanceOf(BindException.class)
        .satisfies(e -> assertThat(((BindException) e).kind()).isEqualTo(BindException.Kind.WRONG_TYPE));
  }

  @Test
  void unknownEnumerationValueIsABindError() {
    Item.Structure bad = new Item.Structure(Tag.REQUEST_MESSAGE,
        new Item.Structure(Tag.REQUEST_HEADER, protocolVersion(1, 4), new Item.Integer(Tag.BATCH_COUNT, 1)),
        new Item.Structure(Tag.BATCH_ITEM,
            new Item.Enumeration(Tag.OPERATION, 0x7FFF),
            new Item.Structure(Tag.REQUEST_PAYLOAD)));
    assertThatThrownBy(() -> RequestMessage.fromItem(bad, KmipVersion.V1_4))
        .isInstanceOf(BindException.class)
        .satisfies(e -> assertThat(((BindException) e).kind()).isEqualTo(BindException.Kind.BAD_VALUE));
  }

  @Test
  void unknownFieldIsRefusedButExtensionTagsAreIgnored() throws Exception {
    Item.Structure withExtension = createRequest(new Item.TextString(0x540001, "vendor"));
    assertThat(RequestMessage.fromItem(withExtension, KmipVersion.V1_4).requestHeader().batchCount()).isEqualTo(1);
    Item.Structure withStranger = createRequest(new Item.TextString(Tag.NAME_VALUE, "stray"));
    assertThatThrownBy(() -> RequestMessage.fromItem(withStranger, KmipVersion.V1_4))
        .isInstanceOf(BindException.class)
        .satisfies(e -> assertThat(((BindException) e).kind()).isEqualTo(BindException.Kind.UNKNOWN_FIELD));
  }

  @Test
  void responseRoundTripsInEveryServedVersion() throws Exception {
    // 1.0 to 2.1: the 3.0 draft tables lack message fields such as Unique Batch Item ID
    for (KmipVersion v : java.util.EnumSet.range(KmipVersion.V1_0, KmipVersion.V2_1)) {
      ProtocolVersion pv = ProtocolVersion.of(v);
      ResponseMessage m = new ResponseMessage(
          ResponseHeader.of(pv, Instant.ofEpochSecond(1_700_000_000L), 2),
          List.of(
              ResponseBatchItem.success(Operation.GET, new byte[] {1, 2},
                  new Item.Structure(Tag.RESPONSE_PAYLOAD, new Item.TextString(Tag.UNIQUE_IDENTIFIER, "id"))),
              ResponseBatchItem.failure(Operation.DESTROY, new byte[] {3}, ResultReason.ITEM_NOT_FOUND, "no such object")));
      Item.Structure tree = m.toItem(v);
      VersionGuard.check(tree, v);
      ResponseMessage back = ResponseMessage.fromItem(tree, v);
      assertThat(back.toItem(v)).as("KMIP %s", v).isEqualTo(tree);
      assertThat(back.batchItems().get(1).resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
      assertThat(back.responseHeader().batchCount()).isEqualTo(2);
    }
  }

  @Test
  void credentialNeverPrintsItsPassword() {
    UsernamePassword up = new UsernamePassword("alice", "s3cret-pw");
    assertThat(up.toString()).doesNotContain("s3cret-pw");
  }

  private interface BindCall {
    Object run() throws BindException;
  }

  private static BindException catchBind(BindCall call) {
    try {
      call.run();
      return null;
    } catch (BindException e) {
      return e;
    }
  }
}
