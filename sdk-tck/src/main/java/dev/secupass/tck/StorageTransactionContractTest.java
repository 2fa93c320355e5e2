package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.DownloadOutcome;
import dev.secupass.spi.Event;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.Storage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Storage#inTransaction}: changes across stores commit together or not at
 * all, are invisible to others until the commit, and a nested call joins the running transaction.
 */
@DisplayName("Storage transaction contract")
// Rules are tests: they dereference what the store under test returned, and a null there fails
// the rule. Like the SDK's own tests, they are not null-checked.
@SuppressWarnings("NullAway")
public abstract class StorageTransactionContractTest extends StorageContract {

  /** What a send writes together: a delivery, its envelope, a grant and an event. */
  record Send(DeliveryRecord delivery, Grant grant, Event event) {}

  /** A send's records, not yet written. */
  Send prepare() {
    UserId sender = Samples.user();
    UserId recipient = Samples.user();
    DeliveryRecord delivery = Samples.delivery(Samples.deliveryId(), sender, clock.instant(),
        List.of(recipient));
    Grant grant = Grant.waiting(Samples.grantId(), GrantTarget.delivery(delivery.id()),
        recipient, sender, clock.instant());
    return new Send(delivery, grant, Samples.event(recipient, clock.instant()));
  }

  /** Writes a send through {@code tx}, the event last. */
  Send write(Storage tx, Send send) {
    DeliveryRecord delivery = send.delivery();
    tx.deliveries().create(delivery);
    tx.deliveries().putEnvelope(Samples.envelope(delivery.id(), delivery.sender(),
        KeyVersion.FIRST, delivery.sender(), clock.instant()));
    tx.grants().enqueue(send.grant());
    tx.events().append(send.event());
    return send;
  }

  Send send(Storage tx) {
    return write(tx, prepare());
  }

  void assertStored(Send send) {
    assertThat(storage.deliveries().find(send.delivery().id())).contains(send.delivery());
    assertThat(storage.deliveries().envelopes(send.delivery().id())).hasSize(1);
    assertThat(storage.grants().find(send.grant().id())).contains(send.grant());
    assertThat(eventsOf(send)).containsExactly(send.event());
  }

  void assertNothingOf(Send send) {
    assertThat(storage.deliveries().find(send.delivery().id())).isEmpty();
    assertThat(storage.deliveries().inbox(send.event().audience(), PageRequest.first(5)).items())
        .isEmpty();
    assertThat(storage.deliveries().envelopes(send.delivery().id())).isEmpty();
    assertThat(storage.grants().find(send.grant().id())).isEmpty();
    assertThat(storage.grants().forRecipient(send.grant().recipient())).isEmpty();
    assertThat(eventsOf(send)).isEmpty();
  }

  List<Event> eventsOf(Send send) {
    return storage.events().forAudience(send.event().audience(), PageRequest.first(5)).items();
  }

  /** Thrown by test work to make a transaction fail. */
  static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abort() {
      super("the test aborts the transaction");
    }
  }

  @Nested
  @DisplayName("Storage.inTransaction commit")
  class Commit {
    @Test
    @DisplayName("makes every change of the work visible when it returns, and returns its result")
    void inTransaction_returns_commitsEverything() {
      Send send = storage.inTransaction(StorageTransactionContractTest.this::send);

      assertStored(send);
    }

    @Test
    @DisplayName("lets the work read its own changes")
    void inTransaction_readsOwnWrites() {
      Optional<DeliveryRecord> seen = storage.inTransaction(tx -> {
        Send send = send(tx);
        return tx.deliveries().find(send.delivery().id());
      });

      assertThat(seen).isPresent();
    }

    @Test
    @DisplayName("runs the work exactly once")
    void inTransaction_runsWorkOnce() {
      AtomicInteger runs = new AtomicInteger();

      storage.inTransaction(tx -> {
        runs.incrementAndGet();
        return send(tx);
      });

      assertThat(runs).hasValue(1);
    }

    @Test
    @DisplayName("joins the running transaction when called on the transactional storage")
    void inTransaction_nested_joinsAndCommitsWithTheOuter() {
      Send[] sends = new Send[2];

      storage.inTransaction(tx -> {
        sends[0] = send(tx);
        sends[1] = tx.inTransaction(StorageTransactionContractTest.this::send);
        return null;
      });

      assertStored(sends[0]);
      assertStored(sends[1]);
    }
  }

  @Nested
  @DisplayName("Storage.inTransaction rollback")
  class Rollback {
    @Test
    @DisplayName("keeps none of a delivery, envelope, grant and event when the work throws,"
        + " and rethrows the same exception")
    void inTransaction_workThrows_nothingVisible() {
      Send[] sent = new Send[1];
      Abort abort = new Abort();

      assertThatThrownBy(() -> storage.inTransaction(tx -> {
        sent[0] = send(tx);
        throw abort;
      })).isSameAs(abort);

      assertNothingOf(sent[0]);
    }

    @Test
    @DisplayName("keeps nothing when a store call in the work fails with a conflict")
    void inTransaction_storeConflicts_nothingVisible() {
      DeliveryRecord existing = Samples.delivery(Samples.deliveryId(), Samples.user(),
          clock.instant(), List.of(Samples.user()));
      storage.deliveries().create(existing);
      Send[] sent = new Send[1];

      assertThatThrownBy(() -> storage.inTransaction(tx -> {
        sent[0] = send(tx);
        tx.deliveries().create(existing);
        return null;
      })).isInstanceOf(ConflictException.class);

      assertNothingOf(sent[0]);
      assertThat(storage.deliveries().find(existing.id())).contains(existing);
    }

    @Test
    @DisplayName("undoes updates as well as inserts")
    void inTransaction_workThrows_updatesUndone() {
      Send send = storage.inTransaction(StorageTransactionContractTest.this::send);
      DeliveryId id = send.delivery().id();
      FileId file = Samples.fileId();

      assertThatThrownBy(() -> storage.inTransaction(tx -> {
        tx.deliveries().recordDownload(id, file, "reader");
        tx.grants().markReady(send.grant().recipient(), KeyVersion.FIRST);
        tx.events().acknowledge(send.event().id());
        throw new Abort();
      })).isInstanceOf(Abort.class);

      assertStored(send);
      assertThat(storage.deliveries().find(id).orElseThrow().downloadCount()).isZero();
      assertThat(storage.deliveries().recordDownload(id, file, "reader"))
          .as("the rolled-back download record is gone")
          .isEqualTo(DownloadOutcome.COUNTED);
    }

    @Test
    @DisplayName("rolls back the outer work's changes when a joined inner call throws")
    void inTransaction_nestedThrows_rollsBackAll() {
      Send[] sends = new Send[2];

      assertThatThrownBy(() -> storage.inTransaction(tx -> {
        sends[0] = send(tx);
        return tx.inTransaction(inner -> {
          sends[1] = send(inner);
          throw new Abort();
        });
      })).isInstanceOf(Abort.class);

      assertNothingOf(sends[0]);
      assertNothingOf(sends[1]);
    }
  }

  @Nested
  @DisplayName("Storage.inTransaction isolation")
  class Isolation {
    @Test
    @DisplayName("does not show uncommitted changes to other threads")
    void inTransaction_uncommitted_invisibleToOthers() throws Exception {
      AtomicBoolean committed = new AtomicBoolean();
      CompletableFuture<Boolean> sawUncommitted = new CompletableFuture<>();

      storage.inTransaction(tx -> {
        Send send = send(tx);
        var unused = CompletableFuture.runAsync(() -> {
          boolean found = storage.deliveries().find(send.delivery().id()).isPresent();
          sawUncommitted.complete(found && !committed.get());
        });
        try {
          // A store that blocks readers makes this time out; one that does not answers at once.
          sawUncommitted.get(200, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          // The reader waits for the commit: isolated.
        } catch (Exception e) {
          throw new AssertionError(e);
        }
        committed.set(true);
        return send;
      });

      assertThat(sawUncommitted.get(30, TimeUnit.SECONDS)).as("saw uncommitted rows").isFalse();
    }

    @Test
    @DisplayName("never lets a concurrent reader see a delivery without the event committed"
        + " with it")
    void inTransaction_concurrentReaders_seeAllOrNothing() {
      List<Send> started = new CopyOnWriteArrayList<>();

      List<Race.Outcome<Object>> outcomes = Race.run(racer -> {
        for (int i = 0; i < 25; i++) {
          if (racer % 2 == 0) {
            Send send = prepare();
            started.add(send);
            storage.inTransaction(tx -> write(tx, send));
          } else {
            for (Send send : started) {
              if (storage.deliveries().find(send.delivery().id()).isPresent()) {
                assertThat(eventsOf(send)).as("events of a visible delivery").isNotEmpty();
              }
            }
          }
        }
        return null;
      });

      assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
      started.forEach(StorageTransactionContractTest.this::assertStored);
    }
  }
}
