package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.GrantId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantFilter;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import dev.secupass.tck.MutableClock;
import dev.secupass.tck.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The grant queue under the database's own locking: workers in separate storages (as on separate
 * machines) share one queue, skip the grants another worker is claiming instead of waiting for it,
 * and never do the same grant twice.
 */
abstract class GrantLockingTest {
  private static final Instant NOW = Instant.parse("2031-05-01T10:00:00Z");
  private static final Duration LEASE = Duration.ofHours(1);

  abstract DatabaseFixture db();

  @Test
  @DisplayName("A claim skips the grants another transaction has locked, without waiting for it")
  void claim_whileAnotherTransactionHoldsAGrant_skipsItWithoutWaiting() throws Exception {
    UserId granter = Samples.user();
    List<Grant> grants = enqueueReady(granter, 2);
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<List<Grant>> held = other.submit(() -> storage().inTransaction(tx -> {
        List<Grant> mine = tx.grants().claim(GrantFilter.granter(granter), 1, LEASE);
        claimed.countDown();
        await(release);
        return mine;
      }));
      assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      List<Grant> mine = storage().grants().claim(GrantFilter.granter(granter), 2, LEASE);
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      release.countDown();

      List<Grant> theirs = held.get(10, TimeUnit.SECONDS);
      assertThat(theirs).hasSize(1);
      assertThat(mine).extracting(Grant::id)
          .as("the grant the other transaction holds is skipped")
          .containsExactlyElementsOf(grants.stream().map(Grant::id)
              .filter(id -> !id.equals(theirs.get(0).id())).toList());
      assertThat(waitedMillis).as("claim did not wait for the other transaction's lock")
          .isLessThan(5_000);
    } finally {
      release.countDown();
      other.shutdownNow();
    }
  }

  @Test
  @DisplayName("Eight workers with storages of their own claim and complete every grant exactly"
      + " once")
  void eightWorkers_separateStorages_completeEachGrantOnce() throws Exception {
    UserId granter = Samples.user();
    List<Grant> grants = enqueueReady(granter, 120);
    Map<GrantId, AtomicInteger> claims = new ConcurrentHashMap<>();
    ExecutorService workers = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        JdbcStorage storage = storage();
        done.add(workers.submit(() -> {
          int completed = 0;
          for (List<Grant> batch = claim(storage, granter); !batch.isEmpty();
              batch = claim(storage, granter)) {
            for (Grant grant : batch) {
              claims.computeIfAbsent(grant.id(), id -> new AtomicInteger()).incrementAndGet();
              storage.grants().complete(grant.id(), grant.lease().token());
              completed++;
            }
          }
          return completed;
        }));
      }
      int total = 0;
      for (Future<Integer> worker : done) {
        total += worker.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(grants.size());
      assertThat(claims).hasSize(grants.size());
      assertThat(claims.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThat(storage().grants().find(GrantFilter.granter(granter), Set.of(GrantState.DONE),
          1000)).hasSize(grants.size());
    } finally {
      workers.shutdownNow();
    }
  }

  private static List<Grant> claim(JdbcStorage storage, UserId granter) {
    return storage.grants().claim(GrantFilter.granter(granter), 3, LEASE);
  }

  private List<Grant> enqueueReady(UserId granter, int count) {
    JdbcStorage storage = storage();
    List<Grant> grants = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      grants.add(storage.grants().enqueue(Grant.ready(Samples.grantId(),
          GrantTarget.delivery(Samples.deliveryId()), Samples.user(), granter, KeyVersion.FIRST,
          NOW.plusMillis(i))));
    }
    return grants;
  }

  private JdbcStorage storage() {
    return db().storage(MutableClock.at(NOW));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
