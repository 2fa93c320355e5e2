package dev.secupass.core.memory;

import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantFilter;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GrantState;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Broken on purpose: {@link #claim} first breaks the leases other workers hold on matching grants,
 * so a lease does not exclude anyone.
 */
final class StealingGrantQueue extends ForwardingGrantQueue {

  StealingGrantQueue(GrantQueue real) {
    super(real);
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
}
