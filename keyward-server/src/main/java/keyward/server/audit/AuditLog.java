package keyward.server.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: one JSON object per line, appended, each line chained to the one before by a
 * SHA-256 hash (see {@link AuditChain} for the format and its check).
 *
 * <p>Durability: {@link #record} writes the line to the file (the operating system's cache)
 * before it returns, and the message processor records before it hands the response to the
 * transport; so an answered request is in the log even if the server process dies. The file
 * is forced to the disk once a second and on close: a power failure can lose at most the last
 * second of entries (the store's fsync per commit is what guards the objects themselves).
 *
 * <p>A line the server was writing when it died (no final newline) is cut off at the next
 * start, with a warning: its request was never answered.
 */
public final class AuditLog implements AuditSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final JsonFactory JSON = new JsonFactory();

  private final Path file;
  private final FileChannel channel;
  private final ScheduledExecutorService syncer;
  private String previous;
  private long sequence;
  private boolean dirty;
  private boolean failing;
  /** Where the next line goes (kept here: asking the channel is a system call per line). */
  private long end;
  private final MessageDigest sha256;

  private AuditLog(Path file, FileChannel channel, AuditChain.Tail tail) {
    this.file = file;
    this.channel = channel;
    this.previous = tail.hash();
    this.sequence = tail.sequence();
    this.end = tail.completeLength();
    this.sha256 = AuditChain.sha256();
    this.syncer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("audit-sync").daemon().factory());
    syncer.scheduleWithFixedDelay(this::sync, 1, 1, TimeUnit.SECONDS);
  }

  /** Opens (or creates) the log and continues its chain. */
  public static AuditLog open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      AuditChain.Tail tail = AuditChain.tail(ch);
      if (tail.completeLength() < ch.size()) {
        LOG.warn("audit log {}: cutting off an unfinished last line ({} bytes) left by a crash",
            file, ch.size() - tail.completeLength());
        ch.truncate(tail.completeLength());
        ch.force(true);
      }
      ch.position(ch.size());
      return new AuditLog(file, ch, tail);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public void record(AuditEvent e) {
    byte[] fields = fields(e); // outside the lock: only the chaining is serialised
    synchronized (this) {
      append(fields);
    }
  }

  private static final byte[] HASH_FIELD = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LINE_END = "\"}\n".getBytes(StandardCharsets.US_ASCII);

  /** Chains and writes one line; the caller holds this object's lock. */
  private void append(byte[] fields) {
    byte[] body = body(sequence + 1, fields, previous);
    String hash = AuditChain.hash(sha256, body);
    // the line: the body without its closing brace, then ,"hash":"<hash>"}
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 80);
    out.write(body, 0, body.length - 1);
    out.writeBytes(HASH_FIELD);
    out.writeBytes(hash.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(LINE_END);
    byte[] line = out.toByteArray();
    long start = end;
    try {
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      end = start + line.length;
      sequence++;
      previous = hash;
      dirty = true;
      if (failing) {
        LOG.warn("audit log {} is written again", file);
        failing = false;
      }
    } catch (IOException ex) {
      // The request has been carried out already; what is left is to say so loudly.
      if (!failing) {
        LOG.error("audit log {}: cannot write ({}); entries are being lost", file, ex.getMessage());
        failing = true;
      }
      try {
        // a partial line would break the chain for every later line: take it back
        channel.truncate(start);
        channel.position(start);
      } catch (IOException ignored) {
        // the next start cuts an unfinished line off
      }
    }
  }

  /**
   * The line before its hash, as UTF-8: {"seq":N, then the event's fields, then
   * "prev":"<previous>"}.
   */
  private static byte[] body(long sequence, byte[] fields, String previous) {
    byte[] head = ("{\"seq\":" + sequence + ",").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = (",\"prev\":\"" + previous + "\"}").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + fields.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(fields, 0, out, head.length, fields.length);
    System.arraycopy(tail, 0, out, head.length + fields.length, tail.length);
    return out;
  }

  /** The event's fields in line order, UTF-8, as they sit between the braces of the body. */
  private static byte[] fields(AuditEvent e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("time", DateTimeFormatter.ISO_INSTANT.format(e.time()));
      g.writeStringField("identity", e.identity());
      g.writeStringField("address", e.address());
      if (e.operation() != null) {
        g.writeStringField("operation", e.operation());
      }
      g.writeArrayFieldStart("objects");
      for (String o : e.objects()) {
        g.writeString(o);
      }
      g.writeEndArray();
      if (e.objectsTotal() > e.objects().size()) {
        g.writeNumberField("objects_total", e.objectsTotal());
      }
      g.writeStringField("status", e.status());
      if (e.reason() != null) {
        g.writeStringField("reason", e.reason());
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex); // a ByteArrayOutputStream does not fail
    }
    byte[] object = out.toByteArray();
    return java.util.Arrays.copyOfRange(object, 1, object.length - 1); // without { and }
  }

  private synchronized void sync() {
    if (!dirty) {
      return;
    }
    try {
      channel.force(false);
      dirty = false;
    } catch (IOException e) {
      LOG.error("audit log {}: cannot sync to disk: {}", file, e.getMessage());
    }
  }

  @Override
  public synchronized void close() throws IOException {
    syncer.shutdownNow();
    // the server log keeps where the chain ended, so a cut-off end of the file can be noticed
    LOG.info("audit log {} closed at seq {} (hash {})", file, sequence, previous);
    try {
      if (channel.isOpen()) {
        channel.force(true);
      }
    } finally {
      channel.close();
    }
  }
}
