package keyward.server.operation;

import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.InteropFunction;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The BL cases' bracket (Interop Begin/End) and Log (BL-M-1-21). */
class InteropLogTest {
  private final ServerHarness h = new ServerHarness();

  @ParameterizedTest
  @EnumSource(InteropFunction.class)
  void everyInteropFunctionSucceedsEmpty(InteropFunction f) throws Exception {
    ResponseBatchItem r = ok(h.call(KmipVersion.V2_1, Operation.INTEROP,
        new Item.Enumeration(Tag.INTEROP_FUNCTION, f.value()), new Item.TextString(Tag.INTEROP_IDENTIFIER, "BL-M-1-21")));
    assertThat(r.responsePayload().items()).isEmpty();
  }

  /** The request exactly as BL-M-1-21 sends it. */
  @Test
  void theCasesBeginIsAccepted() throws Exception {
    Item.Structure p = OasisRequests.payload("2.1", "BL-M-1-21.xml", Operation.INTEROP);
    ok(h.call(KmipVersion.V2_1, Operation.INTEROP, OasisRequests.items(p)));
  }

  @Test
  void anUnknownFunctionIsAnInvalidField() throws Exception {
    ResponseBatchItem r = h.call(KmipVersion.V2_1, Operation.INTEROP,
        new Item.Enumeration(Tag.INTEROP_FUNCTION, 77), new Item.TextString(Tag.INTEROP_IDENTIFIER, "x"));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void logAcceptsTheCasesMessage() throws Exception {
    Item.Structure p = OasisRequests.payload("2.1", "BL-M-1-21.xml", Operation.LOG);
    assertThat(ok(h.call(KmipVersion.V2_1, Operation.LOG, OasisRequests.items(p))).responsePayload().items()).isEmpty();
  }

  @Test
  void loggedTextIsBoundedAndHasNoControlCharacters() {
    assertThat(LogHandler.printable("a\nb\u001b[31m")).isEqualTo("a?b?[31m");
    assertThat(LogHandler.printable("x".repeat(5000))).hasSize(LogHandler.MAX_LOGGED + 3);
  }
}
