package dev.secupass.storage.s3;

import static dev.secupass.storage.s3.testing.TestBytes.newId;
import static dev.secupass.storage.s3.testing.TestBytes.put;
import static dev.secupass.storage.s3.testing.TestBytes.putDeclared;
import static dev.secupass.storage.s3.testing.TestBytes.random;
import static dev.secupass.storage.s3.testing.TestBytes.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.api.StorageException;
import dev.secupass.spi.BlobOutput;
import dev.secupass.storage.s3.testing.S3rverServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The store's own behaviour on s3rver, the second S3 implementation of these tests, with the
 * settings docs/storage-s3.md gives for it ({@code checksums(false)} on its HTTPS client,
 * {@code singlePutLimit(0)}); and what s3rver does that makes those settings necessary.
 */
class S3rverBlobStoreTest {
  private static final int PART = S3BlobStoreBuilder.MIN_PART_SIZE;

  private final S3rverServer server = S3rverServer.shared();
  private final S3Client client = server.client();
  private String bucket;
  private S3BlobStore store;

  @BeforeEach
  void start() {
    bucket = server.newBucket();
    store = store("tenant-a", 0);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  /** A store on s3rver's client (which it does not close), 5 MiB parts. */
  private S3BlobStore store(String prefix, long singlePutLimit) {
    return S3BlobStore.builder()
        .client(client)
        .checksums(false)
        .bucket(bucket)
        .keyPrefix(prefix)
        .partSize(PART)
        .partsInFlight(2)
        .singlePutLimit(singlePutLimit)
        .build();
  }

  @Test
  void commit_blobOfSeveralParts_readsBackWholeAndByRangeAcrossParts() {
    byte[] bytes = random(2 * PART + 12345, 1);
    BlobId id = newId();

    put(store, id, bytes);

    assertThat(readAll(store.open(id))).isEqualTo(bytes);
    assertThat(readAll(store.open(id, PART - 100, 300)))
        .isEqualTo(Arrays.copyOfRange(bytes, PART - 100, PART + 200));
    assertThat(store.stat(id).orElseThrow().size()).isEqualTo(bytes.length);
  }

  @Test
  void write_beforeCommit_leavesNothingVisible_andCloseWithoutCommitLeavesNothing()
      throws IOException {
    BlobId committed = newId();
    BlobId abandoned = newId();
    try (BlobOutput out = store.create(committed); BlobOutput dropped = store.create(abandoned)) {
      out.write(random(PART + 1, 2));
      dropped.write(random(2 * PART + 1, 3));

      assertThat(store.stat(committed)).isEmpty();
      out.commit();
    }
    assertThat(store.stat(committed)).isPresent();
    assertThat(store.stat(abandoned)).isEmpty();
  }

  @Test
  void commit_ofAnIdCommittedMeanwhile_conflictsAndKeepsTheFirst() throws IOException {
    for (int size : new int[] {1000, PART + 1000}) {
      BlobId id = newId();
      byte[] first = random(size, 4);
      try (BlobOutput winner = store.create(id); BlobOutput loser = store.create(id)) {
        winner.write(first);
        loser.write(random(size, 5));
        winner.commit();

        assertThatThrownBy(loser::commit).isInstanceOf(ConflictException.class);
      }
      assertThat(readAll(store.open(id))).isEqualTo(first);
    }
  }

  @Test
  void keyPrefix_keepsTenantsApartInOneBucket() {
    BlobId id = newId();
    put(store, id, new byte[] {1, 2, 3});

    try (S3BlobStore other = store("tenant-b", 0)) {
      assertThat(other.stat(id)).isEmpty();
      put(other, id, new byte[] {4, 5});
      assertThat(readAll(other.open(id))).containsExactly(4, 5);
    }
    assertThat(readAll(store.open(id))).containsExactly(1, 2, 3);
  }

  @Test
  void streamedPut_whileTheServerShowsItsUnfinishedObject_commitsWithoutAFalseConflict()
      throws Exception {
    byte[] bytes = random(2 * PART, 6);
    BlobId id = newId();
    try (S3BlobStore streaming = store("streaming", S3BlobStoreBuilder.DEFAULT_SINGLE_PUT_LIMIT);
        BlobOutput out = streaming.create(id, bytes.length)) {
      out.write(bytes, 0, PART);
      awaitVisible(streaming, id);
      out.write(bytes, PART, PART);

      out.commit();

      assertThat(readAll(streaming.open(id))).isEqualTo(bytes);
    }
  }

  @Test
  void streamedPut_brokenOffWhileTheServerShowsItsObject_failsNamingTheSetting_notAConflict()
      throws Exception {
    BlobId id = newId();
    S3BlobStore streaming = store("broken", S3BlobStoreBuilder.DEFAULT_SINGLE_PUT_LIMIT);
    BlobOutput out = streaming.create(id, 3L * PART);
    out.write(random(PART, 7));
    awaitVisible(streaming, id);

    streaming.close(); // interrupts the upload thread: the request breaks off

    assertThatThrownBy(() -> {
      for (int i = 0; i < 2; i++) {
        out.write(random(PART, 8 + i));
      }
      out.commit();
    }).isInstanceOfSatisfying(StorageException.class, e ->
        assertThat(e.getMessage()).contains("blob " + id, "unfinished object",
            "singlePutLimit(0)"))
        .isNotInstanceOf(ConflictException.class);
    out.close();
  }

  @Test
  void abortIncompleteUploads_withoutListMultipartUploadsOnS3rver_failsAsStorageError() {
    assertThatThrownBy(() -> store.abortIncompleteUploads(Duration.ofDays(1)))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.getMessage()).contains(bucket, "501 NotImplemented")
              .doesNotContain("checksums(false)");
          assertThat(e.retryable()).isFalse();
        });
  }

  @Test
  void s3rver_withFlexibleChecksums_storesTheChunkEncodingAsTheObject() {
    byte[] bytes = random(1000, 9);
    try (S3Client checksummed = S3Client.builder()
        .httpClientBuilder(Apache5HttpClient.builder()
            .tlsTrustManagersProvider(server::trustManagers))
        .endpointOverride(server.endpoint())
        .forcePathStyle(true)
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
        .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials
            .create(S3rverServer.ACCESS_KEY, S3rverServer.SECRET_KEY))
        .build()) {
      checksummed.putObject(r -> r.bucket(bucket).key("checksummed"),
          RequestBody.fromBytes(bytes));

      byte[] stored = client.getObjectAsBytes(r -> r.bucket(bucket).key("checksummed"))
          .asByteArray();
      assertThat(stored).as("s3rver kept the aws-chunked framing and the trailer")
          .isNotEqualTo(bytes).hasSizeGreaterThan(bytes.length);
    }
  }

  @Test
  void s3rver_ignoresIfNoneMatchOnPutObject() {
    client.putObject(r -> r.bucket(bucket).key("taken"), RequestBody.fromBytes(new byte[] {1}));

    client.putObject(r -> r.bucket(bucket).key("taken").ifNoneMatch("*")
        .metadata(Map.of("second", "yes")), RequestBody.fromBytes(new byte[] {2}));

    assertThat(client.getObjectAsBytes(r -> r.bucket(bucket).key("taken")).asByteArray())
        .as("the conditional put replaced the object").containsExactly(2);
  }

  /** Waits until the server shows the blob, which a streamed upload is still writing. */
  private static void awaitVisible(S3BlobStore store, BlobId id) throws InterruptedException {
    for (int i = 0; i < 500 && store.stat(id).isEmpty(); i++) {
      Thread.sleep(10);
    }
    assertThat(store.stat(id)).as("s3rver shows the unfinished object").isPresent();
  }
}
