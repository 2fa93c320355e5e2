import { MembershipLogError } from "../src/errors.js";
import { MembershipLog } from "../src/membership-log.js";
import { chainHash, type MemberKey, type MembershipAction, type MembershipRecord, type RoomRole } from "../src/rooms.js";
import { bytesEqual, equal, ok, rejects } from "./assert.js";
import { test } from "./harness.js";

/**
 * The membership rules of the log, as the Java SDK's MembershipStateTest runs them: each refused
 * entry differs from a valid one in one field, as a forger who controls the stored log (but not
 * this check) would write it, and is refused with the same message; signatures are checked before,
 * by verifyMembershipLog (room-flows.test.ts).
 */

const ROOM = "room-1";
const ALICE = "alice";
const BOB = "bob";
const CAROL = "carol";
const TIME = Date.parse("2026-03-01T09:00:00Z");
const text = new TextEncoder();

function key(user: string, version: number): MemberKey {
  const digest = new Uint8Array(32);
  digest.set(text.encode(user));
  digest[31] = version;
  return { version, digest };
}

function commitment(epoch: number): Uint8Array {
  const c = new Uint8Array(32);
  c[0] = epoch;
  c[1] = 0x5a;
  return c;
}

/** A log being written: each entry names the sequence and chain head that follow. */
class Log {
  readonly builder = new MembershipLog(ROOM);
  sequence = 0;
  head: Uint8Array = new Uint8Array(32);
  lastStored = new Uint8Array(0);

  next(action: MembershipAction, subject: string, role: RoomRole | undefined, epoch: number, c: Uint8Array | undefined, k: MemberKey | undefined): MembershipRecord {
    return { room: ROOM, sequence: this.sequence, previous: this.head, time: TIME, action, subject, role, epoch, commitment: c, subjectKey: k };
  }

  async apply(entry: MembershipRecord, signer: string, signerKey: MemberKey): Promise<this> {
    const stored = text.encode(`entry ${this.sequence}`);
    await this.builder.apply(entry, signer, signerKey, stored);
    this.sequence++;
    this.head = await chainHash(stored);
    this.lastStored = stored;
    return this;
  }

  byAlice(entry: MembershipRecord): Promise<this> {
    return this.apply(entry, ALICE, key(ALICE, 1));
  }

  create(): Promise<this> {
    return this.byAlice(this.next("CREATE", ALICE, "OWNER", 1, commitment(1), key(ALICE, 1)));
  }
}

/** Alice creates; adds Bob (editor, key 1) and Carol (manager, no key yet). */
async function started(): Promise<Log> {
  const log = await new Log().create();
  await log.byAlice(log.next("ADD", BOB, "EDITOR", 1, undefined, key(BOB, 1)));
  await log.byAlice(log.next("ADD", CAROL, "MANAGER", 1, undefined, undefined));
  return log;
}

async function whole(): Promise<Log> {
  const log = await started();
  await log.byAlice(log.next("ROLE", BOB, "VIEWER", 1, undefined, undefined));
  await log.byAlice(log.next("KEY", CAROL, undefined, 1, undefined, key(CAROL, 1)));
  await log.byAlice(log.next("REMOVE", BOB, undefined, 2, commitment(2), undefined));
  return log;
}

function sameKey(actual: MemberKey | undefined, expected: MemberKey, what: string): void {
  ok(actual !== undefined, `${what}: no key`);
  equal(actual.version, expected.version, what);
  bytesEqual(actual.digest, expected.digest, what);
}

async function refused(log: Log, entry: MembershipRecord, violation: string, signer = ALICE, signerKey = key(ALICE, 1)): Promise<void> {
  const error = await rejects(() => log.apply(entry, signer, signerKey), MembershipLogError);
  equal(error.message, `membership entry ${log.sequence} of room room-1 ${violation}`);
}

test("membershipLog_aValidLog_givesTheMembersRolesKeysAndEpochs", async () => {
  const log = await whole();
  const state = log.builder.build();
  equal(state.room, ROOM);
  equal(state.creator, ALICE);
  equal(state.sequence, 5);
  equal(state.length, 6);
  bytesEqual(state.head, await chainHash(log.lastStored));
  equal(state.epoch, 2);
  equal(JSON.stringify([...state.roles].sort()), JSON.stringify([[ALICE, "OWNER"], [CAROL, "MANAGER"]]));
  equal(state.role(BOB), undefined);
  equal(state.currentKey(BOB), undefined, "a removed member's key");
  sameKey(state.currentKey(CAROL), key(CAROL, 1), "carol's key");
  sameKey(state.recordedKey(BOB, 1), key(BOB, 1), "kept for old signatures");
  equal(state.recordedKey(BOB, 2), undefined);
  equal(state.recordedKey("dave", 1), undefined);
  bytesEqual(state.commitment(1), commitment(1));
  bytesEqual(state.commitment(2), commitment(2));
  for (const bad of [0, 3]) {
    await rejects(async () => state.commitment(bad), RangeError);
  }
  equal(state.toString(), "MembershipState[room=room-1, sequence=5, epoch=2, members=2]");
});

test("membershipLog_rolesAndEpochsAreAnsweredForEveryLengthOfTheLog", async () => {
  const state = (await whole()).builder.build();
  // Entries: 0 create, 1 add Bob, 2 add Carol, 3 Bob viewer, 4 Carol's key, 5 remove Bob.
  const bob = [undefined, undefined, "EDITOR", "EDITOR", "VIEWER", "VIEWER", undefined];
  bob.forEach((role, length) => equal(state.roleAt(BOB, length), role, `bob at ${length}`));
  equal(state.roleAt(ALICE, 0), undefined);
  equal(state.roleAt(ALICE, 1), "OWNER");
  equal(state.roleAt(ALICE, 6), "OWNER");
  equal(state.roleAt("dave", 6), undefined);
  equal(state.epochAt(0), 0);
  equal(state.epochAt(1), 1);
  equal(state.epochAt(5), 1);
  equal(state.epochAt(6), 2);
  equal(state.epochAt(100), 2);
});

test("membershipLog_aStateContinuedByItsBuilder_isTheStateOfTheWholeLog_andTheFirstIsUnchanged", async () => {
  const log = await started();
  const first = log.builder.build();
  const continued = first.toBuilder();
  equal(continued.nextSequence, 3);
  sameKey(continued.signingKey(BOB, 1), key(BOB, 1), "bob's signing key");
  equal(continued.signingKey(BOB, 2), undefined);
  equal(continued.signingKey(CAROL, 1), undefined, "no key recorded yet");

  const stored = text.encode("entry 3");
  await continued.apply(log.next("REMOVE", BOB, undefined, 2, commitment(2), undefined), ALICE, key(ALICE, 1), stored);
  const second = continued.build();
  equal(second.sequence, 3);
  equal(second.epoch, 2);
  bytesEqual(second.head, await chainHash(stored));
  equal(second.roleAt(BOB, 4), undefined);
  equal(second.roleAt(BOB, 3), "EDITOR");
  equal(second.epochAt(4), 2);
  sameKey(second.recordedKey(BOB, 1), key(BOB, 1), "bob's old key");

  equal(first.sequence, 2);
  equal(first.epoch, 1);
  equal(first.role(BOB), "EDITOR");
  sameKey(first.currentKey(BOB), key(BOB, 1), "bob's key before");
  equal(first.roleAt(BOB, 4), "EDITOR");
  equal(first.epochAt(4), 1);
});

test("membershipLog_anEmptyLog_hasNoState", async () => {
  const error = await rejects(async () => new MembershipLog(ROOM).build(), MembershipLogError);
  equal(error.message, "the membership log of room room-1 is empty");
});

test("membershipLog_aRefusedEntry_changesNothing", async () => {
  const log = await started();
  await refused(log, log.next("REMOVE", BOB, "VIEWER", 2, commitment(2), undefined), "carries a role or a key");
  const state = log.builder.build();
  equal(state.epoch, 1);
  equal(state.role(BOB), "EDITOR");
  equal(state.sequence, 2);
});

test("membershipLog_anEntryOfAnotherRoom_orSequence_orChain_isRefused", async () => {
  const log = await started();
  await refused(log, { ...log.next("ROLE", BOB, "VIEWER", 1, undefined, undefined), room: "room-2" }, "belongs to room room-2");
  for (const sequence of [2, 4]) {
    await refused(log, { ...log.next("ROLE", BOB, "VIEWER", 1, undefined, undefined), sequence }, `names sequence ${sequence}`);
  }
  await refused(log, { ...log.next("ROLE", BOB, "VIEWER", 1, undefined, undefined), previous: new Uint8Array(32) }, "does not chain to the entry before it");
});

test("membershipLog_theFirstEntryMustCreateTheRoom_andNoOtherMay", async () => {
  const empty = new Log();
  await refused(empty, empty.next("ADD", ALICE, "OWNER", 1, undefined, key(ALICE, 1)), "is not a CREATE entry");
  const log = await started();
  await refused(log, log.next("CREATE", ALICE, "OWNER", 1, commitment(1), key(ALICE, 1)), "creates the room again");
});

test("membershipLog_aCreateEntryMustFoundTheRoomForItsSigner_asOwner_atEpoch1_withItsKeyAndCommitment", async () => {
  const log = new Log();
  const alice = key(ALICE, 1);
  await refused(log, log.next("CREATE", BOB, "OWNER", 1, commitment(1), alice), "creates the room for someone else");
  await refused(log, log.next("CREATE", ALICE, "MANAGER", 1, commitment(1), alice), "does not make the creator owner");
  await refused(log, log.next("CREATE", ALICE, "OWNER", 2, commitment(1), alice), "does not start at epoch 1");
  await refused(log, log.next("CREATE", ALICE, "OWNER", 1, undefined, alice), "has no epoch key commitment");
  await refused(log, log.next("CREATE", ALICE, "OWNER", 1, commitment(1), key(ALICE, 2)), "does not record the creator's key");
  await refused(log, log.next("CREATE", ALICE, "OWNER", 1, commitment(1), undefined), "does not record the creator's key");
});

test("membershipLog_anEntryMustNameTheEpochThatFollows_andOnlyARemovalCarriesACommitment", async () => {
  const log = await started();
  await refused(log, log.next("ROLE", BOB, "VIEWER", 2, undefined, undefined), "names epoch 2 where 1 follows");
  await refused(log, log.next("REMOVE", BOB, undefined, 1, commitment(2), undefined), "names epoch 1 where 2 follows");
  await refused(log, log.next("REMOVE", BOB, undefined, 3, commitment(2), undefined), "names epoch 3 where 2 follows");
  await refused(log, log.next("REMOVE", BOB, undefined, 2, undefined, undefined), "has no epoch key commitment");
  await refused(log, log.next("ROLE", BOB, "VIEWER", 1, commitment(2), undefined), "has an unexpected commitment");
});

test("membershipLog_eachActionCarriesOnlyItsOwnFields", async () => {
  const log = await started();
  await refused(log, log.next("ADD", "dave", undefined, 1, undefined, undefined), "adds a member without a role");
  await refused(log, log.next("REMOVE", BOB, "VIEWER", 2, commitment(2), undefined), "carries a role or a key");
  await refused(log, log.next("REMOVE", BOB, undefined, 2, commitment(2), key(BOB, 1)), "carries a role or a key");
  await refused(log, log.next("ROLE", BOB, "VIEWER", 1, undefined, key(BOB, 1)), "carries a key");
  await refused(log, log.next("KEY", CAROL, undefined, 1, undefined, undefined), "carries no key, or a role");
  await refused(log, log.next("KEY", CAROL, "MANAGER", 1, undefined, key(CAROL, 1)), "carries no key, or a role");
});

test("membershipLog_aKeyEntryMustRecordANewerVersion", async () => {
  const log = await started();
  await refused(log, log.next("KEY", BOB, undefined, 1, undefined, key(BOB, 1)), "does not record a newer key version");
  await log.byAlice(log.next("KEY", BOB, undefined, 1, undefined, key(BOB, 3)));
  await refused(log, log.next("KEY", BOB, undefined, 1, undefined, key(BOB, 2)), "does not record a newer key version");
  sameKey(log.builder.build().currentKey(BOB), key(BOB, 3), "bob's newest key");
});

test("membershipLog_aKeyVersionRecordedOnce_cannotBeRecordedAsAnotherKey", async () => {
  const log = await started();
  await log.byAlice(log.next("REMOVE", BOB, undefined, 2, commitment(2), undefined));
  await refused(log, log.next("ADD", BOB, "VIEWER", 2, undefined, { version: 1, digest: new Uint8Array(32) }), "records another key for bob version 1 than recorded before");
  const again = await started();
  await again.byAlice(again.next("REMOVE", BOB, undefined, 2, commitment(2), undefined));
  await again.byAlice(again.next("ADD", BOB, "VIEWER", 2, undefined, key(BOB, 1)));
  sameKey(again.builder.build().currentKey(BOB), key(BOB, 1), "bob's key again");
});

test("membershipLog_theRoleRules_whoMayAddRemoveAndChangeWhom", async () => {
  const log = await started();
  await refused(log, log.next("ADD", "dave", "VIEWER", 1, undefined, undefined), "breaks a rule: bob does not manage the members", BOB, key(BOB, 1));
  await refused(log, log.next("ROLE", ALICE, "MANAGER", 1, undefined, undefined), "breaks a rule: the last owner cannot be demoted");
  await refused(log, log.next("ROLE", BOB, "OWNER", 1, undefined, undefined), "breaks a rule: only an owner makes or demotes an owner", CAROL, key(CAROL, 1));
  // Beyond the Java test's cases, every other rule of MembershipRules.
  await refused(log, log.next("ADD", BOB, "VIEWER", 1, undefined, undefined), "breaks a rule: bob is a member already");
  await refused(log, log.next("ADD", "dave", "OWNER", 1, undefined, undefined), "breaks a rule: only an owner makes an owner", CAROL, key(CAROL, 1));
  await refused(log, log.next("REMOVE", "dave", undefined, 2, commitment(2), undefined), "breaks a rule: dave is not a member");
  await refused(log, log.next("REMOVE", CAROL, undefined, 2, commitment(2), undefined), "breaks a rule: a member cannot remove themselves", CAROL, key(CAROL, 1));
  await refused(log, log.next("REMOVE", ALICE, undefined, 2, commitment(2), undefined), "breaks a rule: only an owner removes an owner", CAROL, key(CAROL, 1));
  await refused(log, log.next("ROLE", BOB, "EDITOR", 1, undefined, undefined), "breaks a rule: the role is EDITOR already");
  await refused(log, log.next("KEY", CAROL, undefined, 1, undefined, key(CAROL, 1)), "breaks a rule: a member cannot grant themselves", CAROL, key(CAROL, 1));
  await refused(log, log.next("ADD", "dave", "VIEWER", 1, undefined, undefined), "breaks a rule: erin does not manage the members", "erin", key("erin", 1));
  // What a manager may do: add, remove and re-role non-owners, record a member's key.
  await log.apply(log.next("ROLE", BOB, "VIEWER", 1, undefined, undefined), CAROL, key(CAROL, 1));
  await log.apply(log.next("REMOVE", BOB, undefined, 2, commitment(2), undefined), CAROL, key(CAROL, 1));
  equal(log.builder.build().role(BOB), undefined);
});
