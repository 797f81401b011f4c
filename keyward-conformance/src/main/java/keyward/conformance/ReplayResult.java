package keyward.conformance;

/**
 * The outcome of replaying one file.
 *
 * @param steps how many steps the file has
 * @param stepsPassed how many matched before the first failure (all of them on a pass)
 * @param mismatch the first response difference, or null
 * @param problem why the replay could not go on (bad file, no response, unbound placeholder), or null
 * @param notSupported when the failing step uses what the server lacks, what ({@link NotSupported}), else null
 */
public record ReplayResult(int steps, int stepsPassed, Mismatch mismatch, String problem, String notSupported) {
  public ReplayResult(int steps, int stepsPassed, Mismatch mismatch, String problem) {
    this(steps, stepsPassed, mismatch, problem, null);
  }

  public boolean passed() {
    return mismatch == null && problem == null;
  }

  /** "pass", or the first mismatch/problem in one line. */
  public String summary() {
    if (mismatch != null) {
      return mismatch.oneLine();
    }
    if (problem != null) {
      return problem.replaceAll("[\\t\\r\\n]+", " ");
    }
    return "pass";
  }
}
