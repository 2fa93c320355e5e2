package dev.secupass.spring;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The application context runners of the tests: the starter as a Spring Boot host sees it. */
final class TestHost {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestHost() {}

  /** A fresh run id: lower-case hex, fit for user ids and table prefixes. */
  static String run() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The auto-configurations with nothing configured: no DataSource, no SecuPass settings. */
  static ApplicationContextRunner bare() {
    return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
        DataSourceAutoConfiguration.class, SecuPassAutoConfiguration.class,
        SecuPassHealthAutoConfiguration.class))
        .withPropertyValues("secupass.kdf.memory-kib=64", "secupass.kdf.iterations=1",
            "secupass.kdf.allow-weak-parameters-for-tests=true");
  }

  /**
   * A complete host on the embedded default: H2 in files under {@code dir}, blobs under it, a
   * keyset file made on first use.
   */
  static ApplicationContextRunner embedded(Path dir) {
    return bare().withPropertyValues(
        "spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(),
        "secupass.blob-store.filesystem.directory=" + dir.resolve("blobs"),
        "secupass.at-rest-key.source=tink-keyset-file",
        "secupass.at-rest-key.tink-keyset-file.path=" + dir.resolve("at-rest-key.json"),
        "secupass.at-rest-key.tink-keyset-file.create-if-missing=true");
  }
}
