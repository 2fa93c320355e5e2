package dev.secupass.storage.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;

class ClientFactoryTest {

  @Test
  void build_retriesInStandardModeWithTheConfiguredAttempts() {
    try (S3Client client = ClientFactory.build(new ClientSettings(URI.create("http://127.0.0.1:1"),
        null, AnonymousCredentialsProvider.create(), true, true, 7))) {
      RetryStrategy retries =
          client.serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow();

      assertThat(retries.getClass().getSimpleName()).isEqualTo("DefaultStandardRetryStrategy");
      assertThat(retries.maxAttempts()).isEqualTo(7);
      assertThat(client.serviceClientConfiguration().region().id()).isEqualTo("us-east-1");
    }
  }
}
