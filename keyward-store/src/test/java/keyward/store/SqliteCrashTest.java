package keyward.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import keyward.spi.store.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is writing (SIGKILL, mid-stream, while other commits are in flight) and
 * checks what a crash must not do: lose a transaction the process had acknowledged, or leave a
 * file that fails SQLite's integrity check. Several rounds on the same file, so recovery of a
 * file that was itself recovered is covered too.
 */
class SqliteCrashTest {
  private static final int ROUNDS = 4;
  private static final int WRITERS = 8;

  @TempDir Path temp;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aKilledWriterLosesNoAcknowledgedTransactionAndLeavesAnIntactFile() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path directory = temp.resolve("data");
    Set<String> acknowledged = new HashSet<>();
    long acknowledgedRevision = 0;
    for (int round = 0; round < ROUNDS; round++) {
      int killAfter = 200 + random.nextInt(800);
      String context = "round " + round + ", seed " + seed + ", kill after " + killAfter;
      Path stderr = temp.resolve("child-" + round + ".err");
      Process child = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--enable-native-access=ALL-UNNAMED",
          "-cp", System.getProperty("java.class.path"),
          CrashChild.class.getName(), directory.toString(), "r" + round,
          Integer.toString(WRITERS))
          .redirectError(stderr.toFile())
          .start();
      int seen = 0;
      boolean killed = false;
      List<String> errors = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) { // Until EOF: lines already sent count too.
          if (line.startsWith("ack ")) {
            acknowledged.add(line.substring(4));
            seen++;
          } else if (line.startsWith("rev ")) {
            acknowledgedRevision = Math.max(acknowledgedRevision, Long.parseLong(line.substring(4)));
            seen++;
          } else if (line.startsWith("error ")) {
            errors.add(line);
          }
          if (!killed && seen >= killAfter) {
            // SIGKILL through the handle: Process.destroyForcibly() sends the same signal but
            // also closes our end of stdout, dropping acknowledgements already in the pipe.
            killed = child.toHandle().destroyForcibly();
          }
        }
      } finally {
        child.destroyForcibly();
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as(context).isTrue();
      if (!killed) {
        fail("the child ended before it was killed (" + context + "): exit " + child.exitValue()
            + ", stderr: " + Files.readString(stderr));
      }
      assertThat(errors).as(context).isEmpty();
      assertThat(child.exitValue()).as(context).isEqualTo(137); // 128 + SIGKILL

      assertThat(integrityCheck(directory)).as(context).isEqualTo("ok");
      try (SqliteObjectStore store = SqliteObjectStore.open(directory)) {
        Set<String> missing = store.inTransaction(true, tx -> {
          Set<String> absent = new HashSet<>();
          for (String uid : acknowledged) {
            if (tx.get(uid).isEmpty()) {
              absent.add(uid);
            }
          }
          return absent;
        });
        assertThat(missing).as("acknowledged but lost, " + context).isEmpty();
        StoredObject counter = store.inTransaction(true, tx -> tx.get("counter")).orElseThrow();
        assertThat(counter.revision()).as(context).isGreaterThanOrEqualTo(acknowledgedRevision);
        assertThat(ByteBuffer.wrap(counter.attributes()).getLong())
            .as("counter value tracks its revision, " + context)
            .isEqualTo(counter.revision());
      }
    }
    assertThat(acknowledged).hasSizeGreaterThan(ROUNDS * 100);
  }

  private static String integrityCheck(Path directory) throws Exception {
    try (Connection c = DriverManager.getConnection(
            "jdbc:sqlite:" + directory.resolve(SqliteObjectStore.DATABASE_FILE));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      StringBuilder result = new StringBuilder();
      while (r.next()) {
        result.append(r.getString(1));
      }
      return result.toString();
    }
  }
}
