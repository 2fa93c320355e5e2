package dev.secupass.core.memory;

import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GrantQueueSummary;
import dev.secupass.spi.GrantState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Broken on purpose: {@link #summary} counts the grants as they were queued (a counter that
 * {@code enqueue} moves and nothing else), so grants that became ready, done or cancelled are
 * counted as they began.
 */
final class StaleCountGrantQueue extends ForwardingGrantQueue {
  private final List<Grant> queued;

  /** @param queued the grants queued so far, shared by every view of one storage */
  StaleCountGrantQueue(GrantQueue real, List<Grant> queued) {
    super(real);
    this.queued = queued;
  }

  @Override
  public Grant enqueue(Grant grant) {
    Grant stored = real.enqueue(grant);
    if (stored.id().equals(grant.id())) {
      synchronized (queued) {
        queued.add(stored);
      }
    }
    return stored;
  }

  @Override
  public Optional<GrantQueueSummary> summary() {
    long waiting = 0;
    long ready = 0;
    @Nullable Instant oldestWaiting = null;
    @Nullable Instant oldestReady = null;
    List<Grant> all;
    synchronized (queued) {
      all = new ArrayList<>(queued);
    }
    for (Grant grant : all) {
      if (grant.state() == GrantState.READY) {
        ready++;
        oldestReady = oldestReady == null || grant.createdAt().isBefore(oldestReady)
            ? grant.createdAt() : oldestReady;
      } else {
        waiting++;
        oldestWaiting = oldestWaiting == null || grant.createdAt().isBefore(oldestWaiting)
            ? grant.createdAt() : oldestWaiting;
      }
    }
    return Optional.of(new GrantQueueSummary(waiting, ready, oldestWaiting, oldestReady));
  }
}
