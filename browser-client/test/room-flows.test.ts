import { EnvelopeContexts } from "../src/contexts.js";
import { IntegrityError, InvalidSignatureError, MembershipLogError } from "../src/errors.js";
import { confirmFirstContact, type FirstContactRule } from "../src/first-contact.js";
import { fulfilRoomGrant } from "../src/grants.js";
import { kdfPolicy } from "../src/keyblob.js";
import { KeyPinning, MemoryPinStore } from "../src/pinning.js";
import { addMemberEntry, foundRoom, keyEntry, openRoom, removeMemberEntry, signRoomFile, type RoomCopy } from "../src/room-flows.js";
import { roomEntryReadOptions, verifyRoomEntry } from "../src/room-entries.js";
import { encodeMembership, memberKey, RoomCiphers } from "../src/rooms.js";
import { safetyWords } from "../src/safety-words.js";
import { activate, type Session } from "../src/session.js";
import { SymmetricKey } from "../src/symmetric-key.js";
import { bytesEqual, equal, ok, rejects } from "./assert.js";
import { test } from "./harness.js";

/**
 * The room flows of a member's client with real keys: found, add (with the first-contact rule),
 * grant (KEY entry), sign a file's entry, remove (rotation), and open (log verified with its rules,
 * entry 0 anchored on the creator's pin, own envelopes against the commitments); and the forgeries
 * a server that stores the room could attempt, each refused.
 */

const FAST = kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 1 }, { allowWeakForTests: true });
export const ROOM = "room-1";

export async function user(name: string): Promise<Session> {
  return (await activate(`${name}@example.org`, "room flows", { kdf: FAST })).session;
}

export function rule(session: Session, policy: "CONFIRM" | "TRUST_ON_FIRST_USE"): FirstContactRule {
  return { pinning: new KeyPinning(session, new MemoryPinStore()), policy: () => policy };
}

/** What the relay stores of a room, and hands each member (their own envelopes). */
export class Relay {
  readonly log: Uint8Array[] = [];
  readonly bundles: Uint8Array[] = [];
  readonly envelopes = new Map<string, Uint8Array[]>();
  sealedName: Uint8Array = new Uint8Array(0);

  append(entry: Uint8Array | undefined, envelopes: readonly Uint8Array[], to: Session[]): void {
    if (entry !== undefined) {
      this.log.push(entry);
    }
    envelopes.forEach((e, i) => this.envelopes.set(to[i]!.user, [...(this.envelopes.get(to[i]!.user) ?? []), e]));
  }

  copyFor(member: Session): RoomCopy {
    return { room: ROOM, log: [...this.log], keys: [...this.bundles], envelopes: this.envelopes.get(member.user) ?? [], sealedName: this.sealedName };
  }
}

export interface Scene {
  alice: Session;
  bob: Session;
  carol: Session;
  relay: Relay;
  aliceRule: FirstContactRule;
}

/** Alice founds the room, adds Bob (editor, trust on first use) and Carol (manager, confirmed safety words, by a grant). */
export async function scene(): Promise<Scene> {
  const [alice, bob, carol] = [await user("alice"), await user("bob"), await user("carol")];
  const relay = new Relay();
  relay.bundles.push(alice.publicKeys.encoded, bob.publicKeys.encoded, carol.publicKeys.encoded);
  const founded = await foundRoom(alice, ROOM, "Deal room", { time: 1_772_355_600_000 });
  relay.sealedName = founded.sealedName;
  relay.append(founded.entry, [founded.envelope], [alice]);

  const toBob = await addMemberEntry(alice, await openRoom(alice, relay.copyFor(alice), alice.publicKeys), bob.user, "EDITOR", {
    presented: bob.publicKeys,
    rule: rule(alice, "TRUST_ON_FIRST_USE"),
  });
  ok(toBob.recorded && toBob.held === undefined);
  relay.append(toBob.entry, toBob.envelopes, [bob]);

  const aliceRule = rule(alice, "CONFIRM");
  const toCarol = await addMemberEntry(alice, await openRoom(alice, relay.copyFor(alice), alice.publicKeys), carol.user, "MANAGER", {
    presented: carol.publicKeys,
    rule: aliceRule,
  });
  ok(!toCarol.recorded, "held by the first-contact rule: no key recorded");
  equal(toCarol.held?.javaName, "UnverifiedKeyException");
  equal(toCarol.envelopes.length, 0);
  relay.append(toCarol.entry, [], []);

  // The grant: alice confirms the words carol read out, records her keys, wraps epoch 1 to them.
  await confirmFirstContact(aliceRule, carol.publicKeys, (await safetyWords(carol.fingerprint)).join(" "));
  const opened = await openRoom(alice, relay.copyFor(alice), alice.publicKeys);
  const entry = await keyEntry(alice, opened, carol.publicKeys);
  ok(entry !== undefined);
  const granted = await fulfilRoomGrant(alice, ROOM, opened.ownEnvelopes, carol.publicKeys, aliceRule);
  relay.append(entry, granted.map((g) => g.envelope), [carol]);
  equal(await keyEntry(alice, await openRoom(alice, relay.copyFor(alice), alice.publicKeys), carol.publicKeys), undefined, "recorded already");
  return { alice, bob, carol, relay, aliceRule };
}

test("roomFlows_foundAddGrantSignRemove_openForEveryMember", async () => {
  const { alice, bob, carol, relay, aliceRule } = await scene();
  for (const member of [alice, bob, carol]) {
    const opened = await openRoom(member, relay.copyFor(member), alice.publicKeys);
    equal(opened.name, "Deal room", member.user);
    equal(opened.state.epoch, 1);
    equal(opened.state.length, 4);
    ok(opened.epochKeys.has(1));
  }
  const bobs = await openRoom(bob, relay.copyFor(bob), alice.publicKeys);
  equal(bobs.state.role(carol.user), "MANAGER");
  bytesEqual((bobs.state.currentKey(carol.user))!.digest, (await memberKey(carol.publicKeys)).digest);

  // Bob, an editor, signs his uploaded file's entry; carol's client verifies it over her log.
  const fileKey = SymmetricKey.generate();
  const ciphers = new RoomCiphers();
  const wrappedKey = await ciphers.wrapFileKey(bobs.epochKeys.get(1)!, ROOM, "file-1", 1, fileKey);
  const digest = new Uint8Array(32).fill(7);
  const sealed = await signRoomFile(bob, bobs, { file: "file-1", name: "offer.pdf", blob: "blob-1", size: 10, storedSize: 60, digest, wrappedKey });
  const carols = await openRoom(carol, relay.copyFor(carol), alice.publicKeys);
  const field = await ciphers.openEntry(carols.epochKeys.get(1)!, ROOM, "file-1", 1, sealed);
  ok(field.version === 2);
  const signed = await verifyRoomEntry(field.statement, { room: ROOM, id: "file-1", epoch: 1, kind: "FILE", parent: undefined, blob: "blob-1", size: 10 }, carols.state, carols.keysOf);
  equal(signed.writer, bob.user);
  equal(signed.metadata.name, "offer.pdf");
  equal(signed.logLength, 4);
  ok(await fileKey.matchesCommitment(signed.commitment));
  bytesEqual(roomEntryReadOptions(signed).expectedDigest!, digest);

  // Alice removes bob: epoch 2's key to herself and to carol, whom she verified; bob keeps nothing of it.
  const removal = await removeMemberEntry(alice, await openRoom(alice, relay.copyFor(alice), alice.publicKeys), bob.user, [bob.publicKeys, carol.publicKeys], aliceRule);
  equal(removal.epoch, 2);
  equal(removal.envelopes.length, 2);
  equal(removal.leftForGrants.length, 0);
  relay.append(removal.entry, removal.envelopes, [alice, carol]);
  const after = await openRoom(carol, relay.copyFor(carol), alice.publicKeys);
  equal(after.state.epoch, 2);
  equal(after.state.role(bob.user), undefined);
  bytesEqual(after.epochKeys.get(2)!.exportBytes(), removal.epochKey.exportBytes());
  equal(after.state.roleAt(bob.user, 4), "EDITOR", "bob's old entry still verifies");
});

test("roomFlows_aRemovalLeavesMembersTheRemoverHasNotVerifiedForGrants", async () => {
  const { alice, bob, carol, relay } = await scene();
  const unverified = rule(alice, "CONFIRM");
  const removal = await removeMemberEntry(alice, await openRoom(alice, relay.copyFor(alice), alice.publicKeys), bob.user, [carol.publicKeys], unverified);
  equal(removal.envelopes.length, 1, "alice's own only");
  equal(JSON.stringify(removal.leftForGrants), JSON.stringify([carol.user]));
  relay.append(removal.entry, removal.envelopes, [alice]);
  const carols = await openRoom(carol, relay.copyFor(carol), alice.publicKeys);
  equal(carols.state.epoch, 2);
  ok(!carols.epochKeys.has(2), "carol waits for her grant");
});

test("roomFlows_aClientSignsNoChangeTheLogWouldRefuse", async () => {
  const { alice, bob, carol, relay } = await scene();
  const bobs = await openRoom(bob, relay.copyFor(bob), alice.publicKeys);
  const before = relay.log.length;
  await rejects(() => addMemberEntry(bob, bobs, "dave@example.org", "VIEWER", undefined), MembershipLogError, /bob@example.org does not manage the members/);
  await rejects(() => removeMemberEntry(bob, bobs, carol.user, [], rule(bob, "CONFIRM")), MembershipLogError, /does not manage the members/);
  const alices = await openRoom(alice, relay.copyFor(alice), alice.publicKeys);
  await rejects(() => removeMemberEntry(alice, alices, alice.user, [], rule(alice, "CONFIRM")), MembershipLogError, /cannot remove themselves/);
  await rejects(() => addMemberEntry(alice, alices, bob.user, "VIEWER", undefined), MembershipLogError, /is a member already/);
  equal(relay.log.length, before);
});

test("roomFlows_openRoom_refusesWhatAServerCouldForge", async () => {
  const { alice, bob, carol, relay } = await scene();
  const mallory = await user("mallory");
  const open = (copy: RoomCopy, creator = alice.publicKeys) => openRoom(carol, copy, creator);
  const good = relay.copyFor(carol);
  const head = (await open(good)).state;

  // A room founded by someone else under the same id: entry 0 is not the pinned creator's.
  const other = await foundRoom(mallory, ROOM, "Deal room");
  await rejects(() => open({ ...good, log: [other.entry, ...good.log.slice(1)], keys: [...good.keys, mallory.publicKeys.encoded] }), MembershipLogError, /pinned/);
  await rejects(() => open(good, mallory.publicKeys), MembershipLogError, /pinned/);

  // An ADD by bob, an editor, signed with his recorded key: a rule broken.
  const forged = await bob.sign(
    "MEMBERSHIP_ENTRY",
    encodeMembership({ room: ROOM, sequence: head.length, previous: head.head, time: 1, action: "ADD", subject: mallory.user, role: "OWNER", epoch: 1, commitment: undefined, subjectKey: await memberKey(mallory.publicKeys) }),
  );
  await rejects(() => open({ ...good, log: [...good.log, forged] }), MembershipLogError, /breaks a rule: bob@example.org does not manage the members/);

  // An entry by keys the log never recorded (mallory), one by a non-member with a key the copy hands out.
  const byMallory = await mallory.sign(
    "MEMBERSHIP_ENTRY",
    encodeMembership({ room: ROOM, sequence: head.length, previous: head.head, time: 1, action: "ROLE", subject: bob.user, role: "VIEWER", epoch: 1, commitment: undefined, subjectKey: undefined }),
  );
  await rejects(() => open({ ...good, log: [...good.log, byMallory], keys: [...good.keys, mallory.publicKeys.encoded] }), MembershipLogError, /does not record for a current member/);

  // Bob's entry verified against another bundle of "bob" that the copy hands out instead.
  const fakeBob = (await activate(bob.user, "other", { kdf: FAST })).session;
  const keysWithFake = good.keys.map((k, i) => (i === 1 ? fakeBob.publicKeys.encoded : k));
  const byBob = await bob.sign(
    "MEMBERSHIP_ENTRY",
    encodeMembership({ room: ROOM, sequence: head.length, previous: head.head, time: 1, action: "ROLE", subject: bob.user, role: "VIEWER", epoch: 1, commitment: undefined, subjectKey: undefined }),
  );
  await rejects(() => open({ ...good, log: [...good.log, byBob], keys: keysWithFake }), MembershipLogError);

  // Entries dropped, reordered or flipped.
  await rejects(() => open({ ...good, log: [good.log[0]!, good.log[2]!, good.log[3]!] }), MembershipLogError, /names sequence 2/);
  const flipped = good.log[3]!.slice();
  flipped[flipped.length - 1]! ^= 1;
  await rejects(() => open({ ...good, log: [...good.log.slice(0, 3), flipped] }), InvalidSignatureError);
  await rejects(() => open({ ...good, log: [] }), MembershipLogError, /has no membership log/);

  // An envelope of another key than the committed one, sealed by alice (a recorded member).
  const wrongKey = await alice.sealEnvelope(carol.publicKeys, EnvelopeContexts.roomEpoch(ROOM, 1), SymmetricKey.generate());
  await rejects(() => open({ ...good, envelopes: [wrongKey] }), IntegrityError, /not the one the membership log commits to/);
  // An envelope by keys the log does not record (mallory), and one of an epoch the room never had.
  const byStranger = await mallory.sealEnvelope(carol.publicKeys, EnvelopeContexts.roomEpoch(ROOM, 1), SymmetricKey.generate());
  await rejects(() => open({ ...good, envelopes: [byStranger], keys: [...good.keys, mallory.publicKeys.encoded] }), MembershipLogError, /does not record/);
  const ofEpoch2 = await alice.sealEnvelope(carol.publicKeys, EnvelopeContexts.roomEpoch(ROOM, 2), SymmetricKey.generate());
  await rejects(() => open({ ...good, envelopes: [ofEpoch2] }), IntegrityError, /not of one of its key epochs/);
  // Each refused copy left the good one as it was.
  equal((await open(good)).state.length, 4);
});
