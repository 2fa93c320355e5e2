package dev.secupass.spring;

import dev.secupass.core.AtRestKey;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.delivery.DeliveryPolicies;
import dev.secupass.core.delivery.DeliveryPolicy;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Storage;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The SDK's auto-configuration. Every bean backs off when the application defines its own of the
 * same type (or, for the health indicators, name); {@code docs/spring-boot.md} lists them.
 *
 * <ul>
 *   <li>{@link Storage}: a {@link JdbcStorage} on the application's {@link DataSource}, migrated
 *       at start under {@code secupass.storage.table-prefix}.
 *   <li>{@link BlobStore}: per {@code secupass.blob-store.type}, the filesystem store (default),
 *       S3 ({@link SecuPassS3Configuration}) or the storage's database.
 *   <li>{@link AtRestKey}: per {@code secupass.at-rest-key.source} ({@link
 *       SecuPassAtRestKeyConfiguration}).
 *   <li>{@link KdfPolicy}, {@link DeliveryPolicies} and the {@link SecuPassSdk} itself.
 *   <li>the {@link SecuPassGrantPoller} and the {@link SecuPassEventRelay} (with listeners).
 *   <li>health indicators for the storage and the blob store ({@link
 *       SecuPassHealthAutoConfiguration}).
 *   <li>Micrometer observations and counts ({@link SecuPassObservationAutoConfiguration}).
 * </ul>
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@EnableConfigurationProperties(SecuPassProperties.class)
@Import({SecuPassS3Configuration.class, SecuPassAtRestKeyConfiguration.class})
public class SecuPassAutoConfiguration {

  /** The JDBC storage on the application's DataSource (closing it leaves the DataSource alone). */
  @Bean
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnMissingBean(Storage.class)
  public JdbcStorage secuPassStorage(DataSource dataSource, SecuPassProperties properties) {
    SecuPassProperties.Storage settings = properties.getStorage();
    JdbcStorage.Builder builder;
    try {
      builder = JdbcStorage.builder(dataSource).tablePrefix(settings.getTablePrefix());
    } catch (IllegalArgumentException e) {
      throw new SecuPassConfigurationException("secupass.storage.table-prefix is not valid",
          "use an empty prefix, or lower-case letters, digits and underscores starting with a"
              + " letter, at most 30 characters");
    }
    return builder.migrateOnStart(settings.isMigrateOnStart()).build();
  }

  /** The filesystem blob store: the default blob store. */
  @Bean
  @ConditionalOnMissingBean(BlobStore.class)
  @ConditionalOnProperty(name = "secupass.blob-store.type", havingValue = "filesystem",
      matchIfMissing = true)
  public FileSystemBlobStore secuPassFileSystemBlobStore(SecuPassProperties properties) {
    Path directory = properties.getBlobStore().getFilesystem().getDirectory();
    if (directory == null) {
      throw new SecuPassConfigurationException("SecuPass has no place for file contents",
          "set secupass.blob-store.filesystem.directory to a directory for the encrypted files,"
              + " or secupass.blob-store.type to s3 or jdbc, or define a BlobStore bean");
    }
    return new FileSystemBlobStore(directory);
  }

  /** The blob store in the storage's database ({@code secupass.blob-store.type=jdbc}). */
  @Bean
  @ConditionalOnMissingBean(BlobStore.class)
  @ConditionalOnProperty(name = "secupass.blob-store.type", havingValue = "jdbc")
  public BlobStore secuPassJdbcBlobStore(ObjectProvider<Storage> storage) {
    if (!(storage.getIfAvailable() instanceof JdbcStorage jdbc)) {
      throw new SecuPassConfigurationException("secupass.blob-store.type=jdbc keeps file"
          + " contents in the SDK's database, and there is none", "configure a DataSource"
          + " (spring.datasource.url), or choose another secupass.blob-store.type");
    }
    return jdbc.blobStore();
  }

  /** The Argon2id cost from {@code secupass.kdf.*}. */
  @Bean
  @ConditionalOnMissingBean
  public KdfPolicy secuPassKdfPolicy(SecuPassProperties properties) {
    SecuPassProperties.Kdf kdf = properties.getKdf();
    KdfPolicy.Builder builder = KdfPolicy.builder().memoryKiB(kdf.getMemoryKib())
        .iterations(kdf.getIterations()).parallelism(kdf.getParallelism());
    if (kdf.isAllowWeakParametersForTests()) {
      builder.allowWeakParametersForTests();
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new SecuPassConfigurationException("secupass.kdf.* is not a usable Argon2id cost ("
          + e.getMessage() + ")", "use at least 65536 KiB and 3 iterations (the default);"
          + " lower costs need secupass.kdf.allow-weak-parameters-for-tests=true and are for"
          + " tests only");
    }
  }

  /** One delivery policy for every sender, from {@code secupass.delivery-policy.*}. */
  @Bean
  @ConditionalOnMissingBean
  public DeliveryPolicies secuPassDeliveryPolicies(SecuPassProperties properties) {
    SecuPassProperties.DeliveryPolicy p = properties.getDeliveryPolicy();
    try {
      if (p.getAllowedLevels().isEmpty()) {
        throw new IllegalArgumentException("no level is allowed");
      }
      var levels = p.getAllowedLevels().stream().sorted().toList();
      DeliveryPolicy.Builder builder = DeliveryPolicy.builder()
          .allowedLevels(levels.get(0), levels.subList(1, levels.size())
              .toArray(new dev.secupass.api.SecurityLevel[0]))
          .defaultExpiry(p.getDefaultExpiry())
          .expiryBounds(p.getMinExpiry(), p.getMaxExpiry())
          .maxFiles(p.getMaxFiles())
          .allowedRecipientDomains(p.getAllowedRecipientDomains().toArray(new String[0]));
      if (p.getDefaultLevel() != null) {
        builder.defaultLevel(p.getDefaultLevel());
      }
      if (p.getMaxFileSize() != null) {
        builder.maxFileSize(p.getMaxFileSize().toBytes());
      }
      if (p.getMaxTotalSize() != null) {
        builder.maxTotalSize(p.getMaxTotalSize().toBytes());
      }
      return DeliveryPolicies.uniform(builder.build());
    } catch (IllegalArgumentException e) {
      throw new SecuPassConfigurationException("secupass.delivery-policy.* does not make a"
          + " delivery policy: " + e.getMessage(), "correct the delivery policy properties");
    }
  }

  /**
   * The SDK, built from the storage, blob store and at-rest key beans and the {@code secupass.*}
   * settings, then the application's {@link SecuPassSdkBuilderCustomizer}s. Closed with the
   * context, after the lifecycle beans stopped.
   */
  @Bean
  @ConditionalOnMissingBean
  public SecuPassSdk secuPassSdk(SecuPassProperties properties,
      ObjectProvider<Storage> storage, ObjectProvider<BlobStore> blobStore,
      ObjectProvider<AtRestKey> atRestKey, KdfPolicy kdfPolicy,
      DeliveryPolicies deliveryPolicies, ObjectProvider<SecuPassSdkBuilderCustomizer> customizers) {
    SecuPassSdk.Builder builder = SecuPassSdk.builder()
        .storage(require(storage.getIfAvailable(), "SecuPass has no database",
            "configure a DataSource (spring.datasource.url and its driver), or define a Storage"
                + " bean"))
        .blobStore(require(blobStore.getIfAvailable(), "SecuPass has no place for file"
            + " contents", blobStoreAction(properties)))
        .atRestKey(require(atRestKey.getIfAvailable(), "SecuPass has no at-rest key for levels"
            + " 1 and 2", atRestKeyAction(properties)))
        .kdfPolicy(kdfPolicy)
        .deliveryPolicies(deliveryPolicies);
    SecuPassProperties.Kdf kdf = properties.getKdf();
    if (kdf.getMemoryBudget() != null) {
      builder.kdfMemoryBudget(kdf.getMemoryBudget().toBytes());
    }
    if (kdf.getQueueTimeout() != null) {
      builder.kdfQueueTimeout(kdf.getQueueTimeout());
    }
    if (properties.getKeySuite() != null) {
      builder.keySuite(properties.getKeySuite());
    }
    if (properties.getSessionIdleTimeout() != null) {
      builder.sessionIdleTimeout(properties.getSessionIdleTimeout());
    }
    if (properties.getOrphanGracePeriod() != null) {
      builder.orphanGracePeriod(properties.getOrphanGracePeriod());
    }
    if (properties.getGrants().getLeaseDuration() != null) {
      builder.grantLeaseDuration(properties.getGrants().getLeaseDuration());
    }
    if (properties.getEvents().getLeaseDuration() != null) {
      builder.eventLeaseDuration(properties.getEvents().getLeaseDuration());
    }
    // Observations: a customizer bean is where an ObservationRegistry reaches the builder
    // (SecuPassObservationAutoConfiguration adds one; nothing here depends on Micrometer).
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  private static <T> T require(@Nullable T bean, String problem, String action) {
    if (bean == null) {
      throw new SecuPassConfigurationException(problem, action);
    }
    return bean;
  }

  private static String blobStoreAction(SecuPassProperties properties) {
    return switch (properties.getBlobStore().getType()) {
      case S3 -> "secupass.blob-store.type=s3 needs dev.secupass:secupass-storage-s3 on the class"
          + " path; add it, or choose another secupass.blob-store.type";
      case JDBC, FILESYSTEM -> "set secupass.blob-store.type, or define a BlobStore bean";
    };
  }

  private static String atRestKeyAction(SecuPassProperties properties) {
    SecuPassProperties.AtRestKeySource source = properties.getAtRestKey().getSource();
    if (source == null) {
      return "set secupass.at-rest-key.source to tink-keyset-file, aws-kms or pkcs11 (and its"
          + " settings, see docs/spring-boot.md), or define an AtRestKey bean";
    }
    return "secupass.at-rest-key.source=" + (source == SecuPassProperties.AtRestKeySource.PKCS11
        ? "pkcs11 needs dev.secupass:secupass-at-rest-keys"
        : source == SecuPassProperties.AtRestKeySource.AWS_KMS
            ? "aws-kms needs dev.secupass:secupass-at-rest-keys and software.amazon.awssdk:kms"
            : "tink-keyset-file needs nothing more; this is a bug")
        + " on the class path";
  }

  /** The grant poller, unless {@code secupass.grants.polling.enabled=false}. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "secupass.grants.polling.enabled", matchIfMissing = true)
  public SecuPassGrantPoller secuPassGrantPoller(SecuPassSdk sdk, SecuPassProperties properties) {
    return new SecuPassGrantPoller(sdk, properties.getGrants().getPolling().getInterval());
  }

  /**
   * The event relay, when the application has a {@link SecuPassEventListener} and unless {@code
   * secupass.events.relay.enabled=false}.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(SecuPassEventListener.class)
  @ConditionalOnBooleanProperty(name = "secupass.events.relay.enabled", matchIfMissing = true)
  public SecuPassEventRelay secuPassEventRelay(SecuPassSdk sdk, SecuPassProperties properties,
      ObjectProvider<SecuPassEventListener> listeners) {
    SecuPassProperties.Relay relay = properties.getEvents().getRelay();
    List<SecuPassEventListener> ordered = listeners.orderedStream().toList();
    return new SecuPassEventRelay(sdk, ordered, relay.getInterval(), relay.getBatchSize());
  }
}
