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
import dev.secupass.spi.BlobOutput;
import dev.secupass.storage.s3.testing.FaultProxy;
import dev.secupass.storage.s3.testing.FaultProxy.Fault;
import dev.secupass.storage.s3.testing.FaultProxy.Request;
import dev.secupass.storage.s3.testing.S3ProxyServer;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3-specific behaviour of the store against S3Proxy; the generic contract is the kit's. */
class S3BlobStoreTest {
  private static final int PART = S3BlobStoreBuilder.MIN_PART_SIZE;

  private final S3ProxyServer server = S3ProxyServer.shared();
  private final S3Client raw = server.client();
  private String bucket;
  private S3BlobStore store;

  @BeforeEach
  void start() {
    bucket = server.newBucket();
    store = storeWithPrefix("tenant-a", true);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private S3BlobStore storeWithPrefix(String prefix, boolean checksums) {
    return S3BlobStore.builder()
        .endpoint(server.endpoint())
        .pathStyleAccess(true)
        .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
        .checksums(checksums)
        .bucket(bucket)
        .keyPrefix(prefix)
        .partSize(PART)
        .partsInFlight(2)
        .build();
  }

  @Test
  void commit_blobOfSeveralParts_isStoredAsOneObjectWithTheSameBytes() {
    byte[] bytes = random(2 * PART + 12345, 1);
    BlobId id = newId();

    put(store, id, bytes);

    assertThat(readAll(store.open(id))).isEqualTo(bytes);
    assertThat(raw.headObject(r -> r.bucket(bucket).key("tenant-a/" + id)).eTag())
        .as("a multipart ETag ends in the part count").endsWith("-3\"");
  }

  @Test
  void write_beforeCommit_leavesNoObjectAndAnOpenUpload() throws IOException {
    BlobId id = newId();
    try (BlobOutput out = store.create(id)) {
      out.write(random(PART + 1, 2));

      assertThat(store.stat(id)).isEmpty();
      assertThat(objectKeys()).isEmpty();
      assertThat(openUploads()).containsExactly("tenant-a/" + id);
      out.commit();
    }
    assertThat(objectKeys()).containsExactly("tenant-a/" + id);
    assertThat(openUploads()).isEmpty();
  }

  @Test
  void close_withoutCommit_abortsTheMultipartUpload() throws IOException {
    BlobId id = newId();
    try (BlobOutput out = store.create(id)) {
      out.write(random(2 * PART + 1, 3));
    }

    assertThat(store.stat(id)).isEmpty();
    assertThat(objectKeys()).isEmpty();
    assertThat(openUploads()).isEmpty();
  }

  @Test
  void commit_singlePartBlobCommittedMeanwhile_throwsConflictAndKeepsTheFirst() throws IOException {
    assertSecondCommitConflicts(1000);
  }

  @Test
  void commit_multipartBlobCommittedMeanwhile_throwsConflictAndKeepsTheFirst() throws IOException {
    assertSecondCommitConflicts(PART + 1000);
  }

  private void assertSecondCommitConflicts(int size) throws IOException {
    BlobId id = newId();
    byte[] first = random(size, 4);
    try (BlobOutput winner = store.create(id); BlobOutput loser = store.create(id)) {
      winner.write(first);
      loser.write(random(size, 5));
      winner.commit();

      assertThatThrownBy(loser::commit).isInstanceOf(ConflictException.class);
    }
    assertThat(readAll(store.open(id))).isEqualTo(first);
    assertThat(openUploads()).isEmpty();
  }

  @Test
  void keyPrefix_keepsTenantsApartInOneBucket() {
    BlobId id = newId();
    put(store, id, new byte[] {1, 2, 3});

    try (S3BlobStore other = storeWithPrefix("tenant-b", true)) {
      assertThat(other.stat(id)).isEmpty();
      put(other, id, new byte[] {4, 5});
      assertThat(readAll(other.open(id))).containsExactly(4, 5);
    }
    assertThat(readAll(store.open(id))).containsExactly(1, 2, 3);
    assertThat(objectKeys()).containsExactlyInAnyOrder("tenant-a/" + id, "tenant-b/" + id);
  }

  @Test
  void checksumsOff_storesAndReadsSinglePartAndMultipartBlobs() {
    try (S3BlobStore plain = storeWithPrefix("plain", false)) {
      byte[] small = random(100, 6);
      byte[] large = random(PART + 100, 7);
      BlobId smallId = newId();
      BlobId largeId = newId();

      BlobId streamedId = newId();

      put(plain, smallId, small);
      put(plain, largeId, large);
      putDeclared(plain, streamedId, large);

      assertThat(readAll(plain.open(smallId))).isEqualTo(small);
      assertThat(readAll(plain.open(largeId))).isEqualTo(large);
      assertThat(readAll(plain.open(streamedId))).isEqualTo(large);
    }
  }

  @Test
  void declaredSize_upToTheSinglePutLimit_isOnePutObjectAndAboveItMultipart() {
    try (S3BlobStore limited = S3BlobStore.builder()
        .endpoint(server.endpoint())
        .pathStyleAccess(true)
        .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
        .bucket(bucket)
        .keyPrefix("limited")
        .partSize(PART)
        .singlePutLimit(2L * PART)
        .build()) {
      BlobId atLimit = newId();
      BlobId aboveLimit = newId();
      byte[] bytes = random(2 * PART + 1, 9);

      putDeclared(limited, atLimit, Arrays.copyOf(bytes, 2 * PART));
      putDeclared(limited, aboveLimit, bytes);

      assertThat(raw.headObject(r -> r.bucket(bucket).key("limited/" + atLimit)).eTag())
          .as("a single PutObject's ETag has no part count").doesNotContain("-");
      assertThat(raw.headObject(r -> r.bucket(bucket).key("limited/" + aboveLimit)).eTag())
          .endsWith("-3\"");
      assertThat(readAll(limited.open(atLimit))).isEqualTo(Arrays.copyOf(bytes, 2 * PART));
      assertThat(readAll(limited.open(aboveLimit))).isEqualTo(bytes);
    }
  }

  @Test
  void declaredSize_beforeCommit_leavesNoObjectAndNoUpload() throws IOException {
    BlobId id = newId();
    byte[] bytes = random(2 * PART, 10);
    try (BlobOutput out = store.create(id, bytes.length)) {
      out.write(bytes);

      assertThat(store.stat(id)).isEmpty();
      // S3Proxy's filesystem backend lists the file it is receiving under a temporary name
      // (key-uuid); the blob's own key appears only once the request is complete.
      assertThat(objectKeys()).doesNotContain("tenant-a/" + id);
      assertThat(openUploads()).isEmpty();
      out.commit();
    }
    assertThat(objectKeys()).containsExactly("tenant-a/" + id);
  }

  @Test
  void open_wholeOrARange_isOneGetWithoutAHead_unlessTheAnswerDoesNotFit() throws IOException {
    byte[] bytes = random(300_000, 11);
    BlobId id = newId();
    put(store, id, bytes);
    try (FaultProxy proxy = new FaultProxy(server.endpoint());
        S3BlobStore counted = S3BlobStore.builder()
            .endpoint(proxy.endpoint())
            .pathStyleAccess(true)
            .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
            .bucket(bucket)
            .keyPrefix("tenant-a")
            .build()) {

      assertThat(readAll(counted.open(id))).isEqualTo(bytes);
      assertThat(readAll(counted.open(id, 1000, 2000)))
          .isEqualTo(Arrays.copyOfRange(bytes, 1000, 3000));
      assertThat(readAll(counted.open(id, 299_000, Long.MAX_VALUE)))
          .isEqualTo(Arrays.copyOfRange(bytes, 299_000, 300_000));

      assertThat(proxy.count(Request::isGetObject)).isEqualTo(3);
      assertThat(proxy.count(Request::isHeadObject)).isZero();

      // An answer that does not say it is the range asked for is not trusted: the store asks
      // for the size and the exact range again.
      proxy.inject(Request::isGetObject, Fault.mislabelRange(), 1);
      assertThat(readAll(counted.open(id, 1000, 2000)))
          .isEqualTo(Arrays.copyOfRange(bytes, 1000, 3000));
      assertThat(proxy.count(Request::isHeadObject)).isEqualTo(1);
      // A range at the end is refused (416); a HEAD tells the end from beyond it.
      assertThat(readAll(counted.open(id, 300_000, 10))).isEmpty();
      assertThatThrownBy(() -> counted.open(id, 300_001, 10))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(proxy.count(Request::isHeadObject)).isEqualTo(3);
    }
  }

  @Test
  void open_rangeAcrossAPartBoundary_returnsExactlyThoseBytes() {
    byte[] bytes = random(2 * PART + 10, 8);
    BlobId id = newId();
    put(store, id, bytes);

    long offset = PART - 100;
    assertThat(readAll(store.open(id, offset, 300)))
        .isEqualTo(Arrays.copyOfRange(bytes, (int) offset, (int) offset + 300));
  }

  /**
   * Object keys under the tenant prefixes. S3Proxy's filesystem backend keeps parts under other
   * names and lists directories as keys ending in '/'; neither is a blob.
   */
  private java.util.List<String> objectKeys() {
    return raw.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("tenant-")).contents().stream()
        .map(S3Object::key).filter(key -> !key.endsWith("/")).toList();
  }

  private java.util.List<String> openUploads() {
    return raw.listMultipartUploadsPaginator(r -> r.bucket(bucket)).uploads().stream()
        .map(u -> u.key()).toList();
  }
}
