package dev.secupass.core.internal.grants;

import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.Event;
import dev.secupass.spi.Grant;
import dev.secupass.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What fulfilling grants writes besides the handler's own reads and checks: envelopes, events,
 * completions and audit lines. A grant fulfilled in a transaction of its own writes them at once
 * ({@link #immediate}); a batch of grants fulfilled in one transaction collects them and stores
 * each kind with one call at the end ({@link #batch}), so a batch takes a few round trips instead
 * of a dozen per grant.
 */
public abstract sealed class GrantWrites {
  private GrantWrites() {}

  /** Writes that go to {@code tx} as they are made. */
  static GrantWrites immediate(Storage tx) {
    return new Immediate(tx);
  }

  /** Writes collected until {@link Batch#store}. */
  static Batch batch() {
    return new Batch();
  }

  /** Stores an envelope of a delivery (replacing one for the same recipient and key version). */
  public abstract void envelope(DeliveryEnvelope envelope);

  /** Appends an event to the outbox. */
  public abstract void event(Event event);

  /** Completes a claimed grant under its lease. */
  abstract void complete(Grant claimed);

  /** Appends an audit line. */
  abstract void audit(AuditEntry entry);

  private static final class Immediate extends GrantWrites {
    private final Storage tx;

    Immediate(Storage tx) {
      this.tx = tx;
    }

    @Override
    public void envelope(DeliveryEnvelope envelope) {
      tx.deliveries().putEnvelope(envelope);
    }

    @Override
    public void event(Event event) {
      tx.events().append(event);
    }

    @Override
    void complete(Grant claimed) {
      tx.grants().complete(claimed.id(),
          Objects.requireNonNull(claimed.lease(), "a claimed grant has a lease").token());
    }

    @Override
    void audit(AuditEntry entry) {
      tx.audit().append(entry);
    }
  }

  /** Collected writes of a batch. */
  static final class Batch extends GrantWrites {
    private final List<DeliveryEnvelope> envelopes = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final List<Grant> completed = new ArrayList<>();
    private final List<AuditEntry> audit = new ArrayList<>();

    @Override
    public void envelope(DeliveryEnvelope envelope) {
      envelopes.add(envelope);
    }

    @Override
    public void event(Event event) {
      events.add(event);
    }

    @Override
    void complete(Grant claimed) {
      completed.add(claimed);
    }

    @Override
    void audit(AuditEntry entry) {
      audit.add(entry);
    }

    /**
     * Stores everything collected through {@code tx}, one call per kind: the envelopes first (a
     * grant is completed only with its envelope), then the events, the completions and the audit
     * lines.
     */
    void store(Storage tx) {
      tx.deliveries().putEnvelopes(envelopes);
      tx.events().appendAll(events);
      tx.grants().completeAll(completed);
      tx.audit().appendAll(audit);
    }
  }
}
