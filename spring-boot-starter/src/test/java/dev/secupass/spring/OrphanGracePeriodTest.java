package dev.secupass.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.BlobId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secupass.orphan-grace-period} reaches the SDK: the expiry sweep deletes an upload that
 * nothing refers to once it is older than the period, and leaves a younger one, on the embedded
 * host's H2 files and blob directory.
 */
class OrphanGracePeriodTest {
  @TempDir Path dir;

  @Test
  void theSweepDeletesOnlyOrphansOlderThanTheConfiguredPeriod() {
    // The default hour would have taken the younger one too.
    sweepsTheOlderOnly(Duration.ofMinutes(90), Duration.ofHours(3),
        "secupass.orphan-grace-period=2h");
  }

  @Test
  void withoutTheProperty_theDefaultHourHolds() {
    sweepsTheOlderOnly(Duration.ofMinutes(50), Duration.ofMinutes(70));
  }

  /** Two orphans, begun {@code younger} and {@code older} ago: one sweep deletes the older. */
  private void sweepsTheOlderOnly(Duration younger, Duration older, String... properties) {
    String run = TestHost.run();
    TestHost.embedded(dir).withPropertyValues(properties).run(context -> {
      Storage storage = context.getBean(Storage.class);
      BlobStore blobs = context.getBean(BlobStore.class);
      BlobId young = orphan(storage, blobs, "young-" + run, younger);
      BlobId old = orphan(storage, blobs, "old-" + run, older);

      assertThat(context.getBean(SecuPassSdk.class).deliveries().sweepExpired(10)
          .orphansDeleted()).isEqualTo(1);
      assertThat(blobs.stat(old)).isEmpty();
      assertThat(blobs.stat(young)).isPresent();
    });
  }

  /** A blob whose upload began {@code age} ago and that no row took over, as a crash leaves it. */
  private static BlobId orphan(Storage storage, BlobStore blobs, String id, Duration age)
      throws IOException {
    BlobId blob = BlobId.of(id);
    storage.blobJournal().begin(blob, Instant.now().minus(age));
    try (BlobOutput out = blobs.create(blob)) {
      out.write("an upload whose delivery never committed".getBytes(StandardCharsets.UTF_8));
      out.commit();
    }
    return blob;
  }
}
