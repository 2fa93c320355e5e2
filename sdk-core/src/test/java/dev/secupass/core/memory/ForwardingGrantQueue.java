package dev.secupass.core.memory;

import dev.secupass.api.GrantId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantFilter;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GrantQueueSummary;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A grant queue that hands every call to {@code real}: the base of the broken queues below. */
abstract class ForwardingGrantQueue implements GrantQueue {
  final GrantQueue real;

  ForwardingGrantQueue(GrantQueue real) {
    this.real = real;
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
  public List<Grant> claim(GrantFilter filter, int max, Duration leaseDuration) {
    return real.claim(filter, max, leaseDuration);
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

  @Override
  public Optional<GrantQueueSummary> summary() {
    return real.summary();
  }
}
