package keyward.store;

import static keyward.store.StoreFixtures.name;
import static keyward.store.StoreFixtures.object;
import static keyward.store.StoreFixtures.withAttributes;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoredObject;

/**
 * The process {@link SqliteCrashTest} kills: opens the store and writes until it dies, printing
 * one line per acknowledged transaction ("ack UID" for an insert, "rev N" for the counter's
 * revision after an update). Each line is one write to the unbuffered stdout, so the parent never
 * sees a line for a transaction that was not acknowledged.
 *
 * <p>Arguments: data directory, a prefix unique to this run, the number of insert threads.
 */
public final class CrashChild {
  private static final FileOutputStream OUT = new FileOutputStream(FileDescriptor.out);

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    String prefix = args[1];
    int writers = Integer.parseInt(args[2]);
    SqliteObjectStore store = SqliteObjectStore.open(directory);
    store.inTransaction(false, tx -> {
      if (tx.get("counter").isEmpty()) {
        tx.insert(withAttributes(object("counter", "crash"), ByteBuffer.allocate(8).array()));
      }
      return null;
    });
    emit("ready");
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      threads.add(Thread.ofVirtual().start(() -> insertForever(store, prefix + "-" + writer)));
    }
    threads.add(Thread.ofVirtual().start(() -> countForever(store)));
    for (Thread t : threads) {
      t.join(); // Until the parent kills this process.
    }
  }

  private static void insertForever(SqliteObjectStore store, String prefix) {
    try {
      for (long i = 0; ; i++) {
        String uid = prefix + "-" + i;
        store.inTransaction(false, tx -> {
          tx.insert(object(uid, "crash", name(uid)));
          return null;
        });
        emit("ack " + uid);
      }
    } catch (Exception e) {
      emit("error " + e);
    }
  }

  /** Read-modify-write in one transaction: the counter's revision only ever grows by one. */
  private static void countForever(SqliteObjectStore store) {
    try {
      while (true) {
        long revision = store.inTransaction(false, tx -> {
          StoredObject counter = tx.get("counter").orElseThrow();
          long value = ByteBuffer.wrap(counter.attributes()).getLong() + 1;
          tx.update(withAttributes(counter, ByteBuffer.allocate(8).putLong(value).array()));
          if (value != counter.revision() + 1) {
            throw new StoreException("counter " + value + " at revision " + counter.revision());
          }
          return counter.revision() + 1;
        });
        emit("rev " + revision);
      }
    } catch (Exception e) {
      emit("error " + e);
    }
  }

  private static synchronized void emit(String line) {
    try {
      OUT.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      Runtime.getRuntime().halt(3); // The parent is gone.
    }
  }
}
