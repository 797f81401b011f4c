package keyward.kmip.message;

import java.time.Instant;
import java.util.List;
import keyward.kmip.bind.Required;
import keyward.kmip.bind.Since;
import keyward.kmip.bind.Until;
import keyward.kmip.spec.AttestationType;
import keyward.kmip.spec.BatchErrorContinuationOption;

/** Request Header (KMIP 1.x §7.2 / 2.x §8.2 message structure tables). */
public record RequestHeader(
    @Required ProtocolVersion protocolVersion,
    Integer maximumResponseSize,
    @Since("1.4") String clientCorrelationValue,
    @Since("1.4") String serverCorrelationValue,
    Boolean asynchronousIndicator,
    @Since("1.2") Boolean attestationCapableIndicator,
    @Since("1.2") List<AttestationType> attestationType,
    Authentication authentication,
    BatchErrorContinuationOption batchErrorContinuationOption,
    Boolean batchOrderOption,
    Instant timeStamp,
    @Required @Until("2.1") Integer batchCount) {

  /** A minimal header: version and batch count. */
  public static RequestHeader of(ProtocolVersion version, int batchCount) {
    return new RequestHeader(
        version, null, null, null, null, null, List.of(), null, null, null, null, BatchCounts.forVersion(version, batchCount));
  }
}
