package dev.secupass.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.core.AtRestKey;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.DeliveryPolicies;
import dev.secupass.core.delivery.DeliveryPolicy;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.memory.MemoryBlobStore;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Storage;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Every bean of the starter gives way to the application's own. */
class BeanReplacementTest {
  @TempDir Path dir;

  @Test
  void theApplicationsStorageBlobStoreAndKeyAreUsed() {
    MemoryStorage storage = new MemoryStorage(Clock.systemUTC());
    MemoryBlobStore blobs = new MemoryBlobStore();
    TinkAtRestKey key = TinkAtRestKey.generate();
    // No DataSource, no blob directory, no key source: the application's beans stand in.
    TestHost.bare()
        .withBean(Storage.class, () -> storage)
        .withBean(BlobStore.class, () -> blobs)
        .withBean(AtRestKey.class, () -> key)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(JdbcStorage.class);
          assertThat(context.getBean(Storage.class)).isSameAs(storage);
          assertThat(context.getBean(BlobStore.class)).isSameAs(blobs);
          Story.play(context.getBean(SecuPassSdk.class), TestHost.run());
          assertThat(blobs.toString()).isNotNull();
        });
  }

  @Test
  void theApplicationsStorageWinsOverItsDataSource() {
    MemoryStorage storage = new MemoryStorage(Clock.systemUTC());
    TestHost.embedded(dir).withBean(Storage.class, () -> storage).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(JdbcStorage.class);
      assertThat(context.getBean(Storage.class)).isSameAs(storage);
    });
  }

  @Test
  void theApplicationsPoliciesAndKeyReplaceTheProperties() throws Exception {
    KdfPolicy kdf = KdfPolicy.builder().memoryKiB(128).iterations(1)
        .allowWeakParametersForTests().build();
    DeliveryPolicies policies = DeliveryPolicies.uniform(DeliveryPolicy.builder()
        .maxFiles(2).build());
    TestHost.embedded(dir)
        .withPropertyValues("secupass.at-rest-key.tink-keyset-file.create-if-missing=false")
        .withBean(KdfPolicy.class, () -> kdf)
        .withBean(DeliveryPolicies.class, () -> policies)
        .withBean(AtRestKey.class, TinkAtRestKey::generate)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(KdfPolicy.class)).isSameAs(kdf);
          assertThat(context.getBean(DeliveryPolicies.class)).isSameAs(policies);
          // The keyset file was neither needed nor made.
          assertThat(Files.exists(dir.resolve("at-rest-key.json"))).isFalse();
        });
  }

  @Test
  void customizersRunInOrderAndTheSdkItselfCanBeReplaced() {
    AtomicInteger customized = new AtomicInteger();
    TestHost.embedded(dir)
        .withBean("clockCustomizer", SecuPassSdkBuilderCustomizer.class,
            () -> builder -> {
              builder.clock(Clock.systemUTC());
              customized.incrementAndGet();
            })
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(customized).hasValue(1);
        });

    try (SecuPassSdk own = SecuPassSdk.builder().storage(new MemoryStorage(Clock.systemUTC()))
        .blobStore(new MemoryBlobStore()).atRestKey(TinkAtRestKey.generate()).build()) {
      TestHost.embedded(dir).withBean(SecuPassSdk.class, () -> own).run(context -> {
        assertThat(context.getBean(SecuPassSdk.class)).isSameAs(own);
        assertThat(context.getBean(SecuPassGrantPoller.class).isRunning()).isTrue();
      });
    }
  }

  @Test
  void aHealthIndicatorOfTheSameNameReplacesTheStartersOwn() {
    HealthIndicator own = () -> Health.up().withDetail("checked-by", "the application").build();
    TestHost.embedded(dir)
        .withBean("secuPassStorageHealthIndicator", HealthIndicator.class, () -> own)
        .run(context -> {
          assertThat(context.getBean("secuPassStorageHealthIndicator")).isSameAs(own);
          assertThat(context).hasSingleBean(SecuPassBlobStoreHealthIndicator.class);
          assertThat(context).doesNotHaveBean(SecuPassStorageHealthIndicator.class);
        });
  }
}
