package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.api.PageRequest;
import dev.secupass.api.StorageException;
import dev.secupass.api.UserId;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.Event;
import dev.secupass.spi.Room;
import dev.secupass.tck.MutableClock;
import dev.secupass.tck.Samples;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Transient failures surface as a retryable {@link StorageException}, and nothing of the failed
 * operation is visible afterwards: a connection lost in the middle of an operation (its server
 * session terminated from a second connection, as an administrator or a failover would), and a
 * deadlock between two transactions.
 */
abstract class TransientFailureTest {
  private static final Instant NOW = Instant.parse("2031-05-01T10:00:00Z");
  private static final int CHUNK = 16 << 10;

  abstract DatabaseFixture db();

  @Test
  @DisplayName("A transaction whose connection is terminated fails as retryable and leaves"
      + " nothing of itself")
  void transaction_connectionTerminated_throwsRetryableAndLeavesNothing() {
    SessionTrackingDataSource tracking = new SessionTrackingDataSource(db().database());
    JdbcStorage storage = db().builder(tracking).clock(MutableClock.at(NOW)).build();
    UserId sender = Samples.user();
    DeliveryRecord delivery =
        Samples.delivery(Samples.deliveryId(), sender, NOW, List.of(Samples.user()));
    Event event = Samples.event(sender, NOW);

    assertThatThrownBy(() -> storage.inTransaction(tx -> {
      tx.deliveries().create(delivery);
      terminate(tracking.lastSession());
      tx.events().append(event);
      return null;
    })).isInstanceOfSatisfying(StorageException.class,
        e -> assertThat(e.retryable()).as("retryable").isTrue());

    JdbcStorage fresh = db().storage(MutableClock.at(NOW));
    assertThat(fresh.deliveries().find(delivery.id())).isEmpty();
    assertThat(fresh.deliveries().outbox(sender, PageRequest.first(10)).items())
        .isEmpty();
  }

  @Test
  @DisplayName("A blob write whose connection is terminated fails as retryable; neither the blob"
      + " nor any of its chunks remain")
  void blobWrite_connectionTerminated_throwsRetryableAndLeavesNoChunks() throws Exception {
    SessionTrackingDataSource tracking = new SessionTrackingDataSource(db().database());
    BlobStore blobs = db().builder(tracking).blobChunkSize(CHUNK).build().blobStore();
    BlobId id = Samples.blobId();
    long chunksBefore = chunkRows();

    BlobOutput out = blobs.create(id);
    out.write(Samples.bytes(2 * CHUNK + 100));
    long session = tracking.lastSession();
    assertThat(chunkRows()).as("uncommitted chunks are invisible").isEqualTo(chunksBefore);
    terminate(session);

    assertThatThrownBy(() -> {
      out.write(Samples.bytes(CHUNK));
      out.commit();
    }).isInstanceOfSatisfying(StorageException.class,
        e -> assertThat(e.retryable()).as("retryable").isTrue());
    out.close();

    assertThat(db().storage(MutableClock.at(NOW)).blobStore().stat(id)).isEmpty();
    assertThat(chunkRows()).isEqualTo(chunksBefore);
  }

  @Test
  @DisplayName("Of two transactions that deadlock, one fails as retryable and leaves nothing; the"
      + " other commits")
  void transactions_deadlocked_oneFailsRetryableAndLeavesNothing() throws Exception {
    JdbcStorage storage = db().storage(MutableClock.at(NOW));
    Room first = Samples.room(Samples.roomId(), Samples.user(), NOW);
    Room second = Samples.room(Samples.roomId(), Samples.user(), NOW);
    storage.rooms().create(first);
    storage.rooms().create(second);
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> forward = threads.submit(() -> advanceBoth(storage, first, second, bothHoldOne));
      Future<?> backward = threads.submit(() -> advanceBoth(storage, second, first, bothHoldOne));
      List<Throwable> failures = new ArrayList<>();
      for (Future<?> f : List.of(forward, backward)) {
        try {
          f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }
      assertThat(failures).singleElement().isInstanceOfSatisfying(StorageException.class,
          e -> assertThat(e.retryable()).as("retryable").isTrue());
      assertThat(storage.rooms().find(first.id()).orElseThrow().epoch()).isEqualTo(2);
      assertThat(storage.rooms().find(second.id()).orElseThrow().epoch()).isEqualTo(2);
    } finally {
      threads.shutdownNow();
    }
  }

  /** Advances {@code a}'s epoch, waits until the other thread holds its room, then {@code b}'s. */
  private static Void advanceBoth(JdbcStorage storage, Room a, Room b, CyclicBarrier barrier) {
    return storage.inTransaction(tx -> {
      tx.rooms().advanceEpoch(a.id(), 1);
      try {
        barrier.await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      tx.rooms().advanceEpoch(b.id(), 1);
      return null;
    });
  }

  private void terminate(long session) {
    try {
      db().database().terminateSession(session);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot terminate session " + session, e);
    }
  }

  private long chunkRows() throws SQLException {
    try (Connection c = db().database().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT COUNT(*) FROM " + DatabaseFixture.PREFIX + "blob_chunk")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
