package dev.secupass.core.internal.delivery;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.UserId;
import dev.secupass.core.delivery.SweepResult;
import dev.secupass.core.internal.content.UploadJournal;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventTypes;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.people.People;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.Storage;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Ends deliveries: the expiry sweep (which also sweeps the upload journal's orphaned blobs) and
 * withdrawal. Both delete the files and cancel the grants;
 * the record stays in the sender's outbox with its new state.
 *
 * <p>The sweep deletes the files first and then marks the delivery expired, so a crash in between
 * leaves a delivery that the next sweep finds again (opening already refuses it, being past its
 * expiry). Withdrawal first stores the sender's {@link Withdrawal} (signed at levels 3-4, sealed
 * under the at-rest key at levels 1-2), marks the delivery withdrawn and deletes its envelopes in
 * one step (a live delivery must stop opening before its files vanish, and nobody can unwrap its
 * key afterwards), then deletes the files; running it again deletes what a crash left.
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
      if (end(record, DeliveryState.EXPIRED, null, tx -> tx.deliveries().updateState(record.id(),
          DeliveryState.ACTIVE, DeliveryState.EXPIRED))) {
        expired++;
      }
    }
    UploadJournal.Swept orphans = ctx.journal().sweep(ctx.orphanGrace(), batchSize);
    return new SweepResult(expired, deleted, orphans.deleted(),
        due.size() == batchSize || orphans.more());
  }

  /**
   * Withdraws {@code record} if it is active, then deletes its files.
   *
   * @param sender the sender's session, which signs the withdrawal at levels 3-4 (null at levels
   *     1-2, or for a delivery that is no longer active)
   */
  void withdraw(DeliveryRecord record, @Nullable KeySession sender) {
    byte[] statement = null;
    if (record.state() == DeliveryState.ACTIVE) {
      Withdrawal withdrawal = new Withdrawal(record.id(), ctx.now());
      if (record.level().requiresSecuPass()) {
        statement = withdrawal.sign(Objects.requireNonNull(sender, "the sender's session"));
      } else {
        statement = withdrawal.seal(ctx.atRestKey());
      }
    }
    withdrawWith(record, statement);
  }

  /**
   * Withdraws {@code record} with {@code statement} (made above, or signed by the sender's client
   * and checked by {@link ClientDeliveries#withdraw}) if it is active; then deletes its files.
   *
   * @param statement the stored withdrawal; null if the record is no longer active
   */
  void withdrawWith(DeliveryRecord record, byte @Nullable [] statement) {
    if (record.state() == DeliveryState.ACTIVE) {
      byte[] stored = Objects.requireNonNull(statement, "the withdrawal");
      end(record, DeliveryState.WITHDRAWN, record.sender(),
          tx -> tx.deliveries().withdraw(record.id(), stored));
    }
    deleteFiles(record);
  }

  /**
   * Moves an active delivery to {@code next} with {@code change}; false if someone else changed it
   * first.
   */
  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  private boolean end(DeliveryRecord record, DeliveryState next, @Nullable UserId actor,
      Consumer<Storage> change) {
    String target = "delivery:" + record.id();
    try {
      ctx.storage().inTransaction(tx -> {
        change.accept(tx);
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
