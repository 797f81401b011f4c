package keyward.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.BatchErrorContinuationOption;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.QueryFunction;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;

class MessageProcessorTest {
  private final ServerHarness h = new ServerHarness();

  @Test
  void discoverVersionsListsServedVersionsNewestFirst() throws Exception {
    ResponseBatchItem r = h.call(KmipVersion.V1_4, Operation.DISCOVER_VERSIONS);
    assertThat(r.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    List<Item> versions = r.responsePayload().all(Tag.PROTOCOL_VERSION);
    assertThat(versions).hasSize(7);
    assertThat(((Item.Structure) versions.getFirst()).first(Tag.PROTOCOL_VERSION_MAJOR))
        .contains(new Item.Integer(Tag.PROTOCOL_VERSION_MAJOR, 2));
  }

  @Test
  void discoverVersionsKeepsOnlyTheClientsSupportedOnes() throws Exception {
    ResponseBatchItem r = h.call(KmipVersion.V1_2, Operation.DISCOVER_VERSIONS,
        pv(9, 9), pv(1, 2), pv(1, 1));
    assertThat(r.responsePayload().all(Tag.PROTOCOL_VERSION)).containsExactly(pv(1, 2), pv(1, 1));
  }

  @Test
  void queryListsTheOperationsOfTheDispatchTableForTheVersion() throws Exception {
    ResponseBatchItem r = h.call(KmipVersion.V1_2, Operation.QUERY,
        new Item.Enumeration(Tag.QUERY_FUNCTION, QueryFunction.QUERY_OPERATIONS.value()));
    List<Item> ops = r.responsePayload().all(Tag.OPERATION);
    assertThat(ops).contains(new Item.Enumeration(Tag.OPERATION, Operation.QUERY.value()));
    // Ping is a 2.1 operation: a 1.2 client must not hear of it
    assertThat(ops).doesNotContain(new Item.Enumeration(Tag.OPERATION, Operation.PING.value()));
  }

  @Test
  void unsupportedOperationIsRefusedWithOperationNotSupported() throws Exception {
    ResponseBatchItem r = h.call(KmipVersion.V2_1, Operation.EXPORT); // one the server does not perform
    assertThat(r.resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
    assertThat(r.resultReason()).isEqualTo(ResultReason.OPERATION_NOT_SUPPORTED);
  }

  @Test
  void undecodableMessageGetsInvalidMessage() throws Exception {
    byte[] garbage = {0x42, 0x00, 0x78, 0x01, 0, 0, 0, 8, 0x42, 0, 0x77, 0x01, 0, 0, 0, 0x10};
    byte[] answer = h.server.processor().process(garbage, h.caller);
    ResponseMessage m = ResponseMessage.fromItem(new TtlvCodec().decode(answer), KmipVersion.V1_0);
    assertThat(m.batchItems().getFirst().resultReason()).isEqualTo(ResultReason.INVALID_MESSAGE);
  }

  @Test
  void batchCountMismatchIsAnInvalidMessage() throws Exception {
    RequestHeader header = RequestHeader.of(ProtocolVersion.of(KmipVersion.V2_1), 3);
    List<ResponseBatchItem> r = h.send(KmipVersion.V2_1, header,
        RequestBatchItem.of(Operation.PING, new Item.Structure(Tag.REQUEST_PAYLOAD)));
    assertThat(r.getFirst().resultReason()).isEqualTo(ResultReason.INVALID_MESSAGE);
  }

  @Test
  void unknownProtocolMajorIsRefused() throws Exception {
    Item.Structure request = new Item.Structure(Tag.REQUEST_MESSAGE,
        new Item.Structure(Tag.REQUEST_HEADER, pv(9, 0), new Item.Integer(Tag.BATCH_COUNT, 1)),
        new Item.Structure(Tag.BATCH_ITEM, new Item.Enumeration(Tag.OPERATION, Operation.QUERY.value()),
            new Item.Structure(Tag.REQUEST_PAYLOAD)));
    Item.Structure answer = h.server.processor().process(request, h.caller);
    ResponseMessage m = ResponseMessage.fromItem(answer, KmipVersion.V1_0);
    assertThat(m.batchItems().getFirst().resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
  }

  @Test
  void newerMinorVersionIsAnsweredInTheHighestServedMinor() throws Exception {
    Item.Structure request = new Item.Structure(Tag.REQUEST_MESSAGE,
        new Item.Structure(Tag.REQUEST_HEADER, pv(1, 9), new Item.Integer(Tag.BATCH_COUNT, 1)),
        new Item.Structure(Tag.BATCH_ITEM, new Item.Enumeration(Tag.OPERATION, Operation.DISCOVER_VERSIONS.value()),
            new Item.Structure(Tag.REQUEST_PAYLOAD)));
    Item.Structure answer = h.server.processor().process(request, h.caller);
    ResponseMessage m = ResponseMessage.fromItem(answer, KmipVersion.V1_4);
    assertThat(m.responseHeader().protocolVersion()).isEqualTo(new ProtocolVersion(1, 4));
    assertThat(m.batchItems().getFirst().resultStatus()).isEqualTo(ResultStatus.SUCCESS);
  }

  @Test
  void stopOptionSkipsItemsAfterAFailure() throws Exception {
    RequestHeader header = new RequestHeader(ProtocolVersion.of(KmipVersion.V2_1), null, null, null, null,
        null, List.of(), null, BatchErrorContinuationOption.STOP, null, null, 3);
    List<ResponseBatchItem> r = h.send(KmipVersion.V2_1, header,
        RequestBatchItem.of(Operation.PING, new Item.Structure(Tag.REQUEST_PAYLOAD)),
        RequestBatchItem.of(Operation.CANCEL, new Item.Structure(Tag.REQUEST_PAYLOAD)),
        RequestBatchItem.of(Operation.PING, new Item.Structure(Tag.REQUEST_PAYLOAD)));
    assertThat(r).extracting(ResponseBatchItem::resultStatus)
        .containsExactly(ResultStatus.SUCCESS, ResultStatus.OPERATION_FAILED);
  }

  @Test
  void continueOptionRunsEveryItemAndEchoesBatchItemIds() throws Exception {
    List<ResponseBatchItem> r = h.batch(KmipVersion.V2_1,
        new RequestBatchItem(Operation.CANCEL, null, new byte[] {1}, new Item.Structure(Tag.REQUEST_PAYLOAD), List.of()),
        new RequestBatchItem(Operation.PING, null, new byte[] {2}, new Item.Structure(Tag.REQUEST_PAYLOAD), List.of()));
    assertThat(r).extracting(ResponseBatchItem::resultStatus)
        .containsExactly(ResultStatus.OPERATION_FAILED, ResultStatus.SUCCESS);
    assertThat(r.get(1).uniqueBatchItemID()).containsExactly(2);
  }

  @Test
  void maximumResponseSizeTurnsAnOversizeAnswerIntoResponseTooLarge() throws Exception {
    RequestHeader header = new RequestHeader(ProtocolVersion.of(KmipVersion.V1_4), 64, null, null, null,
        null, List.of(), null, null, null, null, 1);
    List<ResponseBatchItem> r = h.send(KmipVersion.V1_4, header, RequestBatchItem.of(Operation.QUERY,
        new Item.Structure(Tag.REQUEST_PAYLOAD,
            new Item.Enumeration(Tag.QUERY_FUNCTION, QueryFunction.QUERY_OPERATIONS.value()))));
    assertThat(r.getFirst().resultReason()).isEqualTo(ResultReason.RESPONSE_TOO_LARGE);
  }

  @Test
  void anAnswerTheClientsVersionCannotCarryFailsThatItemAlone() throws Exception {
    // a Get whose answer holds a 2.0+ tag, asked by a 1.4 client, next to a Discover Versions
    keyward.server.operation.OperationHandler foreign = new keyward.server.operation.OperationHandler() {
      @Override
      public Operation operation() {
        return Operation.GET;
      }

      @Override
      public Item.Structure handle(keyward.server.operation.OperationContext c, Item.Structure p) {
        return new Item.Structure(Tag.RESPONSE_PAYLOAD, new Item.TextString(Tag.SERVER_NAME, "x"));
      }
    };
    keyward.server.batch.ProtocolNegotiation negotiation = keyward.server.batch.ProtocolNegotiation.standard();
    keyward.server.operation.OperationTable table = new keyward.server.operation.OperationTable(List.of(
        foreign, new keyward.server.operation.DiscoverVersionsHandler(negotiation)));
    keyward.server.batch.MessageProcessor processor = new keyward.server.batch.MessageProcessor(table,
        new InMemoryObjectStore(), keyward.server.object.ObjectService.Factory.standard(),
        keyward.server.batch.Authenticator.TRANSPORT_ONLY, keyward.kmip.codec.CodecLimits.DEFAULT,
        h.clock, negotiation);
    keyward.kmip.message.RequestMessage m = new keyward.kmip.message.RequestMessage(
        RequestHeader.of(ProtocolVersion.of(KmipVersion.V1_4), 2), List.of(
            RequestBatchItem.of(Operation.GET, new Item.Structure(Tag.REQUEST_PAYLOAD)),
            RequestBatchItem.of(Operation.DISCOVER_VERSIONS, new Item.Structure(Tag.REQUEST_PAYLOAD))));
    ResponseMessage r = ResponseMessage.fromItem(processor.process(m.toItem(KmipVersion.V1_4), h.caller),
        KmipVersion.V1_4);
    assertThat(r.batchItems()).extracting(ResponseBatchItem::resultStatus)
        .containsExactly(ResultStatus.OPERATION_FAILED, ResultStatus.SUCCESS);
    // not General Failure: the client learns what its version lacks (see OlderClientAnswersTest)
    assertThat(r.batchItems().getFirst().resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    assertThat(r.batchItems().getFirst().resultMessage()).contains("ServerName", "KMIP 1.4");
  }

  private static Item.Structure pv(int major, int minor) {
    return new Item.Structure(Tag.PROTOCOL_VERSION,
        new Item.Integer(Tag.PROTOCOL_VERSION_MAJOR, major),
        new Item.Integer(Tag.PROTOCOL_VERSION_MINOR, minor));
  }
}
