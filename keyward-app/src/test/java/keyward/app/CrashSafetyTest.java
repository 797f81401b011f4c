package keyward.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import keyward.app.pki.DevPki;
import keyward.app.serve.KmipTestClient;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real server process while clients create keys: every Create that was answered
 * must still be there after a restart. The server runs as `keyward serve` in a child JVM.
 */
class CrashSafetyTest {
  /** The server says where it listens and how long it took to start (the start-up figure users quote). */
  private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+) \\(started in \\d+ ms\\)");

  @TempDir Path dir;

  @Test
  void noAnsweredCreateIsLostToKillMinus9() throws Exception {
    Path data = dir.resolve("data");
    for (int round = 0; round < 3; round++) {
      List<String> acknowledged = new CopyOnWriteArrayList<>();
      Process server = startServer(data);
      try {
        int port = awaitPort(server);
        SSLContext tls = DevPki.ensure(data.resolve("pki")).clientContext();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
          clients.add(Thread.ofVirtual().start(() -> createUntilCut(tls, port, acknowledged, stop)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        server.destroyForcibly(); // SIGKILL, mid-stream
        server.waitFor(10, TimeUnit.SECONDS);
        stop.set(true);
        for (Thread t : clients) {
          t.join(10_000);
        }
      } finally {
        server.destroyForcibly();
      }
      assertThat(acknowledged).as("creates answered before the kill").hasSizeGreaterThanOrEqualTo(40);

      Process again = startServer(data);
      try {
        int port = awaitPort(again);
        SSLContext tls = DevPki.ensure(data.resolve("pki")).clientContext();
        try (KmipTestClient client = new KmipTestClient(tls, port)) {
          for (String uid : acknowledged) {
            ResponseMessage r = client.send(KmipVersion.V2_1, RequestBatchItem.of(Operation.GET,
                new Item.Structure(Tag.REQUEST_PAYLOAD, new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid))));
            assertThat(r.batchItems().getFirst().resultStatus())
                .as("object %s answered before kill -9 (round %d)", uid, round)
                .isEqualTo(ResultStatus.SUCCESS);
          }
        }
      } finally {
        again.destroy();
        again.waitFor(20, TimeUnit.SECONDS);
        again.destroyForcibly();
      }
    }
  }

  private static void createUntilCut(SSLContext tls, int port, List<String> acknowledged, AtomicBoolean stop) {
    try (KmipTestClient client = new KmipTestClient(tls, port)) {
      while (!stop.get()) {
        ResponseMessage r = client.send(KmipVersion.V2_1, RequestBatchItem.of(Operation.CREATE,
            new Item.Structure(Tag.REQUEST_PAYLOAD,
                new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
                new Item.Structure(Tag.ATTRIBUTES,
                    new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
                    new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
                    new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
                        CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value())))));
        ResponseBatchItem item = r.batchItems().getFirst();
        if (item.resultStatus() != ResultStatus.SUCCESS) {
          throw new AssertionError("Create failed: " + item.resultReason() + " " + item.resultMessage());
        }
        acknowledged.add(((Item.TextString) item.responsePayload().first(Tag.UNIQUE_IDENTIFIER).orElseThrow()).value());
      }
    } catch (java.io.IOException | keyward.kmip.codec.DecodeException e) {
      // the server was killed under us: expected
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Process startServer(Path data) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "keyward.app.Main",
        "serve", "--port", "0", "--data-dir", data.toString());
    pb.redirectErrorStream(true);
    return pb.start();
  }

  private static int awaitPort(Process p) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    StringBuilder seen = new StringBuilder();
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        // keep draining output so the child never blocks on a full pipe
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("server did not start:\n" + seen);
  }
}
