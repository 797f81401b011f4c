package keyward.store;

import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import keyward.spi.store.StoreException;

/**
 * A fixed set of read-only connections for read-only transactions. In WAL mode each reads its own
 * snapshot while the writer commits, so reads never wait for writes. A caller that finds all
 * connections busy waits for one (a virtual thread parks, it does not hold a carrier).
 */
final class ReadPool {
  /** How long close waits for running read transactions before closing under them. */
  private static final long CLOSE_WAIT_SECONDS = 10;

  @FunctionalInterface
  interface Opener {
    StoreConnection open() throws StoreException;
  }

  private final int size;
  private final Opener opener;
  private final Semaphore permits;
  private final ConcurrentLinkedQueue<StoreConnection> idle = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  ReadPool(int size, Opener opener) throws StoreException {
    this.size = size;
    this.opener = opener;
    this.permits = new Semaphore(size, true);
    try {
      for (int i = 0; i < size; i++) {
        idle.add(opener.open());
      }
    } catch (StoreException e) {
      closeIdle();
      throw e;
    }
  }

  StoreConnection acquire() throws StoreException, InterruptedException {
    if (closed) {
      throw new StoreException("the store is closed");
    }
    permits.acquire();
    if (closed) {
      permits.release();
      throw new StoreException("the store is closed");
    }
    StoreConnection connection = idle.poll();
    if (connection == null) {
      // A connection was dropped after a failure: replace it.
      try {
        connection = opener.open();
      } catch (StoreException e) {
        permits.release();
        throw e;
      }
    }
    return connection;
  }

  /** Returns a connection; a connection whose state is doubtful is closed instead of reused. */
  void release(StoreConnection connection, boolean reusable) {
    if (reusable && !closed) {
      idle.add(connection);
    } else {
      closeQuietly(connection);
    }
    permits.release();
  }

  void close() {
    closed = true;
    boolean drained = false;
    try {
      drained = permits.tryAcquire(size, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeIdle();
    if (drained) {
      permits.release(size);
    }
  }

  private void closeIdle() {
    StoreConnection connection;
    while ((connection = idle.poll()) != null) {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(StoreConnection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Read-only: nothing is lost by a failed close.
    }
  }
}
