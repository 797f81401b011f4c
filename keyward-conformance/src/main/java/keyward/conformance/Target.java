package keyward.conformance;

import java.util.Set;
import keyward.kmip.spec.Operation;

/** The server a test-case file is replayed against; closing it stops what it started. */
public interface Target extends AutoCloseable {

  /**
   * A connection (and, for an in-process server, the server itself) for one file; a target that
   * can should give each file a fresh store, so that Locate sees only the file's own objects.
   *
   * @param file the file to replay
   * @param https the HTTPS encoding for a Message Encodings file, null for TTLV over the KMIP port
   * @return null when this target cannot replay the file, with {@link #whyNot} saying why
   */
  Session open(TestCaseFile file, HttpsKmipConnection.Encoding https) throws Exception;

  /** Why {@link #open} returned null for files of this encoding. */
  default String whyNot(HttpsKmipConnection.Encoding https) {
    return "not replayable on this target";
  }

  @Override
  default void close() throws Exception {}

  /** One file's connection. */
  interface Session extends AutoCloseable {
    OasisReplay.Transport transport();

    /** The operations the server performs (its dispatch table), or null when not known. */
    Set<Operation> performed();

    /**
     * Server settings chosen for this file that differ from the defaults, e.g.
     * "rng=ansi-x9.31-aes-256" for a file whose answers name that generator; null for none.
     */
    default String settings() {
      return null;
    }
  }
}
