package dev.secupass.storage.s3;

import static dev.secupass.storage.s3.testing.TestBytes.newId;
import static dev.secupass.storage.s3.testing.TestBytes.put;
import static dev.secupass.storage.s3.testing.TestBytes.putDeclared;
import static dev.secupass.storage.s3.testing.TestBytes.random;
import static dev.secupass.storage.s3.testing.TestBytes.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.api.StorageException;
import dev.secupass.spi.BlobOutput;
import dev.secupass.storage.s3.testing.FaultProxy;
import dev.secupass.storage.s3.testing.FaultProxy.Fault;
import dev.secupass.storage.s3.testing.FaultProxy.Request;
import dev.secupass.storage.s3.testing.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The store behind a proxy that drops connections, answers 500 and 503 and cuts responses short:
 * a write either commits exactly its bytes after retries or fails with nothing visible and no
 * upload left open, and a read returns exactly the blob's bytes or throws.
 */
class S3FaultToleranceTest {
  private static final int PART = S3BlobStoreBuilder.MIN_PART_SIZE;
  private static final int ALWAYS = 1_000;

  private final S3ProxyServer server = S3ProxyServer.shared();
  private final S3Client raw = server.client();
  private String bucket;
  private FaultProxy proxy;
  private S3BlobStore store;

  @BeforeEach
  void start() throws IOException {
    bucket = server.newBucket();
    proxy = new FaultProxy(server.endpoint());
    store = S3BlobStore.builder()
        .endpoint(proxy.endpoint())
        .pathStyleAccess(true)
        .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
        .bucket(bucket)
        .partSize(PART)
        .partsInFlight(2)
        .maxAttempts(3)
        .build();
  }

  @AfterEach
  void stop() throws IOException {
    store.close();
    proxy.close();
  }

  @Test
  void write_partsDroppedOrAnswered500Or503_areRetriedAndTheBlobHasExactlyItsBytes() {
    proxy.inject(Request::isUploadPart, Fault.dropRequest(), 1)
        .inject(Request::isUploadPart, Fault.answer(500), 1)
        .inject(Request::isUploadPart, Fault.answer(503), 1);
    byte[] bytes = random(2 * PART + 10, 1);
    BlobId id = newId();

    put(store, id, bytes);

    assertThat(proxy.count(Request::isUploadPart)).isEqualTo(3 + 3);
    assertThat(readAll(store.open(id))).isEqualTo(bytes);
    assertNoOpenUploads();
  }

  @Test
  void commit_putObjectResponseLost_recognisesItsOwnBlobAndSucceeds() {
    proxy.inject(Request::isPutObject, Fault.dropResponse(), 1);
    byte[] bytes = random(1000, 2);
    BlobId id = newId();

    put(store, id, bytes);

    assertThat(proxy.count(Request::isPutObject)).as("the retry met the blob it wrote").isEqualTo(2);
    assertThat(readAll(store.open(id))).isEqualTo(bytes);
  }

  @Test
  void commit_completeResponseLost_recognisesItsOwnBlobAndSucceeds() {
    proxy.inject(Request::isCompleteUpload, Fault.dropResponse(), 1);
    byte[] bytes = random(PART + 10, 3);
    BlobId id = newId();

    put(store, id, bytes);

    assertThat(proxy.count(Request::isCompleteUpload)).isEqualTo(2);
    assertThat(readAll(store.open(id))).isEqualTo(bytes);
    assertNoOpenUploads();
  }

  @Test
  void write_partFailsOnEveryAttempt_failsRetryablyWithNothingVisibleAndNoUploadLeft() {
    proxy.inject(Request::isUploadPart, Fault.answer(503), ALWAYS);
    BlobId id = newId();

    assertThatThrownBy(() -> put(store, id, random(2 * PART + 10, 4)))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.retryable()).isTrue());

    assertThat(store.stat(id)).isEmpty();
    assertNoOpenUploads();
  }

  @Test
  void commit_completeFailsOnEveryAttempt_failsRetryablyWithNothingVisibleAndNoUploadLeft() {
    proxy.inject(Request::isCompleteUpload, Fault.answer(500), ALWAYS);
    BlobId id = newId();

    assertThatThrownBy(() -> put(store, id, random(PART + 10, 5)))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.retryable()).isTrue());

    assertThat(store.stat(id)).isEmpty();
    assertNoOpenUploads();
  }

  @Test
  void commit_putObjectConnectionDroppedOnEveryAttempt_failsRetryablyWithNothingVisible() {
    proxy.inject(Request::isPutObject, Fault.dropRequest(), ALWAYS);
    BlobId id = newId();

    assertThatThrownBy(() -> put(store, id, random(1000, 6)))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.retryable()).isTrue());

    assertThat(proxy.count(Request::isPutObject)).as("maxAttempts(3)").isEqualTo(3);
    assertThat(store.stat(id)).isEmpty();
  }

  @Test
  void write_declaredSizeAboveOnePart_goesAsOnePutObjectWithoutParts() {
    byte[] bytes = random(3 * PART + 10, 11);
    BlobId id = newId();

    putDeclared(store, id, bytes);

    assertThat(proxy.count(Request::isPutObject)).isEqualTo(1);
    assertThat(proxy.count(Request::isUploadPart)).isZero();
    assertThat(readAll(store.open(id))).isEqualTo(bytes);
    assertNoOpenUploads();
  }

  @Test
  void write_declaredSizePutAnswered503And500BeforeItsBody_isResentAndHasExactlyItsBytes() {
    proxy.inject(Request::isPutObject, Fault.answer(503), 1)
        .inject(Request::isPutObject, Fault.answer(500), 1);
    byte[] bytes = random(2 * PART + 10, 12);
    BlobId id = newId();

    putDeclared(store, id, bytes);

    assertThat(proxy.requests(Request::isPutObject)).hasSize(3).allSatisfy(request ->
        assertThat(request.headers()).as("the answer comes before the body")
            .containsEntry("expect", "100-continue"));
    assertThat(readAll(store.open(id))).isEqualTo(bytes);
  }

  @Test
  void commit_declaredSizePutResponseLost_recognisesItsOwnBlobAndSucceeds() {
    proxy.inject(Request::isPutObject, Fault.dropResponse(), 1);
    byte[] bytes = random(2 * PART + 10, 13);
    BlobId id = newId();

    putDeclared(store, id, bytes);

    assertThat(proxy.count(Request::isPutObject)).as("a sent body is not sent again").isEqualTo(1);
    assertThat(readAll(store.open(id))).isEqualTo(bytes);
  }

  @Test
  void write_declaredSizeConnectionLostMidBody_failsRetryablyWithNothingVisible() {
    proxy.inject(Request::isPutObject, Fault.cutRequestAfter(PART), 1);
    BlobId id = newId();

    assertThatThrownBy(() -> putDeclared(store, id, random(2 * PART + 10, 14)))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.retryable()).isTrue());

    assertThat(proxy.count(Request::isPutObject)).as("a sent body is not sent again").isEqualTo(1);
    assertThat(store.stat(id)).isEmpty();
    assertNoOpenUploads();
    byte[] again = random(2 * PART + 10, 15);
    putDeclared(store, id, again);
    assertThat(readAll(store.open(id))).as("the id stays free").isEqualTo(again);
  }

  @Test
  void write_declaredSizePutFailsOnEveryAttempt_failsRetryablyWithNothingVisible() {
    proxy.inject(Request::isPutObject, Fault.answer(503), ALWAYS);
    BlobId id = newId();

    assertThatThrownBy(() -> putDeclared(store, id, random(2 * PART + 10, 16)))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.retryable()).isTrue());

    assertThat(proxy.count(Request::isPutObject)).as("maxAttempts(3)").isEqualTo(3);
    assertThat(store.stat(id)).isEmpty();
  }

  @Test
  void write_declaredSizeInterruptedWhileTheServerStalls_abortsWithNothingVisible()
      throws Exception {
    proxy.inject(Request::isPutObject, Fault.stall(3_000), 1);
    BlobId id = newId();
    byte[] bytes = random(32 * 1024 * 1024, 17);
    BlobOutput out = store.create(id, bytes.length);
    Thread writer = Thread.currentThread();
    Thread interrupter = new Thread(() -> {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
      writer.interrupt();
    });
    interrupter.start();

    assertThatThrownBy(() -> out.write(bytes)).as("more than the pipe and the sockets hold")
        .isInstanceOf(StorageException.class);
    interrupter.join();
    assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();

    assertThatThrownBy(out::commit).as("the output was aborted")
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.stat(id)).isEmpty();
    putDeclared(store, id, Arrays.copyOf(bytes, 2 * PART));
    assertThat(readAll(store.open(id))).as("the id stays free").hasSize(2 * PART);
  }

  @Test
  void read_responseCutShort_resumesFromTheFirstMissingByte() {
    byte[] bytes = random(PART + 10, 7);
    BlobId id = newId();
    put(store, id, bytes);
    proxy.inject(Request::isGetObject, Fault.cutResponseAfter(100_000), 1);

    assertThat(readAll(store.open(id))).isEqualTo(bytes);

    assertThat(proxy.requests(Request::isGetObject))
        .extracting(r -> r.headers().get("range"))
        .containsExactly(null, "bytes=100000-" + (bytes.length - 1));
  }

  @Test
  void read_rangeCutShortSeveralTimes_returnsExactlyTheRange() {
    byte[] bytes = random(PART + 10, 8);
    BlobId id = newId();
    put(store, id, bytes);
    proxy.inject(Request::isGetObject, Fault.cutResponseAfter(1000), 5);

    byte[] range = readAll(store.open(id, 10, 100_000));

    assertThat(range).isEqualTo(Arrays.copyOfRange(bytes, 10, 100_010));
    assertThat(proxy.count(Request::isGetObject)).isEqualTo(6);
  }

  @Test
  void read_getAnswered503ThenDropped_isRetriedAndReturnsTheBlob() {
    byte[] bytes = random(5000, 9);
    BlobId id = newId();
    put(store, id, bytes);
    proxy.inject(Request::isGetObject, Fault.answer(503), 1)
        .inject(Request::isGetObject, Fault.dropRequest(), 1);

    assertThat(readAll(store.open(id))).isEqualTo(bytes);
  }

  @Test
  void read_cutShortWithoutProgressOnEveryResume_throwsInsteadOfEndingEarly() throws IOException {
    byte[] bytes = random(300_000, 10);
    BlobId id = newId();
    put(store, id, bytes);
    proxy.inject(Request::isGetObject, Fault.cutResponseAfter(1000), 1)
        .inject(Request::isGetObject, Fault.cutResponseAfter(0), ALWAYS);

    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (InputStream in = store.open(id)) {
      assertThatThrownBy(() -> in.transferTo(received))
          .isInstanceOf(IOException.class)
          .hasCauseInstanceOf(StorageException.class);
    }

    assertThat(received.toByteArray()).isEqualTo(Arrays.copyOf(bytes, 1000));
    assertThat(proxy.count(Request::isGetObject)).as("the cut response and two resumes: 3 attempts")
        .isEqualTo(3);
  }

  private void assertNoOpenUploads() {
    assertThat(raw.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
  }

  @Test
  void upload_serverRejectingFlexibleChecksums_failsNamingTheSetting() throws IOException {
    // What servers without flexible checksums answer (B2's and older MinIO's words).
    proxy.inject(Request::isPutObject, Fault.answer(400, "InvalidArgument",
        "Unsupported header 'x-amz-sdk-checksum-algorithm' received for this API call."), ALWAYS);
    proxy.inject(Request::isUploadPart, Fault.answer(501, "NotImplemented",
        "A header you provided implies functionality that is not implemented"), ALWAYS);

    for (int size : new int[] {1000, 2 * PART + 1}) {
      BlobId id = newId();
      assertThatThrownBy(() -> put(store, id, random(size, 30)))
          .isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.getMessage()).contains("blob " + id, "checksums(false)",
                "docs/storage-s3.md");
            assertThat(e.retryable()).isFalse();
          });
      assertThat(store.stat(id)).isEmpty();
    }
    assertThat(raw.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
  }

  @Test
  void upload_refusedForAnotherReason_doesNotBlameChecksums() {
    proxy.inject(Request::isPutObject, Fault.answer(400, "EntityTooLarge",
        "Your proposed upload exceeds the maximum allowed object size."), ALWAYS);

    assertThatThrownBy(() -> put(store, newId(), random(1000, 31)))
        .isInstanceOfSatisfying(StorageException.class, e ->
            assertThat(e.getMessage()).contains("HTTP 400 EntityTooLarge")
                .doesNotContain("checksums(false)"));
  }
}
