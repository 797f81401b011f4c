package keyward.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.JsonCodec;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.codec.XmlCodec;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * KMIP over HTTPS (KMIP Additional Message Encodings v1.0): each request message POSTed in one
 * encoding, the answer read back in the same one. A status other than 200, or an answer in
 * another media type, is an IOException: the replay reports it as "no response".
 */
public final class HttpsKmipConnection implements OasisReplay.Transport {

  /** The encodings, with the Content-Type each is sent as. */
  public enum Encoding {
    TTLV("application/octet-stream"), XML("text/xml"), JSON("application/json");

    final String mediaType;

    Encoding(String mediaType) {
      this.mediaType = mediaType;
    }
  }

  private final HttpClient client;
  private final URI uri;
  private final Encoding encoding;
  private final TtlvCodec ttlv = new TtlvCodec(CodecLimits.DEFAULT);
  private final XmlCodec xml = new XmlCodec(CodecLimits.DEFAULT);
  private final JsonCodec json = new JsonCodec(CodecLimits.DEFAULT);

  public HttpsKmipConnection(SSLContext tls, String url, Encoding encoding) {
    this.client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    this.uri = URI.create(url);
    this.encoding = encoding;
  }

  @Override
  public Item exchange(Item request) throws IOException, DecodeException {
    byte[] body = switch (encoding) {
      case TTLV -> ttlv.encode(request);
      case XML -> xml.encode(request, versionOf(request)).getBytes(StandardCharsets.UTF_8);
      case JSON -> json.encode(request, versionOf(request)).getBytes(StandardCharsets.UTF_8);
    };
    HttpResponse<byte[]> r;
    try {
      r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .header("Content-Type", encoding.mediaType)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8).strip());
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith(encoding.mediaType)) {
      throw new IOException("answered as '" + type + "', asked in " + encoding.mediaType);
    }
    return switch (encoding) {
      case TTLV -> ttlv.decode(r.body());
      case XML -> xml.decode(r.body());
      case JSON -> json.decode(r.body());
    };
  }

  /** The request's own Protocol Version names its tags and enumerations in XML and JSON. */
  private static KmipVersion versionOf(Item request) {
    if (request instanceof Item.Structure m
        && m.first(Tag.REQUEST_HEADER).orElse(null) instanceof Item.Structure h
        && h.first(Tag.PROTOCOL_VERSION).orElse(null) instanceof Item.Structure pv
        && pv.first(Tag.PROTOCOL_VERSION_MAJOR).orElse(null) instanceof Item.Integer major
        && pv.first(Tag.PROTOCOL_VERSION_MINOR).orElse(null) instanceof Item.Integer minor) {
      KmipVersion v = KmipVersion.of(major.value(), minor.value());
      if (v != null) {
        return v;
      }
    }
    return KmipVersion.V2_1;
  }
}
