package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.ConflictException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.MembershipEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Managers adding members at the same moment: both prepare from the same log head, then commit;
 * the compare-and-append on the log's next sequence lets exactly one win, and the loser prepares
 * again from the new head (or, out of attempts, gets {@link ConflictException}). The chain never
 * forks.
 */
class ConcurrentMembershipTest {
  private final RoomFixture fixture = new RoomFixture();

  @Test
  void twoManagersAddingAtOnce_withoutRetry_oneWinsAndTheOtherGetsConflict() throws Exception {
    DataRooms rooms = fixture.rooms(1);
    Setup setup = setup(rooms, 2);

    List<Throwable> outcomes = race(rooms, setup, 2);

    assertThat(outcomes).filteredOn(t -> t == null).hasSize(1);
    assertThat(outcomes).filteredOn(t -> t != null)
        .singleElement().isInstanceOf(ConflictException.class);
    assertUnforked(setup, 3);
  }

  @Test
  void twoManagersAddingAtOnce_withRetry_bothLandInOneChain() throws Exception {
    DataRooms rooms = fixture.rooms();
    Setup setup = setup(rooms, 2);

    assertThat(race(rooms, setup, 2)).containsOnlyNulls();
    assertUnforked(setup, 4);
  }

  @Test
  void fourManagersAddingAtOnce_withRetry_allLandInOneChain() throws Exception {
    DataRooms rooms = fixture.rooms(10);
    Setup setup = setup(rooms, 4);

    assertThat(race(rooms, setup, 4)).containsOnlyNulls();
    assertUnforked(setup, 2 + 4 + 2);
  }

  private record Setup(RoomId room, List<SecuPassSession> managers) {}

  /** Alice creates a room and makes {@code managers - 1} more managers (alice is the first). */
  private Setup setup(DataRooms rooms, int managers) {
    List<SecuPassSession> sessions = new ArrayList<>();
    KeySession alice = fixture.activate("alice");
    sessions.add(alice);
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Race");
    for (int i = 1; i < managers; i++) {
      KeySession manager = fixture.activate("manager" + i);
      rooms.addMember(alice, room, manager.user(), EMPLOYEE, RoomRole.MANAGER);
      sessions.add(manager);
    }
    for (int i = 0; i < managers; i++) {
      fixture.activate("new" + i).close();
    }
    return new Setup(room, sessions);
  }

  /**
   * Each manager adds "new<i>"; every racer's first transaction waits until all have prepared.
   *
   * @return per racer, what it threw, or null
   */
  private List<Throwable> race(DataRooms rooms, Setup setup, int racers) throws Exception {
    CyclicBarrier lineup = new CyclicBarrier(racers);
    ThreadLocal<Boolean> linedUp = ThreadLocal.withInitial(() -> false);
    fixture.storage.beforeEveryTransaction(() -> {
      if (!linedUp.get()) {
        linedUp.set(true);
        try {
          lineup.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
          throw new IllegalStateException("racers did not line up", e);
        }
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<Throwable>> futures = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        SecuPassSession manager = setup.managers().get(i);
        UserId added = user("new" + i);
        futures.add(pool.submit(() -> {
          try {
            rooms.addMember(manager, setup.room(), added, EMPLOYEE, RoomRole.VIEWER);
            return null;
          } catch (RuntimeException e) {
            return e;
          }
        }));
      }
      List<Throwable> outcomes = new ArrayList<>();
      for (Future<Throwable> future : futures) {
        outcomes.add(future.get(60, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
      fixture.storage.beforeEveryTransaction(() -> { });
    }
  }

  private void assertUnforked(Setup setup, int entries) {
    List<MembershipEntry> log = fixture.log(setup.room());
    assertThat(log).hasSize(entries);
    for (int i = 0; i < log.size(); i++) {
      assertThat(log.get(i).sequence()).isEqualTo(i);
    }
    // A member who never saw the room before verifies the whole chain.
    RoomDetails details = fixture.rooms().open(setup.managers().get(0), setup.room());
    assertThat(details.members()).hasSize(entries);
    assertThat(fixture.memory.rooms().members(setup.room())).hasSize(entries);
  }
}
