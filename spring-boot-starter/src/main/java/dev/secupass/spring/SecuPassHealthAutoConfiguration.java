package dev.secupass.spring;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Storage;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health indicators, with Spring Boot's health module on the class path: one bean per part of the
 * SDK the application depends on (storage, blob store, key transparency log; a new part is one
 * more bean here), each named {@code secuPass<Part>HealthIndicator} and so shown as {@code secuPass<Part>};
 * all are switched off by {@code management.health.secupass.enabled=false}.
 */
@AutoConfiguration(after = SecuPassAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("secupass")
public class SecuPassHealthAutoConfiguration {

  /** {@code secuPassStorage} in the health endpoint. */
  @Bean
  @ConditionalOnMissingBean(name = "secuPassStorageHealthIndicator")
  @ConditionalOnBean(Storage.class)
  public SecuPassStorageHealthIndicator secuPassStorageHealthIndicator(Storage storage) {
    return new SecuPassStorageHealthIndicator(storage);
  }

  /** {@code secuPassBlobStore} in the health endpoint. */
  @Bean
  @ConditionalOnMissingBean(name = "secuPassBlobStoreHealthIndicator")
  @ConditionalOnBean(BlobStore.class)
  public SecuPassBlobStoreHealthIndicator secuPassBlobStoreHealthIndicator(BlobStore blobStore) {
    return new SecuPassBlobStoreHealthIndicator(blobStore);
  }

  /** {@code secuPassKeyLog} in the health endpoint. */
  @Bean
  @ConditionalOnMissingBean(name = "secuPassKeyLogHealthIndicator")
  @ConditionalOnBean(SecuPassSdk.class)
  public SecuPassKeyLogHealthIndicator secuPassKeyLogHealthIndicator(SecuPassSdk sdk) {
    return new SecuPassKeyLogHealthIndicator(sdk.keyLog());
  }
}
