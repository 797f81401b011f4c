package keyward.server.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit log's chain. Each line is a JSON object whose last field is {@code "hash"}: the
 * lowercase hex SHA-256 of the line as it reads without that field (everything before {@code
 * ,"hash":} plus the closing brace), UTF-8. That text holds {@code "prev"}, the hash of the
 * line before (64 zeros for the first) and {@code "seq"}, one more than the line before. A
 * changed line fails its own hash; a removed or inserted line fails the next line's prev and
 * seq. Cutting lines off the end is not visible in the file alone: compare the last seq with a
 * copy kept elsewhere (e.g. the server log's shutdown line).
 */
public final class AuditChain {
  public static final String GENESIS = "0".repeat(64);
  private static final String HASH_FIELD = ",\"hash\":\"";
  private static final JsonFactory JSON = new JsonFactory();

  private AuditChain() {}

  /** The outcome of a check: the entries read, and the first broken line (1-based) or 0. */
  public record Result(long entries, long brokenLine, String why) {
    public boolean intact() {
      return brokenLine == 0;
    }
  }

  /** Where an existing log ends: the last complete line's hash and seq, and its byte length. */
  record Tail(String hash, long sequence, long completeLength) {}

  static String hash(String body) {
    return hash(sha256(), body.getBytes(StandardCharsets.UTF_8));
  }

  /** The hash of a body's UTF-8 bytes, with a digest the caller owns. */
  static String hash(MessageDigest sha256, byte[] body) {
    return HexFormat.of().formatHex(sha256.digest(body));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Checks every line of the file. */
  public static Result verify(Path file) throws IOException {
    String previous = GENESIS;
    long lineNo = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        String why = check(line, previous, lineNo);
        if (why != null) {
          return new Result(lineNo - 1, lineNo, why);
        }
        previous = hashOf(line);
      }
    } catch (java.nio.charset.MalformedInputException e) {
      return new Result(lineNo, lineNo + 1, "not UTF-8");
    }
    return new Result(lineNo, 0, null);
  }

  /** Why the line does not follow a line whose hash is {@code previous}, or null when it does. */
  static String check(String line, String previous, long expectedSeq) {
    int at = line.lastIndexOf(HASH_FIELD);
    if (at < 0 || !line.endsWith("\"}") || line.length() != at + HASH_FIELD.length() + 64 + 2) {
      return "no hash at the end of the line";
    }
    String body = line.substring(0, at) + "}";
    String hash = line.substring(at + HASH_FIELD.length(), at + HASH_FIELD.length() + 64);
    if (!hash(body).equals(hash)) {
      return "the line does not match its hash (changed)";
    }
    Fields f;
    try {
      f = fields(body);
    } catch (IOException e) {
      return "not a JSON object: " + e.getMessage();
    }
    if (!previous.equals(f.prev)) {
      return "prev does not match the hash of the line before (a line removed, inserted or reordered)";
    }
    if (f.seq != expectedSeq) {
      return "seq is " + f.seq + ", expected " + expectedSeq;
    }
    return null;
  }

  private static String hashOf(String line) {
    int at = line.lastIndexOf(HASH_FIELD);
    return line.substring(at + HASH_FIELD.length(), at + HASH_FIELD.length() + 64);
  }

  private record Fields(long seq, String prev) {}

  private static Fields fields(String body) throws IOException {
    long seq = -1;
    String prev = null;
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("seq") && t == JsonToken.VALUE_NUMBER_INT) {
          seq = p.getLongValue();
        } else if (name.equals("prev") && t == JsonToken.VALUE_STRING) {
          prev = p.getText();
        } else {
          p.skipChildren();
        }
      }
    }
    return new Fields(seq, prev);
  }

  /**
   * Reads the end of an open log: the last complete line (ending in a newline) gives the chain
   * to continue. Lines are short (identifiers are capped), so the last 1 MiB holds it.
   */
  static Tail tail(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size == 0) {
      return new Tail(GENESIS, 0, 0);
    }
    int n = (int) Math.min(size, 1 << 20);
    ByteBuffer buf = ByteBuffer.allocate(n);
    long from = size - n;
    while (buf.hasRemaining()) {
      if (ch.read(buf, from + buf.position()) < 0) {
        break;
      }
    }
    byte[] b = buf.array();
    int end = -1;
    for (int i = n - 1; i >= 0; i--) {
      if (b[i] == '\n') {
        end = i;
        break;
      }
    }
    if (end < 0) {
      if (size <= n) {
        return new Tail(GENESIS, 0, 0); // one unfinished line and nothing before it
      }
      throw new IOException("audit log: no line end in the last MiB; not an audit log?");
    }
    int start = end - 1;
    while (start >= 0 && b[start] != '\n') {
      start--;
    }
    String last = new String(b, start + 1, end - start - 1, StandardCharsets.UTF_8);
    int at = last.lastIndexOf(HASH_FIELD);
    if (at < 0 || last.length() != at + HASH_FIELD.length() + 64 + 2) {
      throw new IOException("audit log: the last line has no hash; refusing to continue a chain"
          + " that cannot be checked (verify the file, then move it aside)");
    }
    Fields f = fields(last.substring(0, at) + "}");
    return new Tail(hashOf(last), f.seq, from + end + 1);
  }
}
