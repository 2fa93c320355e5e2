import { InvalidSignatureError, KeyLogError } from "../src/errors.js";
import { kdfPolicy } from "../src/keyblob.js";
import { checkLoggedKey, decodeKeyLogLeaf, parseVerifierKey, verifyCheckpoint, witnessPolicy } from "../src/key-log.js";
import { monitorOwnKeys, type OwnKeyLogEntries } from "../src/key-log-monitor.js";
import { compareSeenCheckpoint, openSeenCheckpoint, signSeenCheckpoint } from "../src/key-log-statement.js";
import { activate, type Session } from "../src/session.js";
import { equal, ok, rejects } from "./assert.js";
import { test } from "./harness.js";
import { TestLog, TestWitness } from "./test-log.js";

/**
 * The key log in the browser beyond the check before a wrap: witness cosignatures required by the
 * host's policy, the checkpoint exchange between correspondents (a split view shows up), and the
 * self-monitoring of one's own keys at unlock. Each attack an operator of the log can make here is
 * performed against the check that must catch it.
 */

const FAST = kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 1 }, { allowWeakForTests: true });
const ORIGIN = "example.com/secupass-keys";

async function user(name: string, version = 1): Promise<Session> {
  return (await activate(`${name}@example.org`, "key log", { kdf: FAST, version })).session;
}

test("witnesses_theHostsQuorumIsRequired_andACheckpointWithoutItIsNotWitnessed", async () => {
  const log = await TestLog.make(ORIGIN, "witnessed log");
  const key = await parseVerifierKey(await log.verifierKey());
  const bob = await user("bob");
  const index = await log.add(bob.publicKeys);
  const [w1, w2, stranger] = await Promise.all(["w1.example", "w2.example", "stranger.example"].map((n) => TestWitness.make(n)));
  const both = await witnessPolicy([await w1!.verifierKey(), await w2!.verifierKey()]);
  equal(both.quorum, 2, "every witness by default, as in Java");
  const proof = await log.proof(index, 0);
  const once = await w1!.cosign(proof.checkpoint);
  const twice = await w2!.cosign(once);
  // The quorum of two cosignatures: relied on.
  equal((await checkLoggedKey(key, { ...proof, checkpoint: twice }, bob.user, 1, bob.publicKeys.encoded, undefined, both)).size, 1);
  // The host's signature alone, one of two, or a cosignature by a witness the host did not name.
  for (const note of [proof.checkpoint, once, await stranger!.cosign(once)]) {
    const e = await rejects(() => checkLoggedKey(key, { ...proof, checkpoint: note }, bob.user, 1, bob.publicKeys.encoded, undefined, both), KeyLogError);
    equal(e.kind, "NOT_WITNESSED");
    ok(e.message.includes("1 of the 2") || e.message.includes("0 of the 2"), e.message);
  }
  // A cosignature that does not verify counts as none.
  const lines = twice.split("\n");
  const last = lines[lines.length - 2]!;
  const flipped = last.slice(0, -20) + (last.at(-20) === "A" ? "B" : "A") + last.slice(-19);
  const broken = [...lines.slice(0, -2), flipped, ""].join("\n");
  equal((await rejects(() => verifyCheckpoint(broken, key, both), KeyLogError)).kind, "NOT_WITNESSED");
  // A quorum of one takes either witness; no witnesses configured takes the host's signature.
  equal((await verifyCheckpoint(once, key, await witnessPolicy([await w1!.verifierKey(), await w2!.verifierKey()], 1))).size, 1);
  equal((await verifyCheckpoint(proof.checkpoint, key, await witnessPolicy([]))).size, 1);
  // The policy itself: a log key is no witness key, a witness listed twice, a quorum out of range.
  const logKey = await log.verifierKey();
  const w1Key = await w1!.verifierKey();
  await rejects(() => witnessPolicy([logKey]), RangeError);
  await rejects(() => witnessPolicy([w1Key, w1Key]), RangeError);
  await rejects(() => witnessPolicy([w1Key], 2), RangeError);
});

test("checkpointExchange_oneHistoryPasses_aSplitViewIsForked_andAlteredStatementsAreRefused", async () => {
  const alice = await user("alice");
  const bob = await user("bob");
  const carol = await user("carol");
  // The real log, and the branch an operator shows bob: from entry 2 on it names another key
  // for carol (the operator's, to read what bob sends her).
  const real = await TestLog.make(ORIGIN, "exchange log");
  const branch = await TestLog.make(ORIGIN, "exchange log");
  const mallory = await user("carol");
  for (const [log, carolKeys] of [[real, carol], [branch, mallory]] as const) {
    await log.add(alice.publicKeys);
    await log.add(bob.publicKeys);
    await log.add(carolKeys.publicKeys);
  }
  const key = await parseVerifierKey(await real.verifierKey());
  // Alice relied on the real log at 3 entries and published it, signed.
  const statement = await signSeenCheckpoint(alice, await real.note(3));
  // A reader on the same history, smaller, equal or larger, passes (with the server's proof).
  for (const held of [1, 2, 3]) {
    const theirs = await compareSeenCheckpoint(await real.checkpoint(held), statement, alice.publicKeys, key, await real.consistency(held, 3));
    equal(theirs?.size, 3);
  }
  await real.add((await user("dave")).publicKeys);
  equal((await compareSeenCheckpoint(await real.checkpoint(4), statement, alice.publicKeys, key, await real.consistency(3, 4)))?.size, 3);
  // Bob, shown the branch, holds its checkpoint of 3: whatever proof the server gives, it is not
  // one history with alice's.
  const held = await branch.checkpoint(3);
  for (const proof of [[], await real.consistency(2, 3), await branch.consistency(2, 3)]) {
    equal((await rejects(() => compareSeenCheckpoint(held, statement, alice.publicKeys, key, proof), KeyLogError)).kind, "FORKED");
  }
  // Before the split the two agree (alice relied on 2 entries, bob holds 3 of the branch).
  const early = await signSeenCheckpoint(alice, await real.note(2));
  equal((await compareSeenCheckpoint(held, early, alice.publicKeys, key, await branch.consistency(2, 3)))?.size, 2);
  // The operator cannot put bob's branch in alice's mouth: a statement by keys it made under
  // her name fails her signature; one by someone else is not compared (as withholding hers).
  const impostor = await user("alice");
  const forged = await signSeenCheckpoint(impostor, await branch.note(3));
  await rejects(() => compareSeenCheckpoint(held, forged, alice.publicKeys, key, []), InvalidSignatureError);
  equal(await compareSeenCheckpoint(held, await signSeenCheckpoint(mallory, await branch.note(3)), alice.publicKeys, key, []), undefined);
  const flipped = statement.slice();
  flipped[flipped.length - 1]! ^= 1;
  await rejects(() => compareSeenCheckpoint(held, flipped, alice.publicKeys, key, []), InvalidSignatureError);
  const stranger = await TestLog.make(ORIGIN, "another checkpoint key");
  await stranger.add(alice.publicKeys);
  const foreign = await signSeenCheckpoint(alice, await stranger.note());
  equal((await rejects(() => openSeenCheckpoint(foreign, alice.publicKeys, key), KeyLogError)).kind, "BAD_CHECKPOINT");
  equal((await rejects(() => compareSeenCheckpoint(held, foreign, alice.publicKeys, key, []), KeyLogError)).kind, "FORKED");
});

/** What the server answers for `of` in `log`: every entry of theirs, with inclusion proofs. */
async function served(log: TestLog, of: string, seenSize: number, note?: string): Promise<OwnKeyLogEntries> {
  const entries = [];
  for (const [index, leaf] of log.leaves.entries()) {
    if (decodeKeyLogLeaf(leaf).user === of) {
      entries.push({ index, leaf, inclusion: await log.inclusion(index) });
    }
  }
  return { checkpoint: note ?? (await log.note()), entries, consistency: await log.consistency(seenSize) };
}

test("selfMonitoring_theLogHoldsExactlyTheUsersKeys_andEachAttackRaisesItsAlarm", async () => {
  const log = await TestLog.make(ORIGIN, "monitored log");
  const key = await parseVerifierKey(await log.verifierKey());
  const alice = await user("alice");
  const bob = await user("bob");
  await log.add(alice.publicKeys);
  await log.add(bob.publicKeys);
  const own = [alice.publicKeys.encoded];
  // The honest log: no alarm, and the checkpoint to rely on next.
  const first = await monitorOwnKeys(key, await served(log, alice.user, 0), own, { seen: undefined });
  equal(first.alarms.length, 0, JSON.stringify(first.alarms));
  equal(first.checkpoint!.size, 2);
  // The operator substitutes alice's key and logs it, so that senders' checks pass: alice's own
  // client names the entry at her next unlock.
  const substitute = await user("alice");
  const foreign = await log.add(substitute.publicKeys, "KEY_CHANGE");
  const second = await monitorOwnKeys(key, await served(log, alice.user, 2), own, { seen: first.checkpoint });
  equal(second.alarms.length, 1, JSON.stringify(second.alarms));
  equal(second.alarms[0]!.kind, "FOREIGN_KEY");
  equal(second.alarms[0]!.entry, foreign);
  equal(second.alarms[0]!.version, 1);
  ok(second.alarms[0]!.description.includes("not made on your behalf"), second.alarms[0]!.description);
  equal(second.checkpoint!.size, 3);
  // The log rewritten to hide that entry: it no longer extends what alice relied on.
  const rewritten = await TestLog.make(ORIGIN, "monitored log");
  await rewritten.add(alice.publicKeys);
  await rewritten.add(bob.publicKeys);
  await rewritten.add(bob.publicKeys, "KEY_CHANGE");
  const third = await monitorOwnKeys(key, await served(rewritten, alice.user, 2), own, { seen: second.checkpoint });
  equal(third.alarms.map((a) => a.kind).join(), "LOG_REWRITTEN");
  // A checkpoint without the witness quorum, or not the host's: the check failed, the earlier
  // checkpoint stays the one relied on.
  const witness = await TestWitness.make("w1.example");
  const policy = await witnessPolicy([await witness.verifierKey()]);
  const unwitnessed = await monitorOwnKeys(key, await served(log, alice.user, 3), own, { seen: second.checkpoint }, policy);
  equal(unwitnessed.alarms.map((a) => a.kind).join(), "CHECK_FAILED");
  equal(unwitnessed.checkpoint, second.checkpoint);
  const witnessed = await monitorOwnKeys(key, await served(log, alice.user, 3, await witness.cosign(await log.note())), own, { seen: second.checkpoint }, policy);
  equal(witnessed.alarms.map((a) => a.kind).join(), "FOREIGN_KEY");
  // Entries that are not in the checkpoint, or not alice's, or none of her own: failed.
  const answer = await served(log, alice.user, 3);
  const bad = answer.entries.map((e) => ({ ...e, inclusion: e.inclusion.map((h) => h.slice()) }));
  bad[0]!.inclusion[0]![0]! ^= 1;
  equal((await monitorOwnKeys(key, { ...answer, entries: bad }, own, { seen: second.checkpoint })).alarms.map((a) => a.kind).sort().join(), "CHECK_FAILED,FOREIGN_KEY");
  const bobs = (await served(log, bob.user, 3)).entries;
  equal((await monitorOwnKeys(key, { ...answer, entries: [...answer.entries, ...bobs] }, own, { seen: second.checkpoint })).alarms.map((a) => a.kind).sort().join(), "CHECK_FAILED,FOREIGN_KEY");
  equal((await monitorOwnKeys(key, { ...answer, entries: answer.entries.slice(1) }, own, { seen: second.checkpoint })).alarms.map((a) => a.kind).sort().join(), "CHECK_FAILED,FOREIGN_KEY");
  // After a reset (version 2), the entries of version 1 are not judged; a foreign version 2 is.
  const reset = await user("alice", 2);
  await log.add(reset.publicKeys, "RESET");
  const afterReset = await monitorOwnKeys(key, await served(log, alice.user, 3), [reset.publicKeys.encoded], { seen: second.checkpoint });
  equal(afterReset.alarms.length, 0, JSON.stringify(afterReset.alarms));
  const foreign2 = await log.add((await user("alice", 2)).publicKeys, "KEY_CHANGE");
  const caught = await monitorOwnKeys(key, await served(log, alice.user, 4), [reset.publicKeys.encoded], { seen: afterReset.checkpoint });
  equal(caught.alarms.map((a) => `${a.kind} ${a.entry} v${a.version}`).join(), `FOREIGN_KEY ${foreign2} v2`);
  await rejects(async () => monitorOwnKeys(key, answer, [], { seen: undefined }), RangeError);
  await rejects(async () => monitorOwnKeys(key, answer, [alice.publicKeys.encoded, bob.publicKeys.encoded], { seen: undefined }), RangeError);
});

test("selfMonitoring_afterTheFirstLook_everyAddedEntryIsRead_soAForeignKeyLeftOffTheListIsCaught", async () => {
  const log = await TestLog.make(ORIGIN, "scanned log");
  const key = await parseVerifierKey(await log.verifierKey());
  const alice = await user("alice");
  const own = [alice.publicKeys.encoded];
  await log.add(alice.publicKeys);
  await log.add((await user("bob")).publicKeys);
  await log.add((await user("carol")).publicKeys);
  const first = await monitorOwnKeys(key, await served(log, alice.user, 0), own, {});
  equal(first.monitored!.size, 3);
  await log.add((await user("dave")).publicKeys);
  const foreign = await log.add((await user("alice")).publicKeys, "KEY_CHANGE");
  await log.add((await user("erin")).publicKeys);
  // The operator leaves the substitute off the list of alice's entries: the list alone hides it.
  const answer = await served(log, alice.user, 3);
  const hiding = { ...answer, entries: answer.entries.filter((e) => e.index !== foreign) };
  equal((await monitorOwnKeys(key, hiding, own, { seen: first.checkpoint })).alarms.length, 0, "a first look trusts the list");
  // Reading every entry added since the last look finds it.
  const added = log.leaves.slice(3);
  const scanned = { ...hiding, frontier: await log.frontier(3), added };
  const state = { seen: first.checkpoint, monitored: first.monitored };
  const found = await monitorOwnKeys(key, scanned, own, state);
  equal(found.alarms.map((a) => `${a.kind} ${a.entry}`).join(), `FOREIGN_KEY ${foreign}`);
  equal(found.monitored!.size, 6);
  // Listed as well, it is reported once.
  equal((await monitorOwnKeys(key, { ...answer, frontier: await log.frontier(3), added }, own, state)).alarms.length, 1);
  // Left out of the added entries too, or replaced, or over another frontier: the entries no
  // longer make the signed tree.
  const dropped = added.filter((_, i) => i + 3 !== foreign);
  const replaced = added.map((l, i) => (i + 3 === foreign ? log.leaves[1]! : l));
  const otherFrontier = await log.frontier(2);
  for (const forged of [{ added: dropped }, { added: replaced }, { frontier: otherFrontier }, { frontier: [] }]) {
    const r = await monitorOwnKeys(key, { ...scanned, ...forged }, own, state);
    equal(r.alarms.map((a) => a.kind).join(), "LOG_REWRITTEN", JSON.stringify(Object.keys(forged)));
  }
  // Nothing added since the last look: nothing to say, and the look moves on.
  const later = await served(log, alice.user, 6);
  const again = await monitorOwnKeys(key, { ...later, entries: later.entries.filter((e) => e.index !== foreign), frontier: await log.frontier(6), added: [] }, own, { seen: found.checkpoint, monitored: found.monitored });
  equal(again.alarms.length, 0, JSON.stringify(again.alarms));
  equal(again.monitored!.size, 6);
});
