package dev.secupass.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.GuestAccount;
import dev.secupass.spi.Storage;
import dev.secupass.tck.MutableClock;
import dev.secupass.tck.Samples;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What MemoryStorage promises beyond the SPI contract (which the kit checks). */
class MemoryStorageTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2025-03-01T10:00:00Z"));
  private final MemoryStorage storage = new MemoryStorage(clock);
  private final UserId sender = Samples.user();
  private final UserId recipient = Samples.user();

  @Test
  void inTransaction_workThrows_undoesEveryStoreAndRethrowsTheSameException() {
    DeliveryId id = Samples.deliveryId();
    RuntimeException failure = new RuntimeException("boom");

    assertThatThrownBy(() -> storage.inTransaction(tx -> {
      writeDelivery(tx, id);
      tx.keys().create(Samples.keyRecord(sender, KeyVersion.FIRST, clock.instant()));
      tx.audit().append(Samples.auditEntry("delivery:" + id, clock.instant()));
      throw failure;
    })).isSameAs(failure);

    assertThat(storage.deliveries().find(id)).isEmpty();
    assertThat(storage.deliveries().inbox(recipient, PageRequest.first(10)).items()).isEmpty();
    assertThat(storage.deliveries().envelopes(id)).isEmpty();
    assertThat(storage.grants().forRecipient(recipient)).isEmpty();
    assertThat(storage.events().forAudience(recipient, PageRequest.first(10)).items()).isEmpty();
    assertThat(storage.keys().history(sender)).isEmpty();
    assertThat(storage.audit().forTarget("delivery:" + id, PageRequest.first(10)).items())
        .isEmpty();
  }

  @Test
  void inTransaction_rolledBack_leavesIndexesAsBefore() {
    DeliveryId kept = Samples.deliveryId();
    storage.inTransaction(tx -> writeDelivery(tx, kept));

    assertThatThrownBy(() -> storage.inTransaction(tx -> {
      writeDelivery(tx, Samples.deliveryId());
      throw new IllegalStateException("undo");
    })).isInstanceOf(IllegalStateException.class);

    // The grant queue still treats the first grant as the open one for its target.
    Grant again = storage.grants().enqueue(Grant.waiting(Samples.grantId(),
        GrantTarget.delivery(kept), recipient, sender, clock.instant()));
    assertThat(storage.grants().forRecipient(recipient)).containsExactly(again);
    assertThat(storage.deliveries().inbox(recipient, PageRequest.first(10)).items())
        .extracting(d -> d.id()).containsExactly(kept);
  }

  @Test
  void update_failingHalfway_changesNothing() {
    GuestAccount taken = storage.guests().create(Samples.guest(Samples.user(), clock.instant()));
    storage.guests().update(taken.withCredentials("taken-name", new byte[] {1}));
    GuestAccount other = storage.guests().create(Samples.guest(Samples.user(), clock.instant()));
    GuestAccount clash = new GuestAccount(other.user(), "new@example.org", "taken-name",
        new byte[] {2}, other.createdAt(), other.revision());

    assertThatThrownBy(() -> storage.guests().update(clash)).isInstanceOf(ConflictException.class);

    assertThat(storage.guests().find(other.user())).contains(other);
    assertThat(storage.guests().findByEmail("new@example.org")).isEmpty();
    assertThat(storage.guests().findByEmail(other.email())).contains(other);
  }

  @Test
  void transactionalStorage_usedAfterWorkReturned_throwsIllegalState() {
    Storage escaped = storage.inTransaction(tx -> tx);

    assertThatThrownBy(() -> escaped.deliveries().find(Samples.deliveryId()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after its work returned");
  }

  @Test
  void transactionalStorage_usedFromAnotherThread_throwsIllegalState() {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    storage.inTransaction(tx -> {
      Thread other = new Thread(() -> {
        try {
          tx.deliveries().find(Samples.deliveryId());
        } catch (Throwable t) {
          seen.set(t);
        }
      });
      other.start();
      join(other);
      return null;
    });

    assertThat(seen.get()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("thread other than");
  }

  @Test
  void inTransaction_otherThreadsRead_waitForTheCommit() throws Exception {
    DeliveryId id = Samples.deliveryId();
    AtomicReference<CompletableFuture<Optional<?>>> reader = new AtomicReference<>();
    AtomicReference<Thread> readerThread = new AtomicReference<>();

    storage.inTransaction(tx -> {
      writeDelivery(tx, id);
      reader.set(CompletableFuture.supplyAsync(() -> {
        readerThread.set(Thread.currentThread());
        return storage.deliveries().find(id);
      }));
      awaitBlocked(readerThread);
      assertThat(reader.get()).isNotDone();
      return null;
    });

    assertThat(reader.get().get(10, TimeUnit.SECONDS)).isPresent();
  }

  @Test
  void inTransaction_plainStorageUsedOnTheTransactionThread_joinsTheTransaction() {
    DeliveryId id = Samples.deliveryId();

    assertThatThrownBy(() -> storage.inTransaction(tx -> {
      writeDelivery(storage, id);
      throw new IllegalStateException("undo");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(storage.deliveries().find(id)).isEmpty();
  }

  private DeliveryId writeDelivery(Storage tx, DeliveryId id) {
    Instant now = clock.instant();
    tx.deliveries().create(Samples.delivery(id, sender, now, List.of(recipient)));
    tx.deliveries().putEnvelope(Samples.envelope(id, sender, KeyVersion.FIRST, sender, now));
    tx.grants().enqueue(Grant.waiting(Samples.grantId(), GrantTarget.delivery(id), recipient,
        sender, now));
    tx.events().append(Samples.event(recipient, now));
    return id;
  }

  private static void awaitBlocked(AtomicReference<Thread> thread) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.get() == null || thread.get().getState() != Thread.State.WAITING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the reader never waited for the lock");
      }
      Thread.onSpinWait();
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
