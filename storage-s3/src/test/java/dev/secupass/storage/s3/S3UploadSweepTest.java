package dev.secupass.storage.s3;

import static dev.secupass.storage.s3.testing.TestBytes.newId;
import static dev.secupass.storage.s3.testing.TestBytes.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.api.StorageException;
import dev.secupass.spi.BlobOutput;
import dev.secupass.storage.s3.testing.S3ProxyServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * {@link S3BlobStore#abortIncompleteUploads}: ages come from the injected clock (S3Proxy reports
 * every upload as initiated "now", so a clock two hours ahead makes them two hours old).
 */
class S3UploadSweepTest {
  private static final int PART = S3BlobStoreBuilder.MIN_PART_SIZE;
  private static final Clock TWO_HOURS_AHEAD =
      Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);

  private final S3ProxyServer server = S3ProxyServer.shared();
  private String bucket;

  @BeforeEach
  void createBucket() {
    bucket = server.newBucket();
  }

  private S3BlobStore store(String prefix, Clock clock) {
    return S3BlobStore.builder()
        .client(server.client())
        .bucket(bucket)
        .keyPrefix(prefix)
        .partSize(PART)
        .clock(clock)
        .build();
  }

  @Test
  void abortIncompleteUploads_uploadOlderThanTheAge_isAbortedAndCannotBeCommitted()
      throws IOException {
    try (S3BlobStore store = store("tenant-a", TWO_HOURS_AHEAD)) {
      BlobId id = newId();
      try (BlobOutput abandoned = store.create(id)) {
        abandoned.write(random(PART + 1, 1));

        assertThat(store.abortIncompleteUploads(Duration.ofHours(1))).isEqualTo(1);

        assertThat(openUploads()).isEmpty();
        assertThatThrownBy(abandoned::commit).isInstanceOf(StorageException.class);
      }
      assertThat(store.stat(id)).isEmpty();
    }
  }

  @Test
  void abortIncompleteUploads_uploadYoungerThanTheAge_isKept() throws IOException {
    try (S3BlobStore store = store("tenant-a", Clock.systemUTC())) {
      BlobId id = newId();
      try (BlobOutput running = store.create(id)) {
        running.write(random(PART + 1, 2));

        assertThat(store.abortIncompleteUploads(Duration.ofHours(1))).isZero();

        running.commit();
      }
      assertThat(store.stat(id)).isPresent();
    }
  }

  @Test
  void abortIncompleteUploads_uploadUnderAnotherPrefix_isLeftAlone() throws IOException {
    try (S3BlobStore mine = store("tenant-a", TWO_HOURS_AHEAD);
        S3BlobStore theirs = store("tenant-b", TWO_HOURS_AHEAD);
        BlobOutput running = theirs.create(newId())) {
      running.write(random(PART + 1, 3));

      assertThat(mine.abortIncompleteUploads(Duration.ofHours(1))).isZero();

      assertThat(openUploads()).extracting(MultipartUpload::key).singleElement()
          .asString().startsWith("tenant-b/");
    }
  }

  @Test
  void abortIncompleteUploads_negativeAge_throwsIllegalArgument() {
    try (S3BlobStore store = store("", Clock.systemUTC())) {
      assertThatThrownBy(() -> store.abortIncompleteUploads(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private List<MultipartUpload> openUploads() {
    return server.client().listMultipartUploads(r -> r.bucket(bucket)).uploads();
  }
}
