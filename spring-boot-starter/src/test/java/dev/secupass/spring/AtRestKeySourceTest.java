package dev.secupass.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.atrest.AwsKmsAtRestKey;
import dev.secupass.atrest.Pkcs11AtRestKey;
import dev.secupass.atrest.testing.MotoServer;
import dev.secupass.atrest.testing.SoftHsm;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.SecuPassSdk;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The at-rest key from each configured source, proved by a level-1 link delivery (sealed under
 * it) beside a level-3 one: AWS KMS against moto's local KMS, on the application's client and on
 * one the starter makes from properties, and an HSM key over PKCS#11 in a SoftHSM2 token.
 */
class AtRestKeySourceTest {
  @TempDir Path dir;

  @Test
  void awsKmsOnTheApplicationsClient() {
    MotoServer moto = MotoServer.shared();
    String arn = moto.newKey();
    TestHost.embedded(dir).withBean(KmsClient.class, moto::newClient)
        .withPropertyValues("secupass.at-rest-key.source=aws-kms",
            "secupass.at-rest-key.aws-kms.key-arn=" + arn)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(AtRestKey.class)).isInstanceOf(AwsKmsAtRestKey.class);
          assertThat(((AwsKmsAtRestKey) context.getBean(AtRestKey.class)).keyArn())
              .isEqualTo(arn);
          Story.play(context.getBean(SecuPassSdk.class), TestHost.run());
        });
  }

  @Test
  void awsKmsOnAClientFromProperties() {
    MotoServer moto = MotoServer.shared();
    String arn = moto.newKey();
    System.setProperty("aws.accessKeyId", "moto");
    System.setProperty("aws.secretAccessKey", "moto");
    try {
      TestHost.embedded(dir)
          .withPropertyValues("secupass.at-rest-key.source=aws-kms",
              "secupass.at-rest-key.aws-kms.key-arn=" + arn,
              "secupass.at-rest-key.aws-kms.endpoint=" + moto.endpoint())
          .run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasBean("secuPassKmsClient");
            Story.play(context.getBean(SecuPassSdk.class), TestHost.run());
          });
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void pkcs11KeyInSoftHsm() {
    SoftHsm hsm = SoftHsm.shared();
    Pkcs11AtRestKey made = hsm.newKey();
    TestHost.embedded(dir)
        .withPropertyValues("secupass.at-rest-key.source=pkcs11",
            "secupass.at-rest-key.pkcs11.config-file=" + hsm.configFile(),
            "secupass.at-rest-key.pkcs11.pin=" + new String(SoftHsm.PIN),
            "secupass.at-rest-key.pkcs11.key-label=" + made.label())
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(AtRestKey.class)).isInstanceOf(Pkcs11AtRestKey.class);
          Story.play(context.getBean(SecuPassSdk.class), TestHost.run());
        });
  }
}
