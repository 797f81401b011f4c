package keyward.store.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import keyward.spi.store.Criterion;
import keyward.spi.store.IndexEntry;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.LocateResult;
import keyward.spi.store.StoreException;
import keyward.spi.store.StoreTransaction;
import keyward.spi.store.StoredObject;

/**
 * The operations of one PostgreSQL transaction; {@link PostgresObjectStore} begins and ends it.
 *
 * <p>Several server nodes write the same database at once, so a write transaction runs at READ
 * COMMITTED (every statement sees what committed before it started) and adds two kinds of locks:
 * <ul>
 *   <li>{@link #get} locks the object's row ({@code FOR UPDATE}) until commit, so the server's
 *       read-modify-write of one object inside one transaction never meets a Conflict: a second
 *       writer waits, then reads the first one's result. An update naming a revision read
 *       elsewhere is still checked ({@code WHERE revision = ?}) and fails with Conflict.
 *   <li>An exact-text Locate (the server's Name uniqueness check) and every insert or update of
 *       an object with text index entries take a transaction-scoped advisory lock per (tag,
 *       text) value. Two nodes creating the same Name therefore serialise: the second one's
 *       check runs after the first committed and sees its object.
 * </ul>
 *
 * <p>PostgreSQL aborts a transaction at its first error, so after an SQL failure this one refuses
 * further statements; a duplicate identifier is found with {@code ON CONFLICT DO NOTHING} rather
 * than an error, so the transaction stays usable after {@link StoreException.Duplicate}.
 */
final class PgTransaction implements StoreTransaction {
  private static final String SELECT_OBJECT =
      "SELECT o.seq, o.object_type, o.state, o.owner, o.archived, o.object, o.attributes,"
          + " o.revision, i.tag, i.text_value, i.num_value"
          + " FROM objects o LEFT JOIN object_index i ON i.seq = o.seq"
          + " WHERE o.uid = ? ORDER BY i.pos";
  private static final String SELECT_OBJECT_ONLY =
      "SELECT o.seq, o.object_type, o.state, o.owner, o.archived, o.object, o.attributes,"
          + " o.revision FROM objects o WHERE o.uid = ?";
  private static final String INSERT_OBJECT =
      "INSERT INTO objects (uid, object_type, state, owner, archived, object, attributes, revision)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (uid) DO NOTHING RETURNING seq";
  private static final String UPDATE_OBJECT =
      "UPDATE objects SET object_type = ?, state = ?, owner = ?, archived = ?, object = ?,"
          + " attributes = ?, revision = revision + 1 WHERE uid = ? AND revision = ? RETURNING seq";
  private static final String INSERT_INDEX =
      "INSERT INTO object_index (seq, pos, tag, text_value, num_value) VALUES (?, ?, ?, ?, ?)";
  private static final String DELETE_INDEX = "DELETE FROM object_index WHERE seq = ?";
  private static final String DELETE_OBJECT = "DELETE FROM objects WHERE uid = ?";
  /** Sorted keys, so two transactions taking overlapping sets cannot deadlock on them. */
  private static final String LOCK_VALUES =
      "SELECT pg_advisory_xact_lock(k) FROM unnest(?::bigint[]) AS k ORDER BY k";

  private final Connection db;
  private final boolean readOnly;
  private final Thread owner = Thread.currentThread();
  private boolean ended;
  private StoreException failure;

  PgTransaction(Connection db, boolean readOnly) {
    this.db = db;
    this.readOnly = readOnly;
  }

  void end() {
    ended = true;
  }

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
    String query = withIndex ? SELECT_OBJECT : SELECT_OBJECT_ONLY;
    String sql = readOnly ? query : query + " FOR UPDATE OF o";
    try (PreparedStatement select = db.prepareStatement(sql)) {
      select.setString(1, uniqueIdentifier);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        int objectType = row.getInt(2);
        int state = row.getInt(3);
        String objectOwner = row.getString(4);
        boolean archived = row.getBoolean(5);
        byte[] object = row.getBytes(6);
        byte[] attributes = row.getBytes(7);
        long revision = row.getLong(8);
        List<IndexEntry> index = new ArrayList<>();
        do {
          if (!withIndex) {
            break;
          }
          int tag = row.getInt(9);
          if (row.wasNull()) {
            break; // The outer join's one row for an object without entries.
          }
          String text = row.getString(10);
          index.add(text != null ? IndexEntry.text(tag, text) : IndexEntry.number(tag, row.getLong(11)));
        } while (row.next());
        return Optional.of(new StoredObject(uniqueIdentifier, objectType, state, objectOwner,
            archived, object, attributes, index, revision));
      }
    } catch (SQLException e) {
      throw failed("reading object " + uniqueIdentifier, e, uniqueIdentifier);
    }
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
      lockTextValues(textKeys(object.index()));
      long seq;
      try (PreparedStatement insert = db.prepareStatement(INSERT_OBJECT)) {
        insert.setString(1, uid);
        bindColumns(insert, 2, object);
        try (ResultSet row = insert.executeQuery()) {
          if (!row.next()) {
            throw new StoreException.Duplicate(uid);
          }
          seq = row.getLong(1);
        }
      }
      insertIndex(seq, object.index());
    } catch (SQLException e) {
      throw failed("inserting object " + uid, e, uid);
    }
  }

  @Override
  public void update(StoredObject object) throws StoreException {
    checkUsable(true);
    checkComplete(object);
    String uid = object.uniqueIdentifier();
    try {
      lockTextValues(textKeys(object.index()));
      long seq;
      try (PreparedStatement update = db.prepareStatement(UPDATE_OBJECT)) {
        int next = bindColumns(update, 1, object);
        update.setString(next, uid);
        update.setLong(next + 1, object.revision());
        try (ResultSet row = update.executeQuery()) {
          if (!row.next()) {
            // Another writer bumped the revision or deleted the object since it was read.
            throw new StoreException.Conflict(uid);
          }
          seq = row.getLong(1);
        }
      }
      try (PreparedStatement delete = db.prepareStatement(DELETE_INDEX)) {
        delete.setLong(1, seq);
        delete.executeUpdate();
      }
      insertIndex(seq, object.index());
    } catch (SQLException e) {
      throw failed("updating object " + uid, e, uid);
    }
  }

  @Override
  public void delete(String uniqueIdentifier) throws StoreException {
    checkUsable(true);
    Objects.requireNonNull(uniqueIdentifier, "uniqueIdentifier");
    try (PreparedStatement delete = db.prepareStatement(DELETE_OBJECT)) {
      delete.setString(1, uniqueIdentifier); // The index rows go with it (ON DELETE CASCADE).
      delete.executeUpdate();
    } catch (SQLException e) {
      throw failed("deleting object " + uniqueIdentifier, e, uniqueIdentifier);
    }
  }

  @Override
  public LocateResult locate(LocateQuery query) throws StoreException {
    checkUsable(false);
    PgLocateSql sql = PgLocateSql.of(query);
    if (sql == null) {
      return new LocateResult(List.of(), 0);
    }
    try {
      if (!readOnly) {
        List<Long> keys = new ArrayList<>();
        for (Criterion criterion : query.criteria()) {
          if (criterion instanceof Criterion.TextEquals t) {
            keys.add(lockKey(t.tag(), t.value()));
          }
        }
        lockTextValues(keys);
      }
      long total;
      try (PreparedStatement count = db.prepareStatement(sql.countSql())) {
        bind(count, sql.parameters());
        try (ResultSet row = count.executeQuery()) {
          row.next();
          total = row.getLong(1);
        }
      }
      if (query.maxItems() == 0 || total <= query.offset()) {
        return new LocateResult(List.of(), total);
      }
      List<String> uids = new ArrayList<>();
      try (PreparedStatement page = db.prepareStatement(sql.pageSql())) {
        int next = bind(page, sql.parameters());
        if (query.maxItems() < 0) {
          page.setNull(next, Types.BIGINT); // LIMIT NULL: no limit
        } else {
          page.setLong(next, query.maxItems());
        }
        page.setLong(next + 1, query.offset());
        try (ResultSet row = page.executeQuery()) {
          while (row.next()) {
            uids.add(row.getString(1));
          }
        }
      }
      return new LocateResult(uids, total);
    } catch (SQLException e) {
      throw failed("Locate", e, null);
    }
  }

  private static List<Long> textKeys(List<IndexEntry> index) {
    List<Long> keys = new ArrayList<>();
    for (IndexEntry entry : index) {
      if (entry.text() != null) {
        keys.add(lockKey(entry.tag(), entry.text()));
      }
    }
    return keys;
  }

  /**
   * A 64-bit advisory lock key for one (tag, text) value: FNV-1a over the tag and the UTF-8
   * text. Two values sharing a key only serialise more than needed.
   */
  static long lockKey(int tag, String text) {
    long hash = 0xcbf29ce484222325L;
    for (int shift = 24; shift >= 0; shift -= 8) {
      hash = (hash ^ ((tag >>> shift) & 0xff)) * 0x100000001b3L;
    }
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return hash;
  }

  private void lockTextValues(List<Long> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    Array array = db.createArrayOf("bigint", new TreeSet<>(keys).toArray(Long[]::new));
    try (PreparedStatement lock = db.prepareStatement(LOCK_VALUES)) {
      lock.setArray(1, array);
      lock.executeQuery().close();
    } finally {
      array.free();
    }
  }

  private void insertIndex(long seq, List<IndexEntry> index) throws SQLException {
    if (index.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = db.prepareStatement(INSERT_INDEX)) {
      int pos = 0;
      for (IndexEntry entry : index) {
        insert.setLong(1, seq);
        insert.setInt(2, pos++);
        insert.setInt(3, entry.tag());
        insert.setString(4, entry.text());
        if (entry.number() != null) {
          insert.setLong(5, entry.number());
        } else {
          insert.setNull(5, Types.BIGINT);
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Binds object_type .. attributes from {@code first}; returns the next parameter index. */
  private static int bindColumns(PreparedStatement statement, int first, StoredObject object)
      throws SQLException {
    statement.setInt(first, object.objectType());
    statement.setInt(first + 1, object.state());
    statement.setString(first + 2, object.owner());
    statement.setBoolean(first + 3, object.archived());
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

  private StoreException failed(String action, SQLException e, String uid) {
    failure = PgErrors.map(action, e, uid);
    return failure;
  }
}
