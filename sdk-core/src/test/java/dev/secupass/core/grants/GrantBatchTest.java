package dev.secupass.core.grants;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Grants claimed together are fulfilled in one transaction, and that transaction completes each
 * of them: none stays ready to be fulfilled a second time.
 */
class GrantBatchTest {
  private final SdkFixture f = new SdkFixture();
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");
  private final SignedInUser carol = SdkFixture.employee("carol");

  private Grant only(SignedInUser recipient) {
    List<Grant> grants = f.memory.grants().forRecipient(recipient.user());
    assertThat(grants).hasSize(1);
    return grants.get(0);
  }

  @Test
  void aBatchOfReadyGrants_isFulfilledAndCompletedOnce() {
    f.activate(alice, "alice pass").close();
    DeliveryId id;
    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      id = f.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET, "payload",
          Addressee.employee(bob.user(), ""), Addressee.employee(carol.user(), "")).build()).id();
    }
    f.activate(bob, "bob pass").close();
    f.activate(carol, "carol pass").close();
    assertThat(List.of(only(bob).state(), only(carol).state()))
        .containsOnly(GrantState.READY);
    // Alice unlocks on an SDK whose sessions fulfil only when asked, so both are claimed at once.
    SecuPassSdk asking = SecuPassSdk.builder().storage(f.storage).blobStore(f.blobs)
        .atRestKey(f.atRestKey).clock(f.clock).kdfPolicy(TestPolicies.FAST)
        .grantExecutor(task -> { })
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse()).build();
    try (SecuPass pass = SecuPass.of("alice pass");
        SecuPassSession online = asking.secuPass().unlock(alice.user(), pass)) {
      assertThat(online.user()).isEqualTo(alice.user());
      GrantRun run = asking.grants().pollOpenSessions();

      assertThat(run.fulfilled()).containsExactlyInAnyOrder(only(bob).id(), only(carol).id());
      assertThat(run.failed()).isEmpty();
      assertThat(List.of(only(bob).state(), only(carol).state())).containsOnly(GrantState.DONE);
      assertThat(asking.grants().pollOpenSessions().fulfilled()).isEmpty();
      assertThat(f.memory.deliveries().envelopes(id)).extracting(e -> e.recipient())
          .contains(bob.user(), carol.user());
    }
    try (SecuPassSession bobSession = f.unlock(bob, "bob pass")) {
      assertThat(f.read(bob, bobSession, id)).isEqualTo("payload");
    }
  }
}
