package dev.secupass.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.StorageException;
import dev.secupass.storage.s3.testing.S3ProxyServer;
import dev.secupass.storage.s3.testing.TestBytes;
import java.net.URI;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The builder rejects bad settings early, and credentials never show up in messages. */
class S3BlobStoreBuilderTest {

  @Test
  void build_withoutBucket_throwsIllegalState() {
    assertThatThrownBy(() -> S3BlobStore.builder().region("eu-central-1").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("bucket");
  }

  @Test
  void build_clientTogetherWithAnEndpoint_throwsIllegalState() {
    S3BlobStoreBuilder builder = S3BlobStore.builder()
        .client(S3ProxyServer.shared().client())
        .endpoint(URI.create("http://127.0.0.1:9000"))
        .bucket("b");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("client(...) excludes");
  }

  @Test
  void partSize_outsideFiveMiBToOneGiB_throwsIllegalArgument() {
    S3BlobStoreBuilder builder = S3BlobStore.builder();

    assertThatThrownBy(() -> builder.partSize(S3BlobStoreBuilder.MIN_PART_SIZE - 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partSize");
    assertThatThrownBy(() -> builder.partSize(S3BlobStoreBuilder.MAX_PART_SIZE + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void partsInFlightAndMaxAttempts_outOfRange_throwIllegalArgument() {
    S3BlobStoreBuilder builder = S3BlobStore.builder();

    assertThatThrownBy(() -> builder.partsInFlight(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.partsInFlight(65)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void singlePutLimit_outsideZeroToFiveGiB_throwsIllegalArgument() {
    S3BlobStoreBuilder builder = S3BlobStore.builder();

    assertThatThrownBy(() -> builder.singlePutLimit(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("singlePutLimit");
    assertThatThrownBy(() -> builder.singlePutLimit(S3BlobStoreBuilder.MAX_SINGLE_PUT + 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("singlePutLimit");
    builder.singlePutLimit(0).singlePutLimit(S3BlobStoreBuilder.MAX_SINGLE_PUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/tenants", "tenants//acme", "../acme", "acme/..", "ac me", "-acme"})
  void keyPrefix_malformed_throwsIllegalArgument(String prefix) {
    assertThatThrownBy(() -> S3BlobStore.builder().keyPrefix(prefix))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyPrefix");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://host", "file:///tmp/x", "http:relative"})
  void endpoint_notHttpWithAHost_throwsIllegalArgument(String endpoint) {
    assertThatThrownBy(() -> S3BlobStore.builder().endpoint(URI.create(endpoint)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
  }

  @Test
  void credentials_blank_throwsIllegalArgumentWithoutEchoingThem() {
    assertThatThrownBy(() -> S3BlobStore.builder().credentials("AKIDEXAMPLE", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secretAccessKey must not be blank");
  }

  @Test
  void build_withWrongCredentials_failsNamingBucketAndEndpoint_neverTheSecret() {
    String secret = "wrong-secret-" + TestBytes.newId();
    S3ProxyServer server = S3ProxyServer.shared();
    String bucket = server.newBucket();

    assertThatThrownBy(() -> S3BlobStore.builder()
        .endpoint(server.endpoint())
        .pathStyleAccess(true)
        .credentials(S3ProxyServer.ACCESS_KEY, secret)
        .bucket(bucket)
        .build())
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).contains("'" + bucket + "'", server.endpoint().toString(),
              "denied", "HTTP 403");
          assertThat(messages(e)).isNotEmpty().noneMatch(m -> m.contains(secret));
        });
  }

  @Test
  void build_bucketThatDoesNotExist_failsNamingBucketAndEndpoint() {
    S3ProxyServer server = S3ProxyServer.shared();

    assertThatThrownBy(() -> S3BlobStore.builder()
        .endpoint(server.endpoint())
        .pathStyleAccess(true)
        .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
        .bucket("no-such-bucket")
        .build())
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).contains("There is no bucket 'no-such-bucket' at "
              + server.endpoint(), "HTTP 404", "never creates buckets");
        });
    assertThatThrownBy(() -> S3BlobStore.builder().client(server.client())
        .bucket("no-such-bucket").build())
        .isInstanceOf(StorageException.class).hasMessageContaining("no-such-bucket");
  }

  @Test
  void build_serverUnreachable_failsRetryablyNamingTheEndpoint() throws Exception {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    URI endpoint = closed;

    assertThatThrownBy(() -> S3BlobStore.builder()
        .endpoint(endpoint)
        .pathStyleAccess(true)
        .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
        .maxAttempts(1)
        .bucket("secupass")
        .build())
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.getMessage()).contains("'secupass'", endpoint.toString());
        });
  }

  private static List<String> messages(Throwable e) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
      messages.add(t.toString());
    }
    return messages;
  }
}
