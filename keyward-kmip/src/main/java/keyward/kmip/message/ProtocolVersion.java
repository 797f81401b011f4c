package keyward.kmip.message;

import keyward.kmip.spec.KmipVersion;

/** Protocol Version: major and minor (KMIP 1.x §6.1, 2.x §8.1). */
public record ProtocolVersion(int protocolVersionMajor, int protocolVersionMinor)
    implements Comparable<ProtocolVersion> {

  public static ProtocolVersion of(KmipVersion v) {
    return new ProtocolVersion(v.major(), v.minor());
  }

  /** The known version this names, or null (a client may name one Keyward does not know). */
  public KmipVersion known() {
    return KmipVersion.of(protocolVersionMajor, protocolVersionMinor);
  }

  @Override
  public int compareTo(ProtocolVersion o) {
    int c = Integer.compare(protocolVersionMajor, o.protocolVersionMajor);
    return c != 0 ? c : Integer.compare(protocolVersionMinor, o.protocolVersionMinor);
  }

  @Override
  public String toString() {
    return protocolVersionMajor + "." + protocolVersionMinor;
  }
}
