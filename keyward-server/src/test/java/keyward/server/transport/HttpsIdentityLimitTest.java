package keyward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.InMemoryObjectStore;
import keyward.server.KeywardServer;
import keyward.server.batch.Authenticator;
import keyward.server.crypto.JcaCryptoEngine;
import keyward.spi.store.ObjectStore;
import org.junit.jupiter.api.Test;

/**
 * One client identity may have only so many requests in progress on the HTTPS endpoint (the
 * counterpart of the TLS port's connections per identity): the next gets 503 with Retry-After,
 * and once the others finish it is served again.
 */
class HttpsIdentityLimitTest {

  @Test
  void requestsOfOneIdentityOverItsLimitGet503UntilOthersFinish() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger waiting = new AtomicInteger();
    InMemoryObjectStore memory = new InMemoryObjectStore();
    ObjectStore gated = new ObjectStore() {
      @Override
      public <T> T inTransaction(boolean readOnly, Work<T> work) throws Exception {
        waiting.incrementAndGet();
        gate.await(30, TimeUnit.SECONDS);
        return memory.inTransaction(readOnly, work);
      }

      @Override
      public void close() {}
    };
    KeywardServer server = new KeywardServer(gated, new JcaCryptoEngine(), Authenticator.TRANSPORT_ONLY,
        CodecLimits.DEFAULT, Clock.systemUTC());
    // The JDK server reads its time-outs once per JVM: the same request time-out as HttpsEndpointTest
    // (maxReqTime bounds receiving a request, not processing it), whichever class starts first.
    HttpsEndpoint endpoint = new HttpsEndpoint(HttpsEndpointConfig.defaults().withPort(0)
        .withRequestTimeout(HttpsEndpointTest.REQUEST_TIMEOUT)
        .withStopGrace(Duration.ZERO).withMaxRequestsPerIdentity(2),
        Fixture.CA.serverContext(Fixture.SERVER), server.processor());
    endpoint.start();
    try {
      URI uri = URI.create("https://127.0.0.1:" + endpoint.port() + "/kmip");
      HttpClient client = HttpClient.newBuilder().sslContext(Fixture.alice())
          .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
      HttpRequest locate = HttpRequest.newBuilder(uri).header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofByteArray(locateMessage())).build();
      List<CompletableFuture<HttpResponse<byte[]>>> held = List.of(
          client.sendAsync(locate, HttpResponse.BodyHandlers.ofByteArray()),
          client.sendAsync(locate, HttpResponse.BodyHandlers.ofByteArray()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (waiting.get() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(waiting.get()).as("two requests in progress").isEqualTo(2);

      HttpResponse<byte[]> third = client.send(locate, HttpResponse.BodyHandlers.ofByteArray());
      assertThat(third.statusCode()).isEqualTo(503);
      assertThat(third.headers().firstValue("Retry-After")).contains("1");

      gate.countDown();
      for (CompletableFuture<HttpResponse<byte[]>> f : held) {
        assertThat(f.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(client.send(locate, HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
    } finally {
      gate.countDown();
      endpoint.close();
    }
  }

  private static byte[] locateMessage() {
    KmipVersion v = KmipVersion.V2_1;
    RequestMessage m = new RequestMessage(RequestHeader.of(ProtocolVersion.of(v), 1),
        List.of(RequestBatchItem.of(Operation.LOCATE, new Item.Structure(Tag.REQUEST_PAYLOAD, List.of()))));
    return new TtlvCodec().encode(m.toItem(v));
  }
}
