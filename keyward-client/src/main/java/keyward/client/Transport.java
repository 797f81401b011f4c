package keyward.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.net.ssl.SSLContext;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.ttlv.Item;

/**
 * Request messages to one of several servers over pooled TLS connections, with fail-over.
 *
 * <p>A server that cannot be connected to (refused, connect or handshake time-out) is skipped
 * for the next one: the request never left, so this is safe for every operation. Once a request
 * has been sent, a broken connection or a read time-out leaves it unknown whether the server
 * carried it out, so only idempotent requests are sent again (on a new connection, to the next
 * server when there are several; at most {@code retries} times); for the others the failure is
 * reported.
 */
final class Transport implements AutoCloseable {
  /** One server address. */
  record Endpoint(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  private final List<Endpoint> endpoints;
  private final SSLContext tls;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final CodecLimits limits;
  private final int retries;
  private final BlockingQueue<KmipConnection> idle;
  private volatile int preferred; // the endpoint that answered last: tried first
  private volatile boolean closed;

  Transport(List<Endpoint> endpoints, SSLContext tls, Duration connectTimeout, Duration readTimeout,
      CodecLimits limits, int retries, int poolSize) {
    this.endpoints = List.copyOf(endpoints);
    this.tls = tls;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.limits = limits;
    this.retries = retries;
    this.idle = new ArrayBlockingQueue<>(poolSize);
  }

  /** Sends one request message and returns the response message. */
  Item exchange(Item request, boolean idempotent) {
    if (closed) {
      throw new IllegalStateException("client closed");
    }
    List<String> failures = new ArrayList<>();
    IOException last = null;
    int sendFailures = 0;
    KmipConnection pooled = idle.poll();
    if (pooled != null) {
      try {
        return keep(pooled, pooled.exchange(request));
      } catch (KmipConnection.ClosedBeforeAnswer e) {
        pooled.close(); // closed by the server while idle: the request was not read; a new one
      } catch (IOException e) {
        pooled.close();
        failures.add(e.getMessage());
        last = e;
        sendFailures++;
        if (!idempotent || retries == 0) {
          throw failed(failures, last);
        }
      } catch (DecodeException e) {
        pooled.close();
        throw notTtlv(e);
      }
    }
    int start = preferred;
    int connectFailures = 0;
    for (int i = 0; ; i++) {
      int index = (start + i) % endpoints.size();
      Endpoint ep = endpoints.get(index);
      KmipConnection c;
      try {
        c = new KmipConnection(tls, ep.host(), ep.port(), connectTimeout, readTimeout, limits);
      } catch (IOException e) {
        failures.add(ep + ": " + e.getMessage());
        last = e;
        if (++connectFailures >= endpoints.size()) {
          throw failed(failures, last);
        }
        continue;
      }
      try {
        Item answer = c.exchange(request);
        preferred = index;
        return keep(c, answer);
      } catch (IOException e) {
        c.close();
        failures.add(ep + ": " + e.getMessage());
        last = e;
        if (!idempotent || ++sendFailures > retries) {
          throw failed(failures, last);
        }
      } catch (DecodeException e) {
        c.close();
        throw notTtlv(e);
      }
    }
  }

  private Item keep(KmipConnection c, Item answer) {
    if (closed || !idle.offer(c)) {
      c.close();
    }
    return answer;
  }

  private KmipTransportException failed(List<String> failures, IOException cause) {
    String where = endpoints.size() == 1 ? "the KMIP server at " + endpoints.getFirst()
        : "any of the KMIP servers " + endpoints;
    String what = endpoints.size() == 1 && failures.size() == 1
        ? failures.getFirst().replaceFirst("^" + java.util.regex.Pattern.quote(endpoints.getFirst() + ": "), "")
        : String.join("; ", failures);
    return new KmipTransportException("cannot talk to " + where + ": " + what, cause);
  }

  private static KmipClientException notTtlv(DecodeException e) {
    return new KmipClientException("the server's answer is not valid TTLV: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    closed = true;
    for (KmipConnection c; (c = idle.poll()) != null; ) {
      c.close();
    }
  }
}
