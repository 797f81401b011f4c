package keyward.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;

/** Which correlation values the response header carries (KMIP 1.4+ Client/Server Correlation Value). */
class CorrelationValueTest {
  private final ServerHarness h = new ServerHarness();

  private Item.Structure responseHeader(String clientCorrelation) throws Exception {
    RequestHeader header = new RequestHeader(ProtocolVersion.of(KmipVersion.V2_1), null, clientCorrelation,
        null, null, null, List.of(), null, null, null, null, 1);
    RequestMessage m = new RequestMessage(header,
        List.of(RequestBatchItem.of(Operation.QUERY, new Item.Structure(Tag.REQUEST_PAYLOAD))));
    byte[] answer = h.server.processor().process(new TtlvCodec().encode(m.toItem(KmipVersion.V2_1)), h.caller);
    Item.Structure response = (Item.Structure) new TtlvCodec().decode(answer);
    return (Item.Structure) response.first(Tag.RESPONSE_HEADER).orElseThrow();
  }

  @Test
  void theClientsCorrelationValueIsNotEchoedButAServerOneAnswersIt() throws Exception {
    // as in every OASIS 2.1 profile case, e.g. SKLC-M-1-21: "SKLC-M-1-21 step=0" in, none back
    Item.Structure header = responseHeader("SKLC-M-1-21 step=0");
    assertThat(header.first(Tag.CLIENT_CORRELATION_VALUE)).isEmpty();
    assertThat(header.first(Tag.SERVER_CORRELATION_VALUE)).isPresent();
  }

  @Test
  void aClientThatSendsNoCorrelationValueGetsNoneBack() throws Exception {
    // PyKMIP 0.10 over KMIP 2.0 fails to read a header with a Server Correlation Value
    Item.Structure header = responseHeader(null);
    assertThat(header.first(Tag.CLIENT_CORRELATION_VALUE)).isEmpty();
    assertThat(header.first(Tag.SERVER_CORRELATION_VALUE)).isEmpty();
  }
}
