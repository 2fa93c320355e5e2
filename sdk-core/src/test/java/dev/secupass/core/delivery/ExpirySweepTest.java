package dev.secupass.core.delivery;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.StorageException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.events.DeliveryExpired;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.spi.DeliveryFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpirySweepTest {
  private final SdkFixture f = new SdkFixture();
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");

  private DeliveryId send(Duration expiresIn) {
    return f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "x",
        Addressee.employee(bob.user(), "")).expiresIn(expiresIn).build()).id();
  }

  @Test
  void sweep_deletesExpiredFilesInBatches_keepsTheRecordsInTheOutbox_andTellsTheSender() {
    List<DeliveryId> expiring = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expiring.add(send(Duration.ofDays(2)));
    }
    DeliveryId live = send(Duration.ofDays(30));
    f.clock.advance(Duration.ofDays(3));

    SweepResult first = f.sdk.deliveries().sweepExpired(3);
    SweepResult second = f.sdk.deliveries().sweepExpired(3);
    SweepResult third = f.sdk.deliveries().sweepExpired(3);

    assertThat(first).isEqualTo(new SweepResult(3, 3, 0, true));
    assertThat(second).isEqualTo(new SweepResult(2, 2, 0, false));
    assertThat(third).isEqualTo(new SweepResult(0, 0, 0, false));
    for (DeliveryId id : expiring) {
      var record = f.memory.deliveries().find(id).orElseThrow();
      assertThat(record.state()).isEqualTo(DeliveryState.EXPIRED);
      for (DeliveryFile file : record.files()) {
        assertThat(f.blobs.stat(file.blob())).isEmpty();
      }
    }
    assertThat(f.memory.deliveries().find(live).orElseThrow().state())
        .isEqualTo(DeliveryState.ACTIVE);
    assertThat(f.sdk.deliveries().outbox(alice, PageRequest.first(10)).items())
        .hasSize(6).filteredOn(s -> s.state() == DeliveryState.EXPIRED).hasSize(5);
    assertThat(f.events(alice.user(), DeliveryExpired.class)).hasSize(5);
  }

  @Test
  void sweep_afterACrashBetweenDeletingFilesAndMarking_finishesTheJobNextTime() {
    DeliveryId id = send(Duration.ofDays(2));
    f.clock.advance(Duration.ofDays(3));
    f.storage.faults().failNext("deliveries.updateState",
        () -> new StorageException("connection lost", true, null));

    try {
      f.sdk.deliveries().sweepExpired(10);
    } catch (StorageException expected) {
      // the backend failed after the files were deleted
    }
    assertThat(f.memory.deliveries().find(id).orElseThrow().state())
        .isEqualTo(DeliveryState.ACTIVE);

    assertThat(f.sdk.deliveries().sweepExpired(10)).isEqualTo(new SweepResult(1, 0, 0, false));
    assertThat(f.memory.deliveries().find(id).orElseThrow().state())
        .isEqualTo(DeliveryState.EXPIRED);
  }

  @Test
  void outbox_showsAnUnsweptDeliveryPastItsExpiryAsExpired() {
    send(Duration.ofDays(2));
    f.clock.advance(Duration.ofDays(2));

    assertThat(f.sdk.deliveries().outbox(alice, PageRequest.first(10)).items().get(0).state())
        .isEqualTo(DeliveryState.EXPIRED);
  }
}
