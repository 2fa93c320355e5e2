package dev.secupass.core.internal.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.MembershipLogException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The rules a verified membership log enforces, entry by entry, and what the verified state then
 * answers (roles and epochs at each length of the log, recorded keys, commitments). Each refused
 * entry differs from a valid one in one field, as a forger who controls the stored log (but not
 * this check) would write it; signatures are checked before, by {@code MembershipVerifier}.
 */
class MembershipStateTest {
  private static final RoomId ROOM = RoomId.of("room-1");
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final UserId CAROL = UserId.of("carol");
  private static final Instant TIME = Instant.parse("2026-03-01T09:00:00Z");

  private static MemberKey key(UserId user, int version) {
    byte[] digest = new byte[MemberKey.DIGEST_SIZE];
    byte[] name = user.value().getBytes(StandardCharsets.UTF_8);
    System.arraycopy(name, 0, digest, 0, name.length);
    digest[31] = (byte) version;
    return new MemberKey(KeyVersion.of(version), digest);
  }

  private static byte[] commitment(int epoch) {
    byte[] commitment = new byte[32];
    commitment[0] = (byte) epoch;
    commitment[1] = 0x5a;
    return commitment;
  }

  /** A log being written: each entry names the sequence and chain head that follow. */
  private static final class Log {
    final MembershipState.Builder builder = new MembershipState.Builder(ROOM);
    long sequence;
    byte[] head = ChainHash.genesis();
    byte[] lastStored = new byte[0];

    MembershipRecord next(MembershipAction action, UserId subject, @Nullable RoomRole role,
        int epoch, byte @Nullable [] commitment, @Nullable MemberKey key) {
      return new MembershipRecord(ROOM, sequence, head, TIME, action, subject, role, epoch,
          commitment, key);
    }

    Log apply(MembershipRecord entry, UserId signer, MemberKey signerKey) {
      byte[] stored = ("entry " + sequence).getBytes(StandardCharsets.UTF_8);
      builder.apply(entry, signer, signerKey, stored);
      sequence++;
      head = ChainHash.of(stored);
      lastStored = stored;
      return this;
    }

    /** Alice (key 1) signs. */
    Log byAlice(MembershipRecord entry) {
      return apply(entry, ALICE, key(ALICE, 1));
    }

    Log create() {
      return byAlice(next(MembershipAction.CREATE, ALICE, RoomRole.OWNER, 1, commitment(1),
          key(ALICE, 1)));
    }
  }

  /** Alice creates; adds Bob (editor, key 1) and Carol (manager, no key yet); more follows. */
  private static Log started() {
    Log log = new Log().create();
    log.byAlice(log.next(MembershipAction.ADD, BOB, RoomRole.EDITOR, 1, null, key(BOB, 1)));
    log.byAlice(log.next(MembershipAction.ADD, CAROL, RoomRole.MANAGER, 1, null, null));
    return log;
  }

  private static Log whole() {
    Log log = started();
    log.byAlice(log.next(MembershipAction.ROLE, BOB, RoomRole.VIEWER, 1, null, null));
    log.byAlice(log.next(MembershipAction.KEY, CAROL, null, 1, null, key(CAROL, 1)));
    log.byAlice(log.next(MembershipAction.REMOVE, BOB, null, 2, commitment(2), null));
    return log;
  }

  @Test
  void aValidLog_givesTheMembersRolesKeysAndEpochs() {
    Log log = whole();
    MembershipState state = log.builder.build();

    assertThat(state.room()).isEqualTo(ROOM);
    assertThat(state.creator()).isEqualTo(ALICE);
    assertThat(state.sequence()).isEqualTo(5);
    assertThat(state.head()).isEqualTo(ChainHash.of(log.lastStored));
    assertThat(state.epoch()).isEqualTo(2);
    assertThat(state.roles()).isEqualTo(Map.of(ALICE, RoomRole.OWNER, CAROL, RoomRole.MANAGER));
    assertThat(state.role(BOB)).isEmpty();
    assertThat(state.role(CAROL)).contains(RoomRole.MANAGER);
    assertThat(state.currentKey(BOB)).as("a removed member's key").isEmpty();
    assertThat(state.currentKey(CAROL)).contains(key(CAROL, 1));
    assertThat(state.recordedKey(BOB, KeyVersion.of(1))).as("kept for old signatures")
        .contains(key(BOB, 1));
    assertThat(state.recordedKey(BOB, KeyVersion.of(2))).isEmpty();
    assertThat(state.recordedKey(UserId.of("dave"), KeyVersion.of(1))).isEmpty();
    assertThat(state.commitment(1)).isEqualTo(commitment(1));
    assertThat(state.commitment(2)).isEqualTo(commitment(2));
    assertThatThrownBy(() -> state.commitment(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> state.commitment(3)).isInstanceOf(IllegalArgumentException.class);
    assertThat(state.toString()).isEqualTo(
        "MembershipState[room=room-1, sequence=5, epoch=2, members=2]");
  }

  @Test
  void rolesAndEpochsAreAnsweredForEveryLengthOfTheLog() {
    MembershipState state = whole().builder.build();

    // Entries: 0 create, 1 add Bob, 2 add Carol, 3 Bob viewer, 4 Carol's key, 5 remove Bob.
    assertThat(state.roleAt(BOB, 0)).isEmpty();
    assertThat(state.roleAt(BOB, 1)).isEmpty();
    assertThat(state.roleAt(BOB, 2)).contains(RoomRole.EDITOR);
    assertThat(state.roleAt(BOB, 3)).contains(RoomRole.EDITOR);
    assertThat(state.roleAt(BOB, 4)).contains(RoomRole.VIEWER);
    assertThat(state.roleAt(BOB, 5)).contains(RoomRole.VIEWER);
    assertThat(state.roleAt(BOB, 6)).isEmpty();
    assertThat(state.roleAt(ALICE, 0)).isEmpty();
    assertThat(state.roleAt(ALICE, 1)).contains(RoomRole.OWNER);
    assertThat(state.roleAt(ALICE, 6)).contains(RoomRole.OWNER);
    assertThat(state.roleAt(UserId.of("dave"), 6)).isEmpty();

    assertThat(state.epochAt(0)).isZero();
    assertThat(state.epochAt(1)).isEqualTo(1);
    assertThat(state.epochAt(5)).isEqualTo(1);
    assertThat(state.epochAt(6)).isEqualTo(2);
    assertThat(state.epochAt(100)).isEqualTo(2);
  }

  @Test
  void aStateContinuedByItsBuilder_isTheStateOfTheWholeLog_andTheFirstIsUnchanged() {
    Log log = started();
    MembershipState first = log.builder.build();
    MembershipState.Builder continued = first.toBuilder();
    assertThat(continued.nextSequence()).isEqualTo(3);
    assertThat(continued.signingKey(BOB, KeyVersion.of(1))).contains(key(BOB, 1));
    assertThat(continued.signingKey(BOB, KeyVersion.of(2))).isEmpty();
    assertThat(continued.signingKey(CAROL, KeyVersion.of(1))).as("no key recorded yet").isEmpty();

    byte[] stored = "entry 3".getBytes(StandardCharsets.UTF_8);
    continued.apply(log.next(MembershipAction.REMOVE, BOB, null, 2, commitment(2), null), ALICE,
        key(ALICE, 1), stored);
    MembershipState second = continued.build();

    assertThat(second.sequence()).isEqualTo(3);
    assertThat(second.epoch()).isEqualTo(2);
    assertThat(second.head()).isEqualTo(ChainHash.of(stored));
    assertThat(second.roleAt(BOB, 4)).isEmpty();
    assertThat(second.roleAt(BOB, 3)).contains(RoomRole.EDITOR);
    assertThat(second.epochAt(4)).isEqualTo(2);
    assertThat(second.recordedKey(BOB, KeyVersion.of(1))).contains(key(BOB, 1));
    assertThat(second.commitment(1)).isEqualTo(commitment(1));

    assertThat(first.sequence()).isEqualTo(2);
    assertThat(first.epoch()).isEqualTo(1);
    assertThat(first.roles()).containsKey(BOB);
    assertThat(first.currentKey(BOB)).contains(key(BOB, 1));
    assertThat(first.roleAt(BOB, 4)).contains(RoomRole.EDITOR);
    assertThat(first.epochAt(4)).isEqualTo(1);
  }

  @Test
  void anEmptyLog_hasNoState() {
    assertThatThrownBy(() -> new MembershipState.Builder(ROOM).build())
        .isInstanceOf(MembershipLogException.class)
        .hasMessage("the membership log of room room-1 is empty");
  }

  private static void assertRefused(Log log, MembershipRecord entry, String violation) {
    assertRefused(log, entry, ALICE, key(ALICE, 1), violation);
  }

  private static void assertRefused(Log log, MembershipRecord entry, UserId signer,
      MemberKey signerKey, String violation) {
    assertThatThrownBy(() -> log.apply(entry, signer, signerKey))
        .isInstanceOf(MembershipLogException.class)
        .hasMessage("membership entry " + log.sequence + " of room room-1 " + violation);
  }

  @Test
  void anEntryOfAnotherRoom_isRefused() {
    Log log = started();
    assertRefused(log, new MembershipRecord(RoomId.of("room-2"), 3, log.head, TIME,
        MembershipAction.ROLE, BOB, RoomRole.VIEWER, 1, null, null), "belongs to room room-2");
  }

  @Test
  void anEntryNamingAnotherSequence_isRefused() {
    Log log = started();
    for (long sequence : new long[] {2, 4}) {
      assertRefused(log, new MembershipRecord(ROOM, sequence, log.head, TIME,
          MembershipAction.ROLE, BOB, RoomRole.VIEWER, 1, null, null),
          "names sequence " + sequence);
    }
  }

  @Test
  void anEntryThatDoesNotChain_isRefused() {
    Log log = started();
    assertRefused(log, new MembershipRecord(ROOM, 3, ChainHash.genesis(), TIME,
        MembershipAction.ROLE, BOB, RoomRole.VIEWER, 1, null, null),
        "does not chain to the entry before it");
  }

  @Test
  void theFirstEntryMustCreateTheRoom_andNoOtherMay() {
    Log empty = new Log();
    assertRefused(empty, empty.next(MembershipAction.ADD, ALICE, RoomRole.OWNER, 1, null,
        key(ALICE, 1)), "is not a CREATE entry");

    Log log = started();
    assertRefused(log, log.next(MembershipAction.CREATE, ALICE, RoomRole.OWNER, 1,
        commitment(1), key(ALICE, 1)), "creates the room again");
  }

  @Test
  void aCreateEntryMustFoundTheRoomForItsSigner_asOwner_atEpoch1_withItsKeyAndCommitment() {
    Log log = new Log();
    MemberKey alice = key(ALICE, 1);
    assertRefused(log, log.next(MembershipAction.CREATE, BOB, RoomRole.OWNER, 1, commitment(1),
        alice), "creates the room for someone else");
    assertRefused(log, log.next(MembershipAction.CREATE, ALICE, RoomRole.MANAGER, 1,
        commitment(1), alice), "does not make the creator owner");
    assertRefused(log, log.next(MembershipAction.CREATE, ALICE, RoomRole.OWNER, 2, commitment(1),
        alice), "does not start at epoch 1");
    assertRefused(log, log.next(MembershipAction.CREATE, ALICE, RoomRole.OWNER, 1, null, alice),
        "has no epoch key commitment");
    assertRefused(log, log.next(MembershipAction.CREATE, ALICE, RoomRole.OWNER, 1, commitment(1),
        key(ALICE, 2)), "does not record the creator's key");
    assertRefused(log, log.next(MembershipAction.CREATE, ALICE, RoomRole.OWNER, 1, commitment(1),
        null), "does not record the creator's key");
  }

  @Test
  void anEntryMustNameTheEpochThatFollows() {
    Log log = started();
    assertRefused(log, log.next(MembershipAction.ROLE, BOB, RoomRole.VIEWER, 2, null, null),
        "names epoch 2 where 1 follows");
    assertRefused(log, log.next(MembershipAction.REMOVE, BOB, null, 1, commitment(2), null),
        "names epoch 1 where 2 follows");
    assertRefused(log, log.next(MembershipAction.REMOVE, BOB, null, 3, commitment(2), null),
        "names epoch 3 where 2 follows");
  }

  @Test
  void onlyARemovalCarriesACommitment() {
    Log log = started();
    assertRefused(log, log.next(MembershipAction.REMOVE, BOB, null, 2, null, null),
        "has no epoch key commitment");
    assertRefused(log, log.next(MembershipAction.ROLE, BOB, RoomRole.VIEWER, 1, commitment(2),
        null), "has an unexpected commitment");
  }

  @Test
  void eachActionCarriesOnlyItsOwnFields() {
    Log log = started();
    UserId dave = UserId.of("dave");
    assertRefused(log, log.next(MembershipAction.ADD, dave, null, 1, null, null),
        "adds a member without a role");
    assertRefused(log, log.next(MembershipAction.REMOVE, BOB, RoomRole.VIEWER, 2, commitment(2),
        null), "carries a role or a key");
    assertRefused(log, log.next(MembershipAction.REMOVE, BOB, null, 2, commitment(2),
        key(BOB, 1)), "carries a role or a key");
    assertRefused(log, log.next(MembershipAction.ROLE, BOB, RoomRole.VIEWER, 1, null,
        key(BOB, 1)), "carries a key");
    assertRefused(log, log.next(MembershipAction.KEY, CAROL, null, 1, null, null),
        "carries no key, or a role");
    assertRefused(log, log.next(MembershipAction.KEY, CAROL, RoomRole.MANAGER, 1, null,
        key(CAROL, 1)), "carries no key, or a role");
  }

  @Test
  void aKeyEntryMustRecordANewerVersion() {
    Log log = started();
    assertRefused(log, log.next(MembershipAction.KEY, BOB, null, 1, null, key(BOB, 1)),
        "does not record a newer key version");
    log.byAlice(log.next(MembershipAction.KEY, BOB, null, 1, null, key(BOB, 3)));
    assertRefused(log, log.next(MembershipAction.KEY, BOB, null, 1, null, key(BOB, 2)),
        "does not record a newer key version");
    assertThat(log.builder.build().currentKey(BOB)).contains(key(BOB, 3));
  }

  @Test
  void aKeyVersionRecordedOnce_cannotBeRecordedAsAnotherKey() {
    Log log = started();
    log.byAlice(log.next(MembershipAction.REMOVE, BOB, null, 2, commitment(2), null));
    MemberKey forged = new MemberKey(KeyVersion.of(1), new byte[MemberKey.DIGEST_SIZE]);
    assertRefused(log, log.next(MembershipAction.ADD, BOB, RoomRole.VIEWER, 2, null, forged),
        "records another key for bob " + KeyVersion.of(1) + " than recorded before");

    Log again = started();
    again.byAlice(again.next(MembershipAction.REMOVE, BOB, null, 2, commitment(2), null));
    again.byAlice(again.next(MembershipAction.ADD, BOB, RoomRole.VIEWER, 2, null, key(BOB, 1)));
    assertThat(again.builder.build().currentKey(BOB)).contains(key(BOB, 1));
  }

  @Test
  void anEntryThatBreaksARoleRule_isRefused() {
    Log log = started();
    assertRefused(log, log.next(MembershipAction.ADD, UserId.of("dave"), RoomRole.VIEWER, 1,
        null, null), BOB, key(BOB, 1), "breaks a rule: bob does not manage the members");
  }

  @Test
  void theLastOwnerStaysOwner_andAManagerMakesNoOwner() {
    Log log = started();
    assertRefused(log, log.next(MembershipAction.ROLE, ALICE, RoomRole.MANAGER, 1, null, null),
        "breaks a rule: the last owner cannot be demoted");
    assertRefused(log, log.next(MembershipAction.ROLE, BOB, RoomRole.OWNER, 1, null, null),
        CAROL, key(CAROL, 1), "breaks a rule: only an owner makes or demotes an owner");
  }

  // The entry record and its encoding

  private static MembershipRecord record(long sequence, byte[] previous, Instant time,
      MembershipAction action, UserId subject, @Nullable RoomRole role, int epoch,
      byte @Nullable [] commitment, @Nullable MemberKey key) {
    return new MembershipRecord(ROOM, sequence, previous, time, action, subject, role, epoch,
        commitment, key);
  }

  @Test
  void entriesAreEqualByContent_inEveryField() {
    MembershipRecord entry = record(4, commitment(7), TIME, MembershipAction.ADD, BOB,
        RoomRole.EDITOR, 2, null, key(BOB, 1));
    MembershipRecord same = record(4, commitment(7).clone(), TIME, MembershipAction.ADD, BOB,
        RoomRole.EDITOR, 2, null, key(BOB, 1));
    assertThat(entry).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo("entry");
    assertThat(entry.toString()).isEqualTo("MembershipRecord[room=room-1, sequence=4,"
        + " action=ADD, subject=bob, role=EDITOR, epoch=2]");

    assertThat(entry).isNotEqualTo(new MembershipRecord(RoomId.of("room-2"), 4, commitment(7),
        TIME, MembershipAction.ADD, BOB, RoomRole.EDITOR, 2, null, key(BOB, 1)));
    assertThat(entry).isNotEqualTo(record(5, commitment(7), TIME, MembershipAction.ADD, BOB,
        RoomRole.EDITOR, 2, null, key(BOB, 1)));
    assertThat(entry).isNotEqualTo(record(4, commitment(8), TIME, MembershipAction.ADD, BOB,
        RoomRole.EDITOR, 2, null, key(BOB, 1)));
    assertThat(entry).isNotEqualTo(record(4, commitment(7), TIME.plusSeconds(1),
        MembershipAction.ADD, BOB, RoomRole.EDITOR, 2, null, key(BOB, 1)));
    assertThat(entry).isNotEqualTo(record(4, commitment(7), TIME, MembershipAction.ROLE, BOB,
        RoomRole.EDITOR, 2, null, key(BOB, 1)));
    assertThat(entry).isNotEqualTo(record(4, commitment(7), TIME, MembershipAction.ADD, CAROL,
        RoomRole.EDITOR, 2, null, key(BOB, 1)));
    assertThat(entry).isNotEqualTo(record(4, commitment(7), TIME, MembershipAction.ADD, BOB,
        RoomRole.VIEWER, 2, null, key(BOB, 1)));
    assertThat(entry).isNotEqualTo(record(4, commitment(7), TIME, MembershipAction.ADD, BOB,
        RoomRole.EDITOR, 3, null, key(BOB, 1)));
    assertThat(entry).isNotEqualTo(record(4, commitment(7), TIME, MembershipAction.ADD, BOB,
        RoomRole.EDITOR, 2, commitment(2), key(BOB, 1)));
    assertThat(entry).isNotEqualTo(record(4, commitment(7), TIME, MembershipAction.ADD, BOB,
        RoomRole.EDITOR, 2, null, key(BOB, 2)));
    assertThat(entry).isNotEqualTo(record(4, commitment(7), TIME, MembershipAction.ADD, BOB,
        RoomRole.EDITOR, 2, null, null));
  }

  @Test
  void anEncodedEntry_decodesToItself_andNothingMayFollowIt() {
    MembershipRecord entry = record(4, commitment(7), TIME, MembershipAction.REMOVE, BOB, null,
        3, commitment(3), null);
    byte[] encoded = MembershipCodec.encode(entry);
    assertThat(MembershipCodec.decode(encoded)).isEqualTo(entry);

    byte[] longer = java.util.Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> MembershipCodec.decode(longer))
        .isInstanceOf(MembershipLogException.class);
  }
}
