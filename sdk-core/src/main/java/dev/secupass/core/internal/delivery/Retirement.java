package dev.secupass.core.internal.delivery;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.UserId;
import dev.secupass.core.delivery.SweepResult;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventTypes;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.people.People;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.GrantTarget;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Ends deliveries: the expiry sweep and withdrawal. Both delete the files and cancel the grants;
 * the record stays in the sender's outbox with its new state.
 *
 * <p>The sweep deletes the files first and then marks the delivery expired, so a crash in between
 * leaves a delivery that the next sweep finds again (opening already refuses it, being past its
 * expiry). Withdrawal marks first (a live delivery must stop opening before its files vanish) and
 * then deletes; running it again deletes what a crash left.
 */
final class Retirement {
  private final DeliveryContext ctx;
  private final GrantEngine engine;

  Retirement(DeliveryContext ctx, GrantEngine engine) {
    this.ctx = ctx;
    this.engine = engine;
  }

  SweepResult sweep(int batchSize) {
    if (batchSize < 1 || batchSize > 1000) {
      throw new IllegalArgumentException("the sweep batch size must be 1-1000, got " + batchSize);
    }
    List<DeliveryRecord> due = ctx.storage().deliveries().findExpired(ctx.now(), batchSize);
    int expired = 0;
    int deleted = 0;
    for (DeliveryRecord record : due) {
      deleted += deleteFiles(record);
      if (end(record, DeliveryState.EXPIRED, null)) {
        expired++;
      }
    }
    return new SweepResult(expired, deleted, due.size() == batchSize);
  }

  void withdraw(DeliveryRecord record) {
    if (record.state() == DeliveryState.ACTIVE) {
      end(record, DeliveryState.WITHDRAWN, record.sender());
    }
    deleteFiles(record);
  }

  /** Moves an active delivery to {@code next}; false if someone else changed it first. */
  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  private boolean end(DeliveryRecord record, DeliveryState next, @Nullable UserId actor) {
    String target = "delivery:" + record.id();
    try {
      ctx.storage().inTransaction(tx -> {
        tx.deliveries().updateState(record.id(), DeliveryState.ACTIVE, next);
        engine.cancel(tx, GrantTarget.delivery(record.id()));
        if (next == DeliveryState.EXPIRED) {
          ctx.events().record(tx, EventTypes.DELIVERY_EXPIRED, People.of(tx, record.sender()),
              EventPayload.builder().put(EventTypes.DELIVERY, record.id().value()));
        }
        ctx.audit().record(tx, actor, next == DeliveryState.EXPIRED ? "delivery.expire"
            : "delivery.withdraw", target, AuditRecorder.OK);
        return null;
      });
      return true;
    } catch (ConflictException e) {
      return false;
    }
  }

  private int deleteFiles(DeliveryRecord record) {
    int deleted = 0;
    for (DeliveryFile file : record.files()) {
      if (ctx.blobs().delete(file.blob())) {
        deleted++;
      }
    }
    return deleted;
  }
}
