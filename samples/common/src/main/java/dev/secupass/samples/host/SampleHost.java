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
import java.nio.file.Path;
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

  private static JdbcStorage openStorage(HostSettings settings) {
    JdbcSettings jdbc = settings.jdbc();
    if (jdbc == null) {
      return JdbcStorage.embedded(settings.dataFolder().resolve("db"));
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
