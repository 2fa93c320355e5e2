package dev.secupass.core.memory;

import dev.secupass.api.GrantId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantFilter;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Broken on purpose: {@link #claim} first breaks the leases other workers hold on matching grants,
 * so a lease does not exclude anyone.
 */
final class StealingGrantQueue implements GrantQueue {
  private final GrantQueue real;

  StealingGrantQueue(GrantQueue real) {
    this.real = real;
  }

  @Override
  public List<Grant> claim(GrantFilter filter, int max, Duration leaseDuration) {
    for (Grant held : real.find(filter, Set.of(GrantState.READY), max)) {
      if (held.lease() != null) {
        real.release(held.id(), held.lease().token());
      }
    }
    return real.claim(filter, max, leaseDuration);
  }

  @Override
  public Grant enqueue(Grant grant) {
    return real.enqueue(grant);
  }

  @Override
  public Optional<Grant> find(GrantId id) {
    return real.find(id);
  }

  @Override
  public List<Grant> find(GrantFilter filter, Set<GrantState> states, int limit) {
    return real.find(filter, states, limit);
  }

  @Override
  public List<Grant> forRecipient(UserId recipient) {
    return real.forRecipient(recipient);
  }

  @Override
  public List<Grant> markReady(UserId recipient, KeyVersion version) {
    return real.markReady(recipient, version);
  }

  @Override
  public void complete(GrantId id, String leaseToken) {
    real.complete(id, leaseToken);
  }

  @Override
  public void release(GrantId id, String leaseToken) {
    real.release(id, leaseToken);
  }

  @Override
  public int cancel(GrantTarget target) {
    return real.cancel(target);
  }

  @Override
  public int cancel(GrantTarget target, UserId recipient) {
    return real.cancel(target, recipient);
  }
}
