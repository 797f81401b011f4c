package keyward.cli.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import keyward.client.KmipConnection;
import keyward.kmip.bind.BindException;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.HdrHistogram.Histogram;

/**
 * N threads, each with its own persistent mutual-TLS connection, send one request at a time for
 * the warm-up and then the measured duration, and stop by themselves at the end. One "op" is one
 * request/response exchange; its latency is measured around the exchange (encode, TLS, server,
 * decode). Failures are counted by Result Reason (or by what went wrong on the wire).
 */
public final class LoadGenerator {
  /** What each connection does. */
  public enum Mix {
    GET("get"), CREATE("create"), CREATE_GET_DESTROY("create-get-destroy"), LOCATE("locate"),
    /** Locate by Object Type and Cryptographic Algorithm with a Maximum Items: no Name. */
    LOCATE_ATTRIBUTES("locate-attributes");

    public final String label;

    Mix(String label) {
      this.label = label;
    }

    public static Mix parse(String s) {
      for (Mix m : values()) {
        if (m.label.equals(s)) {
          return m;
        }
      }
      throw new IllegalArgumentException(
          "--mix: expected get, create, create-get-destroy, locate or locate-attributes, not " + s);
    }
  }

  /**
   * @param keys how many keys Get and Locate pick from: pre-created, or for Locate with
   *     {@code names} the keys named {@code names + 0 .. names + (keys - 1)} already stored
   *     (e.g. by {@code keyward admin fill})
   * @param names the prefix of existing keys' names, or null to pre-create named keys
   * @param maxItems Maximum Items of locate-attributes
   */
  public record Settings(String host, int port, SSLContext tls, KmipVersion version, Mix mix,
      int connections, Duration warmup, Duration duration, int keys, String names, int maxItems) {}

  /** Latencies in nanoseconds; errors by reason; ops counted only in the measured window. */
  public record Result(Settings settings, long ops, double seconds, Histogram latency,
      Map<String, Long> errors) {
    public double opsPerSecond() {
      return ops / seconds;
    }
  }

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private final Settings s;
  private final Requests requests;
  private final List<String> ids = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final String runTag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

  private LoadGenerator(Settings s) {
    this.s = s;
    this.requests = new Requests(s.version());
  }

  /** Runs the whole bench: connect, pre-create keys (get, locate), warm up, measure, stop. */
  public static Result run(Settings s) throws IOException, InterruptedException {
    return new LoadGenerator(s).run();
  }

  private Result run() throws IOException, InterruptedException {
    List<Worker> workers = new ArrayList<>();
    try {
      for (int i = 0; i < s.connections(); i++) {
        workers.add(new Worker(connect()));
      }
      if (s.mix() == Mix.GET || (s.mix() == Mix.LOCATE && s.names() == null)) {
        prepare(workers);
      }
      long start = System.nanoTime();
      long measureFrom = start + s.warmup().toNanos();
      long end = measureFrom + s.duration().toNanos();
      List<Thread> threads = new ArrayList<>();
      for (Worker w : workers) {
        threads.add(Thread.ofPlatform().name("bench-" + threads.size())
            .start(() -> w.loop(measureFrom, end)));
      }
      long deadline = end + READ_TIMEOUT.toNanos() + Duration.ofSeconds(5).toNanos();
      for (Thread t : threads) {
        t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      }
      Histogram all = new Histogram(3);
      Map<String, Long> errors = new TreeMap<>();
      long ops = 0;
      for (Worker w : workers) {
        all.add(w.latency);
        ops += w.ops;
        w.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
      }
      return new Result(s, ops, s.duration().toNanos() / 1e9, all, errors);
    } finally {
      for (Worker w : workers) {
        if (w.connection != null) {
          w.connection.close();
        }
      }
    }
  }

  /** Creates the keys Get and Locate pick from, spread over all connections. */
  private void prepare(List<Worker> workers) throws InterruptedException {
    List<String> wanted = new ArrayList<>();
    for (int i = 0; i < s.keys(); i++) {
      wanted.add("bench-" + runTag + "-" + i);
    }
    List<Thread> threads = new ArrayList<>();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int k = 0; k < workers.size(); k++) {
      Worker w = workers.get(k);
      int from = k;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int i = from; i < wanted.size(); i += workers.size()) {
          Outcome o = w.exchange(requests.create(s.mix() == Mix.LOCATE ? wanted.get(i) : null));
          if (o.error() != null) {
            failures.add(o.error());
            return;
          }
          synchronized (ids) {
            ids.add(o.uniqueIdentifier());
            names.add(wanted.get(i));
          }
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("cannot create the keys the " + s.mix().label
          + " mix needs: " + failures.getFirst());
    }
  }

  private KmipConnection connect() throws IOException {
    return new KmipConnection(s.tls(), s.host(), s.port(), Duration.ofSeconds(10), READ_TIMEOUT,
        CodecLimits.DEFAULT);
  }

  /** The answer to one request: its Unique Identifier (if any), or why it failed. */
  private record Outcome(String uniqueIdentifier, String error) {}

  private final class Worker {
    KmipConnection connection;
    final Histogram latency = new Histogram(3);
    final Map<String, Long> errors = new TreeMap<>();
    long ops;

    Worker(KmipConnection connection) {
      this.connection = connection;
    }

    void loop(long measureFrom, long end) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      long t = System.nanoTime();
      while (t < end) {
        switch (s.mix()) {
          case GET -> t = timed(requests.get(ids.get(random.nextInt(ids.size()))), measureFrom).at;
          case LOCATE -> t = timed(requests.locateByName(s.names() != null
              ? s.names() + random.nextInt(s.keys()) : names.get(random.nextInt(names.size()))),
              measureFrom).at;
          case LOCATE_ATTRIBUTES -> t = timed(requests.locateSymmetricAes(s.maxItems()), measureFrom).at;
          case CREATE -> t = timed(requests.create(null), measureFrom).at;
          case CREATE_GET_DESTROY -> {
            Timed c = timed(requests.create(null), measureFrom);
            t = c.at;
            if (c.outcome.error() == null && t < end) {
              t = timed(requests.get(c.outcome.uniqueIdentifier()), measureFrom).at;
              t = timed(requests.destroy(c.outcome.uniqueIdentifier()), measureFrom).at;
            }
          }
        }
      }
    }

    private record Timed(Outcome outcome, long at) {}

    private Timed timed(Item request, long measureFrom) {
      long t0 = System.nanoTime();
      Outcome o = exchange(request);
      long t1 = System.nanoTime();
      if (t0 >= measureFrom) {
        ops++;
        latency.recordValue(t1 - t0);
        if (o.error() != null) {
          errors.merge(o.error(), 1L, Long::sum);
        }
      }
      return new Timed(o, t1);
    }

    Outcome exchange(Item request) {
      Item answer;
      try {
        if (connection == null) {
          connection = connect();
        }
        answer = connection.exchange(request);
      } catch (IOException | DecodeException e) {
        // A broken connection is replaced on the next request; the failure is counted.
        if (connection != null) {
          connection.close();
          connection = null;
        }
        return new Outcome(null, "transport: " + e.getClass().getSimpleName());
      }
      try {
        ResponseBatchItem b = ResponseMessage.fromItem(answer, s.version()).batchItems().getFirst();
        if (b.resultStatus() != ResultStatus.SUCCESS) {
          return new Outcome(null, b.resultReason() == null ? "(no Result Reason)" : b.resultReason().specName());
        }
        String id = b.responsePayload() == null ? null : b.responsePayload().first(Tag.UNIQUE_IDENTIFIER)
            .filter(Item.TextString.class::isInstance).map(i -> ((Item.TextString) i).value()).orElse(null);
        if (id == null && b.operation() != null && b.operation().specName().equals("Locate")) {
          return new Outcome(null, "Locate matched nothing");
        }
        return new Outcome(id, null);
      } catch (BindException | RuntimeException e) {
        return new Outcome(null, "malformed answer");
      }
    }
  }
}
