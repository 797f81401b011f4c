package keyward.conformance;

import java.util.Optional;

/**
 * The random number generator a test-case file's expected responses name (the Random Number
 * Generator attribute: RNG Algorithm, and the Cryptographic Algorithm / Length under it), in the
 * file's XML names, e.g. ANSIX9_31 / AES / 256. A target that can be configured with that
 * generator replays the file with it; the results say so.
 *
 * @param rngAlgorithm e.g. "ANSIX9_31"
 * @param cryptographicAlgorithm e.g. "AES", or null
 * @param cryptographicLength e.g. 256, or null
 */
public record ExpectedRng(String rngAlgorithm, String cryptographicAlgorithm, Integer cryptographicLength) {

  /** The first generator named in the file's expected responses, if any. */
  public static Optional<ExpectedRng> of(TestCaseFile file) {
    for (TestCaseFile.Step s : file.steps()) {
      Optional<ExpectedRng> r = find(s.response());
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  private static Optional<ExpectedRng> find(XmlNode n) {
    String alg = null;
    String cipher = null;
    Integer length = null;
    for (XmlNode c : n.children()) {
      switch (c.element()) {
        case "RNGAlgorithm" -> alg = c.value();
        case "CryptographicAlgorithm" -> cipher = c.value();
        case "CryptographicLength" -> {
          try {
            length = c.value() == null ? null : Integer.decode(c.value());
          } catch (NumberFormatException e) {
            length = null;
          }
        }
        default -> { }
      }
    }
    if (alg != null && !alg.startsWith("$")) {
      return Optional.of(new ExpectedRng(alg, cipher, length));
    }
    for (XmlNode c : n.children()) {
      Optional<ExpectedRng> r = find(c);
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }
}
