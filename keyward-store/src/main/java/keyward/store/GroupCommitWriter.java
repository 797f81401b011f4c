package keyward.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import keyward.spi.store.ObjectStore.Work;
import keyward.spi.store.StoreException;

/**
 * Write transactions with group commit on the single writer connection.
 *
 * <p>Each caller runs its work on its own thread (so its thread-locals, scoped values and stack
 * traces stay its own) while holding the writer lock, inside a SAVEPOINT of the open group
 * transaction: a work item that throws rolls back to its savepoint and so undoes only its own
 * changes. The caller then waits, without the lock, for the group to commit. A committer thread
 * takes the (fair) lock after everyone already queued for it has had their turn, commits the
 * group with one fsync, and releases all of its callers at once. When callers arrive one at a
 * time, each group holds one transaction and nothing waits for a timer.
 *
 * <p>A caller is acknowledged only after COMMIT returned, so with {@code synchronous=FULL} its
 * writes are in the fsynced WAL. If the group cannot commit, every caller in it gets the error.
 */
final class GroupCommitWriter {
  private final StoreConnection db;
  private final Path database;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Condition groupOpened = lock.newCondition();
  private final Thread committer;
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();

  // Guarded by lock.
  private Group current;
  private boolean closed;
  private StoreException stopped;

  /** One SQLite transaction shared by the callers whose work ran in it. */
  private static final class Group {
    final CountDownLatch done = new CountDownLatch(1);
    int succeeded;
    volatile StoreException failure;

    void finish(StoreException failure) {
      this.failure = failure;
      done.countDown();
    }

    /** Waits for the outcome; an interrupt is kept for later since the work already ran. */
    void await() throws StoreException {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        throw new StoreException(failure.getMessage(), failure);
      }
    }
  }

  GroupCommitWriter(StoreConnection db, Path database) {
    this.db = db;
    this.database = database;
    this.committer = Thread.ofPlatform().name("keyward-store-committer").daemon(true)
        .unstarted(this::commitLoop);
    committer.start();
  }

  /** The writer lock is not reentrant in effect: the inner call would wait for its own commit. */
  void checkOutsideWrite(String what) {
    if (lock.isHeldByCurrentThread()) {
      throw new IllegalStateException(what + " called from inside a write transaction");
    }
  }

  <T> T write(Work<T> work) throws Exception {
    checkOutsideWrite("inTransaction");
    lock.lockInterruptibly();
    Group group;
    T result;
    try {
      if (closed) {
        throw new StoreException("the store is closed");
      }
      if (stopped != null) {
        throw new StoreException(
            "the store refuses writes after an earlier storage error; restart it", stopped);
      }
      if (current == null) {
        begin();
      }
      group = current;
      transactions.incrementAndGet();
      savepoint(group);
      SqlTransaction tx = new SqlTransaction(db, database, false);
      Throwable failure = null;
      T value = null;
      try {
        value = work.run(tx);
      } catch (Throwable t) {
        failure = t;
      } finally {
        tx.end();
      }
      if (failure == null && tx.failure() != null) {
        failure = tx.failure(); // The work swallowed a storage failure: its writes are suspect.
      }
      if (failure != null) {
        rollbackToSavepoint(group);
        throw rethrowable(failure);
      }
      releaseSavepoint(group);
      group.succeeded++;
      result = value;
    } finally {
      lock.unlock();
    }
    group.await();
    return result;
  }

  private void begin() throws StoreException {
    try {
      db.executePrepared("BEGIN IMMEDIATE");
    } catch (SQLException e) {
      throw stopIfFatal(SqliteErrors.map("starting a write transaction", database, e), e);
    }
    current = new Group();
    groupOpened.signal();
  }

  private void savepoint(Group group) throws StoreException {
    try {
      db.executePrepared("SAVEPOINT work");
    } catch (SQLException e) {
      throw abort(group, "starting a savepoint", e);
    }
  }

  private void releaseSavepoint(Group group) throws StoreException {
    try {
      db.executePrepared("RELEASE work");
    } catch (SQLException e) {
      throw abort(group, "releasing a savepoint", e);
    }
  }

  private void rollbackToSavepoint(Group group) {
    try {
      db.executePrepared("ROLLBACK TO work");
      db.executePrepared("RELEASE work");
    } catch (SQLException e) {
      // SQLite already rolled the whole transaction back (e.g. disk full): the group is lost.
      abort(group, "rolling back a failed transaction", e);
    }
  }

  /** Ends the group without committing: every caller already in it gets the failure. */
  private StoreException abort(Group group, String action, SQLException e) {
    StoreException failure = stopIfFatal(SqliteErrors.map(action, database, e), e);
    db.executeQuietly("ROLLBACK");
    current = null;
    group.finish(new StoreException(
        "rolled back with the other transactions of its commit: " + failure.getMessage(),
        failure));
    return failure;
  }

  private StoreException stopIfFatal(StoreException failure, SQLException e) {
    if (SqliteErrors.isFatal(e) && stopped == null) {
      stopped = failure;
    }
    return failure;
  }

  private void commitLoop() {
    try {
      while (commitNextGroup()) {
        // One group per turn until closed.
      }
    } catch (Throwable t) {
      // A bug, not a storage error (those are handled per group): refuse writes from now on
      // rather than leave callers waiting for a commit that will not come.
      StoreException failure = new StoreException("the store's committer stopped: " + t, t);
      Group orphan;
      lock.lock();
      try {
        stopped = failure;
        orphan = current;
        current = null;
        if (orphan != null) {
          db.executeQuietly("ROLLBACK");
        }
      } finally {
        lock.unlock();
      }
      if (orphan != null) {
        orphan.finish(failure);
      }
    }
  }

  /** Waits for a group, commits it and releases its callers; false once closed. */
  private boolean commitNextGroup() {
    Group group;
    StoreException failure;
    lock.lock();
    try {
      while (current == null && !closed) {
        groupOpened.awaitUninterruptibly();
      }
      if (current != null && lock.hasQueuedThreads()) {
        // One step back to the end of the (fair) queue admits everyone who queued while the
        // group ran. Measured with 32 writers, more turns grew the groups no further, and they
        // stall callers retrying after a Conflict, which cannot succeed until this commit.
        lock.unlock();
        lock.lock();
      }
      group = current;
      if (group == null) {
        return false; // Closed, and no group left open.
      }
      current = null;
      failure = commit(group);
    } finally {
      lock.unlock();
    }
    group.finish(failure);
    return true;
  }

  /** Commits (or, when every work item failed, rolls back) the group; returns its failure. */
  private StoreException commit(Group group) {
    if (group.succeeded == 0) {
      db.executeQuietly("ROLLBACK"); // Nothing to make durable.
      return null;
    }
    try {
      db.executePrepared("COMMIT");
      commits.incrementAndGet();
      return null;
    } catch (SQLException e) {
      db.executeQuietly("ROLLBACK");
      return stopIfFatal(SqliteErrors.map("committing", database, e), e);
    } catch (RuntimeException e) {
      db.executeQuietly("ROLLBACK");
      stopped = new StoreException("committing failed unexpectedly: " + e, e);
      return stopped;
    }
  }

  long transactions() {
    return transactions.get();
  }

  long commits() {
    return commits.get();
  }

  /** Commits the open group, stops the committer; later writes fail. */
  void close() {
    checkOutsideWrite("close");
    lock.lock();
    try {
      closed = true;
      groupOpened.signal();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    while (committer.isAlive()) {
      try {
        committer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Exception rethrowable(Throwable t) {
    if (t instanceof Exception e) {
      return e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new RuntimeException(t);
  }
}
