package dev.secupass.core.delivery;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.RoomId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.relay.UploadedContent;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.core.testing.ClientCiphertext;
import dev.secupass.core.testing.FaultyStorage.SimulatedCrash;
import dev.secupass.core.testing.NoJournalStorage;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.Streams;
import dev.secupass.spi.JournalEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The upload journal: a process that dies between a blob's commit and the commit of the row that
 * refers to it leaves a journaled blob, which {@code sweepExpired} deletes once the grace period
 * passed; without the journal the same crash leaves a blob nothing ever deletes. The sweep never
 * deletes a blob a row refers to, also when it races an upload. A crash is a {@link
 * SimulatedCrash} thrown where the process dies, and again at the first thing the SDK does in
 * its cleanup (claiming the journal entry), so nothing after the crash point runs.
 */
class UploadJournalTest {
  private static final Instant FAR_FUTURE = Instant.parse("9000-01-01T00:00:00Z");
  private static final Duration PAST_GRACE = Duration.ofHours(1).plusSeconds(1);

  private final SdkFixture f = new SdkFixture();
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");

  private List<JournalEntry> journal() {
    return f.memory.blobJournal().stale(FAR_FUTURE, 100);
  }

  private DeliveryDraft twoFiles() {
    return draft(SecurityLevel.LOGIN, "first", Addressee.employee(bob.user(), ""))
        .file("second.txt", Streams.source("second".getBytes(StandardCharsets.UTF_8))).build();
  }

  /** The process dies at {@code step}, before any cleanup of the SDK can run. */
  private void crashAt(String step) {
    f.storage.faults().failNext(step, SimulatedCrash::new);
    f.storage.faults().failNext("blobJournal.claim", SimulatedCrash::new);
  }

  @Test
  void send_crashBeforeItsRecordCommits_leavesJournaledBlobsThatTheSweepDeletesAfterTheGrace() {
    crashAt("deliveries.create");

    assertThatThrownBy(() -> f.sdk.deliveries().send(alice, twoFiles()))
        .isInstanceOf(SimulatedCrash.class);
    assertThat(f.blobs.live()).isEqualTo(2);
    assertThat(journal()).extracting(JournalEntry::blob)
        .containsExactlyInAnyOrderElementsOf(f.blobs.committed());

    assertThat(f.sdk.deliveries().sweepExpired(10).orphansDeleted())
        .as("within the grace period an upload may still be running").isZero();
    assertThat(f.blobs.live()).isEqualTo(2);

    f.clock.advance(PAST_GRACE);
    assertThat(f.sdk.deliveries().sweepExpired(10)).isEqualTo(new SweepResult(0, 0, 2, false));
    assertThat(f.blobs.live()).isZero();
    assertThat(journal()).isEmpty();
  }

  @Test
  void withoutTheJournal_theSameCrashLeavesBlobsThatNoSweepDeletes() {
    SdkFixture old = new SdkFixture(NoJournalStorage::new, builder -> builder);
    old.storage.faults().failNext("deliveries.create", SimulatedCrash::new);

    assertThatThrownBy(() -> old.sdk.deliveries().send(alice, twoFiles()))
        .isInstanceOf(SimulatedCrash.class);
    old.clock.advance(Duration.ofDays(1));
    old.sdk.deliveries().sweepExpired(10);

    assertThat(old.blobs.live()).as("blobs of a delivery that was never stored").isEqualTo(2);
  }

  @Test
  void sweep_neverDeletesABlobThatADeliveryOrARoomFileRefersTo() {
    DeliveryId sent = f.sdk.deliveries().send(alice, twoFiles()).id();
    SecuPassSession session = f.activate(alice, "alice's secupass");
    RoomId room = f.sdk.rooms().create(alice, session, "Plans");
    RoomItem file = upload(session, room, "plan.txt");

    f.clock.advance(PAST_GRACE.multipliedBy(2));
    assertThat(f.sdk.deliveries().sweepExpired(10)).isEqualTo(new SweepResult(0, 0, 0, false));

    assertThat(f.blobs.live()).isEqualTo(3);
    assertThat(journal()).isEmpty();
    try (OpenedDelivery opened = f.sdk.deliveries().open(bob, sent)) {
      assertThat(SdkFixture.firstFile(opened)).isEqualTo("first");
    }
    try (SecuPassSession again = f.unlock(alice, "alice's secupass")) {
      assertThat(read(again, room, file)).isEqualTo("plan.txt");
    }
  }

  @Test
  void send_whoseBlobTheSweepClaimedMidway_failsWithAConflictAndLeavesNothing() {
    SdkFixture quick = new SdkFixture(builder -> builder.orphanGracePeriod(Duration.ZERO));
    DeliveryDraft racing = draft(SecurityLevel.LOGIN, "first", Addressee.employee(bob.user(), ""))
        .file("second.txt", () -> {
          // While the second file starts, a sweep with no grace takes the first file's blob.
          quick.clock.advance(Duration.ofSeconds(1));
          assertThat(quick.sdk.deliveries().sweepExpired(10).orphansDeleted()).isEqualTo(1);
          return Streams.source(new byte[10]);
        }, 10).build();

    assertThatThrownBy(() -> quick.sdk.deliveries().send(alice, racing))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("upload it again");

    assertThat(quick.blobs.live()).isZero();
    assertThat(quick.memory.blobJournal().stale(FAR_FUTURE, 10)).isEmpty();
    assertThat(quick.memory.deliveries().outbox(alice.user(), PageRequest.first(10)).items())
        .isEmpty();
  }

  @Test
  void roomUpload_crashBeforeItsEntryCommits_leavesABlobThatTheSweepDeletes() {
    SecuPassSession session = f.activate(alice, "alice's secupass");
    RoomId room = f.sdk.rooms().create(alice, session, "Plans");
    crashAt("rooms.createEntry");

    assertThatThrownBy(() -> upload(session, room, "plan.txt"))
        .isInstanceOf(SimulatedCrash.class);
    assertThat(f.blobs.live()).isEqualTo(1);

    f.clock.advance(PAST_GRACE);
    assertThat(f.sdk.deliveries().sweepExpired(10).orphansDeleted()).isEqualTo(1);
    assertThat(f.blobs.live()).isZero();
    assertThat(journal()).isEmpty();
  }

  @Test
  void roomUpload_failingContent_leavesNeitherBlobNorJournalEntry() {
    SecuPassSession session = f.activate(alice, "alice's secupass");
    RoomId room = f.sdk.rooms().create(alice, session, "Plans");

    assertThatThrownBy(() -> f.sdk.rooms().upload(session, room, null, "short.bin",
        Streams.source(new byte[5]), 10)).isInstanceOf(IllegalArgumentException.class);

    assertThat(f.blobs.live()).isZero();
    assertThat(journal()).isEmpty();
  }

  @Test
  void roomFileDeletion_crashAfterItsEntryIsGone_leavesTheBlobToTheSweep() {
    SecuPassSession session = f.activate(alice, "alice's secupass");
    RoomId room = f.sdk.rooms().create(alice, session, "Plans");
    RoomItem file = upload(session, room, "plan.txt");
    f.storage.faults().failNext("blobJournal.claim", SimulatedCrash::new);

    assertThatThrownBy(() -> f.sdk.rooms().delete(session, room, file.id()))
        .isInstanceOf(SimulatedCrash.class);
    assertThat(f.sdk.rooms().list(session, room, null)).isEmpty();
    assertThat(f.blobs.live()).isEqualTo(1);

    f.clock.advance(PAST_GRACE);
    assertThat(f.sdk.deliveries().sweepExpired(10).orphansDeleted()).isEqualTo(1);
    assertThat(f.blobs.live()).isZero();
  }

  @Test
  void sweep_inBatches_saysWhenMoreMayRemain() {
    for (int i = 0; i < 3; i++) {
      crashAt("deliveries.create");
      assertThatThrownBy(() -> f.sdk.deliveries().send(alice, twoFiles()))
          .isInstanceOf(SimulatedCrash.class);
    }
    f.clock.advance(PAST_GRACE);

    assertThat(f.sdk.deliveries().sweepExpired(4)).isEqualTo(new SweepResult(0, 0, 4, true));
    assertThat(f.sdk.deliveries().sweepExpired(4)).isEqualTo(new SweepResult(0, 0, 2, false));
    assertThat(f.blobs.live()).isZero();
  }

  @Test
  void clientUpload_neverDelivered_isSweptOnceTheGracePeriodPassed() throws IOException {
    byte[] ciphertext = ClientCiphertext.of(10_000, 2, ContentCipher.DEFAULT_SEGMENT_SIZE);
    UploadedContent uploaded = f.sdk.relay().upload(alice, ciphertext.length,
        new ByteArrayInputStream(ciphertext));
    assertThat(journal()).extracting(JournalEntry::blob).containsExactly(uploaded.blob());

    f.clock.advance(Duration.ofMinutes(59));
    assertThat(f.sdk.deliveries().sweepExpired(10).orphansDeleted())
        .as("the client may still deliver it").isZero();
    assertThat(f.blobs.stat(uploaded.blob())).isPresent();

    f.clock.advance(Duration.ofMinutes(2));
    assertThat(f.sdk.deliveries().sweepExpired(10).orphansDeleted()).isEqualTo(1);
    assertThat(f.blobs.stat(uploaded.blob())).isEmpty();
    assertThat(journal()).isEmpty();
  }

  @Test
  void clientUpload_truncatedOrDiscarded_leavesNeitherBlobNorJournalEntry() throws IOException {
    byte[] ciphertext = ClientCiphertext.of(10_000, 2, ContentCipher.DEFAULT_SEGMENT_SIZE);
    assertThatThrownBy(() -> f.sdk.relay().upload(alice, ciphertext.length,
        new ByteArrayInputStream(Arrays.copyOf(ciphertext, ciphertext.length - 1))))
        .isInstanceOf(IntegrityException.class);
    UploadedContent discarded = f.sdk.relay().upload(alice, ciphertext.length,
        new ByteArrayInputStream(ciphertext));

    f.sdk.relay().discard(List.of(discarded));

    assertThat(f.blobs.live()).isZero();
    assertThat(journal()).isEmpty();
  }


  @Test
  void orphanGracePeriod_negative_isRefused() {
    assertThatThrownBy(() -> new SdkFixture(b -> b.orphanGracePeriod(Duration.ofSeconds(-1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
  }

  private RoomItem upload(SecuPassSession session, RoomId room, String text) {
    return f.sdk.rooms().upload(session, room, null, text,
        Streams.source(text.getBytes(StandardCharsets.UTF_8)));
  }

  private String read(SecuPassSession session, RoomId room, RoomItem file) {
    try (InputStream in = f.sdk.rooms().download(session, room, file.id())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
