package dev.secupass.core.memory;

import dev.secupass.api.EventId;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import dev.secupass.spi.Event;
import dev.secupass.spi.EventOutbox;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Broken on purpose: {@link #claim} hands out events with leases it forgets at once, so a lease
 * does not keep a second node from claiming the same event.
 */
final class ForgetfulEventOutbox implements EventOutbox {
  private final EventOutbox real;

  ForgetfulEventOutbox(EventOutbox real) {
    this.real = real;
  }

  @Override
  public List<Event> claim(int limit, Duration leaseDuration) {
    List<Event> claimed = real.claim(limit, leaseDuration);
    claimed.forEach(event -> real.release(event.id(),
        Objects.requireNonNull(event.lease()).token()));
    return claimed;
  }

  @Override
  public void append(Event event) {
    real.append(event);
  }

  @Override
  public void acknowledge(EventId id) {
    real.acknowledge(id);
  }

  @Override
  public void release(EventId id, String leaseToken) {
    real.release(id, leaseToken);
  }

  @Override
  public Page<Event> forAudience(UserId audience, PageRequest page) {
    return real.forAudience(audience, page);
  }
}
