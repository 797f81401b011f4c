package keyward.kmip.message;

import java.time.Instant;
import java.util.List;
import keyward.kmip.bind.Required;
import keyward.kmip.bind.Since;
import keyward.kmip.bind.Until;
import keyward.kmip.spec.AttestationType;
import keyward.kmip.ttlv.Item;

/** Response Header (KMIP 1.x §7.2 / 2.x §8.2). */
public record ResponseHeader(
    @Required ProtocolVersion protocolVersion,
    @Required Instant timeStamp,
    @Since("1.2") Item.Structure nonce,
    @Since("2.0") byte[] serverHashedPassword,
    @Since("1.2") List<AttestationType> attestationType,
    @Since("1.4") String clientCorrelationValue,
    @Since("1.4") String serverCorrelationValue,
    @Required @Until("2.1") Integer batchCount) {

  public static ResponseHeader of(ProtocolVersion version, Instant timeStamp, int batchCount) {
    return new ResponseHeader(version, timeStamp, null, null, List.of(), null, null, BatchCounts.forVersion(version, batchCount));
  }
}
