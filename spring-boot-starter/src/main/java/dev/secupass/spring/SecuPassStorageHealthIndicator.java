package dev.secupass.spring;

import dev.secupass.api.UserId;
import dev.secupass.spi.Storage;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of the SDK's metadata storage (actuator name {@code secuPassStorage}): up when a read
 * of the key store answers. For the JDBC storage it shows the dialect and the table prefix.
 */
public final class SecuPassStorageHealthIndicator extends AbstractHealthIndicator {
  /** A user id no host gives out; its lookup reads the key table and finds nothing. */
  private static final UserId PROBE = UserId.of("secupass-health-probe");

  private final Storage storage;

  public SecuPassStorageHealthIndicator(Storage storage) {
    super("the SecuPass storage does not answer");
    this.storage = Objects.requireNonNull(storage, "storage");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    storage.keys().findActive(PROBE);
    builder.up();
    if (storage instanceof JdbcStorage jdbc) {
      builder.withDetail("database", jdbc.dialect().toString())
          .withDetail("tablePrefix", jdbc.tablePrefix());
    }
  }
}
