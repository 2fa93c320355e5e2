package dev.secupass.storage.jdbc;

import dev.secupass.api.StorageException;
import dev.secupass.spi.AuditLog;
import dev.secupass.spi.BlobJournal;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.RoomStore;
import dev.secupass.spi.Storage;
import dev.secupass.storage.jdbc.internal.ClassPath;
import dev.secupass.storage.jdbc.internal.ChunkedBlobStore;
import dev.secupass.storage.jdbc.internal.Migrations;
import dev.secupass.storage.jdbc.internal.Schema;
import dev.secupass.storage.jdbc.internal.SqlDialect;
import dev.secupass.storage.jdbc.internal.Stores;
import dev.secupass.storage.jdbc.internal.Times;
import dev.secupass.storage.jdbc.internal.Transactions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Every metadata store of the SPI in a SQL database, on the host's {@link DataSource}.
 *
 * <pre>{@code
 * JdbcStorage storage = JdbcStorage.builder(dataSource)   // pooling is the host's
 *     .tablePrefix("secupass_")                           // the default
 *     .clock(Clock.systemUTC())                           // the default
 *     .build();                                           // detects the dialect, migrates
 * JdbcBlobStore blobs = storage.blobStore();              // blob content in the same database
 * }</pre>
 *
 * <p>Each store call outside a transaction runs in a transaction of its own. {@link
 * #inTransaction} runs its work on one connection and one database transaction; while it runs,
 * calls its thread makes through this storage (the stores, or a nested {@code inTransaction},
 * which gets a savepoint) join it. Values are stored as described in {@code docs/storage-jdbc.md}:
 * instants in UTC at microsecond precision, years 1000 to 9999.
 *
 * <p>Thread-safe. The {@link Storage} handed to transaction work is for the calling thread only.
 */
public final class JdbcStorage implements Storage, AutoCloseable {
  /** The default table prefix. */
  public static final String DEFAULT_TABLE_PREFIX = "secupass_";
  /** The default size of a blob chunk: 1 MiB. */
  public static final int DEFAULT_BLOB_CHUNK_SIZE = 1 << 20;

  private final DataSource dataSource;
  private final Jdbi jdbi;
  private final Schema schema;
  private final Transactions transactions;
  private final Stores stores;
  private final int blobChunkSize;
  private final @Nullable AutoCloseable owned;

  private JdbcStorage(Builder b, Dialect dialect) {
    this.dataSource = b.dataSource;
    this.jdbi = Jdbi.create(b.dataSource).registerArgument(new Times.ArgumentFactory());
    this.schema = new Schema(dialect, b.tablePrefix, b.clock, b.random);
    this.transactions = new Transactions(jdbi, schema);
    this.stores = Stores.of(transactions.session(), schema);
    this.blobChunkSize = b.blobChunkSize;
    this.owned = b.owned;
  }

  /** Starts building a storage on {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * The embedded default: an H2 database in files under {@code dataDir} (created if missing), with
   * a small connection pool that {@link #close()} shuts down, the schema migrated, the system
   * clock. One process at a time can open the directory.
   *
   * <p>H2 ({@code com.h2database:h2}) is an optional dependency of this module: add it to use the
   * embedded default.
   *
   * @throws IllegalStateException if H2 is not on the class path
   */
  public static JdbcStorage embedded(Path dataDir) {
    ClassPath.require("org.h2.jdbcx.JdbcConnectionPool", "The embedded default (H2)",
        "com.h2database:h2");
    return EmbeddedH2.open(dataDir);
  }

  /**
   * Brings the schema up to date (idempotent). {@link Builder#build()} calls it unless told not
   * to.
   *
   * @return how many migrations were applied
   * @throws StorageException if a migration failed
   */
  public int migrate() {
    return Migrations.migrate(dataSource, schema.dialect(), schema.prefix());
  }

  /** The database dialect in use. */
  public Dialect dialect() {
    return schema.dialect();
  }

  /** The prefix of every table name. */
  public String tablePrefix() {
    return schema.prefix();
  }

  /** A blob store that keeps blob content in this database, in chunks. */
  public JdbcBlobStore blobStore() {
    return new JdbcBlobStore(new ChunkedBlobStore(jdbi, schema, blobChunkSize));
  }

  @Override
  public KeyStore keys() {
    return stores.keys();
  }

  @Override
  public DeliveryStore deliveries() {
    return stores.deliveries();
  }

  @Override
  public GrantQueue grants() {
    return stores.grants();
  }

  @Override
  public RoomStore rooms() {
    return stores.rooms();
  }

  @Override
  public GuestStore guests() {
    return stores.guests();
  }

  @Override
  public EventOutbox events() {
    return stores.events();
  }

  @Override
  public AuditLog audit() {
    return stores.audit();
  }

  @Override
  public KeyLogStore keyLog() {
    return stores.keyLog();
  }

  @Override
  public BlobJournal blobJournal() {
    return stores.blobJournal();
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    Objects.requireNonNull(work, "work");
    return transactions.run(work);
  }

  /**
   * Releases what this storage made itself (the connection pool of {@link #embedded}). A storage
   * built on the host's {@code DataSource} leaves it alone.
   */
  @Override
  public void close() {
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new StorageException("closing the embedded database failed", false, e);
      }
    }
  }

  /** Builds a {@link JdbcStorage}; every setting but the data source has a default. */
  public static final class Builder {
    private final DataSource dataSource;
    private Clock clock = Clock.systemUTC();
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private @Nullable Dialect dialect;
    private boolean migrateOnStart = true;
    private int blobChunkSize = DEFAULT_BLOB_CHUNK_SIZE;
    private SecureRandom random = new SecureRandom();
    private @Nullable AutoCloseable owned;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The clock for lease expiry and update times. Default: {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The prefix of every table name (and of the Flyway history table): empty, or lower-case
     * letters, digits and underscores starting with a letter, at most 30 characters. Default
     * {@value #DEFAULT_TABLE_PREFIX}.
     */
    public Builder tablePrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (!Schema.PREFIX.matcher(prefix).matches()) {
        throw new IllegalArgumentException("table prefix must be empty or lower-case letters,"
            + " digits and underscores starting with a letter, at most 30 characters; got '"
            + prefix + "'");
      }
      this.tablePrefix = prefix;
      return this;
    }

    /** The dialect, if it should not be detected from the database's metadata. */
    public Builder dialect(Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Whether {@link #build()} applies pending migrations (default {@code true}). Hosts that
     * migrate in a deployment step turn it off and call {@link JdbcStorage#migrate()} there.
     */
    public Builder migrateOnStart(boolean migrate) {
      this.migrateOnStart = migrate;
      return this;
    }

    /**
     * The size of the chunks blob content is cut into: 16 KiB to 16 MiB, default 1 MiB. A write
     * or a read holds one chunk in memory. MariaDB/MySQL need {@code max_allowed_packet} above
     * it. Blobs keep the chunk size they were written with.
     */
    public Builder blobChunkSize(int bytes) {
      if (bytes < (16 << 10) || bytes > (16 << 20)) {
        throw new IllegalArgumentException(
            "blob chunk size must be 16 KiB to 16 MiB, got " + bytes + " bytes");
      }
      this.blobChunkSize = bytes;
      return this;
    }

    /** The random source of lease tokens and upload ids. Default: a new {@link SecureRandom}. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Something {@link JdbcStorage#close()} closes: the pool the embedded default made. */
    Builder owning(AutoCloseable resource) {
      this.owned = resource;
      return this;
    }

    /**
     * Detects the dialect (unless given), migrates (unless turned off) and returns the storage.
     *
     * @throws StorageException if the database cannot be reached or migrated
     * @throws IllegalArgumentException if the database is not a supported one
     */
    public JdbcStorage build() {
      JdbcStorage storage = new JdbcStorage(this, dialect != null ? dialect : detect());
      if (migrateOnStart) {
        storage.migrate();
      }
      return storage;
    }

    private Dialect detect() {
      try (Connection connection = dataSource.getConnection()) {
        return SqlDialect.detect(connection.getMetaData());
      } catch (SQLException e) {
        throw new StorageException("cannot reach the database to detect its dialect (SQLSTATE "
            + e.getSQLState() + ")", true, e);
      }
    }
  }
}
