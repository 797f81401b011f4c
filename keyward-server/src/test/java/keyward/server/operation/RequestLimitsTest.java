package keyward.server.operation;

import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KeywardServer;
import keyward.server.ServerHarness;
import keyward.server.batch.RequestLimits;
import org.junit.jupiter.api.Test;

/** The message processor's limits: batch items per request, identifiers per Locate, request rate. */
class RequestLimitsTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private ServerHarness harness(RequestLimits limits) {
    return new ServerHarness(KeywardServer.Options.DEFAULT.withRequestLimits(limits).withNanoTime(nanos::get));
  }

  private static RequestBatchItem[] queries(int n) {
    return Collections.nCopies(n, RequestBatchItem.of(Operation.QUERY, new Item.Structure(Tag.REQUEST_PAYLOAD)))
        .toArray(RequestBatchItem[]::new);
  }

  @Test
  void aBatchAtTheLimitIsServedAndOneOverIsRefusedWhole() throws Exception {
    ServerHarness h = harness(new RequestLimits(3, 100, 0));
    List<ResponseBatchItem> at = h.batch(KmipVersion.V2_1, queries(3));
    assertThat(at).hasSize(3).allMatch(r -> r.resultStatus() == ResultStatus.SUCCESS);
    List<ResponseBatchItem> over = h.batch(KmipVersion.V2_1, queries(4));
    assertThat(over).hasSize(1);
    assertThat(over.getFirst().resultReason()).isEqualTo(ResultReason.SERVER_LIMIT_EXCEEDED);
    assertThat(over.getFirst().resultMessage()).contains("at most 3 batch items");
    // 1.x has no Server Limit Exceeded
    List<ResponseBatchItem> over14 = h.batch(KmipVersion.V1_4, queries(4));
    assertThat(over14.getFirst().resultReason()).isEqualTo(ResultReason.GENERAL_FAILURE);
    assertThat(over14.getFirst().resultMessage()).contains("at most 3 batch items");
  }

  private static List<String> ids(ResponseBatchItem r) {
    return ok(r).responsePayload().all(Tag.UNIQUE_IDENTIFIER).stream()
        .map(i -> ((Item.TextString) i).value()).toList();
  }

  private static Integer located(ResponseBatchItem r) {
    return r.responsePayload().first(Tag.LOCATED_ITEMS).map(i -> ((Item.Integer) i).value()).orElse(null);
  }

  @Test
  void locateReturnsAtMostTheCapAndSaysHowManyMatched() throws Exception {
    ServerHarness h = harness(new RequestLimits(10, 2, 0));
    String a = Kmip.createAes(h, KmipVersion.V2_1);
    String b = Kmip.createAes(h, KmipVersion.V2_1);
    Kmip.createAes(h, KmipVersion.V2_1);
    ResponseBatchItem none = h.call(KmipVersion.V2_1, Operation.LOCATE);
    assertThat(ids(none)).containsExactly(a, b);
    assertThat(located(none)).isEqualTo(3);
    ResponseBatchItem atCap = h.call(KmipVersion.V1_4, Operation.LOCATE, new Item.Integer(Tag.MAXIMUM_ITEMS, 2));
    assertThat(ids(atCap)).containsExactly(a, b);
    ResponseBatchItem over = h.call(KmipVersion.V2_1, Operation.LOCATE, new Item.Integer(Tag.MAXIMUM_ITEMS, 5));
    assertThat(ids(over)).containsExactly(a, b);
    assertThat(ids(h.call(KmipVersion.V2_1, Operation.LOCATE, new Item.Integer(Tag.MAXIMUM_ITEMS, 1))))
        .containsExactly(a);
  }

  @Test
  void anIdentityOverItsRequestRateIsRefusedUntilTheRateAllowsAgain() throws Exception {
    ServerHarness h = harness(new RequestLimits(10, 10, 2));
    ok(h.call(KmipVersion.V2_1, Operation.QUERY));
    ok(h.call(KmipVersion.V2_1, Operation.QUERY));
    ResponseBatchItem third = h.call(KmipVersion.V2_1, Operation.QUERY);
    assertThat(third.resultReason()).isEqualTo(ResultReason.SERVER_LIMIT_EXCEEDED);
    assertThat(third.resultMessage()).contains("2 requests per second");
    // another identity has its own budget
    ok(h.as("bob").call(KmipVersion.V2_1, Operation.QUERY));
    h.as("alice");
    nanos.addAndGet(500_000_000L); // half a second: one more
    ok(h.call(KmipVersion.V2_1, Operation.QUERY));
    assertThat(h.call(KmipVersion.V2_1, Operation.QUERY).resultReason()).isEqualTo(ResultReason.SERVER_LIMIT_EXCEEDED);
  }
}
