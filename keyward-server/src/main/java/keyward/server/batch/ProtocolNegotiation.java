package keyward.server.batch;

import java.util.List;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.spec.KmipVersion;

/**
 * Which protocol version a response uses. A version the server supports is answered in kind;
 * a newer minor version of a supported major is answered in the highest supported minor of
 * that major (minor versions are backward compatible); anything else is refused.
 */
public final class ProtocolNegotiation {
  private final List<KmipVersion> supported;

  /** @param supported the versions served, in any order */
  public ProtocolNegotiation(List<KmipVersion> supported) {
    this.supported = supported.stream().sorted().toList();
  }

  public static ProtocolNegotiation standard() {
    return new ProtocolNegotiation(List.of(
        KmipVersion.V1_0, KmipVersion.V1_1, KmipVersion.V1_2, KmipVersion.V1_3, KmipVersion.V1_4,
        KmipVersion.V2_0, KmipVersion.V2_1));
  }

  /** The versions served, newest first (the order Discover Versions answers in). */
  public List<KmipVersion> supportedNewestFirst() {
    return supported.reversed();
  }

  public KmipVersion negotiate(ProtocolVersion requested) {
    KmipVersion exact = requested.known();
    if (exact != null && supported.contains(exact)) {
      return exact;
    }
    KmipVersion best = null;
    for (KmipVersion v : supported) {
      if (v.major() == requested.protocolVersionMajor() && v.minor() <= requested.protocolVersionMinor()) {
        best = v;
      }
    }
    return best;
  }

  /** The version for error responses to messages whose version cannot be read. */
  public KmipVersion fallback() {
    return supported.getFirst();
  }
}
