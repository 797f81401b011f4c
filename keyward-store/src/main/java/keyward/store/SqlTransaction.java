package keyward.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import keyward.spi.store.IndexEntry;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.LocateResult;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoreTransaction;
import keyward.spi.store.StoredObject;

/**
 * The operations of one transaction on a connection whose BEGIN/COMMIT someone else drives. It
 * refuses use from another thread or after its work returned, because the connection then
 * belongs to someone else.
 *
 * <p>After an unexpected SQL failure the transaction is marked failed and refuses further
 * statements: SQLite may have rolled the whole transaction back (disk full, I/O error), and
 * statements after that would run outside any transaction.
 */
final class SqlTransaction implements StoreTransaction {
  private static final String SELECT_OBJECT =
      "SELECT seq, object_type, state, owner, archived, object, attributes, revision"
          + " FROM objects WHERE uid = ?";
  private static final String SELECT_SEQ = "SELECT seq FROM objects WHERE uid = ?";
  private static final String SELECT_INDEX =
      "SELECT tag, text_value, num_value FROM object_index WHERE seq = ? ORDER BY rowid";
  /** The writer is serialised, so max + 1 cannot race; creation order is seq order. */
  private static final String NEXT_SEQ = "SELECT coalesce(max(seq), 0) + 1 FROM objects";
  private static final String INSERT_OBJECT =
      "INSERT INTO objects"
          + " (uid, seq, object_type, state, owner, archived, object, attributes, revision)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)";
  private static final String UPDATE_OBJECT =
      "UPDATE objects SET object_type = ?, state = ?, owner = ?, archived = ?, object = ?,"
          + " attributes = ?, revision = revision + 1 WHERE seq = ? AND revision = ?";
  private static final String INSERT_INDEX =
      "INSERT INTO object_index (seq, tag, text_value, num_value) VALUES (?, ?, ?, ?)";
  private static final String DELETE_INDEX = "DELETE FROM object_index WHERE seq = ?";
  private static final String DELETE_OBJECT = "DELETE FROM objects WHERE seq = ?";

  private final StoreConnection db;
  private final Path database;
  private final boolean readOnly;
  private final Thread owner = Thread.currentThread();
  private boolean ended;
  private StoreException failure;

  SqlTransaction(StoreConnection db, Path database, boolean readOnly) {
    this.db = db;
    this.database = database;
    this.readOnly = readOnly;
  }

  /** Called when the work has returned or thrown: the transaction may no longer be used. */
  void end() {
    ended = true;
  }

  /** The storage failure that broke this transaction, or null. */
  StoreException failure() {
    return failure;
  }

  @Override
  public Optional<StoredObject> get(String uniqueIdentifier) throws StoreException {
    return read(uniqueIdentifier, true);
  }

  @Override
  public Optional<StoredObject> getWithoutIndex(String uniqueIdentifier) throws StoreException {
    return read(uniqueIdentifier, false);
  }

  private Optional<StoredObject> read(String uniqueIdentifier, boolean withIndex)
      throws StoreException {
    checkUsable(false);
    Objects.requireNonNull(uniqueIdentifier, "uniqueIdentifier");
    try {
      PreparedStatement select = db.prepare(SELECT_OBJECT);
      select.setString(1, uniqueIdentifier);
      long seq;
      int objectType;
      int state;
      String objectOwner;
      boolean archived;
      byte[] object;
      byte[] attributes;
      long revision;
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        seq = row.getLong(1);
        objectType = row.getInt(2);
        state = row.getInt(3);
        objectOwner = row.getString(4);
        archived = row.getInt(5) != 0;
        object = row.getBytes(6);
        attributes = row.getBytes(7);
        revision = row.getLong(8);
      }
      return Optional.of(new StoredObject(uniqueIdentifier, objectType, state, objectOwner,
          archived, object, attributes, withIndex ? readIndex(seq) : List.of(), revision));
    } catch (SQLException e) {
      throw failed("reading object " + uniqueIdentifier, e);
    }
  }

  private List<IndexEntry> readIndex(long seq) throws SQLException {
    PreparedStatement select = db.prepare(SELECT_INDEX);
    select.setLong(1, seq);
    List<IndexEntry> index = new ArrayList<>();
    try (ResultSet row = select.executeQuery()) {
      while (row.next()) {
        int tag = row.getInt(1);
        String text = row.getString(2);
        index.add(text != null ? IndexEntry.text(tag, text) : IndexEntry.number(tag, row.getLong(3)));
      }
    }
    return index;
  }

  @Override
  public void insert(StoredObject object) throws StoreException {
    checkUsable(true);
    checkComplete(object);
    if (object.revision() != 0) {
      throw new IllegalArgumentException("a new object has revision 0, not " + object.revision());
    }
    String uid = object.uniqueIdentifier();
    try {
      long seq = queryLong(NEXT_SEQ, null);
      PreparedStatement insert = db.prepare(INSERT_OBJECT);
      insert.setString(1, uid);
      insert.setLong(2, seq);
      bindColumns(insert, 3, object);
      try {
        insert.executeUpdate();
      } catch (SQLException e) {
        // Only the uid can collide (seq is computed, other columns are checked above), and a
        // constraint failure undoes only this statement, so the transaction stays usable.
        if (SqliteErrors.primaryCode(e) == SqliteErrors.CONSTRAINT) {
          throw new StoreException.Duplicate(uid);
        }
        throw e;
      }
      insertIndex(seq, object.index());
    } catch (SQLException e) {
      throw failed("inserting object " + uid, e);
    }
  }

  @Override
  public void update(StoredObject object) throws StoreException {
    checkUsable(true);
    checkComplete(object);
    String uid = object.uniqueIdentifier();
    try {
      Long seq = queryLong(SELECT_SEQ, uid);
      PreparedStatement update = db.prepare(UPDATE_OBJECT);
      int next = bindColumns(update, 1, object);
      update.setLong(next, seq == null ? -1 : seq);
      update.setLong(next + 1, object.revision());
      if (seq == null || update.executeUpdate() == 0) {
        // Either another writer bumped the revision or deleted the object since it was read.
        throw new StoreException.Conflict(uid);
      }
      PreparedStatement deleteIndex = db.prepare(DELETE_INDEX);
      deleteIndex.setLong(1, seq);
      deleteIndex.executeUpdate();
      insertIndex(seq, object.index());
    } catch (SQLException e) {
      throw failed("updating object " + uid, e);
    }
  }

  @Override
  public void delete(String uniqueIdentifier) throws StoreException {
    checkUsable(true);
    Objects.requireNonNull(uniqueIdentifier, "uniqueIdentifier");
    try {
      Long seq = queryLong(SELECT_SEQ, uniqueIdentifier);
      if (seq == null) {
        return;
      }
      PreparedStatement deleteIndex = db.prepare(DELETE_INDEX);
      deleteIndex.setLong(1, seq);
      deleteIndex.executeUpdate();
      PreparedStatement deleteObject = db.prepare(DELETE_OBJECT);
      deleteObject.setLong(1, seq);
      deleteObject.executeUpdate();
    } catch (SQLException e) {
      throw failed("deleting object " + uniqueIdentifier, e);
    }
  }

  @Override
  public LocateResult locate(LocateQuery query) throws StoreException {
    checkUsable(false);
    LocateSql sql = LocateSql.of(query);
    if (sql == null) {
      return new LocateResult(List.of(), 0);
    }
    try {
      // Counting stops after MAX_COUNTED + offset matches (Located Items is then omitted), and
      // the page is read only as far as Offset + Maximum Items: neither walks every match.
      long counted = query.offset() + (long) LocateSql.MAX_COUNTED;
      PreparedStatement count = db.prepare(sql.countSql());
      int next = bind(count, sql.parameters());
      count.setLong(next, counted + 1);
      long total;
      try (ResultSet row = count.executeQuery()) {
        row.next();
        total = row.getLong(1);
      }
      if (total > counted) {
        total = LocateResult.UNCOUNTED;
      }
      if (query.maxItems() == 0 || (total != LocateResult.UNCOUNTED && total <= query.offset())) {
        return new LocateResult(List.of(), total);
      }
      PreparedStatement page = db.prepare(sql.pageSql());
      next = bind(page, sql.parameters());
      page.setLong(next, query.maxItems() < 0 ? -1 : query.maxItems());
      page.setLong(next + 1, query.offset());
      List<String> uids = new ArrayList<>();
      try (ResultSet row = page.executeQuery()) {
        while (row.next()) {
          uids.add(row.getString(1));
        }
      }
      if (total == LocateResult.UNCOUNTED && query.maxItems() < 0) {
        total = query.offset() + (long) uids.size(); // every match was read: the count is known
      }
      return new LocateResult(uids, total);
    } catch (SQLException e) {
      throw failed("Locate", e);
    }
  }

  /** The single long the query returns, or null when it returns no row. */
  private Long queryLong(String sql, String parameter) throws SQLException {
    PreparedStatement select = db.prepare(sql);
    if (parameter != null) {
      select.setString(1, parameter);
    }
    try (ResultSet row = select.executeQuery()) {
      return row.next() ? row.getLong(1) : null;
    }
  }

  private void insertIndex(long seq, List<IndexEntry> index) throws SQLException {
    if (index.isEmpty()) {
      return;
    }
    PreparedStatement insert = db.prepare(INSERT_INDEX);
    for (IndexEntry entry : index) {
      insert.setLong(1, seq);
      insert.setInt(2, entry.tag());
      insert.setString(3, entry.text());
      if (entry.number() != null) {
        insert.setLong(4, entry.number());
      } else {
        insert.setNull(4, java.sql.Types.INTEGER);
      }
      insert.executeUpdate();
    }
  }

  /** Binds object_type .. attributes from {@code first}; returns the next parameter index. */
  private static int bindColumns(PreparedStatement statement, int first, StoredObject object)
      throws SQLException {
    statement.setInt(first, object.objectType());
    statement.setInt(first + 1, object.state());
    statement.setString(first + 2, object.owner());
    statement.setInt(first + 3, object.archived() ? 1 : 0);
    statement.setBytes(first + 4, object.object());
    statement.setBytes(first + 5, object.attributes());
    return first + 6;
  }

  private static int bind(PreparedStatement statement, List<Object> parameters)
      throws SQLException {
    int i = 1;
    for (Object parameter : parameters) {
      statement.setObject(i++, parameter);
    }
    return i;
  }

  private static void checkComplete(StoredObject object) {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(object.uniqueIdentifier(), "uniqueIdentifier");
    Objects.requireNonNull(object.owner(), "owner");
    Objects.requireNonNull(object.attributes(), "attributes");
  }

  private void checkUsable(boolean write) throws StoreException {
    if (ended) {
      throw new IllegalStateException("the transaction has ended: its work already returned");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("a store transaction is used only by its own thread");
    }
    if (write && readOnly) {
      throw new IllegalStateException("write in a read-only transaction");
    }
    if (failure != null) {
      throw new StoreException("the transaction already failed; no further statements run",
          failure);
    }
  }

  private StoreException failed(String action, SQLException e) {
    db.discardStatements();
    failure = SqliteErrors.map(action, database, e);
    return failure;
  }
}
