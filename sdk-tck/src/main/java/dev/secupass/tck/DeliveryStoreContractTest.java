package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.DownloadOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract of {@link DeliveryStore}: deliveries, inbox and outbox paging, envelopes. */
@DisplayName("DeliveryStore contract")
public abstract class DeliveryStoreContractTest extends StorageContract {
  /** Newest first: by creation time, then id, both descending. */
  static final Comparator<DeliveryRecord> NEWEST_FIRST = Comparator
      .comparing(DeliveryRecord::createdAt)
      .thenComparing(DeliveryRecord::id)
      .reversed();

  DeliveryStore deliveries() {
    return storage.deliveries();
  }

  DeliveryRecord created(UserId sender, Instant createdAt, UserId... recipients) {
    DeliveryRecord delivery =
        Samples.delivery(Samples.deliveryId(), sender, createdAt, List.of(recipients));
    deliveries().create(delivery);
    return delivery;
  }

  DeliveryRecord withToken(byte @Nullable [] tokenHash) {
    Instant now = clock.instant();
    return Samples.delivery(Samples.deliveryId(), Samples.user(), now, now.plusSeconds(3600), 0,
        tokenHash, List.of(Samples.user()));
  }

  /** {@code count} deliveries to {@code recipient}, one second apart. */
  List<DeliveryRecord> inboxOf(UserId recipient, int count) {
    Instant start = clock.instant();
    return IntStream.range(0, count)
        .mapToObj(i -> created(Samples.user(), start.plusSeconds(i), recipient))
        .toList();
  }

  @Nested
  @DisplayName("DeliveryStore.create and find")
  class CreateAndFind {
    @Test
    @DisplayName("finds a created delivery exactly as created: files, recipients and bytes")
    void create_thenFind_returnsEqualRecord() {
      DeliveryRecord delivery = withToken(Samples.bytes(32));

      deliveries().create(delivery);

      assertThat(deliveries().find(delivery.id())).contains(delivery);
    }

    @Test
    @DisplayName("finds nothing for an unknown id")
    void find_unknownId_isEmpty() {
      assertThat(deliveries().find(Samples.deliveryId())).isEmpty();
    }

    @Test
    @DisplayName("conflicts on a taken id, keeping the first delivery")
    void create_takenId_conflicts() {
      DeliveryRecord first = created(Samples.user(), clock.instant(), Samples.user());
      DeliveryRecord second = Samples.delivery(first.id(), Samples.user(), clock.instant(),
          List.of(Samples.user()));

      assertThatThrownBy(() -> deliveries().create(second))
          .isInstanceOf(ConflictException.class);
      assertThat(deliveries().find(first.id())).contains(first);
    }

    @Test
    @DisplayName("of racing creates of one id exactly one wins")
    void create_racingSameId_exactlyOneWins() {
      DeliveryId id = Samples.deliveryId();

      Race.exactlyOneWinner(Race.run(i -> {
        deliveries().create(
            Samples.delivery(id, Samples.user(), clock.instant(), List.of(Samples.user())));
        return i;
      }));

      assertThat(deliveries().find(id)).isPresent();
    }

    @Test
    @DisplayName("conflicts on a link-token hash another delivery has, storing nothing")
    void create_takenLinkTokenHash_conflicts() {
      byte[] hash = Samples.bytes(32);
      DeliveryRecord first = withToken(hash);
      deliveries().create(first);
      DeliveryRecord second = withToken(hash);

      assertThatThrownBy(() -> deliveries().create(second))
          .isInstanceOf(ConflictException.class);
      assertThat(deliveries().find(second.id())).isEmpty();
      assertThat(deliveries().findByLinkTokenHash(hash)).contains(first);
    }

    @Test
    @DisplayName("allows any number of deliveries without a link token")
    void create_withoutLinkTokens_doesNotConflict() {
      DeliveryRecord a = withToken(null);
      DeliveryRecord b = withToken(null);

      deliveries().create(a);
      deliveries().create(b);

      assertThat(deliveries().find(a.id())).contains(a);
      assertThat(deliveries().find(b.id())).contains(b);
    }

    @Test
    @DisplayName("finds by link-token hash only on an exact byte match")
    void findByLinkTokenHash_matchesExactBytesOnly() {
      byte[] hash = Samples.bytes(32);
      DeliveryRecord delivery = withToken(hash);
      deliveries().create(delivery);
      byte[] flipped = hash.clone();
      flipped[31] ^= 1;

      assertThat(deliveries().findByLinkTokenHash(hash)).contains(delivery);
      assertThat(deliveries().findByLinkTokenHash(flipped)).isEmpty();
      assertThat(deliveries().findByLinkTokenHash(java.util.Arrays.copyOf(hash, 31))).isEmpty();
    }
  }

  @Nested
  @DisplayName("DeliveryStore.inbox and outbox")
  class InboxAndOutbox {
    @Test
    @DisplayName("lists a recipient's deliveries in every state, newest first")
    void inbox_everyState_newestFirst() {
      UserId recipient = Samples.user();
      List<DeliveryRecord> sent = inboxOf(recipient, 3);
      DeliveryRecord withdrawn = deliveries().updateState(sent.get(1).id(),
          DeliveryState.ACTIVE, DeliveryState.WITHDRAWN);

      Page<DeliveryRecord> page = deliveries().inbox(recipient, PageRequest.first(10));

      assertThat(page.items()).containsExactly(sent.get(2), withdrawn, sent.get(0));
      assertThat(page.hasNext()).isFalse();
    }

    @Test
    @DisplayName("orders deliveries created at the same instant by id, descending")
    void inbox_sameCreationTime_byIdDescending() {
      UserId recipient = Samples.user();
      Instant at = clock.instant();
      List<DeliveryRecord> sent = IntStream.range(0, 5)
          .mapToObj(i -> created(Samples.user(), at, recipient)).toList();

      assertThat(deliveries().inbox(recipient, PageRequest.first(10)).items())
          .containsExactlyElementsOf(sent.stream().sorted(NEWEST_FIRST).toList());
    }

    @Test
    @DisplayName("lists only deliveries addressed to the recipient")
    void inbox_onlyAddressedDeliveries() {
      UserId recipient = Samples.user();
      DeliveryRecord mine = created(Samples.user(), clock.instant(), recipient, Samples.user());
      created(recipient, clock.instant(), Samples.user());
      created(Samples.user(), clock.instant(), Samples.user());

      assertThat(deliveries().inbox(recipient, PageRequest.first(10)).items())
          .containsExactly(mine);
    }

    @Test
    @DisplayName("pages through an inbox visiting every delivery once, in order")
    void inbox_paging_visitsEveryDeliveryOnceInOrder() {
      UserId recipient = Samples.user();
      List<DeliveryRecord> sent = inboxOf(recipient, 25);

      List<DeliveryRecord> paged = Paging.all(p -> deliveries().inbox(recipient, p), 7);

      assertThat(paged).containsExactlyElementsOf(sent.stream().sorted(NEWEST_FIRST).toList());
      assertThat(deliveries().inbox(recipient, PageRequest.first(7)).items()).hasSize(7);
    }

    @Test
    @DisplayName("keeps paging stable while deliveries arrive: no repeats, no skips")
    void inbox_insertsWhilePaging_noRepeatsOrSkips() {
      UserId recipient = Samples.user();
      List<DeliveryRecord> before = inboxOf(recipient, 10);
      Page<DeliveryRecord> first = deliveries().inbox(recipient, PageRequest.first(4));
      clock.advance(Duration.ofHours(1));
      inboxOf(recipient, 5);
      created(Samples.user(), before.get(5).createdAt(), recipient);

      List<DeliveryRecord> seen = new ArrayList<>(first.items());
      Page<DeliveryRecord> page = first;
      while (page.hasNext()) {
        page = deliveries().inbox(recipient, page.next(4).orElseThrow());
        seen.addAll(page.items());
      }

      assertThat(seen).doesNotHaveDuplicates().containsAll(before);
    }

    @Test
    @DisplayName("returns a listing of exactly one page without a cursor, an empty one empty")
    void inbox_exactlyOnePage_hasNoCursor() {
      UserId recipient = Samples.user();
      inboxOf(recipient, 5);

      assertThat(deliveries().inbox(recipient, PageRequest.first(5)).hasNext()).isFalse();
      Page<DeliveryRecord> empty = deliveries().inbox(Samples.user(), PageRequest.first(5));
      assertThat(empty.items()).isEmpty();
      assertThat(empty.hasNext()).isFalse();
    }

    @Test
    @DisplayName("lists a sender's deliveries newest first, page by page")
    void outbox_paging_newestFirst() {
      UserId sender = Samples.user();
      Instant start = clock.instant();
      List<DeliveryRecord> sent = IntStream.range(0, 12)
          .mapToObj(i -> created(sender, start.plusMillis(i % 4), Samples.user()))
          .toList();
      created(Samples.user(), start, sender);

      List<DeliveryRecord> paged = Paging.all(p -> deliveries().outbox(sender, p), 5);

      assertThat(paged).containsExactlyElementsOf(sent.stream().sorted(NEWEST_FIRST).toList());
    }
  }

  @Nested
  @DisplayName("DeliveryStore.findExpired")
  class FindExpired {
    /** An era no other kit test uses; what earlier runs left there is expired first. */
    final Instant now = Instant.parse("2001-02-03T04:05:06.789Z");

    void drainExpired() {
      List<DeliveryRecord> due;
      while (!(due = deliveries().findExpired(now, 1000)).isEmpty()) {
        due.forEach(d -> deliveries().updateState(d.id(), DeliveryState.ACTIVE,
            DeliveryState.EXPIRED));
      }
    }

    DeliveryRecord expiring(Instant expiresAt) {
      DeliveryRecord delivery = Samples.delivery(Samples.deliveryId(), Samples.user(),
          expiresAt.minus(Duration.ofDays(7)), expiresAt, 0, null, List.of(Samples.user()));
      deliveries().create(delivery);
      return delivery;
    }

    @Test
    @DisplayName("finds active deliveries expiring at or before now, earliest expiry first")
    void findExpired_dueActive_earliestFirst() {
      drainExpired();
      DeliveryRecord atNow = expiring(now);
      DeliveryRecord earlier = expiring(now.minusSeconds(60));
      DeliveryRecord earliest = expiring(now.minus(Duration.ofDays(1)));
      expiring(now.plusMillis(1));
      DeliveryRecord withdrawn = expiring(now.minusSeconds(5));
      deliveries().updateState(withdrawn.id(), DeliveryState.ACTIVE, DeliveryState.WITHDRAWN);

      assertThat(deliveries().findExpired(now, 10)).containsExactly(earliest, earlier, atNow);
    }

    @Test
    @DisplayName("returns at most the limit")
    void findExpired_limit_isRespected() {
      drainExpired();
      DeliveryRecord first = expiring(now.minusSeconds(30));
      DeliveryRecord second = expiring(now.minusSeconds(20));
      expiring(now.minusSeconds(10));

      assertThat(deliveries().findExpired(now, 2)).containsExactly(first, second);
    }
  }

  /** A level-1 or level-2 delivery, stored. */
  @SuppressWarnings("NullAway") // linkTokenHash is @Nullable; see Samples.delivery
  DeliveryRecord createdAt(SecurityLevel level) {
    DeliveryRecord sample = Samples.delivery(Samples.deliveryId(), Samples.user(),
        clock.instant(), List.of(Samples.user()));
    DeliveryRecord delivery = new DeliveryRecord(sample.id(), sample.sender(), level,
        sample.state(), sample.createdAt(), sample.expiresAt(), 0, 0, sample.details(),
        sample.manifest(), null, sample.files(), sample.recipients());
    deliveries().create(delivery);
    return delivery;
  }

  @Nested
  @DisplayName("DeliveryStore.hostSealed and replaceManifest (the at-rest re-seal)")
  class HostSealed {
    @Test
    @DisplayName("paging by the last id visits every level 1 and 2 delivery once, in every state,"
        + " and no level 3 or 4 delivery")
    void hostSealed_paging_visitsLevels1And2Once() {
      List<DeliveryRecord> sealed = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        sealed.add(createdAt(i % 2 == 0 ? SecurityLevel.LINK : SecurityLevel.LOGIN));
      }
      deliveries().updateState(sealed.get(3).id(), DeliveryState.ACTIVE, DeliveryState.EXPIRED);
      DeliveryRecord endToEnd = created(Samples.user(), clock.instant(), Samples.user());

      List<DeliveryId> visited = new ArrayList<>();
      DeliveryId after = null;
      List<DeliveryRecord> page;
      while (!(page = deliveries().hostSealed(after, 3)).isEmpty()) {
        assertThat(page).hasSizeLessThanOrEqualTo(3);
        page.forEach(record -> assertThat(record.level().number()).isLessThanOrEqualTo(2));
        page.forEach(record -> visited.add(record.id()));
        after = page.get(page.size() - 1).id();
      }

      assertThat(visited).doesNotHaveDuplicates()
          .containsAll(sealed.stream().map(DeliveryRecord::id).toList())
          .doesNotContain(endToEnd.id());
    }

    @Test
    @DisplayName("returns whole records, as find does")
    void hostSealed_returnsWholeRecords() {
      DeliveryRecord delivery = createdAt(SecurityLevel.LINK);
      DeliveryId before = null;
      for (DeliveryRecord record : all()) {
        if (record.id().equals(delivery.id())) {
          assertThat(record).isEqualTo(delivery);
          return;
        }
        before = record.id();
      }
      throw new AssertionError("not listed; last id seen: " + before);
    }

    @Test
    @DisplayName("replaceManifest replaces the manifest it expects, and nothing else")
    void replaceManifest_expected_replaces() {
      DeliveryRecord delivery = createdAt(SecurityLevel.LOGIN);
      byte[] replacement = Samples.bytes(90);

      assertThat(deliveries().replaceManifest(delivery.id(), delivery.manifest(), replacement))
          .isTrue();

      DeliveryRecord stored = deliveries().find(delivery.id()).orElseThrow();
      assertThat(stored.manifest()).isEqualTo(replacement);
      assertThat(stored).isEqualTo(delivery.withManifest(replacement));
    }

    @Test
    @DisplayName("replaceManifest changes nothing and returns false when the manifest differs")
    void replaceManifest_otherManifest_returnsFalse() {
      DeliveryRecord delivery = createdAt(SecurityLevel.LINK);

      assertThat(deliveries().replaceManifest(delivery.id(), Samples.bytes(80),
          Samples.bytes(90))).isFalse();
      assertThat(deliveries().find(delivery.id())).contains(delivery);
    }

    @Test
    @DisplayName("of racing replacements from the same manifest exactly one wins")
    void replaceManifest_racing_exactlyOneWins() {
      DeliveryRecord delivery = createdAt(SecurityLevel.LINK);

      List<Race.Outcome<Boolean>> outcomes = Race.run(i -> deliveries().replaceManifest(
          delivery.id(), delivery.manifest(), Samples.bytes(90)));

      assertThat(outcomes).allMatch(Race.Outcome::succeeded);
      assertThat(outcomes.stream().map(Race.Outcome::value).toList()).containsOnlyOnce(true);
    }

    @Test
    @DisplayName("replaceManifest throws NotFound for an unknown delivery")
    void replaceManifest_unknown_throwsNotFound() {
      assertThatThrownBy(() -> deliveries().replaceManifest(Samples.deliveryId(),
          Samples.bytes(80), Samples.bytes(90))).isInstanceOf(NotFoundException.class);
    }

    private List<DeliveryRecord> all() {
      List<DeliveryRecord> all = new ArrayList<>();
      DeliveryId after = null;
      List<DeliveryRecord> page;
      while (!(page = deliveries().hostSealed(after, 50)).isEmpty()) {
        all.addAll(page);
        after = page.get(page.size() - 1).id();
      }
      return all;
    }
  }

  @Nested
  @DisplayName("DeliveryStore.updateState")
  class UpdateState {
    @Test
    @DisplayName("moves a delivery from the expected state to the next and returns it")
    void updateState_expectedState_moves() {
      DeliveryRecord delivery = created(Samples.user(), clock.instant(), Samples.user());

      DeliveryRecord updated = deliveries().updateState(delivery.id(), DeliveryState.ACTIVE,
          DeliveryState.EXPIRED);

      assertThat(updated).isEqualTo(delivery.withState(DeliveryState.EXPIRED));
      assertThat(deliveries().find(delivery.id())).contains(updated);
    }

    @Test
    @DisplayName("conflicts when the state is not the expected one, changing nothing")
    void updateState_unexpectedState_conflicts() {
      DeliveryRecord delivery = created(Samples.user(), clock.instant(), Samples.user());

      assertThatThrownBy(() -> deliveries().updateState(delivery.id(), DeliveryState.EXPIRED,
          DeliveryState.WITHDRAWN)).isInstanceOf(ConflictException.class);
      assertThat(deliveries().find(delivery.id())).contains(delivery);
    }

    @Test
    @DisplayName("throws NotFound for an unknown delivery")
    void updateState_unknown_throwsNotFound() {
      assertThatThrownBy(() -> deliveries().updateState(Samples.deliveryId(),
          DeliveryState.ACTIVE, DeliveryState.EXPIRED)).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("of many racing transitions from one state exactly one wins")
    void updateState_racing_exactlyOneWins() {
      DeliveryRecord delivery = created(Samples.user(), clock.instant(), Samples.user());

      Race.exactlyOneWinner(Race.run(i -> deliveries().updateState(delivery.id(),
          DeliveryState.ACTIVE, i % 2 == 0 ? DeliveryState.WITHDRAWN : DeliveryState.EXPIRED)));
    }
  }

  @Nested
  @DisplayName("DeliveryStore.withdraw")
  class Withdraw {
    @Test
    @DisplayName("stores the statement, moves an active delivery to withdrawn and returns it")
    void withdraw_active_storesStatementAndState() {
      DeliveryRecord delivery = created(Samples.user(), clock.instant(), Samples.user());
      byte[] statement = Samples.bytes(120);

      DeliveryRecord withdrawn = deliveries().withdraw(delivery.id(), statement);

      assertThat(withdrawn).isEqualTo(delivery.withWithdrawal(statement));
      assertThat(withdrawn.state()).isEqualTo(DeliveryState.WITHDRAWN);
      assertThat(withdrawn.withdrawal()).isEqualTo(statement);
      assertThat(deliveries().find(delivery.id())).contains(withdrawn);
    }

    @Test
    @DisplayName("deletes every envelope of the delivery and none of another")
    void withdraw_deletesTheDeliverysEnvelopesOnly() {
      UserId a = Samples.user();
      UserId b = Samples.user();
      DeliveryRecord delivery = created(Samples.user(), clock.instant(), a, b);
      DeliveryRecord other = created(Samples.user(), clock.instant(), a);
      deliveries().putEnvelope(Samples.envelope(delivery.id(), a, KeyVersion.FIRST,
          delivery.sender(), clock.instant()));
      deliveries().putEnvelope(Samples.envelope(delivery.id(), b, KeyVersion.of(2),
          delivery.sender(), clock.instant()));
      deliveries().putEnvelope(Samples.envelope(delivery.id(), delivery.sender(),
          KeyVersion.FIRST, delivery.sender(), clock.instant()));
      DeliveryEnvelope kept = Samples.envelope(other.id(), a, KeyVersion.FIRST, other.sender(),
          clock.instant());
      deliveries().putEnvelope(kept);

      deliveries().withdraw(delivery.id(), Samples.bytes(80));

      assertThat(deliveries().envelopes(delivery.id())).isEmpty();
      assertThat(deliveries().findEnvelope(delivery.id(), a, KeyVersion.FIRST)).isEmpty();
      assertThat(deliveries().envelopes(other.id())).containsExactly(kept);
    }

    @Test
    @DisplayName("in a transaction that fails afterwards, keeps the state, statement and envelopes")
    void withdraw_inFailedTransaction_changesNothing() {
      UserId a = Samples.user();
      DeliveryRecord delivery = created(Samples.user(), clock.instant(), a);
      DeliveryEnvelope envelope = Samples.envelope(delivery.id(), a, KeyVersion.FIRST,
          delivery.sender(), clock.instant());
      deliveries().putEnvelope(envelope);

      assertThatThrownBy(() -> storage.inTransaction(tx -> {
        tx.deliveries().withdraw(delivery.id(), Samples.bytes(80));
        throw new IllegalStateException("the work after it failed");
      })).isInstanceOf(IllegalStateException.class);

      assertThat(deliveries().find(delivery.id())).contains(delivery);
      assertThat(deliveries().envelopes(delivery.id())).containsExactly(envelope);
    }

    @Test
    @DisplayName("conflicts for a delivery that is not active, changing nothing")
    void withdraw_notActive_conflicts() {
      DeliveryRecord delivery = created(Samples.user(), clock.instant(), Samples.user());
      DeliveryRecord first = deliveries().withdraw(delivery.id(), Samples.bytes(80));

      assertThatThrownBy(() -> deliveries().withdraw(delivery.id(), Samples.bytes(90)))
          .isInstanceOf(ConflictException.class);
      assertThat(deliveries().find(delivery.id())).contains(first);
    }

    @Test
    @DisplayName("throws NotFound for an unknown delivery")
    void withdraw_unknown_throwsNotFound() {
      assertThatThrownBy(() -> deliveries().withdraw(Samples.deliveryId(), Samples.bytes(80)))
          .isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("refuses an empty statement")
    void withdraw_emptyStatement_isRefused() {
      DeliveryRecord delivery = created(Samples.user(), clock.instant(), Samples.user());

      assertThatThrownBy(() -> deliveries().withdraw(delivery.id(), new byte[0]))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(deliveries().find(delivery.id())).contains(delivery);
    }
  }

  @Nested
  @DisplayName("DeliveryStore.recordDownload")
  class RecordDownload {
    DeliveryRecord limitedTo(int limit) {
      Instant now = clock.instant();
      DeliveryRecord delivery = Samples.delivery(Samples.deliveryId(), Samples.user(), now,
          now.plusSeconds(3600), limit, null, List.of(Samples.user()));
      deliveries().create(delivery);
      return delivery;
    }

    int countOf(DeliveryRecord delivery) {
      return deliveries().find(delivery.id()).orElseThrow().downloadCount();
    }

    @Test
    @DisplayName("counts first downloads up to the limit, then refuses without counting")
    void recordDownload_upToLimit_thenLimitReached() {
      DeliveryRecord delivery = limitedTo(2);
      FileId file = Samples.fileId();

      assertThat(deliveries().recordDownload(delivery.id(), file, "reader-1"))
          .isEqualTo(DownloadOutcome.COUNTED);
      assertThat(deliveries().recordDownload(delivery.id(), file, "reader-2"))
          .isEqualTo(DownloadOutcome.COUNTED);
      assertThat(deliveries().recordDownload(delivery.id(), file, "reader-3"))
          .isEqualTo(DownloadOutcome.LIMIT_REACHED);
      assertThat(countOf(delivery)).isEqualTo(2);
      assertThat(deliveries().recordDownload(delivery.id(), file, "reader-3"))
          .as("a refused download leaves no record behind")
          .isEqualTo(DownloadOutcome.LIMIT_REACHED);
    }

    @Test
    @DisplayName("counts one reader's download of one file once, however often it is recorded,"
        + " also at the limit")
    void recordDownload_sameFileAndReader_countsOnce() {
      DeliveryRecord delivery = limitedTo(1);
      FileId file = Samples.fileId();

      assertThat(deliveries().recordDownload(delivery.id(), file, "reader"))
          .isEqualTo(DownloadOutcome.COUNTED);
      assertThat(deliveries().recordDownload(delivery.id(), file, "reader"))
          .isEqualTo(DownloadOutcome.ALREADY_COUNTED);
      assertThat(countOf(delivery)).isEqualTo(1);
    }

    @Test
    @DisplayName("counts each file per reader and each reader per file")
    void recordDownload_filesAndReaders_countedApart() {
      DeliveryRecord delivery = limitedTo(0);
      FileId first = Samples.fileId();
      FileId second = Samples.fileId();

      for (FileId file : List.of(first, second)) {
        for (String reader : List.of("alice", "bob")) {
          assertThat(deliveries().recordDownload(delivery.id(), file, reader))
              .isEqualTo(DownloadOutcome.COUNTED);
        }
      }
      assertThat(deliveries().recordDownload(delivery.id(), second, "bob"))
          .isEqualTo(DownloadOutcome.ALREADY_COUNTED);
      assertThat(countOf(delivery)).isEqualTo(4);
    }

    @Test
    @DisplayName("always counts a new download when the limit is 0 (no limit)")
    void recordDownload_noLimit_alwaysCounts() {
      DeliveryRecord delivery = limitedTo(0);

      for (int i = 0; i < 5; i++) {
        assertThat(deliveries().recordDownload(delivery.id(), Samples.fileId(), "reader"))
            .isEqualTo(DownloadOutcome.COUNTED);
      }
      assertThat(countOf(delivery)).isEqualTo(5);
    }

    @Test
    @DisplayName("throws NotFound for an unknown delivery")
    void recordDownload_unknown_throwsNotFound() {
      assertThatThrownBy(() -> deliveries().recordDownload(Samples.deliveryId(),
          Samples.fileId(), "reader")).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("rejects an empty reader or one longer than MAX_READER_LENGTH")
    void recordDownload_badReader_throwsIllegalArgument() {
      DeliveryRecord delivery = limitedTo(0);

      assertThatThrownBy(() -> deliveries().recordDownload(delivery.id(), Samples.fileId(), ""))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> deliveries().recordDownload(delivery.id(), Samples.fileId(),
          "r".repeat(DeliveryStore.MAX_READER_LENGTH + 1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(deliveries().recordDownload(delivery.id(), Samples.fileId(),
          "r".repeat(DeliveryStore.MAX_READER_LENGTH))).isEqualTo(DownloadOutcome.COUNTED);
      assertThat(countOf(delivery)).isEqualTo(1);
    }

    @Test
    @DisplayName("of many readers downloading at once exactly the limit are counted")
    void recordDownload_racingReaders_exactlyLimitCounted() {
      DeliveryRecord delivery = limitedTo(3);
      FileId file = Samples.fileId();

      long counted = Race.run(i -> deliveries().recordDownload(delivery.id(), file, "reader-" + i))
          .stream()
          .filter(o -> o.value() == DownloadOutcome.COUNTED)
          .count();

      assertThat(counted).isEqualTo(3);
      assertThat(countOf(delivery)).isEqualTo(3);
    }

    @Test
    @DisplayName("of one reader's racing records of one file exactly one counts")
    void recordDownload_racingSameReader_countsOnce() {
      DeliveryRecord delivery = limitedTo(0);
      FileId file = Samples.fileId();

      List<Race.Outcome<DownloadOutcome>> outcomes =
          Race.run(i -> deliveries().recordDownload(delivery.id(), file, "reader"));

      assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
      assertThat(outcomes).filteredOn(o -> o.value() == DownloadOutcome.COUNTED).hasSize(1);
      assertThat(countOf(delivery)).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("DeliveryStore envelopes")
  class Envelopes {
    @Test
    @DisplayName("finds a stored envelope by delivery, recipient and key version")
    void putEnvelope_thenFind_returnsIt() {
      UserId recipient = Samples.user();
      DeliveryRecord delivery = created(Samples.user(), clock.instant(), recipient);
      DeliveryEnvelope envelope = Samples.envelope(delivery.id(), recipient, KeyVersion.FIRST,
          delivery.sender(), clock.instant());

      deliveries().putEnvelope(envelope);

      assertThat(deliveries().findEnvelope(delivery.id(), recipient, KeyVersion.FIRST))
          .contains(envelope);
      assertThat(deliveries().envelopes(delivery.id())).containsExactly(envelope);
    }

    @Test
    @DisplayName("replaces the envelope of the same delivery, recipient and key version")
    void putEnvelope_sameSlot_replaces() {
      UserId recipient = Samples.user();
      DeliveryRecord delivery = created(Samples.user(), clock.instant(), recipient);
      deliveries().putEnvelope(Samples.envelope(delivery.id(), recipient, KeyVersion.FIRST,
          delivery.sender(), clock.instant()));
      DeliveryEnvelope again = Samples.envelope(delivery.id(), recipient, KeyVersion.FIRST,
          delivery.sender(), clock.instant());

      deliveries().putEnvelope(again);

      assertThat(deliveries().envelopes(delivery.id())).containsExactly(again);
    }

    @Test
    @DisplayName("keeps envelopes of different recipients and key versions apart")
    void envelopes_perRecipientAndVersion_listsAll() {
      UserId a = Samples.user();
      UserId b = Samples.user();
      DeliveryRecord delivery = created(Samples.user(), clock.instant(), a, b);
      List<DeliveryEnvelope> all = List.of(
          Samples.envelope(delivery.id(), a, KeyVersion.FIRST, delivery.sender(), clock.instant()),
          Samples.envelope(delivery.id(), a, KeyVersion.of(2), delivery.sender(), clock.instant()),
          Samples.envelope(delivery.id(), b, KeyVersion.FIRST, delivery.sender(), clock.instant()));

      all.forEach(deliveries()::putEnvelope);

      assertThat(deliveries().envelopes(delivery.id())).containsExactlyInAnyOrderElementsOf(all);
      assertThat(deliveries().findEnvelope(delivery.id(), b, KeyVersion.of(2))).isEmpty();
      assertThat(deliveries().findEnvelope(delivery.id(), a, KeyVersion.of(2)))
          .contains(all.get(1));
    }

    @Test
    @DisplayName("stores a batch of envelopes of several deliveries, replacing those in the same"
        + " slot")
    void putEnvelopes_batch_storesEachLikePutEnvelope() {
      UserId a = Samples.user();
      UserId b = Samples.user();
      DeliveryRecord first = created(Samples.user(), clock.instant(), a, b);
      DeliveryRecord second = created(Samples.user(), clock.instant(), a);
      deliveries().putEnvelope(Samples.envelope(first.id(), a, KeyVersion.FIRST, first.sender(),
          clock.instant()));
      List<DeliveryEnvelope> batch = List.of(
          Samples.envelope(first.id(), a, KeyVersion.FIRST, first.sender(), clock.instant()),
          Samples.envelope(first.id(), b, KeyVersion.FIRST, first.sender(), clock.instant()),
          Samples.envelope(second.id(), a, KeyVersion.FIRST, second.sender(), clock.instant()));

      deliveries().putEnvelopes(batch);
      deliveries().putEnvelopes(List.of());

      assertThat(deliveries().envelopes(first.id()))
          .containsExactlyInAnyOrderElementsOf(batch.subList(0, 2));
      assertThat(deliveries().envelopes(second.id())).containsExactly(batch.get(2));
    }

    @Test
    @DisplayName("in a transaction, a batch with an envelope of an unknown delivery throws"
        + " NotFound and stores none")
    @SuppressWarnings("NullAway") // a transaction's work without a result returns null
    void putEnvelopes_unknownDeliveryInTransaction_storesNone() {
      UserId recipient = Samples.user();
      DeliveryRecord delivery = created(Samples.user(), clock.instant(), recipient);
      DeliveryId unknown = Samples.deliveryId();

      assertThatThrownBy(() -> storage.inTransaction(tx -> {
        tx.deliveries().putEnvelopes(List.of(
            Samples.envelope(delivery.id(), recipient, KeyVersion.FIRST, delivery.sender(),
                clock.instant()),
            Samples.envelope(unknown, recipient, KeyVersion.FIRST, recipient, clock.instant())));
        return null;
      })).isInstanceOf(NotFoundException.class);
      assertThat(deliveries().envelopes(delivery.id())).isEmpty();
      assertThat(deliveries().envelopes(unknown)).isEmpty();
    }

    @Test
    @DisplayName("throws NotFound for an envelope of an unknown delivery")
    void putEnvelope_unknownDelivery_throwsNotFound() {
      DeliveryId unknown = Samples.deliveryId();
      UserId recipient = Samples.user();

      assertThatThrownBy(() -> deliveries().putEnvelope(Samples.envelope(unknown, recipient,
          KeyVersion.FIRST, recipient, clock.instant()))).isInstanceOf(NotFoundException.class);
      assertThat(deliveries().envelopes(unknown)).isEmpty();
    }

    @Test
    @DisplayName("finds no envelope where none was stored")
    void findEnvelope_none_isEmpty() {
      UserId recipient = Samples.user();
      DeliveryRecord delivery = created(Samples.user(), clock.instant(), recipient);

      assertThat(deliveries().findEnvelope(delivery.id(), recipient, KeyVersion.FIRST)).isEmpty();
      assertThat(deliveries().envelopes(delivery.id())).isEmpty();
    }
  }
}
