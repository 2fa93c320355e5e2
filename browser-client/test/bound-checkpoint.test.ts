import { EnvelopeContexts } from "../src/contexts.js";
import { IntegrityError, InvalidSignatureError, KeyLogError, MembershipLogError } from "../src/errors.js";
import { fulfilDeliveryGrant } from "../src/grants.js";
import { kdfPolicy } from "../src/keyblob.js";
import { checkLoggedKey, parseVerifierKey, type Checkpoint, type VerifierKey } from "../src/key-log.js";
import { compareBoundCheckpoint, type HeldCheckpoint, type KeyLogRelay } from "../src/key-log-statement.js";
import type { PublicKeys } from "../src/keys.js";
import { encodeManifestV2, encodeManifestV3, fileNameDigest, verifyAnyManifest, type ManifestV2Input } from "../src/manifest-v2.js";
import { verifyMembershipLog } from "../src/membership-log.js";
import { KeyPinning, MemoryPinStore } from "../src/pinning.js";
import { foundRoom, nextMembershipEntry, openRoom, type RoomCopy } from "../src/room-flows.js";
import { decodeMembership, encodeMembership, memberKey, type MembershipRecord } from "../src/rooms.js";
import { activate, type Session } from "../src/session.js";
import { parseStatement } from "../src/signed.js";
import { SymmetricKey } from "../src/symmetric-key.js";
import { bytesEqual, equal, ok, rejects } from "./assert.js";
import { test } from "./harness.js";
import { TestLog } from "./test-log.js";

/**
 * The key-log checkpoint bound into what a user signs (docs/key-log.md): the attack the type-6
 * statement alone cannot stop, performed. An operator who runs the log (and every witness) shows
 * alice the real log and bob a branch in which carol has another key, and withholds alice's
 * published checkpoint statement, so that bob's client has nothing to compare. Bob still must read
 * what alice signed to read anything at all: the delivery manifest and the membership-log entry,
 * which now carry the checkpoint alice's client relied on. Bob's client compares it with his own,
 * with a consistency proof from his host, and no proof his host can give makes the two one
 * history.
 */

const FAST = kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 1 }, { allowWeakForTests: true });
const ORIGIN = "example.com/secupass-keys";
const ROOM = "room-bound";

async function user(name: string): Promise<Session> {
  return (await activate(`${name}@example.org`, "bound checkpoint", { kdf: FAST })).session;
}

interface SplitView {
  readonly alice: Session;
  readonly bob: Session;
  readonly carol: Session;
  /** The log everyone but bob is shown. */
  readonly real: TestLog;
  /** The branch shown to bob: the same first two entries, then another key for carol (the operator's). */
  readonly branch: TestLog;
  readonly key: VerifierKey;
  /** The checkpoint alice's client relied on when it checked carol's keys before a wrap (the real log, 3 entries). */
  readonly aliceHeld: Checkpoint;
  /** The checkpoint bob's client relied on when it checked alice's keys (the branch, 3 entries). */
  readonly bobHeld: Checkpoint;
}

async function splitView(): Promise<SplitView> {
  const [alice, bob, carol, mallory] = [await user("alice"), await user("bob"), await user("carol"), await user("carol")];
  // One log key for both: the operator signs both branches, so each checkpoint is "the host's".
  const real = await TestLog.make(ORIGIN, "bound log");
  const branch = await TestLog.make(ORIGIN, "bound log");
  for (const [log, carolKeys] of [[real, carol], [branch, mallory]] as const) {
    await log.add(alice.publicKeys);
    await log.add(bob.publicKeys);
    await log.add(carolKeys.publicKeys);
  }
  const key = await parseVerifierKey(await real.verifierKey());
  const aliceHeld = await checkLoggedKey(key, await real.proof(2, 0), carol.user, 1, carol.publicKeys.encoded, undefined);
  const bobHeld = await checkLoggedKey(key, await branch.proof(0, 0), alice.user, 1, alice.publicKeys.encoded, undefined);
  equal(aliceHeld.size, 3);
  equal(bobHeld.size, 3);
  ok(aliceHeld.root.some((b, i) => b !== bobHeld.root[i]), "two branches of one size");
  return { alice, bob, carol, real, branch, key, aliceHeld, bobHeld };
}

function held(checkpoint: Checkpoint | undefined, relay: KeyLogRelay): HeldCheckpoint {
  return { checkpoint, relay };
}

async function manifestInput(sender: Session, recipients: string[], key: SymmetricKey, level = 4): Promise<ManifestV2Input> {
  return {
    delivery: "d-bound",
    level,
    sender: sender.user,
    createdAt: 1_772_355_600_000,
    expiresAt: 1_772_355_600_000 + 86_400_000,
    recipients,
    files: [{ file: "f-1", nameDigest: await fileNameDigest(new Uint8Array([1])), size: 5, storedSize: 60, digest: new Uint8Array(32) }],
    detailsDigest: new Uint8Array(32),
    keyCommitment: await key.commitment(),
  };
}

async function forked(action: () => Promise<unknown>, signer: string): Promise<void> {
  const e = await rejects(action, KeyLogError);
  equal(e.kind, "FORKED");
  ok(e.message.includes(signer), e.message);
}

test("boundCheckpoint_theManifest_bindsTheSendersCheckpoint_andAReaderShownABranchIsForked_withTheStatementWithheld", async () => {
  const { alice, bob, carol, real, branch, aliceHeld, bobHeld } = await splitView();
  const contentKey = SymmetricKey.generate();
  const input = await manifestInput(alice, [bob.user, carol.user], contentKey);
  // Alice signs after her wraps were checked: the checkpoint she relied on goes into the manifest.
  const signed = await alice.sign("DELIVERY_MANIFEST", encodeManifestV3(input, aliceHeld));
  // Nothing was published (the type-6 statement is withheld): bob has only the manifest.
  const asked: [number, number][] = [];
  await forked(() => verifyAnyManifest(signed, alice.publicKeys, held(bobHeld, branch.relay(asked))), alice.user);
  equal(asked.length, 0, "one size: the roots must be equal, no proof is asked for");
  // Whatever the host answers, as the branch grows or with the real log's proofs, bob is forked.
  await branch.add((await user("dave")).publicKeys);
  const bobLater = await branch.checkpoint(4);
  await forked(() => verifyAnyManifest(signed, alice.publicKeys, held(bobLater, branch.relay(asked))), alice.user);
  equal(JSON.stringify(asked), "[[3,4]]");
  await real.add((await user("dave")).publicKeys);
  await forked(() => verifyAnyManifest(signed, alice.publicKeys, held(bobLater, real.relay())), alice.user);
  await forked(() => verifyAnyManifest(signed, alice.publicKeys, held(bobHeld, real.relay())), alice.user);
  // Carol, on the real log, reads it at a smaller, the same or a larger size.
  for (const size of [1, 2, 3, 4]) {
    const manifest = await verifyAnyManifest(signed, alice.publicKeys, held(await real.checkpoint(size), real.relay()));
    ok(manifest.version === 3);
    equal(manifest.seenCheckpoint.size, 3);
  }
  // A host that cannot prove it (its tree is smaller than the larger size) gives a split view away.
  const short = await TestLog.make(ORIGIN, "bound log");
  await short.add(alice.publicKeys);
  await short.add(bob.publicKeys);
  const carolAt2 = await real.checkpoint(2);
  await forked(() => verifyAnyManifest(signed, alice.publicKeys, held(carolAt2, short.relay())), alice.user);
  // The release check compares too: alice's own view, rewritten to the branch since, is forked.
  const ownEnvelope = await alice.sealEnvelope(alice.publicKeys, EnvelopeContexts.delivery("d-bound", 4), contentKey);
  const grant = { delivery: "d-bound", level: 4, signedManifest: signed, ownEnvelope, recipient: bob.publicKeys };
  const tofu = { pinning: new KeyPinning(alice, new MemoryPinStore()), policy: () => "TRUST_ON_FIRST_USE" as const };
  await forked(() => fulfilDeliveryGrant(alice, grant, tofu, held(bobLater, branch.relay())), alice.user);
  const envelope = await fulfilDeliveryGrant(alice, grant, tofu, held(await real.checkpoint(4), real.relay()));
  bytesEqual((await bob.openEnvelope(envelope, alice.publicKeys, EnvelopeContexts.delivery("d-bound", 4))).exportBytes(), contentKey.exportBytes());
});

test("boundCheckpoint_theManifest_nothingToCompare_andTheFieldCannotBeForged", async () => {
  const { alice, bob, branch, aliceHeld, bobHeld } = await splitView();
  const input = await manifestInput(alice, [bob.user], SymmetricKey.generate());
  const bobs = held(bobHeld, branch.relay());
  // Alice relied on no checkpoint yet (s = 0): nothing to compare, whatever bob holds.
  const none = await alice.sign("DELIVERY_MANIFEST", encodeManifestV3(input, undefined));
  equal((await verifyAnyManifest(none, alice.publicKeys, bobs)).version, 3);
  // A reader without a checkpoint of its own, or a caller that gives none: nothing to compare.
  const signed = await alice.sign("DELIVERY_MANIFEST", encodeManifestV3(input, aliceHeld));
  equal((await verifyAnyManifest(signed, alice.publicKeys, held(undefined, branch.relay()))).version, 3);
  equal((await verifyAnyManifest(signed, alice.publicKeys)).version, 3);
  // Version 2 (sent before) carries nothing to compare; levels 1-2 keep writing it.
  equal((await verifyAnyManifest(await alice.sign("DELIVERY_MANIFEST", encodeManifestV2(input)), alice.publicKeys, bobs)).version, 2);
  await rejects(async () => encodeManifestV3({ ...input, level: 2 }, aliceHeld), RangeError);
  // The operator cannot swap the field for bob's branch: alice's signature covers it.
  const swapped = signed.slice();
  const at = indexOf(swapped, aliceHeld.root);
  swapped.set(bobHeld.root, at);
  await rejects(() => verifyAnyManifest(swapped, alice.publicKeys, bobs), InvalidSignatureError);
  // A seen size of 0 with a non-zero root is damage, even signed by the sender.
  const payload = encodeManifestV3(input, aliceHeld);
  payload.fill(0, payload.length - 40, payload.length - 32);
  await rejects(async () => verifyAnyManifest(await alice.sign("DELIVERY_MANIFEST", payload), alice.publicKeys, bobs), IntegrityError);
});

/** The room's stored log and the bundles the server hands out. */
function copyOf(log: readonly Uint8Array[], bundles: readonly PublicKeys[]): RoomCopy {
  return { room: ROOM, log: [...log], keys: bundles.map((k) => k.encoded), envelopes: [] };
}

function keysOf(bundles: readonly PublicKeys[]) {
  return async (who: string, version: number) => bundles.find((k) => k.user === who && k.version === version);
}

test("boundCheckpoint_theMembershipLog_eachSignersLastEntryIsCompared_andAReaderShownABranchIsForked", async () => {
  const { alice, bob, carol, real, branch, aliceHeld, bobHeld } = await splitView();
  const bundles = [alice.publicKeys, bob.publicKeys, carol.publicKeys];
  // Alice founds the room (binding the checkpoint she relied on) and makes carol a manager.
  const founded = await foundRoom(alice, ROOM, "Deal room", { seen: aliceHeld });
  const log = [founded.entry];
  const alices = await openRoom(alice, copyOf(log, bundles), alice.publicKeys, held(aliceHeld, real.relay()));
  const carolKey = await memberKey(carol.publicKeys);
  log.push((await nextMembershipEntry(alice, alices, { action: "ADD", subject: carol.user, role: "MANAGER", subjectKey: carolKey })).entry);
  for (const entry of log) {
    const record = decodeMembership(await payloadOf(entry));
    equal(record.version, 2);
    equal(record.seenCheckpoint!.size, 3, "the entries bind the checkpoint alice relied on (the opened room's by default)");
    bytesEqual(record.seenCheckpoint!.root, aliceHeld.root);
  }
  // Carol relied on the real log at 2 entries; her entry (adding bob) binds that.
  const carolHeld = await real.checkpoint(2);
  const carols = await openRoom(carol, copyOf(log, bundles), alice.publicKeys, held(carolHeld, real.relay()));
  log.push((await nextMembershipEntry(carol, carols, { action: "ADD", subject: bob.user, role: "VIEWER" })).entry);
  equal(decodeMembership(await payloadOf(log[2]!)).seenCheckpoint!.size, 2);
  // Bob, shown the branch, with the statements withheld: the log he must verify to read the room
  // carries both signers' checkpoints, and neither is of his history.
  await forked(() => openRoom(bob, copyOf(log, bundles), alice.publicKeys, held(bobHeld, branch.relay())), "@example.org");
  await forked(() => verifyMembershipLog(ROOM, log, alice.publicKeys, keysOf(bundles), held(bobHeld, real.relay())), "@example.org");
  // Bob's branch grown past both: the proofs his host gives do not reach alice's or carol's roots.
  await branch.add((await user("erin")).publicKeys);
  const asked: [number, number][] = [];
  const bobAt4 = await branch.checkpoint(4);
  await forked(() => verifyMembershipLog(ROOM, log, alice.publicKeys, keysOf(bundles), held(bobAt4, branch.relay(asked))), alice.user);
  equal(JSON.stringify(asked), "[[3,4]]", "the first signer's comparison fails");
  // A reader on the real history passes; one comparison per signer, with that signer's last entry.
  await real.add((await user("erin")).publicKeys);
  equal(alices.held?.checkpoint, aliceHeld, "the opened room keeps what it was opened with");
  log.push((await nextMembershipEntry(alice, await openRoom(alice, copyOf(log, bundles), alice.publicKeys, held(aliceHeld, real.relay())), { action: "ROLE", subject: bob.user, role: "EDITOR" }, { seen: await real.checkpoint(4) })).entry);
  const dave: [number, number][] = [];
  const state = await verifyMembershipLog(ROOM, log, alice.publicKeys, keysOf(bundles), held(await real.checkpoint(1), real.relay(dave)));
  equal(state.length, 4);
  equal([...state.seenCheckpoints].map(([who, seen]) => `${who}@${seen.size}`).join(), `${alice.user}@4,${carol.user}@2`);
  equal(JSON.stringify(dave.sort()), "[[1,2],[1,4]]", "alice's last entry (4), not her first (3); carol's (2)");
  for (const size of [2, 3, 4]) {
    await verifyMembershipLog(ROOM, log, alice.publicKeys, keysOf(bundles), held(await real.checkpoint(size), real.relay()));
  }
  // A reader without a checkpoint, or a caller that gives none: nothing compared.
  await verifyMembershipLog(ROOM, log, alice.publicKeys, keysOf(bundles), held(undefined, branch.relay()));
  await verifyMembershipLog(ROOM, log, alice.publicKeys, keysOf(bundles));
});

test("boundCheckpoint_theMembershipLog_mixesVersions_sizeZeroComparesNothing_andAZeroSizeWithARootIsRefused", async () => {
  const { alice, bob, carol, branch, aliceHeld, bobHeld } = await splitView();
  const bundles = [alice.publicKeys, bob.publicKeys, carol.publicKeys];
  const bobs = held(bobHeld, branch.relay());
  const epochKey = SymmetricKey.generate();
  const create: MembershipRecord = {
    version: 1,
    room: ROOM,
    sequence: 0,
    previous: new Uint8Array(32),
    time: 1_772_355_600_000,
    action: "CREATE",
    subject: alice.user,
    role: "OWNER",
    epoch: 1,
    commitment: await epochKey.commitment(),
    subjectKey: await memberKey(alice.publicKeys),
  };
  // Entry 0 written before version 2 (no field), then alice's version-2 entry of size 0: nothing to compare.
  const log = [await alice.sign("MEMBERSHIP_ENTRY", encodeMembership(create))];
  const opened = await openRoom(alice, copyOf(log, bundles), alice.publicKeys);
  log.push((await nextMembershipEntry(alice, opened, { action: "ADD", subject: carol.user, role: "MANAGER", subjectKey: await memberKey(carol.publicKeys) })).entry);
  equal((await verifyMembershipLog(ROOM, log, alice.publicKeys, keysOf(bundles), bobs)).seenCheckpoints.get(alice.user)?.size, 0);
  // Alice's later entry binds the real log: her last version-2 entry is now compared.
  const state = await verifyMembershipLog(ROOM, log, alice.publicKeys, keysOf(bundles));
  const next = (await nextMembershipEntry(alice, { ...opened, state }, { action: "ADD", subject: bob.user, role: "VIEWER" }, { seen: aliceHeld })).entry;
  await forked(() => verifyMembershipLog(ROOM, [...log, next], alice.publicKeys, keysOf(bundles), bobs), alice.user);
  // A seen size of 0 with a non-zero root is damage, even signed by the member.
  const damaged = encodeMembership({ ...decodeMembership(await payloadOf(next)) });
  damaged.fill(0, damaged.length - 40, damaged.length - 32);
  const bad = await alice.sign("MEMBERSHIP_ENTRY", damaged);
  await rejects(() => verifyMembershipLog(ROOM, [...log, bad], alice.publicKeys, keysOf(bundles)), MembershipLogError);
  // The comparison alone: s = 0, no checkpoint held, or equal sizes with equal roots pass without a proof.
  const asked: [number, number][] = [];
  await compareBoundCheckpoint(held(bobHeld, branch.relay(asked)), { size: 0, root: new Uint8Array(32) }, alice.user);
  await compareBoundCheckpoint(held(undefined, branch.relay(asked)), aliceHeld, alice.user);
  await compareBoundCheckpoint(held(bobHeld, branch.relay(asked)), bobHeld, alice.user);
  equal(asked.length, 0);
});

async function payloadOf(entry: Uint8Array): Promise<Uint8Array> {
  return parseStatement(entry).payload;
}


function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((b, j) => haystack[i + j] === b)) {
      return i;
    }
  }
  throw new Error("not found");
}
