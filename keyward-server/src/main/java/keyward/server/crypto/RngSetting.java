package keyward.server.crypto;

import java.util.Arrays;

/** The generators a server can make key material and random data with (setting {@code rng}). */
public enum RngSetting {
  /** The JDK's NIST SP 800-90A DRBG (the default). */
  DRBG("drbg"),
  /**
   * ANSI X9.31 (Appendix A.2.4) over AES-256, seeded from the JDK DRBG. A legacy option for
   * clients that expect it: NIST withdrew X9.31 generators in 2016 (SP 800-131A Rev. 1).
   */
  ANSI_X931_AES_256("ansi-x9.31-aes-256");

  private final String text;

  RngSetting(String text) {
    this.text = text;
  }

  /** The value as written in the setting. */
  public String text() {
    return text;
  }

  /** The setting for its text; an IllegalArgumentException names the values there are. */
  public static RngSetting parse(String text) {
    for (RngSetting s : values()) {
      if (s.text.equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown rng '" + text + "': one of "
        + Arrays.stream(values()).map(RngSetting::text).toList());
  }
}
