package dev.secupass.core.firstcontact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SafetyWordsMismatchException;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.RoomEnvelope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A room's rotation (removing a member) wraps the new epoch's key at once only to members whose
 * keys the remover verified (or under trust on first use chosen for rooms). The signed membership
 * log's record of a member's key is a vouch by the manager who added them, but it does not say
 * how that manager trusted the key: here an owner whose host chose trust on first use added a
 * member whose keys the storage operator had substituted. The remover, who verified that owner,
 * wraps nothing to the substituted keys; the member is held for the remover's confirmation of the
 * safety words, which the real member's words do not give. An honest member held the same way
 * gets the new epoch with their words.
 */
class RotationHoldsUnverifiedMembersTest {
  private final SdkFixture f = new SdkFixture(b -> b.grantExecutor(task -> { }));
  /** The owner's host, on the same storage, chose trust on first use. */
  private final SecuPassSdk trusting = SecuPassSdk.builder().storage(f.storage)
      .blobStore(f.blobs).atRestKey(f.atRestKey).clock(f.clock).kdfPolicy(TestPolicies.FAST)
      .firstContactPolicy(FirstContactPolicy.trustOnFirstUse()).grantExecutor(task -> { })
      .build();
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");
  private final SignedInUser carol = SdkFixture.partner("carol");
  private final SignedInUser dave = SdkFixture.partner("dave");
  private final SignedInUser erin = SdkFixture.partner("erin");

  @AfterEach
  void closeTheOwnersSdk() {
    trusting.close();
  }

  private SecuPassSession unlock(SecuPassSdk sdk, SignedInUser user) {
    try (SecuPass pass = SecuPass.of(user.user().value() + "'s secupass")) {
      return sdk.secuPass().unlock(user.user(), pass);
    }
  }

  private SafetyWords reads(SignedInUser user) {
    try (SecuPassSession session = unlock(f.sdk, user)) {
      return SafetyWords.of(session.fingerprint());
    }
  }

  private List<Integer> epochs(RoomId room, SignedInUser member) {
    return f.memory.rooms().envelopes(room, member.user()).stream().map(RoomEnvelope::epoch)
        .toList();
  }

  @Test
  void rotationByAManagerWhoNeverVerifiedAMember_wrapsNothingToKeysAnotherManagerVouchedFor()
      throws IOException {
    for (SignedInUser user : List.of(alice, bob, carol, dave, erin)) {
      f.activate(user, user.user().value() + "'s secupass").close();
    }
    SafetyWords carolsRealWords = reads(carol);
    // The operator substitutes Carol's keys, logs them (it holds the at-rest key, so the
    // checkpoint key) and withholds the checkpoints users' SDKs published, which would give the
    // substitution away.
    OperatorKeys.substitute(f.memory, carol.user(), "operator's pass")
        .logged(f.atRestKey, f.clock);
    f.storage.faults().<Optional<byte[]>>rewrite("keyLog.seenCheckpoint",
        found -> Optional.empty());

    RoomId room;
    try (SecuPassSession session = unlock(trusting, alice)) {
      room = trusting.rooms().create(alice, session, "Merger");
      for (SignedInUser member : List.of(bob, carol, dave, erin)) {
        assertThat(trusting.rooms().addMember(session, room, member.user(),
            PrincipalKind.PARTNER, member == bob ? RoomRole.MANAGER : RoomRole.VIEWER))
            .isEqualTo(MemberAccess.GRANTED);
      }
    }
    assertThat(epochs(room, carol)).as("the owner trusted the operator's keys on first use")
        .containsExactly(1);

    // Bob verified Alice (the manager whose log entries vouch for Carol's and Erin's keys), but
    // not Carol or Erin; he removes Dave.
    try (SecuPassSession session = unlock(f.sdk, bob)) {
      f.sdk.secuPass().reverify(session, alice.user(),
          f.sdk.secuPass().fingerprint(alice.user()).orElseThrow());
      f.sdk.rooms().removeMember(session, room, dave.user());
      f.sdk.rooms().upload(session, room, null, "terms.txt",
          new ByteArrayInputStream("the final terms".getBytes(StandardCharsets.UTF_8)));
    }

    assertThat(epochs(room, alice)).as("verified by the remover").contains(2);
    assertThat(epochs(room, bob)).contains(2);
    assertThat(epochs(room, carol)).as("nothing wrapped to the substituted keys")
        .doesNotContain(2);
    assertThat(epochs(room, erin)).doesNotContain(2);

    try (SecuPassSession session = unlock(f.sdk, bob)) {
      List<FirstContactHold> holds = f.sdk.grants().fulfil(session).awaitingConfirmation();
      assertThat(holds).extracting(h -> h.recipient().user())
          .containsExactlyInAnyOrder(carol.user(), erin.user());
      assertThat(holds).allSatisfy(h -> assertThat(h.forRoom()).contains(room));
      FirstContactHold carols = hold(holds, carol.user());
      assertThat(carols.presented()).as("the words of the operator's keys")
          .isNotEqualTo(carolsRealWords);
      // Carol reads her real words: they are not those of the keys the log records for her.
      assertThatThrownBy(() -> f.sdk.grants().confirmFirstContact(session, carols.grant(),
          carolsRealWords)).isInstanceOf(SafetyWordsMismatchException.class);
      assertThat(f.sdk.grants().confirmFirstContact(session, hold(holds, erin.user()).grant(),
          reads(erin)).fulfilled()).containsExactly(hold(holds, erin.user()).grant());
    }
    assertThat(epochs(room, carol)).doesNotContain(2);
    assertThat(epochs(room, erin)).contains(2);
    try (SecuPassSession session = unlock(f.sdk, erin);
        InputStream in = f.sdk.rooms().download(session, room,
            f.sdk.rooms().list(session, room, null).stream()
                .filter(item -> item.name().equals("terms.txt")).findFirst().orElseThrow()
                .id())) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("the final terms");
    }
  }

  private static FirstContactHold hold(List<FirstContactHold> holds, UserId recipient) {
    return holds.stream().filter(h -> h.recipient().user().equals(recipient)).findFirst()
        .orElseThrow();
  }
}
