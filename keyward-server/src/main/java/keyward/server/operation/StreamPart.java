package keyward.server.operation;

import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * Where a request stands in a streamed operation (1.4 §4.29): the first part carries Init
 * Indicator true, the next ones the Correlation Value the server returned, the last one Final
 * Indicator true. A request with none of these is a whole operation.
 *
 * @param correlation the Correlation Value (null for a whole operation or a first part)
 * @param first true when this request starts the operation (whole or streamed)
 * @param last true when this request ends it
 */
record StreamPart(byte[] correlation, boolean first, boolean last) {

  static StreamPart of(Item.Structure payload, KmipVersion version) throws KmipException {
    byte[] correlation = CryptoKeys.bytes(payload, Tag.CORRELATION_VALUE);
    boolean init = CryptoKeys.flag(payload, Tag.INIT_INDICATOR);
    boolean last = payload.first(Tag.FINAL_INDICATOR).isPresent() ? CryptoKeys.flag(payload, Tag.FINAL_INDICATOR)
        : correlation == null && !init;
    if (init && correlation != null) {
      throw KmipException.invalidField("an Init Indicator starts a stream: it has no Correlation Value yet");
    }
    if (!init && correlation == null && !last) {
      throw KmipException.invalidField("a Final Indicator of false needs an Init Indicator or a Correlation Value");
    }
    if ((init || correlation != null) && !SpecRegistry.tag(Tag.CORRELATION_VALUE).definedIn(version)) {
      // the answer would carry a Correlation Value, which this version does not define
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "streamed operations need KMIP 1.3 or later");
    }
    return new StreamPart(correlation, correlation == null, last);
  }

  /** The request's Data: required, except in a continuation, where it may be empty. */
  byte[] data(Item.Structure payload) throws KmipException {
    byte[] data = CryptoKeys.bytes(payload, Tag.DATA);
    if (data == null) {
      if (correlation == null) {
        throw KmipException.missingData("Data is required");
      }
      return new byte[0];
    }
    return data;
  }
}
