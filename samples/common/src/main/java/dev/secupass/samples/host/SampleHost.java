package dev.secupass.samples.host;

import dev.secupass.core.AtRestKey;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.spi.BlobStore;
import dev.secupass.storage.jdbc.JdbcStorage;
import dev.secupass.storage.s3.S3BlobStore;
import dev.secupass.storage.s3.S3BlobStoreBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A sample host's SDK with everything around it, opened from {@link HostSettings}.
 *
 * <p>The embedded default keeps it all in one data folder, created owner-only on first use:
 *
 * <pre>
 * data/
 *   at-rest-key.json   the host's key for levels 1-2 and event secrets (Tink keyset, rw-------)
 *   users.tsv          the sample's user directory
 *   db/                H2 database files (every metadata store)
 *   blobs/             file ciphertext (FileSystemBlobStore)
 * </pre>
 *
 * <p>With {@link JdbcSettings} the metadata goes to that database (PostgreSQL), with {@link
 * S3Settings} the ciphertext to that bucket; the key and the directory stay in the data folder.
 * One process at a time opens an embedded data folder (H2 locks its files).
 */
public final class SampleHost implements AutoCloseable {
  /**
   * The shortest new SecuPass the samples accept, the CLI and the web sample alike (their rule;
   * the SDK needs one character).
   */
  public static final int MIN_SECUPASS_LENGTH = 10;

  /**
   * Closing an embedded data folder compacts its H2 file ({@code SHUTDOWN COMPACT}) once the file
   * has grown past twice its size after the last compaction plus this many bytes. H2 keeps freed
   * space for 45 seconds before it reuses it, so a process that lives a few seconds (a CLI
   * command, which closes without H2's own compaction) leaves its freed pages behind: the file
   * grows by tens of KiB per command (docs/cli.md, "Start-up time").
   */
  static final long COMPACT_SLACK_BYTES = 256 * 1024;
  /** The file in db/ that keeps the database file's size after the last compaction. */
  static final String COMPACTED_SIZE_FILE = "compacted-size";

  private final HostSettings settings;
  private final JdbcStorage storage;
  private final BlobStore blobs;
  private final SecuPassSdk sdk;
  private final UserDirectory directory;

  private SampleHost(HostSettings settings, JdbcStorage storage, BlobStore blobs, SecuPassSdk sdk,
      UserDirectory directory) {
    this.settings = settings;
    this.storage = storage;
    this.blobs = blobs;
    this.sdk = sdk;
    this.directory = directory;
  }

  /**
   * Opens the host: the data folder, the at-rest key (created on first use), the stores (the
   * schema migrated) and the SDK.
   *
   * @throws HostSetupException if the data folder, the key file or the directory is unusable
   * @throws dev.secupass.api.StorageException if the database or the bucket cannot be reached
   */
  public static SampleHost open(HostSettings settings) {
    Path folder = settings.dataFolder();
    try {
      OwnerOnly.createFolder(folder);
    } catch (IOException e) {
      throw new HostSetupException("cannot create the data folder " + folder + ": "
          + e.getMessage());
    }
    // The sample's stand-in for a KMS: whoever reads the data folder holds this key too.
    AtRestKey atRestKey = AtRestKeyFile.open(folder);
    UserDirectory directory = UserDirectory.load(folder.resolve(UserDirectory.FILE_NAME));
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      JdbcStorage storage = openStorage(settings);
      opened.add(storage);
      BlobStore blobs = openBlobs(settings);
      if (blobs instanceof AutoCloseable closeable) {
        opened.add(closeable);
      }
      SecuPassSdk sdk = SecuPassSdk.builder()
          .storage(storage)
          .blobStore(blobs)
          .atRestKey(atRestKey)
          .kdfPolicy(settings.kdf().policy())
          .clock(settings.clock())
          .build();
      return new SampleHost(settings, storage, blobs, sdk, directory);
    } catch (RuntimeException e) {
      closeAll(opened, e);
      throw e;
    }
  }

  public SecuPassSdk sdk() {
    return sdk;
  }

  public UserDirectory directory() {
    return directory;
  }

  public HostSettings settings() {
    return settings;
  }

  /**
   * Removes the temporary files of uploads that were interrupted (Ctrl-C, a crash) more than
   * {@code olderThan} ago, in the embedded default's blob folder. Readers never see them; this
   * reclaims their space. An S3 bucket's interrupted multipart uploads are the bucket's lifecycle
   * rule's to remove.
   *
   * @return how many were removed, or empty if the blobs are not in the data folder
   */
  public OptionalInt sweepInterruptedUploads(Duration olderThan) {
    return blobs instanceof FileSystemBlobStore files
        ? OptionalInt.of(files.sweepTemporaryFiles(olderThan))
        : OptionalInt.empty();
  }

  /** Where the metadata and the ciphertext are, in words, without secrets. */
  public String describe() {
    Path folder = settings.dataFolder().toAbsolutePath().normalize();
    JdbcSettings jdbc = settings.jdbc();
    S3Settings s3 = settings.s3();
    String metadata = jdbc == null
        ? "H2 files in " + folder.resolve("db")
        : storage.dialect() + " at " + jdbc.displayUrl() + " (tables " + jdbc.tablePrefix() + "*)";
    String files = s3 == null
        ? "encrypted files in " + folder.resolve("blobs")
        : "encrypted files in S3 bucket " + s3.bucket()
            + (s3.keyPrefix().isEmpty() ? "" : " under " + s3.keyPrefix());
    return metadata + "; " + files + "; at-rest key and users in " + folder;
  }

  @Override
  public void close() {
    compactIfGrown();
    List<AutoCloseable> owned = new ArrayList<>();
    if (blobs instanceof AutoCloseable closeable) {
      owned.add(closeable);
    }
    owned.add(storage);
    RuntimeException failure = null;
    for (AutoCloseable resource : owned) {
      try {
        resource.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new HostSetupException("closing the stores failed: " + e.getMessage());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Compacts the embedded database's file if it grew past {@link #COMPACT_SLACK_BYTES} more than
   * twice its size after the last compaction; a compaction that fails leaves the file as it was,
   * and the stores close as before.
   */
  private void compactIfGrown() {
    if (settings.jdbc() != null) {
      return;
    }
    Path database = embeddedDatabase(settings);
    Path file = database.resolveSibling("secupass.mv.db");
    Path record = database.resolveSibling(COMPACTED_SIZE_FILE);
    try {
      long compacted = Files.exists(record) ? Long.parseLong(Files.readString(record).strip()) : 0;
      if (Files.size(file) <= 2 * compacted + COMPACT_SLACK_BYTES) {
        return;
      }
      try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database, "sa", "");
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN COMPACT");
      }
      Files.writeString(record, Long.toString(Files.size(file)));
    } catch (IOException | SQLException | NumberFormatException e) {
      // Only the file's size is at stake: a later close compacts it.
    }
  }

  /** The embedded H2 database's path without its file ending, as JdbcStorage.embedded opens it. */
  static Path embeddedDatabase(HostSettings settings) {
    return embeddedDirectory(settings).toAbsolutePath().normalize().resolve("secupass");
  }

  private static Path embeddedDirectory(HostSettings settings) {
    return settings.dataFolder().resolve("db");
  }

  private static JdbcStorage openStorage(HostSettings settings) {
    JdbcSettings jdbc = settings.jdbc();
    if (jdbc == null) {
      return JdbcStorage.embedded(embeddedDirectory(settings));
    }
    return JdbcStorage.builder(new DriverDataSource(jdbc))
        .tablePrefix(jdbc.tablePrefix())
        .build();
  }

  private static BlobStore openBlobs(HostSettings settings) {
    S3Settings s3 = settings.s3();
    if (s3 == null) {
      return new FileSystemBlobStore(settings.dataFolder().resolve("blobs"), settings.clock(),
          FileSystemBlobStore.DEFAULT_STALE_AFTER);
    }
    S3BlobStoreBuilder builder = S3BlobStore.builder()
        .bucket(s3.bucket())
        .pathStyleAccess(s3.pathStyle());
    if (!s3.keyPrefix().isEmpty()) {
      builder.keyPrefix(s3.keyPrefix());
    }
    URI endpoint = s3.endpoint();
    if (endpoint != null) {
      builder.endpoint(endpoint);
    }
    String region = s3.region();
    if (region != null) {
      builder.region(region);
    }
    String accessKeyId = s3.accessKeyId();
    String secret = s3.secretAccessKey();
    if (accessKeyId != null && secret != null) {
      builder.credentials(accessKeyId, secret);
    }
    return builder.build();
  }

  private static void closeAll(List<AutoCloseable> opened, RuntimeException cause) {
    for (AutoCloseable resource : opened) {
      try {
        resource.close();
      } catch (Exception e) {
        cause.addSuppressed(e);
      }
    }
  }

  @Override
  public String toString() {
    return "SampleHost[" + settings.dataFolder() + "]";
  }
}
