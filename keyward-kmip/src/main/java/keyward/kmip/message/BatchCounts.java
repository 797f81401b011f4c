package keyward.kmip.message;

import keyward.kmip.spec.KmipVersion;

/** KMIP 3.0 drops Batch Count from the headers; earlier versions require it. */
final class BatchCounts {
  private BatchCounts() {}

  static Integer forVersion(ProtocolVersion version, int count) {
    KmipVersion v = version.known();
    return v != null && v.atLeast(KmipVersion.V3_0) ? null : count;
  }
}
