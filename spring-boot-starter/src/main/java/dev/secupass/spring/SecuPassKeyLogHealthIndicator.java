package dev.secupass.spring;

import dev.secupass.api.KeyLogException;
import dev.secupass.api.StorageException;
import dev.secupass.core.keylog.KeyLog;
import dev.secupass.core.keylog.KeyLogCheck;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of the SDK's key transparency log (actuator name {@code secuPassKeyLog}), from
 * {@link KeyLog#check()}: up with the entries its checkpoint covers and the checkpoint's time and
 * age; down with the reason, in words, when the log cannot be read or fails the SDK's check (a
 * checkpoint that is not the host's, a tree or newest entry rewritten after it was signed, a log
 * rolled back or forked since this application last checked it, missing witness cosignatures).
 * A down key log means the SDK refuses to encrypt to keys it cannot vouch for: senders see
 * refusals until it is resolved (docs/key-log.md).
 */
public final class SecuPassKeyLogHealthIndicator implements HealthIndicator {
  private final KeyLog keyLog;

  public SecuPassKeyLogHealthIndicator(KeyLog keyLog) {
    this.keyLog = Objects.requireNonNull(keyLog, "keyLog");
  }

  @Override
  public Health health() {
    KeyLogCheck check;
    try {
      check = keyLog.check();
    } catch (KeyLogException e) {
      return Health.down().withDetail("reason", String.valueOf(e.getMessage())).build();
    } catch (StorageException e) {
      return Health.down().withDetail("reason", "the key log cannot be read: "
          + e.getMessage()).build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("reason", "the key log cannot be checked").build();
    }
    return Health.up()
        .withDetail("entries", check.entries())
        .withDetail("checkpointTime", check.checkpointedAt().toString())
        .withDetail("checkpointAge", check.checkpointAge().toString())
        .build();
  }
}
