package dev.secupass.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

/**
 * Every missing or wrong setting stops the start with a message that names the property to set, in
 * plain words, and never a secret; the failure analyzer turns it into Spring Boot's description and
 * action.
 */
class ConfigurationErrorTest {
  @TempDir Path dir;

  @Test
  void noDataSource() {
    // An application without spring-boot-jdbc (with it and H2 on the class path, Spring Boot
    // makes an in-memory database of its own).
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            SecuPassAutoConfiguration.class)).withPropertyValues("secupass.blob-store.filesystem.directory=" + dir,
            "secupass.at-rest-key.source=tink-keyset-file",
            "secupass.at-rest-key.tink-keyset-file.path=" + dir.resolve("k.json"),
            "secupass.at-rest-key.tink-keyset-file.create-if-missing=true")
        .run(fails("SecuPass has no database: configure a DataSource (spring.datasource.url"));
  }

  @Test
  void noBlobDirectory() {
    TestHost.embedded(dir).withPropertyValues("secupass.blob-store.filesystem.directory=")
        .run(fails("SecuPass has no place for file contents: set"
            + " secupass.blob-store.filesystem.directory"));
  }

  @Test
  void noAtRestKeySource() {
    TestHost.embedded(dir).withPropertyValues("secupass.at-rest-key.source=")
        .run(fails("SecuPass has no at-rest key for levels 1 and 2: set"
            + " secupass.at-rest-key.source to tink-keyset-file, aws-kms or pkcs11"));
  }

  @Test
  void keysetFileMissing() {
    TestHost.embedded(dir).withPropertyValues(
            "secupass.at-rest-key.tink-keyset-file.create-if-missing=false")
        .run(fails("at-rest-key.json does not exist: create it with Tink"));
  }

  @Test
  void keysetFileReadableByOthers() throws Exception {
    Path key = dir.resolve("at-rest-key.json");
    TestHost.embedded(dir).run(context -> assertThat(context).hasNotFailed());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    TestHost.embedded(dir).run(fails("may be read by others: make it readable by its owner only"));
  }

  @Test
  void keysetFileThatIsNoKeyset() throws Exception {
    Path key = Files.writeString(dir.resolve("at-rest-key.json"), "{\"not\": \"a keyset\"}");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    TestHost.embedded(dir).run(fails("does not hold a Tink AEAD keyset"));
  }

  @Test
  void badTablePrefix() {
    TestHost.embedded(dir).withPropertyValues("secupass.storage.table-prefix=Bad-Prefix")
        .run(fails("secupass.storage.table-prefix is not valid: use an empty prefix, or"
            + " lower-case letters"));
  }

  @Test
  void weakKdfWithoutTheTestSwitch() {
    TestHost.embedded(dir).withPropertyValues(
            "secupass.kdf.allow-weak-parameters-for-tests=false")
        .run(fails("secupass.kdf.* is not a usable Argon2id cost"));
  }

  @Test
  void deliveryPolicyThatDoesNotFit() {
    TestHost.embedded(dir).withPropertyValues("secupass.delivery-policy.allowed-levels=link",
            "secupass.delivery-policy.default-level=secret")
        .run(fails("secupass.delivery-policy.* does not make a delivery policy: the default"
            + " level 3 is not one of the allowed levels 1"));
  }

  @Test
  void s3WithoutBucket() {
    TestHost.embedded(dir).withPropertyValues("secupass.blob-store.type=s3")
        .run(fails("secupass.blob-store.type=s3 names no bucket: set"
            + " secupass.blob-store.s3.bucket"));
  }

  @Test
  void s3SecretWithoutKeyIdIsNotRepeated() {
    TestHost.embedded(dir).withPropertyValues("secupass.blob-store.type=s3",
            "secupass.blob-store.s3.bucket=b",
            "secupass.blob-store.s3.secret-access-key=top-secret-s3-key-4711")
        .run(fails("S3 credentials need both parts").andThen(context ->
            assertThat(messages(context.getStartupFailure())).doesNotContain("4711")));
  }

  @Test
  void awsKmsWithoutKey() {
    TestHost.embedded(dir).withPropertyValues("secupass.at-rest-key.source=aws-kms",
            "secupass.at-rest-key.aws-kms.region=eu-central-1")
        .run(fails("the at-rest key source aws-kms names no key: set"
            + " secupass.at-rest-key.aws-kms.key-arn"));
  }

  @Test
  void awsKmsAlias() {
    TestHost.embedded(dir).withPropertyValues("secupass.at-rest-key.source=aws-kms",
            "secupass.at-rest-key.aws-kms.region=eu-central-1",
            "secupass.at-rest-key.aws-kms.key-arn=alias/secupass")
        .run(fails("secupass.at-rest-key.aws-kms.key-arn is not a KMS key ARN"));
  }

  @Test
  void pkcs11PinNeverInTheMessage() {
    TestHost.embedded(dir).withPropertyValues("secupass.at-rest-key.source=pkcs11",
            "secupass.at-rest-key.pkcs11.config-file=" + dir.resolve("missing.cfg"),
            "secupass.at-rest-key.pkcs11.pin=pin-99887766",
            "secupass.at-rest-key.pkcs11.key-label=at-rest")
        .run(fails("the PKCS#11 configuration is not usable: no PKCS#11 configuration file at")
            .andThen(context -> assertThat(messages(context.getStartupFailure()))
                .doesNotContain("99887766")));
  }

  @Test
  void pkcs11Incomplete() {
    TestHost.embedded(dir).withPropertyValues("secupass.at-rest-key.source=pkcs11")
        .run(fails("the at-rest key source pkcs11 is not fully configured: set"
            + " secupass.at-rest-key.pkcs11.config-file, .pin and .key-label"));
  }

  /** The context did not start, for a SecuPassConfigurationException with this in its message. */
  private static ContextConsumer<AssertableApplicationContext> fails(String message) {
    return context -> {
      assertThat(context).hasFailed();
      Throwable failure = context.getStartupFailure();
      FailureAnalysis analysis = new SecuPassFailureAnalyzer().analyze(failure);
      assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
      assertThat(analysis.getDescription() + ": " + analysis.getAction()).contains(message);
      assertThat(analysis.getDescription()).doesNotContain("dev.secupass", "Exception");
    };
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    return all.toString();
  }
}
