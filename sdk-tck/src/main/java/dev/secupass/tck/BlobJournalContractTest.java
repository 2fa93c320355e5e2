package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.spi.BlobJournal;
import dev.secupass.spi.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link BlobJournal}, the upload journal: entries are listed by age for the
 * sweep, taken out by the transaction that refers to their blob, and {@code forget} and {@code
 * claim} exclude each other, so a sweep never deletes a blob a committed row refers to.
 */
@DisplayName("BlobJournal contract")
public abstract class BlobJournalContractTest extends StorageContract {
  /** Far enough ahead that every entry is older, inside the years every store can hold. */
  private static final Instant FAR_FUTURE = Instant.parse("9000-01-01T00:00:00Z");

  BlobJournal journal() {
    return storage.blobJournal();
  }

  /** The listing spans the whole journal: tests that look at it start from an empty one. */
  void drain() {
    List<JournalEntry> stale;
    while (!(stale = journal().stale(FAR_FUTURE, 100)).isEmpty()) {
      stale.forEach(entry -> journal().remove(entry.blob()));
    }
  }

  /** Now, in whole seconds: every store keeps that exactly. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  BlobId begun(Instant at) {
    BlobId blob = Samples.blobId();
    journal().begin(blob, at);
    return blob;
  }

  @Nested
  @DisplayName("BlobJournal.stale")
  class Stale {
    @Test
    @DisplayName("lists entries begun strictly before the given time, oldest first, up to the"
        + " limit, with their time")
    void stale_olderEntries_oldestFirstUpToLimit() {
      drain();
      Instant now = now();
      BlobId newest = begun(now.minusSeconds(10));
      BlobId oldest = begun(now.minusSeconds(30));
      BlobId middle = begun(now.minusSeconds(20));
      BlobId atCutoff = begun(now);

      assertThat(journal().stale(now, 2)).containsExactly(
          new JournalEntry(oldest, now.minusSeconds(30), false),
          new JournalEntry(middle, now.minusSeconds(20), false));
      assertThat(journal().stale(now, 10)).extracting(JournalEntry::blob)
          .containsExactly(oldest, middle, newest);
      assertThat(journal().stale(now.plusSeconds(1), 10)).extracting(JournalEntry::blob)
          .containsExactly(oldest, middle, newest, atCutoff);
    }

    @Test
    @DisplayName("orders entries of the same time by blob id")
    void stale_sameTime_byBlobId() {
      drain();
      Instant at = now().minusSeconds(5);
      BlobId b = BlobId.of("b-" + Samples.blobId().value());
      BlobId a = BlobId.of("a-" + Samples.blobId().value());
      journal().begin(b, at);
      journal().begin(a, at);

      assertThat(journal().stale(now(), 10)).extracting(JournalEntry::blob).containsExactly(a, b);
    }

    @Test
    @DisplayName("refuses a limit below one")
    void stale_limitBelowOne_isRefused() {
      assertThatThrownBy(() -> journal().stale(now(), 0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("BlobJournal.begin and forget")
  class BeginAndForget {
    @Test
    @DisplayName("conflicts on a blob the journal already has, keeping the first entry")
    void begin_twice_conflicts() {
      drain();
      Instant at = now().minusSeconds(60);
      BlobId blob = begun(at);

      assertThatThrownBy(() -> journal().begin(blob, now()))
          .isInstanceOf(ConflictException.class);
      assertThat(journal().stale(now(), 10)).containsExactly(new JournalEntry(blob, at, false));
    }

    @Test
    @DisplayName("forgets an unclaimed entry once: it is no longer listed")
    void forget_unclaimed_removesOnce() {
      drain();
      BlobId blob = begun(now().minusSeconds(60));
      BlobId other = begun(now().minusSeconds(50));

      assertThat(journal().forget(blob)).isTrue();
      assertThat(journal().forget(blob)).isFalse();
      assertThat(journal().stale(now(), 10)).extracting(JournalEntry::blob)
          .containsExactly(other);
    }

    @Test
    @DisplayName("does not forget a blob it never had")
    void forget_unknown_isFalse() {
      assertThat(journal().forget(Samples.blobId())).isFalse();
    }

    @Test
    @DisplayName("undoes a forget in a transaction that fails, and a begin in one")
    void forgetAndBegin_inFailedTransaction_undone() {
      drain();
      Instant at = now().minusSeconds(60);
      BlobId blob = begun(at);
      BlobId rolledBack = Samples.blobId();

      assertThatThrownBy(() -> storage.inTransaction(tx -> {
        assertThat(tx.blobJournal().forget(blob)).isTrue();
        tx.blobJournal().begin(rolledBack, at);
        throw new IllegalStateException("the row could not be stored");
      })).isInstanceOf(IllegalStateException.class);

      assertThat(journal().stale(now(), 10)).containsExactly(new JournalEntry(blob, at, false));
      assertThat(journal().forget(rolledBack)).isFalse();
      assertThat(journal().forget(blob)).isTrue();
    }
  }

  @Nested
  @DisplayName("BlobJournal.claim and remove")
  class ClaimAndRemove {
    @Test
    @DisplayName("a claimed entry cannot be forgotten, stays listed as claimed, and claims again")
    void claim_thenForget_fails() {
      drain();
      Instant at = now().minusSeconds(60);
      BlobId blob = begun(at);

      assertThat(journal().claim(blob)).isTrue();

      assertThat(journal().forget(blob)).isFalse();
      assertThat(journal().stale(now(), 10)).containsExactly(new JournalEntry(blob, at, true));
      assertThat(journal().claim(blob)).isTrue();
    }

    @Test
    @DisplayName("does not claim a forgotten or unknown entry")
    void claim_forgottenOrUnknown_isFalse() {
      BlobId blob = begun(now());
      assertThat(journal().forget(blob)).isTrue();

      assertThat(journal().claim(blob)).isFalse();
      assertThat(journal().claim(Samples.blobId())).isFalse();
    }

    @Test
    @DisplayName("removes an entry whatever its state; removing again or an unknown one does"
        + " nothing")
    void remove_anyState_idempotent() {
      drain();
      BlobId claimed = begun(now().minusSeconds(60));
      BlobId unclaimed = begun(now().minusSeconds(50));
      journal().claim(claimed);

      journal().remove(claimed);
      journal().remove(unclaimed);
      journal().remove(claimed);
      journal().remove(Samples.blobId());

      assertThat(journal().stale(now(), 10)).isEmpty();
      assertThat(journal().claim(claimed)).isFalse();
      assertThat(journal().forget(unclaimed)).isFalse();
    }

    @Test
    @DisplayName("racing forgets and claims of one entry: a forget wins alone, or claims win and"
        + " every forget fails (a racer may lose with a conflict)")
    void forgetAndClaim_racing_excludeEachOther() {
      for (int round = 0; round < 5; round++) {
        BlobId blob = begun(now().minus(Duration.ofMinutes(5)));

        List<Race.Outcome<Boolean>> outcomes = Race.run(i -> i % 2 == 0
            ? journal().forget(blob) : journal().claim(blob));

        assertThat(outcomes).as("racers either decide or lose with a conflict")
            .allMatch(o -> o.succeeded() || o.failure() instanceof ConflictException);
        long forgets = 0;
        long claims = 0;
        for (int i = 0; i < outcomes.size(); i++) {
          if (Boolean.TRUE.equals(outcomes.get(i).value())) {
            if (i % 2 == 0) {
              forgets++;
            } else {
              claims++;
            }
          }
        }
        assertThat(forgets).as("forgets that succeeded").isLessThanOrEqualTo(1);
        if (forgets == 1) {
          assertThat(claims).as("claims that succeeded after a forget had won").isZero();
        } else {
          assertThat(claims).as("claims that succeeded, no forget having won").isPositive();
        }
        assertThat(journal().forget(blob)).isFalse();
        journal().remove(blob);
      }
    }
  }
}
