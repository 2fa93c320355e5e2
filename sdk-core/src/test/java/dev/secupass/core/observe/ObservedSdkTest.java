package dev.secupass.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.SecurityLevel;
import dev.secupass.api.StorageException;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.internal.delivery.DeliveryService;
import dev.secupass.core.internal.sdk.Parts;
import dev.secupass.core.internal.sdk.SecuPassService;
import dev.secupass.core.internal.sdk.Settings;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.memory.MemoryBlobStore;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.TestPolicies;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the SDK reports to an observer when a store fails, and that without one it adds nothing. */
class ObservedSdkTest {

  @Test
  void storageFailure_observedOnTheCall_andOnTheSend_withRetryable() {
    RecordingObserver observer = new RecordingObserver();
    SdkFixture f = new SdkFixture(builder -> builder.observer(observer));
    SignedInUser alice = SdkFixture.employee("alice");
    SecuPassSession session = f.activate(alice, "alice's pass");
    f.storage.faults().failNext("deliveries.create",
        () -> new StorageException("the database went away", true, null));

    assertThatThrownBy(() -> f.sdk.deliveries().send(alice, session, SdkFixture.draft(
        SecurityLevel.SECRET, "text", Addressee.employee(UserId.of("bob"), "bob@example.org"))
        .build())).isInstanceOf(StorageException.class);

    assertThat(observer.of(Operation.STORAGE)).filteredOn(
            r -> "create".equals(r.tag(ObservationTag.CALL))
                && "deliveries".equals(r.tag(ObservationTag.STORE)))
        .singleElement().satisfies(r -> {
          assertThat(r.tag(ObservationTag.OUTCOME)).isEqualTo("failure");
          assertThat(r.tag(ObservationTag.FAILURE)).isEqualTo("storage");
          assertThat(r.tag(ObservationTag.RETRYABLE)).isEqualTo("true");
        });
    assertThat(observer.of(Operation.SEND)).singleElement().satisfies(r -> {
      assertThat(r.tags()).containsEntry(ObservationTag.LEVEL, "secret")
          .containsEntry(ObservationTag.OUTCOME, "failure")
          .containsEntry(ObservationTag.FAILURE, "storage");
      assertThat(r.counts()).containsEntry(Count.FILES, 1L).doesNotContainKey(Count.BYTES);
    });
    // The blob written before the failure was deleted again, and that delete was observed.
    assertThat(observer.of(Operation.BLOB_STORE)).extracting(r -> r.tag(ObservationTag.CALL))
        .contains("create", "commit", "delete");
    // The observed storage forwards the upload journal: begun, then claimed and removed.
    assertThat(observer.of(Operation.STORAGE))
        .filteredOn(r -> "blob_journal".equals(r.tag(ObservationTag.STORE)))
        .extracting(r -> r.tag(ObservationTag.CALL)).containsExactly("begin", "claim", "remove");
    assertThat(f.memory.blobJournal().stale(f.clock.instant().plusSeconds(1), 10)).isEmpty();
    f.sdk.close();
  }

  @Test
  void everyRun_carriesEveryTagOfItsOperation() {
    RecordingObserver observer = new RecordingObserver();
    SdkFixture f = new SdkFixture(builder -> builder.observer(observer));
    SignedInUser alice = SdkFixture.employee("alice");
    try (SecuPassSession session = f.activate(alice, "alice's pass")) {
      f.sdk.deliveries().send(alice, session, SdkFixture.draft(SecurityLevel.TOP_SECRET, "text",
          Addressee.employee(UserId.of("bob"), "bob@example.org")).build());
    }
    for (Operation operation : List.of(Operation.ACTIVATION, Operation.KDF_WAIT,
        Operation.SEND, Operation.GRANT_QUEUE, Operation.STORAGE, Operation.BLOB_STORE)) {
      assertThat(observer.of(operation)).as(operation.name()).isNotEmpty()
          .allSatisfy(r -> assertThat(r.tags().keySet())
              .containsExactlyInAnyOrderElementsOf(operation.tags()));
    }
    assertThat(observer.of(Operation.SEND)).singleElement()
        .satisfies(r -> assertThat(r.tag(ObservationTag.LEVEL)).isEqualTo("top_secret"));
    f.sdk.close();
  }

  @Test
  void withoutObserver_thePartsAreTheServicesThemselves_nothingWrapped() {
    try (Parts parts = new Parts(new Settings().storage(new MemoryStorage(Clock.systemUTC()))
        .blobStore(new MemoryBlobStore()).atRestKey(TinkAtRestKey.generate())
        .kdfPolicy(TestPolicies.FAST))) {
      assertThat(parts.deliveries()).isInstanceOf(DeliveryService.class);
      assertThat(parts.secuPass()).isInstanceOf(SecuPassService.class);
    }
  }
}
