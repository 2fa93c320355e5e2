import { EnvelopeContexts } from "../src/contexts.js";
import {
  IntegrityError,
  InvalidKeyBlobError,
  InvalidSignatureError,
  SecuPassError,
  SessionClosedError,
  WrongSecuPassError,
} from "../src/errors.js";
import { toHex } from "../src/internal/bytes.js";
import { ed25519Verify } from "../src/internal/primitives.js";
import { DEFAULT_KDF, kdfPolicy } from "../src/keyblob.js";
import { encodeBundle, PublicKeys, signedInput } from "../src/keys.js";
import { checkPin } from "../src/pins.js";
import { activate, changeSecuPass, Session, unlock, type KeyRecord } from "../src/session.js";
import { parseStatement, verifiedPayload } from "../src/signed.js";
import { SymmetricKey } from "../src/symmetric-key.js";
import { bytesEqual, equal, ok, rejects } from "./assert.js";
import { test } from "./harness.js";

/** Activation, unlock, change, sessions, envelopes, signatures and pins, end to end. */

const FAST = kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 1 }, { allowWeakForTests: true });
const PASS = "Grüße aus Köln, 7 Hasen";

test("activate_thenUnlock_opensTheSameKeys", async () => {
  const { record, session } = await activate("alice@example.org", PASS, { kdf: FAST });
  equal(record.version, 1);
  equal(record.kdf.memoryKiB, 64);
  const keys = await PublicKeys.ofRecord(record);
  equal(keys.fingerprint, session.fingerprint);
  ok(/^(\d{5} ){7}\d{5}$/.test(keys.fingerprint), "eight groups of five digits");
  const { session: again, resealed } = await unlock(record, PASS, { kdf: FAST });
  bytesEqual(again.publicKeys.encoded, record.publicKeys);
  equal(resealed, undefined);
  // What one session signs the other's public keys verify.
  const signed = await again.sign("MEMBERSHIP_ENTRY", new Uint8Array([1, 2, 3]));
  bytesEqual(await verifiedPayload(parseStatement(signed), keys, "MEMBERSHIP_ENTRY"), new Uint8Array([1, 2, 3]));
});

test("unlock_wrongSecuPass_throwsWrongSecuPass_withoutTheSecuPassInTheMessage", async () => {
  const { record } = await activate("alice@example.org", PASS, { kdf: FAST });
  const error = await rejects(() => unlock(record, "Grüße aus Köln, 7 Hasen!", { kdf: FAST }), WrongSecuPassError);
  equal(error.user, "alice@example.org");
  ok(!error.message.includes("Hasen"), "no SecuPass in the message");
});

test("unlock_secuPassTypedDecomposed_opensTheKeysOfTheComposedOne", async () => {
  const { record } = await activate("alice@example.org", PASS.normalize("NFC"), { kdf: FAST });
  await unlock(record, PASS.normalize("NFD"), { kdf: FAST });
  await rejects(() => activate("alice@example.org", "\ud800 lone surrogate", { kdf: FAST }), RangeError);
  await rejects(() => activate("alice@example.org", "", { kdf: FAST }), RangeError);
});

test("unlock_foreignOrDamagedRecord_throwsInvalidKeyBlob_neverWrongSecuPass", async () => {
  const alice = (await activate("alice@example.org", PASS, { kdf: FAST })).record;
  const bob = (await activate("bob@example.org", PASS, { kdf: FAST })).record;
  const cases: KeyRecord[] = [
    { ...bob, encryptedPrivateKeys: alice.encryptedPrivateKeys },
    { ...alice, publicKeys: bob.publicKeys },
    { ...alice, version: 2 },
    { ...alice, kdf: { ...FAST, iterations: 2 } },
    { ...alice, encryptedPrivateKeys: alice.encryptedPrivateKeys.subarray(0, 100) },
  ];
  for (const record of cases) {
    await rejects(() => unlock(record, PASS, { kdf: FAST }), InvalidKeyBlobError);
  }
  for (let i = 0; i < alice.encryptedPrivateKeys.length; i++) {
    const blob = alice.encryptedPrivateKeys.slice();
    blob[i]! ^= 0x10;
    // A flipped byte anywhere is caught by the checksum before Argon2id runs (or is a version).
    const error = await rejects(() => unlock({ ...alice, encryptedPrivateKeys: blob }, PASS, { kdf: FAST }), SecuPassError);
    ok(!(error instanceof WrongSecuPassError), `byte ${i}: ${error.name}`);
  }
});

test("unlock_blobWeakerThanThePolicy_isResealedUnderThePolicy", async () => {
  const { record } = await activate("alice@example.org", PASS, { kdf: FAST });
  const stronger = kdfPolicy({ memoryKiB: 256, iterations: 2, parallelism: 1 }, { allowWeakForTests: true });
  const { resealed } = await unlock(record, PASS, { kdf: stronger });
  ok(resealed !== undefined, "re-sealed");
  equal(resealed.kdf.memoryKiB, 256);
  const { session } = await unlock(resealed, PASS, { kdf: stronger });
  bytesEqual(session.publicKeys.encoded, record.publicKeys, "the same keys");
});

test("changeSecuPass_keepsTheKeys_andTheOldSecuPassNoLongerOpensThem", async () => {
  const { record } = await activate("alice@example.org", PASS, { kdf: FAST });
  const changed = await changeSecuPass(record, PASS, "a new SecuPass", { kdf: FAST });
  bytesEqual(changed.publicKeys, record.publicKeys);
  await unlock(changed, "a new SecuPass", { kdf: FAST });
  await rejects(() => unlock(changed, PASS, { kdf: FAST }), WrongSecuPassError);
  await rejects(() => changeSecuPass(record, "wrong", "x", { kdf: FAST }), WrongSecuPassError);
});

test("kdfPolicy_belowTheDefaultOrOutOfBounds_isRefused", async () => {
  equal(DEFAULT_KDF.memoryKiB, 65536);
  equal(DEFAULT_KDF.iterations, 3);
  equal(DEFAULT_KDF.parallelism, 1);
  await rejects(async () => kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 1 }), RangeError);
  await rejects(async () => kdfPolicy({ memoryKiB: 65536, iterations: 2, parallelism: 1 }), RangeError);
  await rejects(async () => kdfPolicy({ memoryKiB: (1 << 20) + 1, iterations: 3, parallelism: 1 }), RangeError);
  await rejects(async () => kdfPolicy({ memoryKiB: 65536, iterations: 33, parallelism: 1 }), RangeError);
  await rejects(async () => kdfPolicy({ memoryKiB: 65536, iterations: 3, parallelism: 17 }), RangeError);
  await rejects(async () => kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 9 }, { allowWeakForTests: true }), RangeError);
});

test("session_afterClose_refusesEveryUse", async () => {
  const { session } = await activate("alice@example.org", PASS, { kdf: FAST });
  session.close();
  ok(session.closed);
  await rejects(() => session.sign("MEMBERSHIP_ENTRY", new Uint8Array(1)), SessionClosedError);
  await rejects(() => session.sealEnvelope(session.publicKeys, EnvelopeContexts.delivery("d-1", 3), SymmetricKey.generate()), SessionClosedError);
  await rejects(() => session.openEnvelope(new Uint8Array(10), session.publicKeys, EnvelopeContexts.delivery("d-1", 3)), SessionClosedError);
  await rejects(() => session.sealPin("bob@example.org", 1, "00000 00000 00000 00000"), SessionClosedError);
});

test("envelope_fromAliceToBob_opensOnlyForBob_inItsContext", async () => {
  const alice = (await activate("alice@example.org", PASS, { kdf: FAST })).session;
  const bob = (await activate("bob@example.org", PASS, { kdf: FAST })).session;
  const carol = (await activate("carol@example.org", PASS, { kdf: FAST })).session;
  const key = SymmetricKey.generate();
  const context = EnvelopeContexts.roomEpoch("room-1", 2);
  const envelope = await alice.sealEnvelope(bob.publicKeys, context, key);
  bytesEqual((await bob.openEnvelope(envelope, alice.publicKeys, context)).exportBytes(), key.exportBytes());
  await rejects(() => carol.openEnvelope(envelope, alice.publicKeys, context), IntegrityError);
  await rejects(() => bob.openEnvelope(envelope, alice.publicKeys, EnvelopeContexts.roomEpoch("room-1", 3)), IntegrityError);
  await rejects(() => bob.openEnvelope(envelope, carol.publicKeys, context), InvalidSignatureError);
});

test("pins_sealedByTheObserver_checkValid_andAlteredOrForeignOnesDoNot", async () => {
  const alice = (await activate("alice@example.org", PASS, { kdf: FAST })).session;
  const bob = (await activate("bob@example.org", PASS, { kdf: FAST })).session;
  const seal = await alice.sealPin("bob@example.org", 1, bob.fingerprint);
  equal(seal[0], 2, "the session writes version-2 seals, as the Java SDK does");
  equal(seal.length, 1 + 4 + 1 + 1 + 2 + 32);
  equal(await alice.checkPin(seal, "bob@example.org", 1, bob.fingerprint), "VALID");
  equal(await alice.checkPin(seal, "bob@example.org", 2, bob.fingerprint), "INVALID");
  equal(await alice.checkPin(seal, "bob@example.org", 1, alice.fingerprint), "INVALID");
  equal(await bob.checkPin(seal, "bob@example.org", 1, bob.fingerprint), "INVALID");
  // A seal claiming a key version of the observer newer than its own, or an empty one, is an
  // altered pin (docs/format.md, "Checking a stored pin"); an older version is not checkable.
  const newerVersion = seal.slice();
  newerVersion[4] = 7;
  equal(await alice.checkPin(newerVersion, "bob@example.org", 1, bob.fingerprint), "INVALID");
  equal(await alice.checkPin(new Uint8Array(0), "bob@example.org", 1, bob.fingerprint), "INVALID");
  equal(await checkPin(seal, new Uint8Array(32), "alice@example.org", 8, "bob@example.org", 1, bob.fingerprint), "UNVERIFIABLE");
  equal(await alice.checkPin(seal.subarray(0, 35), "bob@example.org", 1, bob.fingerprint), "INVALID");
});

test("ed25519_malleableOrSmallOrderSignatures_areRefused", async () => {
  const alice = (await activate("alice@example.org", PASS, { kdf: FAST })).session;
  const message = new Uint8Array([9, 9, 9]);
  const statement = parseStatement(await alice.sign("MEMBERSHIP_ENTRY", message));
  const key = alice.publicKeys.signingKey;
  ok(await ed25519Verify(key, signedInput(statement.signed), statement.signature), "the genuine signature verifies");
  // S + L: the same signature in a non-canonical encoding (RFC 8032 §5.1.7 requires S < L).
  const L = (1n << 252n) + 27742317777372353535851937790883648493n;
  let s = 0n;
  for (let i = 31; i >= 0; i--) {
    s = (s << 8n) | BigInt(statement.signature[32 + i]!);
  }
  const malleated = statement.signature.slice();
  let t = s + L;
  for (let i = 0; i < 32; i++) {
    malleated[32 + i] = Number(t & 0xffn);
    t >>= 8n;
  }
  ok(!(await ed25519Verify(key, signedInput(statement.signed), malleated)), "S + L is refused");
  // The identity and other points of small order as a public key, with any signature.
  const identity = new Uint8Array(32);
  identity[0] = 1;
  ok(!(await ed25519Verify(identity, signedInput(statement.signed), statement.signature)), "identity key refused");
  const nonCanonical = new Uint8Array(32).fill(0xff);
  nonCanonical[31] = 0x7f;
  ok(!(await ed25519Verify(nonCanonical, signedInput(statement.signed), statement.signature)), "y >= p refused");
});

test("secrets_neverAppearInMessagesOrStrings", async () => {
  const { record, session } = await activate("alice@example.org", PASS, { kdf: FAST });
  const key = SymmetricKey.generate();
  const secretHex = toHex(key.exportBytes());
  const texts = [String(key), JSON.stringify({ key }), String(session), JSON.stringify({ session })];
  for (const action of [
    () => unlock(record, "wrong one", { kdf: FAST }),
    () => unlock({ ...record, version: 3 }, PASS, { kdf: FAST }),
    () => session.openEnvelope(new Uint8Array(200), session.publicKeys, EnvelopeContexts.delivery("d-1", 4)),
  ]) {
    try {
      await action();
    } catch (e) {
      texts.push(String(e), (e as Error).stack ?? "");
    }
  }
  for (const text of texts) {
    ok(!text.includes(PASS) && !text.includes("Hasen"), `SecuPass in ${text}`);
    ok(!text.includes(secretHex), `key in ${text}`);
  }
  equal(String(key), "SymmetricKey[hidden]");
  key.wipe();
  await rejects(async () => key.exportBytes(), Error);
});

test("activate_asAResetsNewVersion_makesKeysOfThatVersion", async () => {
  const { record, session } = await activate("alice@example.org", PASS, { kdf: FAST, version: 2 });
  equal(record.version, 2);
  equal(session.version, 2);
  equal((await PublicKeys.ofRecord(record)).version, 2);
  await unlock(record, PASS, { kdf: FAST });
  // The blob names its version: stored under another version it is foreign.
  await rejects(() => unlock({ ...record, version: 1 }, PASS, { kdf: FAST }), InvalidKeyBlobError);
});

test("suite2_activationMakesXWingKeys_andEnvelopesFollowTheRecipientsSuite", async () => {
  const paula = await activate("paula@example.org", PASS, { kdf: FAST });
  const carl = await activate("carl@example.org", PASS, { kdf: FAST, suite: 1 });
  equal(paula.session.publicKeys.suite, 2, "suite 2 by default, as the Java SDK's KeySuite.X_WING");
  equal(paula.record.publicKeys.length, 1356 + "paula@example.org".length);
  equal(paula.record.encryptedPrivateKeys[5], 2, "a suite-2 key blob");
  equal(paula.record.encryptedPrivateKeys.length, 196 + "paula@example.org".length);
  equal(carl.session.publicKeys.suite, 1);
  const key = SymmetricKey.generate();
  const context = EnvelopeContexts.delivery("d-7", 4);
  // To a suite-2 recipient the envelope is X-Wing whatever the granter's suite, and the reverse.
  const toPaula = await carl.session.sealEnvelope(paula.session.publicKeys, context, key);
  equal(toPaula[5], 2);
  bytesEqual((await paula.session.openEnvelope(toPaula, carl.session.publicKeys, context)).exportBytes(), key.exportBytes());
  const toCarl = await paula.session.sealEnvelope(carl.session.publicKeys, context, key);
  equal(toCarl[5], 1);
  bytesEqual((await carl.session.openEnvelope(toCarl, paula.session.publicKeys, context)).exportBytes(), key.exportBytes());
  // Unlocking opens the same three keys.
  const again = (await unlock(paula.record, PASS, { kdf: FAST })).session;
  bytesEqual((await again.openEnvelope(toPaula, carl.session.publicKeys, context)).exportBytes(), key.exportBytes());
  // An envelope relabelled as suite 1 does not parse as one; another recipient cannot open it.
  const relabelled = toPaula.slice();
  relabelled[5] = 1;
  await rejects(() => paula.session.openEnvelope(relabelled, carl.session.publicKeys, context), IntegrityError);
  const quentin = await activate("quentin@example.org", PASS, { kdf: FAST });
  await rejects(() => quentin.session.openEnvelope(toPaula, carl.session.publicKeys, context), IntegrityError);
});

test("suite2_unlockAddsAnXWingKeyToASuite1Record_inTheSameVersion", async () => {
  const { record } = await activate("carl@example.org", PASS, { kdf: FAST, suite: 1 });
  const granter = (await activate("alice@example.org", PASS, { kdf: FAST })).session;
  const context = EnvelopeContexts.roomEpoch("room-1", 1);
  const before = SymmetricKey.generate();
  const sealedBefore = await granter.sealEnvelope(await PublicKeys.ofRecord(record), context, before);
  // Kept classical on request.
  equal((await unlock(record, PASS, { kdf: FAST, suite: 1 })).resealed, undefined);
  const { session, resealed } = await unlock(record, PASS, { kdf: FAST });
  ok(resealed !== undefined, "the migrated record to store");
  const migrated = await PublicKeys.ofRecord(resealed);
  equal(migrated.suite, 2);
  equal(migrated.version, 1, "the same key version");
  equal(migrated.fingerprint, (await PublicKeys.ofRecord(record)).fingerprint, "the same fingerprint");
  bytesEqual(migrated.encryptionKey, (await PublicKeys.ofRecord(record)).encryptionKey);
  equal(resealed.encryptedPrivateKeys[5], 2);
  equal(session.publicKeys.suite, 2);
  // Envelopes sealed before the migration still open; new ones are X-Wing.
  bytesEqual((await session.openEnvelope(sealedBefore, granter.publicKeys, context)).exportBytes(), before.exportBytes());
  const after = SymmetricKey.generate();
  const sealedAfter = await granter.sealEnvelope(migrated, context, after);
  equal(sealedAfter[5], 2);
  const reopened = await unlock(resealed, PASS, { kdf: FAST });
  equal(reopened.resealed, undefined, "a migrated record is not migrated again");
  bytesEqual((await reopened.session.openEnvelope(sealedAfter, granter.publicKeys, context)).exportBytes(), after.exportBytes());
});

test("suite2_aBundleWithAnotherXWingKey_isRefusedAtUnlock", async () => {
  const { record, session } = await activate("paula@example.org", PASS, { kdf: FAST });
  const other = await activate("quentin@example.org", PASS, { kdf: FAST });
  const mine = session.publicKeys;
  // Re-signed by Paula's own Ed25519 key (as an operator cannot), with Quentin's X-Wing key.
  const forged = await encodeBundle(mine.user, mine.version, mine.encryptionKey, mine.signingKey, (m) => session.signBody(m), other.session.publicKeys.xwingKey);
  equal((await PublicKeys.parse(forged)).fingerprint, mine.fingerprint, "the fingerprint does not cover the X-Wing key");
  await rejects(() => unlock({ ...record, publicKeys: forged }, PASS, { kdf: FAST }), InvalidKeyBlobError);
  // A suite-1 bundle of the same keys with a suite-2 blob is refused too.
  const classical = await encodeBundle(mine.user, mine.version, mine.encryptionKey, mine.signingKey, (m) => session.signBody(m));
  await rejects(() => unlock({ ...record, publicKeys: classical }, PASS, { kdf: FAST }), InvalidKeyBlobError);
});

test("keep_structuredClone_resume_sameKeysStillNotExtractable", async () => {
  // What a page keeps in IndexedDB across page loads (the web sample's key custody).
  const { session } = await activate("gina@example.org", PASS, { kdf: FAST, suite: 1 });
  const kept = structuredClone(session.keep());
  const resumed = await Session.resume(kept);
  equal(resumed.fingerprint, session.fingerprint);
  for (const key of [kept.encryption, kept.signing, kept.pinSeal]) {
    equal(key.extractable, false);
    await rejects(() => crypto.subtle.exportKey(key.type === "secret" ? "raw" : "pkcs8", key), Error);
  }
  const signed = await resumed.sign("DELIVERY_MANIFEST", new Uint8Array([9, 8, 7]));
  bytesEqual(await verifiedPayload(parseStatement(signed), session.publicKeys, "DELIVERY_MANIFEST"), new Uint8Array([9, 8, 7]));
  const context = EnvelopeContexts.delivery("d-kept", 3);
  const key = SymmetricKey.generate();
  const envelope = await session.sealEnvelope(resumed.publicKeys, context, key);
  bytesEqual((await resumed.openEnvelope(envelope, session.publicKeys, context)).exportBytes(), key.exportBytes());
  const seal = await session.sealPin("bob@example.org", 1, session.fingerprint);
  equal((await resumed.checkPin(seal, "bob@example.org", 1, session.fingerprint)), "VALID");
});

test("resume_keysOfAnotherBundle_refused_suite2_notKept", async () => {
  const { session: gina } = await activate("gina@example.org", PASS, { kdf: FAST, suite: 1 });
  const { session: mallory } = await activate("gina@example.org", "other", { kdf: FAST, suite: 1 });
  const swapped = { ...gina.keep(), signing: mallory.keep().signing };
  await rejects(() => Session.resume(swapped), InvalidKeyBlobError);
  const { session: xwing } = await activate("paul@example.org", PASS, { kdf: FAST, suite: 2 });
  let refused = false;
  try {
    xwing.keep();
  } catch (e) {
    refused = e instanceof RangeError;
  }
  ok(refused, "a suite-2 session is not kept");
  gina.close();
  await rejects(async () => gina.keep(), SessionClosedError);
});
