package keyward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import keyward.kmip.codec.JsonCodec;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.codec.XmlCodec;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.InMemoryObjectStore;
import keyward.server.KeywardServer;
import keyward.server.batch.Authenticator;
import keyward.server.crypto.JcaCryptoEngine;
import keyward.kmip.codec.CodecLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KMIP over HTTPS against a real processor: the three encodings, and what is refused. */
class HttpsEndpointTest {

  private static final int MAX = 64 * 1024;
  /**
   * The JDK server takes its time-outs once per JVM; the first endpoint of this JVM sets them,
   * and in this module only this class and HttpsIdentityLimitTest (with the same value) start endpoints.
   */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private HttpsEndpoint endpoint;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    KeywardServer server = new KeywardServer(new InMemoryObjectStore(), new JcaCryptoEngine(),
        Authenticator.TRANSPORT_ONLY, CodecLimits.DEFAULT, Clock.systemUTC());
    HttpsEndpointConfig config = HttpsEndpointConfig.defaults().withPort(0)
        .withLimits(CodecLimits.DEFAULT.withMaxMessageBytes(MAX)).withStopGrace(Duration.ZERO)
        .withRequestTimeout(REQUEST_TIMEOUT);
    endpoint = new HttpsEndpoint(config, Fixture.CA.serverContext(Fixture.SERVER), server.processor());
    endpoint.start();
    uri = URI.create("https://127.0.0.1:" + endpoint.port() + "/kmip");
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private static HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  private HttpResponse<byte[]> post(String contentType, byte[] body) throws Exception {
    return client(Fixture.alice()).send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Item.Structure discoverVersions(KmipVersion v) {
    RequestBatchItem item = RequestBatchItem.of(Operation.DISCOVER_VERSIONS, new Item.Structure(Tag.REQUEST_PAYLOAD));
    return new RequestMessage(RequestHeader.of(ProtocolVersion.of(v), 1), List.of(item)).toItem(v);
  }

  private static void assertSuccessIn(Item response, KmipVersion v) throws Exception {
    ResponseMessage r = ResponseMessage.fromItem(response, v);
    assertThat(r.responseHeader().protocolVersion().toString()).isEqualTo(v.toString());
    assertThat(r.batchItems().getFirst().resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    assertThat(r.batchItems().getFirst().operation()).isEqualTo(Operation.DISCOVER_VERSIONS);
  }

  private static void assertInvalidMessage(Item response) throws Exception {
    ResponseMessage r = ResponseMessage.fromItem(response, HttpsEndpoint.versionOf((Item.Structure) response));
    assertThat(r.batchItems().getFirst().resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
    assertThat(r.batchItems().getFirst().resultReason()).isEqualTo(ResultReason.INVALID_MESSAGE);
  }

  @Test
  void ttlvRoundTrip() throws Exception {
    TtlvCodec ttlv = new TtlvCodec();
    HttpResponse<byte[]> r = post("application/octet-stream", ttlv.encode(discoverVersions(KmipVersion.V1_4)));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertSuccessIn(ttlv.decode(r.body()), KmipVersion.V1_4);
  }

  @Test
  void xmlRoundTripAnsweredInXml() throws Exception {
    XmlCodec xml = new XmlCodec();
    for (String type : List.of("text/xml", "application/xml; charset=utf-8")) {
      HttpResponse<byte[]> r = post(type,
          xml.encode(discoverVersions(KmipVersion.V2_1), KmipVersion.V2_1).getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml");
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("<ResponseMessage>");
      assertSuccessIn(xml.decode(r.body()), KmipVersion.V2_1);
    }
  }

  @Test
  void jsonRoundTripAnsweredInJson() throws Exception {
    JsonCodec json = new JsonCodec();
    HttpResponse<byte[]> r = post("application/json",
        json.encode(discoverVersions(KmipVersion.V1_3), KmipVersion.V1_3).getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith("{\"tag\":\"ResponseMessage\"");
    assertSuccessIn(json.decode(r.body()), KmipVersion.V1_3);
  }

  @Test
  void garbageIsAnsweredWithInvalidMessageInItsOwnEncoding() throws Exception {
    byte[] junk = "not a kmip message".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> t = post("application/octet-stream", junk);
    assertThat(t.statusCode()).isEqualTo(200);
    assertInvalidMessage(new TtlvCodec().decode(t.body()));
    HttpResponse<byte[]> x = post("text/xml", junk);
    assertThat(x.statusCode()).isEqualTo(200);
    assertThat(x.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml");
    assertInvalidMessage(new XmlCodec().decode(x.body()));
    HttpResponse<byte[]> j = post("application/json", junk);
    assertThat(j.statusCode()).isEqualTo(200);
    assertThat(j.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertInvalidMessage(new JsonCodec().decode(j.body()));
  }

  @Test
  void otherContentTypesAreRefusedWith415() throws Exception {
    assertThat(post("text/plain", new byte[] {1}).statusCode()).isEqualTo(415);
    assertThat(post("application/x-www-form-urlencoded", new byte[] {1}).statusCode()).isEqualTo(415);
  }

  @Test
  void otherMethodsAreRefusedWith405() throws Exception {
    HttpResponse<Void> r = client(Fixture.alice()).send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    HttpResponse<Void> put = client(Fixture.alice()).send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(put.statusCode()).isEqualTo(405);
  }

  @Test
  void otherPathsAreNotFound() throws Exception {
    HttpResponse<Void> r = client(Fixture.alice()).send(
        HttpRequest.newBuilder(uri.resolve("/kmip/other")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void aClientWithoutCertificateIsRefusedInTheHandshake() {
    HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new TtlvCodec().encode(discoverVersions(KmipVersion.V2_1))))
        .build();
    assertThatThrownBy(() -> client(Fixture.noCertificate()).send(request, HttpResponse.BodyHandlers.ofByteArray()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aClientOfAnotherCaIsRefusedInTheHandshake() {
    HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1})).build();
    assertThatThrownBy(() -> client(TestPki.insistentClientContext(Fixture.MALLORY, Fixture.CA))
        .send(request, HttpResponse.BodyHandlers.ofByteArray()))
        .isInstanceOf(IOException.class);
  }

  /** As on the TTLV port: a verified certificate that names no one is not a client. */
  @Test
  void aCertificateWithoutTheIdentityFieldIsRefusedWith403() throws Exception {
    SSLContext nameless = TestPki.clientContext(Fixture.CA.client("O=Keyward Tests,OU=no common name"), Fixture.CA);
    HttpResponse<byte[]> r = client(nameless).send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new TtlvCodec().encode(discoverVersions(KmipVersion.V2_1))))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void aChunkedBodyWithoutContentLengthIsRefusedWith411() throws Exception {
    // A publisher of unknown length makes the JDK client send Transfer-Encoding: chunked.
    Flow.Publisher<ByteBuffer> chunks = HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3});
    HttpResponse<Void> r = client(Fixture.alice()).send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.fromPublisher(chunks)).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).isEqualTo(411);
  }

  /** The refusal comes from the header alone: the body promised is never sent, nor read. */
  @Test
  void aContentLengthOverTheLimitIsRefusedWith413BeforeTheBody() throws Exception {
    assertThat(rawStatus("POST /kmip HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
        + "Content-Length: " + (MAX + 1) + "\r\n\r\n")).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    assertThat(rawStatus("POST /kmip HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Content-Length: 99999999999\r\n\r\n")).startsWith("HTTP/1.1 413");
  }

  @Test
  void aPostWithoutContentLengthIsRefusedWith411() throws Exception {
    assertThat(rawStatus("POST /kmip HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n\r\n"))
        .startsWith("HTTP/1.1 411");
  }

  /** The JDK server refuses this before the handler runs; the handler's own check is a second line. */
  @Test
  void bothFramingsAtOnceAreRefusedWith400() throws Exception {
    assertThat(rawStatus("POST /kmip HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
        + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n")).startsWith("HTTP/1.1 400");
  }

  /** A client that promises a body and trickles part of it is cut off at the request time-out. */
  @Test
  void aBodyThatDoesNotArriveInTheRequestTimeoutClosesTheConnection() throws Exception {
    try (SSLSocket s = (SSLSocket) Fixture.alice().getSocketFactory().createSocket("127.0.0.1", endpoint.port())) {
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /kmip HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
          + "Content-Length: 100\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      int read;
      try {
        read = s.getInputStream().read();
      } catch (java.net.SocketTimeoutException e) {
        throw new AssertionError("the connection was still open after 15 s", e);
      } catch (IOException e) {
        read = -1; // closed under the TLS layer: also an end
      }
      long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertThat(read).isEqualTo(-1);
      assertThat(waited).isGreaterThanOrEqualTo(REQUEST_TIMEOUT.toMillis() - 1000);
    }
  }

  private String rawStatus(String head) throws Exception {
    try (SSLSocket s = (SSLSocket) Fixture.alice().getSocketFactory().createSocket("127.0.0.1", endpoint.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
  }
}
