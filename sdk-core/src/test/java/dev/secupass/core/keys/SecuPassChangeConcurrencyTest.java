package dev.secupass.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.ConflictException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongSecuPassException;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.testing.KeyFixture;
import dev.secupass.core.testing.TestKeys;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyStore;
import dev.secupass.tck.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Concurrent changes of one SecuPass: both read the same record before either writes, exactly one
 * wins, the other gets {@link ConflictException}, and the stored blob opens with the winner's new
 * SecuPass only.
 */
class SecuPassChangeConcurrencyTest {
  private final KeyFixture fixture = new KeyFixture();
  private final UserId alice = Samples.user();

  /** The fixture's store, holding each writer at {@code update} until both have arrived. */
  private final class RendezvousStore implements KeyStore {
    private final CyclicBarrier bothRead = new CyclicBarrier(2);
    private final KeyStore store = fixture.store();

    @Override
    public KeyRecord update(KeyRecord record) {
      try {
        bothRead.await();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return store.update(record);
    }

    @Override
    public KeyRecord create(KeyRecord record) {
      return store.create(record);
    }

    @Override
    public Optional<KeyRecord> findActive(UserId user) {
      return store.findActive(user);
    }

    @Override
    public Optional<KeyRecord> find(UserId user, KeyVersion version) {
      return store.find(user, version);
    }

    @Override
    public List<KeyRecord> history(UserId user) {
      return store.history(user);
    }

    @Override
    public KeyRecord rotate(KeyRecord current, KeyRecord next) {
      return store.rotate(current, next);
    }

    @Override
    public Optional<KeyPin> findPin(UserId observer, UserId subject) {
      return store.findPin(observer, subject);
    }

    @Override
    public void savePin(KeyPin pin) {
      store.savePin(pin);
    }
  }

  @Test
  void change_concurrently_exactlyOneWinsAndTheOtherConflictsWithNothingChanged()
      throws Exception {
    fixture.activate(alice, "start").close();
    KeyService keys = TestKeys.builder(new RendezvousStore())
        .kdfPolicy(TestPolicies.FAST).build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<String>> outcomes = new ArrayList<>();
    try {
      for (String next : List.of("next A", "next B")) {
        outcomes.add(pool.submit(() -> {
          try {
            keys.change(alice, SecuPass.of("start"), SecuPass.of(next));
            return next;
          } catch (ConflictException e) {
            return "conflict";
          }
        }));
      }
      List<String> results = new ArrayList<>();
      for (Future<String> outcome : outcomes) {
        results.add(outcome.get());
      }

      assertThat(results).containsOnlyOnce("conflict");
      String winner = results.stream().filter(r -> !r.equals("conflict")).findFirst().orElseThrow();
      String loser = winner.equals("next A") ? "next B" : "next A";
      fixture.unlock(alice, winner).close();
      for (String refused : List.of(loser, "start")) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.unlock(alice, refused))
            .isInstanceOf(WrongSecuPassException.class);
      }
      assertThat(fixture.store().findActive(alice).orElseThrow().revision()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }
}
