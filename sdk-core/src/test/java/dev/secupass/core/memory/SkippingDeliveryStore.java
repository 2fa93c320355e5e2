package dev.secupass.core.memory;

import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.DeliveryStore;

/**
 * Broken on purpose: every inbox page after the first loses its first delivery, the classic
 * off-by-one of a cursor that points at the next row instead of the last one read.
 */
final class SkippingDeliveryStore extends ForwardingDeliveryStore {

  SkippingDeliveryStore(DeliveryStore real) {
    super(real);
  }

  @Override
  public Page<DeliveryRecord> inbox(UserId recipient, PageRequest page) {
    Page<DeliveryRecord> served = real.inbox(recipient, page);
    if (page.cursor() == null || served.items().isEmpty()) {
      return served;
    }
    return new Page<>(served.items().subList(1, served.items().size()), served.nextCursor());
  }
}
