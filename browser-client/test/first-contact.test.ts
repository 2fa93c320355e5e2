import { AccessCode, accessCodeBinding, makeAccessCodeCheck, stretchAccessCode } from "../src/access-code.js";
import {
  FirstContactRefusedError,
  IntegrityError,
  KeyChangedError,
  KeyDowngradeError,
  KeyLogError,
  SafetyWordsMismatchError,
  UnverifiedKeyError,
} from "../src/errors.js";
import { CONFIRM_FIRST_CONTACT, confirmFirstContact, keysToRelease, type FirstContactRule } from "../src/first-contact.js";
import { fulfilDeliveryGrant, fulfilRoomGrant } from "../src/grants.js";
import { EnvelopeContexts } from "../src/contexts.js";
import { kdfPolicy } from "../src/keyblob.js";
import { checkLoggedKey, parseVerifierKey } from "../src/key-log.js";
import { PublicKeys } from "../src/keys.js";
import { encodeManifestV2, fileNameDigest } from "../src/manifest-v2.js";
import { KeyPinning, MemoryPinStore } from "../src/pinning.js";
import { derivePinSealKey, sealPin } from "../src/pins.js";
import { safetyWords } from "../src/safety-words.js";
import { activate, generateSecrets, unlock, type Session } from "../src/session.js";
import { SymmetricKey } from "../src/symmetric-key.js";
import { bytesEqual, equal, ok, rejects } from "./assert.js";
import { test } from "./harness.js";
import { deterministicRandom } from "./support.js";
import { TestLog } from "./test-log.js";

/**
 * Pins and first contact in the browser, as the Java SDK decides them: pins written as version-2
 * seals that record the suite, a key downgrade refused, the release rule of the grant engine
 * (access-code binding, pins, the host's policy, safety words) and the key log's check before a
 * wrap. Each attack a storage operator can make here is performed.
 */

const FAST = kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 1 }, { allowWeakForTests: true });
const CODE_COST = kdfPolicy({ memoryKiB: 1024, iterations: 1, parallelism: 1 }, { allowWeakForTests: true });
const PASS = "first contact";

async function user(name: string, suite: 1 | 2 = 2): Promise<Session> {
  return (await activate(name.includes("@") || name.startsWith("guest-") ? name : `${name}@example.org`, PASS, { kdf: FAST, suite })).session;
}

test("pins_sessionSealsVersion2_withTheSuite_andADowngradeIsRefused", async () => {
  const alice = await user("alice");
  // Bob's keys made in suite 1, then migrated to suite 2 at an unlock: the same keys (same
  // fingerprint), with an X-Wing key added.
  const made = await activate("bob@example.org", PASS, { kdf: FAST, suite: 1 });
  const migrated = await unlock(made.record, PASS, { kdf: FAST, suite: 2 });
  const classical = await PublicKeys.parse(made.record.publicKeys);
  const postQuantum = await PublicKeys.parse(migrated.resealed!.publicKeys);
  equal(postQuantum.fingerprint, classical.fingerprint, "the same keys");
  const store = new MemoryPinStore();
  const pinning = new KeyPinning(alice, store);
  // Pinned in suite 1, then shown in suite 2: accepted and re-pinned at suite 2.
  await pinning.verifiedKeys(classical);
  const first = (await store.find(alice.user, "bob@example.org"))!;
  equal(first.seal[0], 2, "a version-2 seal");
  equal((await alice.openPin(first.seal, first.subject, first.version, first.fingerprint)).suite, 1);
  await pinning.verifiedKeys(postQuantum);
  const upgraded = (await store.find(alice.user, "bob@example.org"))!;
  equal((await alice.openPin(upgraded.seal, upgraded.subject, upgraded.version, upgraded.fingerprint)).suite, 2, "re-pinned at suite 2");
  // The storage serves the bundle of before the migration: a downgrade, refused.
  const e = await rejects(() => pinning.verifiedKeys(classical), KeyDowngradeError);
  equal(e.javaName, "KeyDowngradeException");
  ok(e instanceof IntegrityError, "a kind of IntegrityError, as in Java");
  await rejects(() => pinning.reverify(classical, classical.fingerprint), KeyDowngradeError);
  equal(await pinning.standing(postQuantum), "PINNED");
  // The current keys still pass.
  await pinning.verifiedKeys(postQuantum);
});

test("pins_changedKeys_alteredSeals_andVersion1Seals_asInJava", async () => {
  // Alice's keys from a known random stream, so the test can make a version-1 seal as an older
  // client did (the session writes version 2 only).
  const alice = (await activate("alice@example.org", PASS, { kdf: FAST, suite: 1, random: await deterministicRandom("alice keys", 4096) })).session;
  const secrets = generateSecrets(await deterministicRandom("alice keys", 4096), 1);
  const bob = await user("bob");
  const impostor = await user("bob"); // other keys under Bob's name, as an operator would store them
  const store = new MemoryPinStore();
  const pinning = new KeyPinning(alice, store);
  await pinning.verifiedKeys(bob.publicKeys);
  const changed = await rejects(() => pinning.verifiedKeys(impostor.publicKeys), KeyChangedError);
  equal(changed.presented, impostor.fingerprint);
  equal(await pinning.standing(impostor.publicKeys), "DIFFERENT");
  // A seal altered in the store.
  const pin = (await store.find(alice.user, bob.user))!;
  const altered = pin.seal.slice();
  altered[altered.length - 1]! ^= 1;
  await store.save(alice.user, { ...pin, seal: altered });
  await rejects(() => pinning.verifiedKeys(bob.publicKeys), IntegrityError);
  // A pin another observer sealed does not pass for alice's.
  const carol = await user("carol");
  await store.save(alice.user, { ...pin, seal: await carol.sealPin(bob.user, 1, bob.fingerprint) });
  await rejects(() => pinning.verifiedKeys(bob.publicKeys), IntegrityError);
  // A version-1 seal (made by an older client) is valid, and re-sealed as version 2 at its next use.
  const v1 = await sealPin(await derivePinSealKey(secrets, alice.user, alice.version), alice.user, alice.version, bob.user, 1, bob.fingerprint);
  await store.save(alice.user, { ...pin, seal: v1 });
  equal((await alice.openPin(v1, bob.user, 1, bob.fingerprint)).version, 1);
  await pinning.verifiedKeys(bob.publicKeys);
  equal((await store.find(alice.user, bob.user))!.seal[0], 2, "re-sealed as version 2");
  // Re-verification after a compared fingerprint keeps the earlier pin as history.
  const reset = await activate(bob.user, PASS, { kdf: FAST, version: 2 });
  await rejects(() => pinning.verifiedKeys(reset.session.publicKeys), KeyChangedError);
  await rejects(() => pinning.reverify(reset.session.publicKeys, bob.fingerprint), KeyChangedError);
  await pinning.reverify(reset.session.publicKeys, reset.session.fingerprint);
  const now = (await store.find(alice.user, bob.user))!;
  const opened = await alice.openPin(now.seal, now.subject, now.version, now.fingerprint);
  equal(opened.trust, 2, "fingerprint compared");
  equal(JSON.stringify(opened.history), JSON.stringify([{ version: 1, fingerprint: bob.fingerprint, trust: 1 }]));
  equal(await pinning.standing(bob.publicKeys), "PINNED", "the retired keys stay trusted for old signatures");
});

/** A level-4 delivery from `sender` to `recipient`, with the sender's own envelope. */
async function delivery(sender: Session, recipient: string, key: SymmetricKey, id = "d-1") {
  const payload = encodeManifestV2({
    delivery: id,
    level: 4,
    sender: sender.user,
    createdAt: 1_772_355_600_123,
    expiresAt: 1_772_355_600_123 + 86_400_000,
    recipients: [recipient],
    files: [{ file: "f-1", nameDigest: await fileNameDigest(new Uint8Array([1])), size: 5, storedSize: 60, digest: new Uint8Array(32) }],
    detailsDigest: new Uint8Array(32),
    keyCommitment: await key.commitment(),
  });
  return {
    delivery: id,
    level: 4,
    signedManifest: await sender.sign("DELIVERY_MANIFEST", payload),
    ownEnvelope: await sender.sealEnvelope(sender.publicKeys, EnvelopeContexts.delivery(id, 4), key),
  };
}

const GUEST = "guest-0123456789abcdef0123456789abcdef";

test("firstContact_accessCode_releasesOnlyToTheKeysBoundToTheCode", async () => {
  const alice = await user("alice");
  const key = SymmetricKey.generate();
  const sent = await delivery(alice, GUEST, key);
  // The sender's client makes the code and the check the invitation stores.
  const code = AccessCode.parse("7KQ2-MZ4D-W9XH");
  const check = await makeAccessCodeCheck(await stretchAccessCode(code, "d-1", GUEST, CODE_COST), key, "d-1", GUEST, CODE_COST);
  // The guest's client binds its new keys to the code it was told.
  const guest = await user(GUEST);
  const binding = await accessCodeBinding(AccessCode.parse("7kq2 mz4d w9xh"), check, "d-1", GUEST, 1, guest.publicKeys.encoded);
  const rule: FirstContactRule = { pinning: new KeyPinning(alice, new MemoryPinStore()), policy: () => "CONFIRM" };
  // An operator who stores keys of their own under the guest's account (with or without copying
  // the guest's binding) gets nothing released.
  const operator = await user(GUEST);
  const grant = { ...sent, recipient: guest.publicKeys, accessCodeCheck: check, binding };
  equal((await rejects(() => fulfilDeliveryGrant(alice, { ...grant, recipient: operator.publicKeys }, rule), FirstContactRefusedError)).reason, "BINDING_WRONG");
  equal((await rejects(() => fulfilDeliveryGrant(alice, { ...grant, binding: undefined }, rule), FirstContactRefusedError)).reason, "BINDING_MISSING");
  const forgedBinding = binding.slice();
  forgedBinding[10]! ^= 1;
  await rejects(() => fulfilDeliveryGrant(alice, { ...grant, binding: forgedBinding }, rule), FirstContactRefusedError);
  // An altered check is damage, not a refusal to retry.
  const alteredCheck = check.slice();
  alteredCheck[60]! ^= 1;
  await rejects(() => fulfilDeliveryGrant(alice, { ...grant, accessCodeCheck: alteredCheck }, rule), IntegrityError);
  // The guest's own keys: released without the safety words (the code verified them), and pinned as verified.
  const envelope = await fulfilDeliveryGrant(alice, grant, rule);
  bytesEqual((await guest.openEnvelope(envelope, alice.publicKeys, EnvelopeContexts.delivery("d-1", 4))).exportBytes(), key.exportBytes());
  equal(await rule.pinning.standing(guest.publicKeys), "PINNED");
  // Messages never carry the code, the stretched key or the content key.
  for (const e of [new FirstContactRefusedError(GUEST, "BINDING_WRONG"), new UnverifiedKeyError(GUEST, guest.fingerprint)]) {
    ok(!e.message.includes("7KQ2") && !e.message.includes("MZ4D"), "no code in messages");
  }
});

test("firstContact_withoutCode_holdsUntilTheSenderConfirmsTheSafetyWords_unlessTrustOnFirstUse", async () => {
  const alice = await user("alice");
  const bob = await user("bob");
  const key = SymmetricKey.generate();
  const sent = await delivery(alice, bob.user, key);
  const grant = { ...sent, recipient: bob.publicKeys };
  const rule: FirstContactRule = { pinning: new KeyPinning(alice, new MemoryPinStore()), policy: () => "CONFIRM" };
  const held = await rejects(() => fulfilDeliveryGrant(alice, grant, rule), UnverifiedKeyError);
  equal(held.presented, bob.fingerprint);
  equal(await rule.pinning.hasPin(bob.user), false, "nothing pinned while held");
  // Words of other keys (someone else chose the SecuPass) are refused; nothing is pinned.
  const mallory = await user("mallory");
  await rejects(async () => confirmFirstContact(rule, bob.publicKeys, (await safetyWords(mallory.fingerprint)).join(" ")), SafetyWordsMismatchError);
  equal(await rule.pinning.hasPin(bob.user), false);
  // Bob reads his words out; Alice types them (case, commas and hyphens do not matter).
  const words = await safetyWords(bob.fingerprint);
  await confirmFirstContact(rule, bob.publicKeys, words.join(", ").toUpperCase());
  const envelope = await fulfilDeliveryGrant(alice, grant, rule);
  bytesEqual((await bob.openEnvelope(envelope, alice.publicKeys, EnvelopeContexts.delivery("d-1", 4))).exportBytes(), key.exportBytes());
  // Once pinned, other keys under Bob's name are a key change, not a first contact.
  const replaced = await user("bob");
  await rejects(() => fulfilDeliveryGrant(alice, { ...grant, recipient: replaced.publicKeys }, rule), KeyChangedError);
  // Trust on first use, chosen by the host, releases at once.
  const tofu: FirstContactRule = { pinning: new KeyPinning(alice, new MemoryPinStore()), policy: () => "TRUST_ON_FIRST_USE" };
  await fulfilDeliveryGrant(alice, grant, tofu);
  equal(await tofu.pinning.standing(bob.publicKeys), "PINNED");
});

test("firstContact_aPinSeenWhenReading_releasesNothingUntilTheSafetyWords_andAnOperatorsKeysGetNothing", async () => {
  const alice = await user("alice");
  const bob = await user("bob");
  const operator = await user("bob"); // the operator's keys under Bob's name
  const key = SymmetricKey.generate();
  const grant = { ...(await delivery(alice, bob.user, key)), recipient: operator.publicKeys };
  const rule: FirstContactRule = { pinning: new KeyPinning(alice, new MemoryPinStore()), policy: CONFIRM_FIRST_CONTACT };
  // Alice checked a signature "from Bob" under the keys the server presented: pinned on first use.
  await rule.pinning.verifiedKeys(operator.publicKeys);
  equal(await rule.pinning.hasPin(bob.user), true);
  equal(await rule.pinning.hasVerifiedPin(bob.user), false, "seen when reading, not verified");
  // Her reply is held, with the words of the keys she read with; nothing is wrapped.
  const held = await rejects(() => fulfilDeliveryGrant(alice, grant, rule), UnverifiedKeyError);
  equal(held.presented, operator.fingerprint);
  // Bob's real words are not those of the operator's keys: refused, nothing verified.
  await rejects(async () => confirmFirstContact(rule, operator.publicKeys, (await safetyWords(bob.fingerprint)).join(" ")), SafetyWordsMismatchError);
  equal(await rule.pinning.hasVerifiedPin(bob.user), false);
  // Bob's real keys presented later are a change of the pin made when reading, not a release.
  await rejects(() => fulfilDeliveryGrant(alice, { ...grant, recipient: bob.publicKeys }, rule), KeyChangedError);
  // A room grant under the same rule is held the same way.
  const epoch = {
    epoch: 1,
    envelope: await alice.sealEnvelope(alice.publicKeys, EnvelopeContexts.roomEpoch("room-1", 1), key),
    granter: alice.publicKeys,
    commitment: await key.commitment(),
  };
  await rejects(() => fulfilRoomGrant(alice, "room-1", [epoch], operator.publicKeys, rule), UnverifiedKeyError);
  // With an honest pin seen when reading, Bob's words release the reply and verify the pin.
  const honest: FirstContactRule = { pinning: new KeyPinning(alice, new MemoryPinStore()), policy: CONFIRM_FIRST_CONTACT };
  await honest.pinning.verifiedKeys(bob.publicKeys);
  const reply = { ...grant, recipient: bob.publicKeys };
  await rejects(() => fulfilDeliveryGrant(alice, reply, honest), UnverifiedKeyError);
  await confirmFirstContact(honest, bob.publicKeys, (await safetyWords(bob.fingerprint)).join(" "));
  equal(await honest.pinning.hasVerifiedPin(bob.user), true);
  const envelope = await fulfilDeliveryGrant(alice, reply, honest);
  bytesEqual((await bob.openEnvelope(envelope, alice.publicKeys, EnvelopeContexts.delivery("d-1", 4))).exportBytes(), key.exportBytes());
  equal((await fulfilRoomGrant(alice, "room-1", [epoch], bob.publicKeys, honest)).length, 1);
  // Trust on first use, chosen by the host, releases to a pin seen when reading.
  const tofu: FirstContactRule = { pinning: rule.pinning, policy: () => "TRUST_ON_FIRST_USE" };
  await fulfilDeliveryGrant(alice, grant, tofu);
});

test("keyLog_beforeAWrap_inclusionAndConsistency_andEachAttackRefused", async () => {
  const log = await TestLog.make("example.com/secupass-keys", "test log");
  const key = await parseVerifierKey(await log.verifierKey());
  const users = await Promise.all(["u1", "u2", "u3", "u4", "u5"].map((n) => user(n)));
  for (const u of users) {
    await log.add(u.publicKeys);
  }
  const bob = await user("bob");
  const bobIndex = await log.add(bob.publicKeys);
  const seen = await log.checkpoint(3);
  // The honest log: in the checkpoint, extending the one seen before.
  const relied = await checkLoggedKey(key, await log.proof(bobIndex, 3), bob.user, 1, bob.publicKeys.encoded, seen);
  equal(relied.size, 6);
  // Keys the log never held (an operator's substitute).
  const substitute = await user("bob");
  equal((await rejects(async () => checkLoggedKey(key, await log.proof(bobIndex, 3), bob.user, 1, substitute.publicKeys.encoded, seen), KeyLogError)).kind, "NOT_LOGGED");
  // A proof that does not lead to the signed root.
  const bad = await log.proof(bobIndex, 3);
  const inclusion = bad.inclusion.map((h) => h.slice());
  inclusion[0]![0]! ^= 1;
  equal((await rejects(async () => checkLoggedKey(key, { ...bad, inclusion }, bob.user, 1, bob.publicKeys.encoded, seen), KeyLogError)).kind, "NOT_INCLUDED");
  // A log rewritten behind the sender's back (a fork): the seen checkpoint is not its prefix.
  const forked = await TestLog.make("example.com/secupass-keys", "test log");
  await forked.add(substitute.publicKeys);
  for (const u of users.slice(1)) {
    await forked.add(u.publicKeys);
  }
  const forkIndex = await forked.add(bob.publicKeys);
  equal((await rejects(async () => checkLoggedKey(key, await forked.proof(forkIndex, 3), bob.user, 1, bob.publicKeys.encoded, seen), KeyLogError)).kind, "FORKED");
  // A checkpoint signed with another key, or of another log.
  const stranger = await TestLog.make("example.com/secupass-keys", "another key");
  for (const u of [...users, bob]) {
    await stranger.add(u.publicKeys);
  }
  equal((await rejects(async () => checkLoggedKey(key, await stranger.proof(bobIndex, 3), bob.user, 1, bob.publicKeys.encoded, seen), KeyLogError)).kind, "BAD_CHECKPOINT");
  // The rule runs the check before anything is wrapped or pinned.
  const alice = await user("alice");
  const contentKey = SymmetricKey.generate();
  const sent = await delivery(alice, bob.user, contentKey);
  const rule: FirstContactRule = {
    pinning: new KeyPinning(alice, new MemoryPinStore()),
    policy: () => "TRUST_ON_FIRST_USE",
    vouch: async (keys) => void (await checkLoggedKey(key, await log.proof(bobIndex, 0), keys.user, keys.version, keys.encoded, undefined)),
  };
  await rejects(() => keysToRelease(rule, { ...sent, recipient: substitute.publicKeys }, contentKey), KeyLogError);
  equal(await rule.pinning.hasPin(bob.user), false, "nothing pinned");
  const released = await keysToRelease(rule, { ...sent, recipient: bob.publicKeys }, contentKey);
  equal(released.fingerprint, bob.fingerprint);

});

test("accessCodes_neverAppearInMessagesOrStrings", async () => {
  const code = AccessCode.generate();
  const shown = code.reveal();
  ok(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.test(shown), "twelve Crockford symbols");
  const key = SymmetricKey.generate();
  const stretched = await stretchAccessCode(code, "d-1", GUEST, CODE_COST);
  const check = await makeAccessCodeCheck(stretched, key, "d-1", GUEST, CODE_COST);
  const guest = await user(GUEST);
  const texts = [String(code), JSON.stringify({ code }), `${code}`];
  const typo = AccessCode.parse((shown[0] === "0" ? "1" : "0") + shown.slice(1));
  const damaged = check.slice();
  damaged[70]! ^= 1;
  const alice = await user("alice");
  const rule: FirstContactRule = { pinning: new KeyPinning(alice, new MemoryPinStore()), policy: () => "CONFIRM" };
  for (const action of [
    () => accessCodeBinding(typo, check, "d-1", GUEST, 1, guest.publicKeys.encoded),
    async () => AccessCode.parse(shown + "X"),
    async () => AccessCode.parse(shown.replace(/.$/, "U")),
    () => keysToRelease(rule, { delivery: "d-1", level: 4, recipient: guest.publicKeys, accessCodeCheck: damaged, binding: new Uint8Array(37) }, key),
    () => keysToRelease(rule, { delivery: "d-1", level: 4, recipient: guest.publicKeys, accessCodeCheck: check, binding: new Uint8Array(37) }, key),
  ]) {
    try {
      await action();
      ok(false, "each action fails");
    } catch (e) {
      texts.push(String(e), (e as Error).stack ?? "");
    }
  }
  const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  for (const text of texts) {
    for (const secret of [shown, shown.replace(/-/g, ""), shown.slice(0, 4) + shown.slice(5, 9), hexOf(stretched), hexOf(key.exportBytes())]) {
      ok(!text.includes(secret), `a secret in ${text}`);
    }
  }
  equal(String(code), "AccessCode[redacted]");
});
