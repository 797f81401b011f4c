package keyward.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.LocateResult;
import keyward.spi.store.ObjectStore;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoreTransaction;
import keyward.spi.store.StoredObject;

/**
 * The embedded default {@link ObjectStore}: one SQLite file ({@value #DATABASE_FILE}) in a data
 * directory, in WAL mode with {@code synchronous=FULL}, so a transaction is in the fsynced log
 * when {@link #inTransaction} returns and a crash loses nothing acknowledged.
 *
 * <p>Writes go through one connection with group commit ({@link GroupCommitWriter}): the work of
 * concurrent callers shares one commit and one fsync, each in its own savepoint. Read-only
 * transactions run on a pool of read connections, concurrently with writes. Work passed to
 * {@code inTransaction(false, ...)} holds the writer while it runs: it should do its slow parts
 * (key generation, network) before or after, not inside.
 *
 * <p>A lock file ({@value #LOCK_FILE}) keeps a second process (or a second open in this one) off
 * the same directory.
 */
public final class SqliteObjectStore implements ObjectStore {
  public static final String DATABASE_FILE = "keyward.db";
  public static final String LOCK_FILE = "keyward.lock";

  /** How long a connection waits on SQLite's file locks (checkpoints, another process). */
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;

  /**
   * @param readConnections connections for read-only transactions (1 to 64)
   * @param maxDatabaseBytes a size limit for the database file, past which writes fail as if the
   *     disk were full; 0 for none
   */
  public record Options(int readConnections, long maxDatabaseBytes) {
    public Options {
      if (readConnections < 1 || readConnections > 64) {
        throw new IllegalArgumentException("readConnections must be 1..64");
      }
      if (maxDatabaseBytes < 0) {
        throw new IllegalArgumentException("maxDatabaseBytes must be >= 0");
      }
    }

    public static Options defaults() {
      return new Options(4, 0);
    }

    public Options withMaxDatabaseBytes(long bytes) {
      return new Options(readConnections, bytes);
    }
  }

  /**
   * @param writeTransactions write transactions run (committed or not)
   * @param commits SQLite commits, each one fsync; fewer than transactions when grouped
   * @param insertingRetries inserting transactions whose work ran a second time, under the
   *     writer, because what it read had changed or it needed to update or delete
   */
  public record Stats(long writeTransactions, long commits, long insertingRetries) {}

  private final Path database;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final StoreConnection writerConnection;
  private final GroupCommitWriter writer;
  private final ReadPool readers;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Inserting transactions that ran again under the writer. */
  private final AtomicLong optimisticRetries = new AtomicLong();
  /** The read connection the current thread's read transaction holds, if any. */
  private final ThreadLocal<StoreConnection> readingOn = new ThreadLocal<>();

  private SqliteObjectStore(Path database, FileChannel lockChannel, FileLock lock,
      StoreConnection writerConnection, GroupCommitWriter writer, ReadPool readers) {
    this.database = database;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.writerConnection = writerConnection;
    this.writer = writer;
    this.readers = readers;
  }

  /** Opens (creating if needed) the store in {@code dataDirectory} with default options. */
  public static SqliteObjectStore open(Path dataDirectory) throws StoreException {
    return open(dataDirectory, Options.defaults());
  }

  /**
   * Opens (creating if needed) the store in {@code dataDirectory}, applying any schema
   * migrations. Fails with a {@link StoreException} naming the cause when the directory or file
   * cannot be used or is held by another process.
   */
  public static SqliteObjectStore open(Path dataDirectory, Options options) throws StoreException {
    Objects.requireNonNull(options, "options");
    Path directory = dataDirectory.toAbsolutePath();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new StoreException("cannot create the data directory " + directory + ": " + e, e);
    }
    Path database = directory.resolve(DATABASE_FILE);
    if (database.toString().contains("?")) {
      // The driver reads what follows '?' in its URL as connection parameters.
      throw new StoreException("the data directory path must not contain '?': " + directory);
    }
    FileChannel lockChannel = null;
    StoreConnection writerConnection = null;
    try {
      lockChannel = FileChannel.open(directory.resolve(LOCK_FILE),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(lockChannel, directory);
      writerConnection = openWriter(database, options);
      Migrations.apply(writerConnection, database);
      requireWritable(writerConnection, database);
      syncDirectory(directory);
      ReadPool readers = new ReadPool(options.readConnections(), () -> openReader(database));
      GroupCommitWriter writer = new GroupCommitWriter(writerConnection, database);
      return new SqliteObjectStore(database, lockChannel, lock, writerConnection, writer, readers);
    } catch (IOException e) {
      closeQuietly(writerConnection, lockChannel);
      throw new StoreException("cannot use the data directory " + directory + ": " + e, e);
    } catch (StoreException | RuntimeException e) {
      closeQuietly(writerConnection, lockChannel);
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel, Path directory)
      throws IOException, StoreException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      throw new StoreException("the data directory " + directory + " is already open in this process");
    }
    if (lock == null) {
      throw new StoreException("the data directory " + directory + " is in use by another process");
    }
    return lock;
  }

  private static StoreConnection openWriter(Path database, Options options) throws StoreException {
    StoreConnection db = connect(database, "opening");
    try {
      requirePragma(db, "journal_mode = WAL", "wal", database);
      requirePragma(db, "synchronous = FULL", "2", database);
      // The WAL is reused from its start after each checkpoint; this trims it back after a burst.
      db.execute("PRAGMA journal_size_limit = " + (64L << 20));
      db.execute("PRAGMA foreign_keys = ON");
      // Overwrite deleted content with zeros: a rewritten row (a master key rotation, key
      // material destroyed) leaves no old copy in the file's free pages.
      db.execute("PRAGMA secure_delete = ON");
      if (options.maxDatabaseBytes() > 0) {
        long pageSize = queryLong(db, "PRAGMA page_size");
        db.execute("PRAGMA max_page_count = " + Math.max(1, options.maxDatabaseBytes() / pageSize));
      }
      return db;
    } catch (SQLException e) {
      closeQuietly(db, null);
      throw SqliteErrors.map("opening", database, e);
    } catch (StoreException e) {
      closeQuietly(db, null);
      throw e;
    }
  }

  /**
   * SQLite quietly opens a file it may not write (permissions, immutable, read-only mount) in
   * read-only mode; find that out at open rather than at the first write.
   */
  private static void requireWritable(StoreConnection db, Path database) throws StoreException {
    try {
      db.execute("BEGIN IMMEDIATE");
      try {
        db.execute("INSERT INTO schema_version (version, applied_at) VALUES (-1, 'write check')");
      } finally {
        db.executeQuietly("ROLLBACK");
      }
    } catch (SQLException e) {
      throw SqliteErrors.map("checking that the database takes writes", database, e);
    }
  }

  private static StoreConnection openReader(Path database) throws StoreException {
    StoreConnection db = connect(database, "opening a read connection");
    try {
      db.execute("PRAGMA query_only = ON");
      return db;
    } catch (SQLException e) {
      closeQuietly(db, null);
      throw SqliteErrors.map("opening a read connection", database, e);
    }
  }

  private static StoreConnection connect(Path database, String action) throws StoreException {
    Properties properties = new Properties();
    properties.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MILLIS));
    // Otherwise the driver parses every INSERT with a regex and prepares a "last_insert_rowid()"
    // query after it: a third of the CPU of a create, for keys nothing here reads.
    properties.setProperty("jdbc.get_generated_keys", "false");
    StoreConnection db = null;
    try {
      db = new StoreConnection(DriverManager.getConnection("jdbc:sqlite:" + database, properties));
      // Temporary files in memory: the savepoint journal of a group commit (every page each
      // caller's savepoint touches) otherwise spills past 64 KiB into files in /var/tmp, created,
      // written and deleted per group: half of the writer's time under the lock, measured (and
      // page images of the store outside its directory).
      requirePragma(db, "temp_store = MEMORY", "2", database);
      return db;
    } catch (SQLException e) {
      closeQuietly(db, null);
      throw SqliteErrors.map(action, database, e);
    } catch (StoreException e) {
      closeQuietly(db, null);
      throw e;
    }
  }

  /** Sets a pragma and checks SQLite accepted it (WAL needs shared memory on the file system). */
  private static void requirePragma(StoreConnection db, String assignment, String expected,
      Path database) throws SQLException, StoreException {
    db.execute("PRAGMA " + assignment);
    String name = assignment.substring(0, assignment.indexOf(' '));
    try (Statement statement = db.jdbc().createStatement();
        ResultSet row = statement.executeQuery("PRAGMA " + name)) {
      String actual = row.next() ? row.getString(1) : null;
      if (!expected.equalsIgnoreCase(actual)) {
        throw new StoreException("SQLite refused PRAGMA " + assignment + " (it reports " + actual
            + ") [" + database + "]");
      }
    }
  }

  private static long queryLong(StoreConnection db, String sql) throws SQLException {
    try (Statement statement = db.jdbc().createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  /**
   * Makes a newly created database file's directory entry durable. SQLite syncs the directory
   * for its journals but not when it creates the main file.
   */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms cannot open or sync a directory; the file itself is synced regardless.
    }
  }

  @Override
  public <T> T inTransaction(boolean readOnly, Work<T> work) throws Exception {
    checkOpen(work);
    return readOnly ? read(work) : writer.write(work);
  }

  private void checkOpen(Work<?> work) throws StoreException {
    Objects.requireNonNull(work, "work");
    if (closed.get()) {
      throw new StoreException("the store is closed");
    }
  }

  /**
   * The work runs beside the writer, reading through read connections; the writer is then held
   * only to re-check its reads and add its new objects (see {@link OptimisticTransaction}). Key
   * generation, encoding and encryption at rest of a Create no longer wait for, or hold up, the
   * other writers. When a read changed meanwhile, or the work needs to update or delete, it runs
   * again under the writer as {@code inTransaction(false, work)} would.
   */
  @Override
  public <T> T inInsertingTransaction(Work<T> work) throws Exception {
    checkOpen(work);
    writer.checkOutsideWrite("inInsertingTransaction");
    if (readingOn.get() == null) {
      // Each read is a read transaction of its own: no connection is held while the work runs
      // (a key pair's generation may take seconds). Reads from different snapshots are fine
      // here: apply() checks each against the state the inserts land on.
      OptimisticTransaction first = new OptimisticTransaction(new ReadEach());
      boolean applied = false;
      T result = null;
      try {
        result = work.run(first);
        applied = writer.write(first::apply);
      } catch (OptimisticTransaction.NeedsWriter e) {
        // runs again below
      } catch (Exception | Error refused) {
        // Each read saw a different moment: a refusal stands only if all of them still answer
        // the same together (else, e.g., a Name seen on an object renamed since would refuse).
        if (read(first::unchanged)) {
          throw refused;
        }
      }
      if (applied) {
        return result;
      }
      optimisticRetries.incrementAndGet();
    }
    return writer.write(work);
  }

  /** Reads, each in a read transaction of its own; no writes. */
  private final class ReadEach implements StoreTransaction {
    @Override
    public Optional<StoredObject> get(String uniqueIdentifier) throws StoreException {
      return readNow(tx -> tx.get(uniqueIdentifier));
    }

    @Override
    public Optional<StoredObject> getWithoutIndex(String uniqueIdentifier) throws StoreException {
      return readNow(tx -> tx.getWithoutIndex(uniqueIdentifier));
    }

    @Override
    public LocateResult locate(LocateQuery query) throws StoreException {
      return readNow(tx -> tx.locate(query));
    }

    @Override
    public void insert(StoredObject object) {
      throw new IllegalStateException("read-only");
    }

    @Override
    public void update(StoredObject object) {
      throw new IllegalStateException("read-only");
    }

    @Override
    public void delete(String uniqueIdentifier) {
      throw new IllegalStateException("read-only");
    }

    private <R> R readNow(Work<R> read) throws StoreException {
      try {
        return read(read);
      } catch (StoreException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new StoreException("reading: " + e.getMessage(), e);
      }
    }
  }

  private <T> T read(Work<T> work) throws Exception {
    StoreConnection outer = readingOn.get();
    if (outer != null) {
      // A read nested in a read shares the outer one's connection and snapshot: taking a second
      // connection could wait forever once every connection is held by an outer read.
      SqlTransaction tx = new SqlTransaction(outer, database, true);
      try {
        return work.run(tx);
      } finally {
        tx.end();
      }
    }
    StoreConnection db = readers.acquire();
    boolean reusable = false;
    readingOn.set(db);
    try {
      try {
        db.executePrepared("BEGIN"); // Deferred: the snapshot is taken at the first read.
      } catch (SQLException e) {
        throw SqliteErrors.map("starting a read transaction", database, e);
      }
      SqlTransaction tx = new SqlTransaction(db, database, true);
      try {
        return work.run(tx);
      } finally {
        tx.end();
        reusable = endRead(db);
      }
    } finally {
      readingOn.remove();
      readers.release(db, reusable);
    }
  }

  private static boolean endRead(StoreConnection db) {
    try {
      db.executePrepared("ROLLBACK");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  public Stats stats() {
    return new Stats(writer.transactions(), writer.commits(), optimisticRetries.get());
  }

  /** The database file. */
  public Path databaseFile() {
    return database;
  }

  /**
   * Commits what is in flight, closes every connection (the last one checkpoints the WAL into
   * the database file) and releases the directory. Later calls do nothing.
   */
  @Override
  public void close() throws StoreException {
    writer.checkOutsideWrite("close");
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    writer.close();
    readers.close();
    StoreException failure = null;
    try {
      writerConnection.close();
    } catch (SQLException e) {
      failure = SqliteErrors.map("closing", database, e);
    }
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = new StoreException("releasing the data directory lock failed: " + e, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void closeQuietly(StoreConnection db, FileChannel channel) {
    if (db != null) {
      try {
        db.close();
      } catch (SQLException ignored) {
        // Already failing: the first error is the one reported.
      }
    }
    if (channel != null) {
      try {
        channel.close(); // Also releases the lock.
      } catch (IOException ignored) {
        // As above.
      }
    }
  }
}
