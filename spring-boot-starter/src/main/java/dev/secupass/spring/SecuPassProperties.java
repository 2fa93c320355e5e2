package dev.secupass.spring;

import dev.secupass.api.SecurityLevel;
import dev.secupass.core.keys.KeySuite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code secupass.*} properties of the starter. {@code docs/spring-boot.md} lists them with
 * their defaults; IDEs complete them from the configuration metadata this class generates.
 *
 * <p>Secrets among them (the S3 secret access key, the HSM's PIN) never appear in {@code
 * toString()} or in an error message.
 */
@ConfigurationProperties("secupass")
public class SecuPassProperties {
  private final Storage storage = new Storage();
  private final BlobStore blobStore = new BlobStore();
  private final AtRestKey atRestKey = new AtRestKey();
  private final Kdf kdf = new Kdf();
  private final DeliveryPolicy deliveryPolicy = new DeliveryPolicy();
  private final Grants grants = new Grants();
  private final Events events = new Events();
  private final Observations observations = new Observations();
  /** The key pairs activations and resets make (default: x-wing, post-quantum). */
  private @Nullable KeySuite keySuite;
  /** How long an unused SecuPass session stays open before it is wiped (default 15 minutes). */
  private @Nullable Duration sessionIdleTimeout;
  /**
   * How long an uploaded file may wait for the delivery or room entry that refers to it before
   * the expiry sweep deletes it as an orphan (default 1 hour): longer than any upload, a browser
   * client's between its upload and its deliver included.
   */
  private @Nullable Duration orphanGracePeriod;

  public Storage getStorage() {
    return storage;
  }

  public BlobStore getBlobStore() {
    return blobStore;
  }

  public AtRestKey getAtRestKey() {
    return atRestKey;
  }

  public Kdf getKdf() {
    return kdf;
  }

  public DeliveryPolicy getDeliveryPolicy() {
    return deliveryPolicy;
  }

  public Grants getGrants() {
    return grants;
  }

  public Events getEvents() {
    return events;
  }

  public Observations getObservations() {
    return observations;
  }

  public @Nullable KeySuite getKeySuite() {
    return keySuite;
  }

  public void setKeySuite(@Nullable KeySuite keySuite) {
    this.keySuite = keySuite;
  }

  public @Nullable Duration getSessionIdleTimeout() {
    return sessionIdleTimeout;
  }

  public void setSessionIdleTimeout(@Nullable Duration sessionIdleTimeout) {
    this.sessionIdleTimeout = sessionIdleTimeout;
  }

  public @Nullable Duration getOrphanGracePeriod() {
    return orphanGracePeriod;
  }

  public void setOrphanGracePeriod(@Nullable Duration orphanGracePeriod) {
    this.orphanGracePeriod = orphanGracePeriod;
  }

  /** The JDBC storage on the application's {@code DataSource}. */
  public static class Storage {
    /**
     * The prefix of the SDK's table names and of its Flyway history table: empty, or lower-case
     * letters, digits and underscores starting with a letter.
     */
    private String tablePrefix = "secupass_"; // JdbcStorage's default, literal for the metadata
    /** Whether the SDK migrates its tables at start (off when a deployment step migrates). */
    private boolean migrateOnStart = true;

    public String getTablePrefix() {
      return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }

    public boolean isMigrateOnStart() {
      return migrateOnStart;
    }

    public void setMigrateOnStart(boolean migrateOnStart) {
      this.migrateOnStart = migrateOnStart;
    }
  }

  /** Where file ciphertext goes. */
  public static class BlobStore {
    /** The kind of blob store: filesystem (the default), s3, or jdbc (the storage's database). */
    private BlobStoreType type = BlobStoreType.FILESYSTEM;
    private final FileSystem filesystem = new FileSystem();
    private final S3 s3 = new S3();

    public BlobStoreType getType() {
      return type;
    }

    public void setType(BlobStoreType type) {
      this.type = type;
    }

    public FileSystem getFilesystem() {
      return filesystem;
    }

    public S3 getS3() {
      return s3;
    }
  }

  /** The kinds of blob store the starter configures. */
  public enum BlobStoreType {
    /** Files under a directory of this machine. */
    FILESYSTEM,
    /** An S3 bucket (needs secupass-storage-s3). */
    S3,
    /** Chunks in the storage's database. */
    JDBC
  }

  /** The filesystem blob store. */
  public static class FileSystem {
    /** The directory of the blob files (created if missing); required for this blob store. */
    private @Nullable Path directory;

    public @Nullable Path getDirectory() {
      return directory;
    }

    public void setDirectory(@Nullable Path directory) {
      this.directory = directory;
    }
  }

  /** The S3 blob store, used on the application's {@code S3Client} bean when it has one. */
  public static class S3 {
    /** The bucket; required for this blob store. */
    private @Nullable String bucket;
    /** A prefix of every object key, such as "secupass/" (default: none). */
    private String keyPrefix = "";
    /** The endpoint of an S3-compatible service; absent for AWS S3. */
    private @Nullable URI endpoint;
    /** The region (default: the AWS SDK's region chain, or us-east-1 with an endpoint). */
    private @Nullable String region;
    /** The access key id; absent for the AWS SDK's default credentials chain. */
    private @Nullable String accessKeyId;
    /** The secret access key, with access-key-id. */
    private @Nullable String secretAccessKey;
    /** Path-style addressing (default: on with an endpoint, off without). */
    private @Nullable Boolean pathStyle;

    public @Nullable String getBucket() {
      return bucket;
    }

    public void setBucket(@Nullable String bucket) {
      this.bucket = bucket;
    }

    public String getKeyPrefix() {
      return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }

    public @Nullable URI getEndpoint() {
      return endpoint;
    }

    public void setEndpoint(@Nullable URI endpoint) {
      this.endpoint = endpoint;
    }

    public @Nullable String getRegion() {
      return region;
    }

    public void setRegion(@Nullable String region) {
      this.region = region;
    }

    public @Nullable String getAccessKeyId() {
      return accessKeyId;
    }

    public void setAccessKeyId(@Nullable String accessKeyId) {
      this.accessKeyId = accessKeyId;
    }

    public @Nullable String getSecretAccessKey() {
      return secretAccessKey;
    }

    public void setSecretAccessKey(@Nullable String secretAccessKey) {
      this.secretAccessKey = secretAccessKey;
    }

    public @Nullable Boolean getPathStyle() {
      return pathStyle;
    }

    public void setPathStyle(@Nullable Boolean pathStyle) {
      this.pathStyle = pathStyle;
    }
  }

  /** The host's key for levels 1 and 2 and for secrets in events. */
  public static class AtRestKey {
    /** Where the at-rest key comes from: tink-keyset-file, aws-kms or pkcs11. */
    private @Nullable AtRestKeySource source;
    private final TinkKeysetFile tinkKeysetFile = new TinkKeysetFile();
    private final AwsKms awsKms = new AwsKms();
    private final Pkcs11 pkcs11 = new Pkcs11();

    public @Nullable AtRestKeySource getSource() {
      return source;
    }

    public void setSource(@Nullable AtRestKeySource source) {
      this.source = source;
    }

    public TinkKeysetFile getTinkKeysetFile() {
      return tinkKeysetFile;
    }

    public AwsKms getAwsKms() {
      return awsKms;
    }

    public Pkcs11 getPkcs11() {
      return pkcs11;
    }
  }

  /** The sources of the at-rest key. */
  public enum AtRestKeySource {
    /** A Tink AEAD keyset in a JSON file, readable by its owner only. */
    TINK_KEYSET_FILE,
    /** AWS KMS, envelope encryption (needs secupass-at-rest-keys and software.amazon.awssdk:kms). */
    AWS_KMS,
    /** An AES key in an HSM over PKCS#11 (needs secupass-at-rest-keys). */
    PKCS11
  }

  /** A Tink keyset file (Tink's JSON keyset format, in the clear). */
  public static class TinkKeysetFile {
    /** The keyset file; it must be readable by its owner only. */
    private @Nullable Path path;
    /**
     * Whether a missing file is created with a new AES-256-GCM keyset (for development and the
     * embedded default; the key then lives beside the data, see docs/threat-model.md).
     */
    private boolean createIfMissing;

    public @Nullable Path getPath() {
      return path;
    }

    public void setPath(@Nullable Path path) {
      this.path = path;
    }

    public boolean isCreateIfMissing() {
      return createIfMissing;
    }

    public void setCreateIfMissing(boolean createIfMissing) {
      this.createIfMissing = createIfMissing;
    }
  }

  /** An AWS KMS key; the application's {@code KmsClient} bean is used when it has one. */
  public static class AwsKms {
    /** The full ARN of the symmetric KMS key (arn:aws:kms:region:account:key/id), not an alias. */
    private @Nullable String keyArn;
    /** The region of the KMS client the starter makes (default: the AWS SDK's region chain). */
    private @Nullable String region;
    /** The endpoint of a KMS-compatible service; absent for AWS KMS. */
    private @Nullable URI endpoint;

    public @Nullable String getKeyArn() {
      return keyArn;
    }

    public void setKeyArn(@Nullable String keyArn) {
      this.keyArn = keyArn;
    }

    public @Nullable String getRegion() {
      return region;
    }

    public void setRegion(@Nullable String region) {
      this.region = region;
    }

    public @Nullable URI getEndpoint() {
      return endpoint;
    }

    public void setEndpoint(@Nullable URI endpoint) {
      this.endpoint = endpoint;
    }
  }

  /** An AES key in an HSM over PKCS#11 (the JDK's SunPKCS11 provider). */
  public static class Pkcs11 {
    /** The SunPKCS11 configuration file (library, slot). */
    private @Nullable Path configFile;
    /** The token's user PIN. */
    private @Nullable String pin;
    /** The label of the AES key in the token. */
    private @Nullable String keyLabel;

    public @Nullable Path getConfigFile() {
      return configFile;
    }

    public void setConfigFile(@Nullable Path configFile) {
      this.configFile = configFile;
    }

    public @Nullable String getPin() {
      return pin;
    }

    public void setPin(@Nullable String pin) {
      this.pin = pin;
    }

    public @Nullable String getKeyLabel() {
      return keyLabel;
    }

    public void setKeyLabel(@Nullable String keyLabel) {
      this.keyLabel = keyLabel;
    }
  }

  /** The Argon2id cost of SecuPass keys and guest passwords, and the memory they may take. */
  public static class Kdf {
    /** Memory cost of one derivation in KiB (default 65536: 64 MiB). */
    private int memoryKib = 65536;
    /** Passes (default 3). */
    private int iterations = 3;
    /** Lanes (default 1). */
    private int parallelism = 1;
    /**
     * Accepts a cost below the default (64 MiB, 3 passes): for test suites only, since a weak cost
     * makes a stolen key record cheap to attack.
     */
    private boolean allowWeakParametersForTests;
    /** The memory all derivations may take together (default: a quarter of the maximum heap). */
    private @Nullable DataSize memoryBudget;
    /** How long a derivation waits for room in the memory budget (default 10 seconds). */
    private @Nullable Duration queueTimeout;

    public int getMemoryKib() {
      return memoryKib;
    }

    public void setMemoryKib(int memoryKib) {
      this.memoryKib = memoryKib;
    }

    public int getIterations() {
      return iterations;
    }

    public void setIterations(int iterations) {
      this.iterations = iterations;
    }

    public int getParallelism() {
      return parallelism;
    }

    public void setParallelism(int parallelism) {
      this.parallelism = parallelism;
    }

    public boolean isAllowWeakParametersForTests() {
      return allowWeakParametersForTests;
    }

    public void setAllowWeakParametersForTests(boolean allowWeakParametersForTests) {
      this.allowWeakParametersForTests = allowWeakParametersForTests;
    }

    public @Nullable DataSize getMemoryBudget() {
      return memoryBudget;
    }

    public void setMemoryBudget(@Nullable DataSize memoryBudget) {
      this.memoryBudget = memoryBudget;
    }

    public @Nullable Duration getQueueTimeout() {
      return queueTimeout;
    }

    public void setQueueTimeout(@Nullable Duration queueTimeout) {
      this.queueTimeout = queueTimeout;
    }
  }

  /** One delivery policy for every sender (a DeliveryPolicies bean replaces it per group). */
  public static class DeliveryPolicy {
    /** The levels senders may use (default: all four). */
    private Set<SecurityLevel> allowedLevels = EnumSet.allOf(SecurityLevel.class);
    /** The level of a draft that names none (default: secret, or top-secret without secret). */
    private @Nullable SecurityLevel defaultLevel;
    /** The expiry of a delivery that names none (default 90 days). */
    private Duration defaultExpiry = Duration.ofDays(90);
    /** The shortest expiry a sender may choose (default 1 hour). */
    private Duration minExpiry = Duration.ofHours(1);
    /** The longest expiry a sender may choose (default 365 days). */
    private Duration maxExpiry = Duration.ofDays(365);
    /** The largest file (default: no limit). */
    private @Nullable DataSize maxFileSize;
    /** The largest total of a delivery's files (default: no limit). */
    private @Nullable DataSize maxTotalSize;
    /** The most files in one delivery (default 1000). */
    private int maxFiles = 1000;
    /** The only recipient domains allowed, such as example.com (default: any). */
    private List<String> allowedRecipientDomains = new ArrayList<>();

    public Set<SecurityLevel> getAllowedLevels() {
      return allowedLevels;
    }

    public void setAllowedLevels(Set<SecurityLevel> allowedLevels) {
      this.allowedLevels = allowedLevels;
    }

    public @Nullable SecurityLevel getDefaultLevel() {
      return defaultLevel;
    }

    public void setDefaultLevel(@Nullable SecurityLevel defaultLevel) {
      this.defaultLevel = defaultLevel;
    }

    public Duration getDefaultExpiry() {
      return defaultExpiry;
    }

    public void setDefaultExpiry(Duration defaultExpiry) {
      this.defaultExpiry = defaultExpiry;
    }

    public Duration getMinExpiry() {
      return minExpiry;
    }

    public void setMinExpiry(Duration minExpiry) {
      this.minExpiry = minExpiry;
    }

    public Duration getMaxExpiry() {
      return maxExpiry;
    }

    public void setMaxExpiry(Duration maxExpiry) {
      this.maxExpiry = maxExpiry;
    }

    public @Nullable DataSize getMaxFileSize() {
      return maxFileSize;
    }

    public void setMaxFileSize(@Nullable DataSize maxFileSize) {
      this.maxFileSize = maxFileSize;
    }

    public @Nullable DataSize getMaxTotalSize() {
      return maxTotalSize;
    }

    public void setMaxTotalSize(@Nullable DataSize maxTotalSize) {
      this.maxTotalSize = maxTotalSize;
    }

    public int getMaxFiles() {
      return maxFiles;
    }

    public void setMaxFiles(int maxFiles) {
      this.maxFiles = maxFiles;
    }

    public List<String> getAllowedRecipientDomains() {
      return allowedRecipientDomains;
    }

    public void setAllowedRecipientDomains(List<String> allowedRecipientDomains) {
      this.allowedRecipientDomains = allowedRecipientDomains;
    }
  }

  /** The grant queue and the poller for grants other nodes made ready. */
  public static class Grants {
    /** How long a session holds a grant it works on (default 2 minutes). */
    private @Nullable Duration leaseDuration;
    private final Polling polling = new Polling();

    public @Nullable Duration getLeaseDuration() {
      return leaseDuration;
    }

    public void setLeaseDuration(@Nullable Duration leaseDuration) {
      this.leaseDuration = leaseDuration;
    }

    public Polling getPolling() {
      return polling;
    }
  }

  /** The grant poller: open sessions fulfil grants that other nodes made ready. */
  public static class Polling {
    /** Whether the grant poller runs. */
    private boolean enabled = true;
    /** How often it polls. */
    private Duration interval = Duration.ofSeconds(30);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }

  /** The event outbox and its relay to the application's SecuPassEventListener beans. */
  public static class Events {
    /** How long a claimed event is held before another node may claim it (default 2 minutes). */
    private @Nullable Duration leaseDuration;
    private final Relay relay = new Relay();

    public @Nullable Duration getLeaseDuration() {
      return leaseDuration;
    }

    public void setLeaseDuration(@Nullable Duration leaseDuration) {
      this.leaseDuration = leaseDuration;
    }

    public Relay getRelay() {
      return relay;
    }
  }

  /** The event relay. */
  public static class Relay {
    /** Whether the relay runs (it runs only when the application has a SecuPassEventListener). */
    private boolean enabled = true;
    /** How long the relay waits after an empty or failed batch. */
    private Duration interval = Duration.ofSeconds(5);
    /** At most this many events per claim. */
    private int batchSize = 100;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    public int getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }
  }

  /** The SDK's Micrometer observations (with secupass-micrometer on the class path). */
  public static class Observations {
    /**
     * Whether the SDK reports to the application's ObservationRegistry and publishes its counts
     * to the MeterRegistry.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
