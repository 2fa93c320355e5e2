package dev.secupass.atrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.StorageException;
import dev.secupass.atrest.testing.MotoServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** What only the AWS KMS key does: its configuration, and telling an outage from tampering. */
class AwsKmsAtRestKeyTest {
  private static final byte[] AAD = "delivery:d-1".getBytes(StandardCharsets.UTF_8);

  @Test
  void of_aliasInsteadOfKeyArn_throwsIllegalArgument() {
    assertThatThrownBy(() -> AwsKmsAtRestKey.of(MotoServer.shared().kms(), "alias/secupass"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("full key ARN");
  }

  @Test
  void open_kmsUnreachable_throwsStorageFailure_notIntegrity() throws Exception {
    MotoServer moto = MotoServer.shared();
    String arn = moto.newKey();
    byte[] sealed = AwsKmsAtRestKey.of(moto.kms(), arn).encrypt(bytes("content key"), AAD);

    try (KmsClient down = clientOfAClosedPort()) {
      AwsKmsAtRestKey key = AwsKmsAtRestKey.of(down, arn);

      assertThatThrownBy(() -> key.decrypt(sealed, AAD))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("AWS KMS failed to decrypt");
      assertThatThrownBy(() -> key.encrypt(bytes("content key"), AAD))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("AWS KMS failed to encrypt");
    }
  }

  @Test
  void toString_namesTheKeyArn_only() {
    String arn = MotoServer.shared().newKey();

    assertThat(AwsKmsAtRestKey.of(MotoServer.shared().kms(), arn)).hasToString(
        "AwsKmsAtRestKey[" + arn + "]");
  }

  private static KmsClient clientOfAClosedPort() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    return KmsClient.builder()
        .httpClientBuilder(Apache5HttpClient.builder())
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("moto", "moto")))
        .build();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
