package dev.secupass.spring;

import dev.secupass.spi.BlobStore;
import dev.secupass.storage.s3.S3BlobStore;
import dev.secupass.storage.s3.S3BlobStoreBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 blob store ({@code secupass.blob-store.type=s3}, with secupass-storage-s3 on the class
 * path): on the application's {@link S3Client} bean if it has one (which it keeps and closes), else
 * on a client the store builds from {@code secupass.blob-store.s3.*} and closes itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(S3BlobStore.class)
@ConditionalOnProperty(name = "secupass.blob-store.type", havingValue = "s3")
public class SecuPassS3Configuration {

  /** The S3 blob store. */
  @Bean
  @ConditionalOnMissingBean(BlobStore.class)
  public S3BlobStore secuPassS3BlobStore(SecuPassProperties properties,
      ObjectProvider<S3Client> client) {
    SecuPassProperties.S3 s3 = properties.getBlobStore().getS3();
    String bucket = s3.getBucket();
    if (bucket == null || bucket.isBlank()) {
      throw new SecuPassConfigurationException("secupass.blob-store.type=s3 names no bucket",
          "set secupass.blob-store.s3.bucket");
    }
    S3BlobStoreBuilder builder = S3BlobStore.builder().bucket(bucket);
    if (!s3.getKeyPrefix().isEmpty()) {
      builder.keyPrefix(s3.getKeyPrefix());
    }
    S3Client own = client.getIfAvailable();
    if (own != null) {
      return builder.client(own).build();
    }
    if (s3.getEndpoint() != null) {
      builder.endpoint(s3.getEndpoint());
    }
    if (s3.getRegion() != null) {
      builder.region(s3.getRegion());
    }
    Boolean pathStyle = s3.getPathStyle();
    if (pathStyle != null || s3.getEndpoint() != null) {
      builder.pathStyleAccess(pathStyle != null ? pathStyle : true);
    }
    String accessKeyId = s3.getAccessKeyId();
    String secret = s3.getSecretAccessKey();
    if (accessKeyId != null || secret != null) {
      if (accessKeyId == null || secret == null) {
        throw new SecuPassConfigurationException("S3 credentials need both parts",
            "set both secupass.blob-store.s3.access-key-id and"
                + " secupass.blob-store.s3.secret-access-key, or neither for the AWS SDK's"
                + " default credentials");
      }
      builder.credentials(accessKeyId, secret);
    }
    return builder.build();
  }
}
