package dev.secupass.core.internal.events;

import dev.secupass.api.UserId;
import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.Storage;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Appends lines to the audit trail: in the transaction of a change, or in a transaction of their
 * own for refused attempts (which change nothing else).
 */
public final class AuditRecorder {
  /** The outcome of an attempt that succeeded. */
  public static final String OK = "ok";

  private final Clock clock;

  public AuditRecorder(Clock clock) {
    this.clock = clock;
  }

  /** Appends through {@code storage} (a transaction's, or the plain storage for a refusal). */
  public void record(Storage storage, @Nullable UserId actor, String action, String target,
      String outcome) {
    storage.audit().append(entry(actor, action, target, outcome));
  }

  /** The line {@link #record} would append. */
  public AuditEntry entry(@Nullable UserId actor, String action, String target, String outcome) {
    return new AuditEntry(clock.instant(), actor, action, target, outcome);
  }
}
