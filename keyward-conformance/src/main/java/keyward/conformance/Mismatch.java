package keyward.conformance;

/**
 * The first difference between an expected and an actual response.
 *
 * @param step the step (request/response pair, from 0) of the file, -1 when not yet known
 * @param path where, e.g. "ResponseMessage/BatchItem/ResponsePayload/Attributes/State"
 * @param expected what the file expects there (placeholders shown as written)
 * @param actual what the server sent (byte strings of the server's own shown by length only)
 */
public record Mismatch(int step, String path, String expected, String actual) {
  Mismatch atStep(int s) {
    return new Mismatch(s, path, expected, actual);
  }

  /** One line, for results.tsv and test output. */
  public String oneLine() {
    String s = "step " + step + " " + path + ": expected " + expected + ", actual " + actual;
    return s.replaceAll("[\\t\\r\\n]+", " ");
  }

  @Override
  public String toString() {
    return oneLine();
  }
}
