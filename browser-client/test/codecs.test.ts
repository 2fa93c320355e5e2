import { EnvelopeContexts } from "../src/contexts.js";
import { IntegrityError, InvalidSignatureError, MembershipLogError, SecuPassError, UnsupportedFormatError } from "../src/errors.js";
import { isToken, isUserId } from "../src/ids.js";
import { parseEnvelope } from "../src/envelope.js";
import { isAcceptableEd25519Key } from "../src/internal/primitives.js";
import { kdfPolicy, openKeyBlob } from "../src/keyblob.js";
import { PublicKeys } from "../src/keys.js";
import { decodeManifest, encodeManifest, verifyManifest } from "../src/manifest.js";
import { decodeManifestV2, decodeManifestV3, encodeManifestV2, encodeManifestV3 } from "../src/manifest-v2.js";
import { decodeEntryMetadata, decodeMembership, encodeEntryMetadata, encodeMembership, type MembershipRecord } from "../src/rooms.js";
import { activate } from "../src/session.js";
import { checkWithdrawal, encodeWithdrawal } from "../src/withdrawal.js";
import { parseStatement } from "../src/signed.js";
import { StreamHeader } from "../src/stream/format.js";
import { SymmetricKey } from "../src/symmetric-key.js";
import { bytesEqual, equal, ok, rejects } from "./assert.js";
import { test } from "./harness.js";
import { deterministicRandom } from "./support.js";

/** Identifier grammar, the version-1 codecs, and seeded mutations of every parser. */

test("identifiers_followTheOneGrammarOfTheFormat", () => {
  for (const good of ["a", "delivery-1", "A.b_c-9", "x".repeat(64)]) {
    ok(isToken(good), good);
  }
  for (const bad of ["", "-a", ".a", "a..b", "x".repeat(65), "ä", "a b", "a/b"]) {
    ok(!isToken(bad), bad);
  }
  for (const good of ["alice@example.org", "Jürgen Müller", "a", "x".repeat(200), "😀", "a\u00a0", "\u2007a"]) {
    ok(isUserId(good), JSON.stringify(good));
  }
  for (const bad of ["", " a", "a ", "\ta", "a\u2003", "\u3000a", "a\u0000b", "a\u0085b", "x".repeat(201), "a\ud800", "\udc00a"]) {
    ok(!isUserId(bad), JSON.stringify(bad));
  }
});

const MANIFEST = {
  delivery: "delivery-1",
  level: 4,
  createdAt: { seconds: 1772355600, nanos: 123000000 },
  expiresAt: { seconds: 1772960400, nanos: 0 },
  recipients: ["bob@example.org", "carol@example.org"],
  files: [{ file: "file-1", size: 100, storedSize: 213, digest: new Uint8Array(32).fill(7) }],
  detailsDigest: new Uint8Array(32).fill(1),
  keyCommitment: new Uint8Array(32).fill(2),
};

test("manifest_encodesAndDecodes_andRefusesDamageWithTypedErrors", async () => {
  const payload = encodeManifest(MANIFEST);
  const decoded = decodeManifest(payload, "alice@example.org", 1);
  bytesEqual(encodeManifest(decoded), payload);
  equal(decoded.recipients.join(","), "bob@example.org,carol@example.org");
  for (let length = 0; length < payload.length; length++) {
    await rejects(async () => decodeManifest(payload.subarray(0, length), "alice@example.org", 1), IntegrityError);
  }
  const later = payload.slice();
  later[0] = 2;
  await rejects(async () => decodeManifest(later, "alice@example.org", 1), UnsupportedFormatError);
  await rejects(async () => encodeManifest({ ...MANIFEST, recipients: ["bob@example.org", "bob@example.org"] }), RangeError);
  await rejects(async () => encodeManifest({ ...MANIFEST, expiresAt: MANIFEST.createdAt }), RangeError);
  // Signed and verified through a session.
  const { session } = await activate("alice@example.org", "pass", { kdf: kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 1 }, { allowWeakForTests: true }) });
  const signed = await session.sign("DELIVERY_MANIFEST", payload);
  equal((await verifyManifest(signed, session.publicKeys)).delivery, "delivery-1");
});

const MEMBERSHIP: MembershipRecord = {
  room: "room-1",
  sequence: 3,
  previous: new Uint8Array(32).fill(5),
  time: 1772355600000,
  action: "REMOVE",
  subject: "bob@example.org",
  role: undefined,
  epoch: 2,
  commitment: new Uint8Array(32).fill(6),
  subjectKey: undefined,
};
const SEEN = { size: 5, root: new Uint8Array(32).fill(0xa5) };
const MANIFEST_V2 = {
  delivery: "d-1",
  level: 4,
  sender: "alice@example.org",
  createdAt: 1772355600000,
  expiresAt: 1772960400000,
  recipients: ["carol@example.org", "bob@example.org"],
  files: [{ file: "f-1", nameDigest: new Uint8Array(32).fill(1), size: 10, storedSize: 75, digest: new Uint8Array(32).fill(2) }],
  detailsDigest: new Uint8Array(32).fill(3),
  keyCommitment: new Uint8Array(32).fill(4),
};

test("manifestV3_isVersion2sFieldsAndTheSeenCheckpoint_andDamageIsTyped", async () => {
  const v2 = encodeManifestV2(MANIFEST_V2);
  const v3 = encodeManifestV3(MANIFEST_V2, SEEN);
  equal(v3[0], 3);
  bytesEqual(v3.subarray(1, v2.length), v2.subarray(1), "version 2's fields, in version 2's order");
  bytesEqual(v3.subarray(v2.length), new Uint8Array([0, 0, 0, 0, 0, 0, 0, 5, ...SEEN.root]), "u64 size, 32-byte root");
  const decoded = decodeManifestV3(v3, "alice@example.org", 1);
  equal(decoded.version, 3);
  equal(decoded.seenCheckpoint.size, 5);
  bytesEqual(decoded.seenCheckpoint.root, SEEN.root);
  bytesEqual(encodeManifestV3(decoded, decoded.seenCheckpoint), v3, "re-encoded");
  // No checkpoint relied on yet: size 0 and zeros.
  bytesEqual(encodeManifestV3(MANIFEST_V2, undefined).subarray(v2.length), new Uint8Array(40));
  // Levels 1-2 keep version 2; a size-0 field with a root is not written.
  await rejects(async () => encodeManifestV3({ ...MANIFEST_V2, level: 2 }, SEEN), RangeError);
  await rejects(async () => encodeManifestV3(MANIFEST_V2, { size: 0, root: SEEN.root }), RangeError);
  const read = (b: Uint8Array) => async () => decodeManifestV3(b, "alice@example.org", 1);
  for (let length = v2.length - 1; length < v3.length; length++) {
    await rejects(read(v3.subarray(0, length)), IntegrityError);
  }
  await rejects(read(new Uint8Array([...v3, 0])), IntegrityError);
  const zeroSized = v3.slice();
  zeroSized.fill(0, v2.length, v2.length + 8);
  await rejects(read(zeroSized), IntegrityError);
  const huge = v3.slice();
  huge[v2.length] = 0x80;
  await rejects(read(huge), IntegrityError);
  await rejects(read(v2), UnsupportedFormatError);
  await rejects(async () => decodeManifestV2(v3, "alice@example.org", 1), UnsupportedFormatError);
  await rejects(async () => decodeManifestV3(v3, "mallory@example.org", 1), IntegrityError);
});

test("membershipAndMetadata_roundTrip_andDamageIsTyped", async () => {
  const record = MEMBERSHIP;
  // Version 2 (written by default): version 1's fields, then the checkpoint the signer relied on.
  const seenCheckpoint = { size: 7, root: new Uint8Array(32).fill(9) };
  const v1 = encodeMembership({ ...record, version: 1 });
  const payload = encodeMembership({ ...record, seenCheckpoint });
  equal(payload[0], 2);
  bytesEqual(payload.subarray(1, v1.length), v1.subarray(1), "version 1's fields, in version 1's order");
  equal(payload.length, v1.length + 40);
  bytesEqual(payload.subarray(v1.length), new Uint8Array([0, 0, 0, 0, 0, 0, 0, 7, ...seenCheckpoint.root]), "u64 size, 32-byte root");
  const decoded = decodeMembership(payload);
  equal(decoded.version, 2);
  equal(decoded.seenCheckpoint!.size, 7);
  bytesEqual(encodeMembership(decoded), payload);
  equal(decodeMembership(v1).version, 1);
  equal(decodeMembership(v1).seenCheckpoint, undefined);
  bytesEqual(encodeMembership(decodeMembership(v1)), v1);
  bytesEqual(encodeMembership(record).subarray(v1.length), new Uint8Array(40), "no checkpoint: size 0 and zeros");
  await rejects(async () => encodeMembership({ ...record, version: 1, seenCheckpoint }), RangeError);
  await rejects(async () => encodeMembership({ ...record, seenCheckpoint: { size: 0, root: seenCheckpoint.root } }), RangeError);
  for (const bytes of [v1, payload]) {
    for (let length = 0; length < bytes.length; length++) {
      await rejects(async () => decodeMembership(bytes.subarray(0, length)), MembershipLogError);
    }
    await rejects(async () => decodeMembership(new Uint8Array([...bytes, 0])), MembershipLogError);
  }
  const unknownFlag = v1.slice();
  unknownFlag[v1.length - 33] = 4;
  await rejects(async () => decodeMembership(unknownFlag), MembershipLogError);
  // Size 0 with a non-zero root, and a size beyond 2^63 - 1 (negative as an i64): damage.
  const zeroSized = payload.slice();
  zeroSized.fill(0, v1.length, v1.length + 8);
  await rejects(async () => decodeMembership(zeroSized), MembershipLogError);
  const huge = payload.slice();
  huge[v1.length] = 0x80;
  await rejects(async () => decodeMembership(huge), MembershipLogError);
  const v3 = payload.slice();
  v3[0] = 3;
  await rejects(async () => decodeMembership(v3), UnsupportedFormatError);
  const folder = { kind: "FOLDER" as const, parent: undefined, blob: undefined, size: 0, storedSize: 0, name: "Verträge" };
  equal(JSON.stringify(decodeEntryMetadata(encodeEntryMetadata(folder))), JSON.stringify(folder));
  await rejects(async () => decodeEntryMetadata(new Uint8Array([3])), IntegrityError);
});

test("parsers_underSeededMutations_raiseOnlyTypedErrors", async () => {
  // Every parser of stored bytes, fed mutations of valid input (flips, cuts, insertions, runs of
  // bytes); anything but a typed SecuPass error (a RangeError, a TypeError) is a defect.
  const fast = kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 1 }, { allowWeakForTests: true });
  const { record, session } = await activate("alice@example.org", "pass", { kdf: fast });
  const envelope = await session.sealEnvelope(session.publicKeys, EnvelopeContexts.delivery("d-1", 3), SymmetricKey.generate());
  const statement = await session.sign("DELIVERY_MANIFEST", encodeManifest(MANIFEST));
  const random = await deterministicRandom("mutations", 400_000);
  const parsers: Record<string, [Uint8Array, (bytes: Uint8Array) => Promise<unknown>]> = {
    bundle: [record.publicKeys, (b) => PublicKeys.parse(b)],
    envelope: [envelope, async (b) => parseEnvelope(b)],
    statement: [statement, async (b) => parseStatement(b)],
    manifest: [encodeManifest(MANIFEST), async (b) => decodeManifest(b, "alice@example.org", 1)],
    keyBlob: [record.encryptedPrivateKeys, (b) => openKeyBlob(b, "alice@example.org", 1, fast, new Uint8Array([1]))],
    streamHeader: [new Uint8Array(49).fill(0x10).map((x, i) => (i < 6 ? [0x53, 0x50, 0x43, 2, 0, 1][i]! : x)), async (b) => StreamHeader.parse(b)],
    manifestV3: [encodeManifestV3(MANIFEST_V2, SEEN), async (b) => decodeManifestV3(b, "alice@example.org", 1)],
    membershipV2: [encodeMembership({ ...MEMBERSHIP, seenCheckpoint: SEEN }), async (b) => decodeMembership(b)],
  };
  let mutations = 0;
  for (const [name, [valid, parse]] of Object.entries(parsers)) {
    for (let round = 0; round < 300; round++) {
      const mutated = mutate(valid, random);
      try {
        await parse(mutated);
      } catch (e) {
        ok(e instanceof SecuPassError, `${name}: ${(e as Error).name}: ${(e as Error).message}`);
      }
      mutations++;
    }
  }
  equal(mutations, 2400);
});

function mutate(valid: Uint8Array, random: (n: number) => Uint8Array): Uint8Array {
  const [kind, a, b, c] = random(4) as unknown as [number, number, number, number];
  const at = ((a << 8) | b) % Math.max(1, valid.length);
  switch (kind % 4) {
    case 0: {
      const out = valid.slice();
      out[at]! ^= 1 << (c % 8);
      return out;
    }
    case 1:
      return valid.slice(0, at);
    case 2: {
      const out = new Uint8Array(valid.length + 1);
      out.set(valid.subarray(0, at));
      out[at] = c;
      out.set(valid.subarray(at), at + 1);
      return out;
    }
    default: {
      const out = valid.slice();
      out.fill(c, at, Math.min(out.length, at + 1 + (c % 8)));
      return out;
    }
  }
}

test("ed25519_keysOfSmallOrderAreRefused_andOrdinaryKeysAccepted", async () => {
  // Independent Edwards25519 arithmetic: the refused y coordinates must be exactly points whose
  // order divides 8, and a sample of real keys must all be accepted.
  const p = (1n << 255n) - 19n;
  const mod = (a: bigint): bigint => ((a % p) + p) % p;
  const pow = (b: bigint, e: bigint): bigint => {
    let r = 1n;
    for (b = mod(b); e > 0n; e >>= 1n, b = (b * b) % p) {
      if (e & 1n) {
        r = (r * b) % p;
      }
    }
    return r;
  };
  const inv = (a: bigint): bigint => pow(a, p - 2n);
  const d = mod(-121665n * inv(121666n));
  const sqrtM1 = pow(2n, (p - 1n) / 4n);
  const decode = (y: bigint): [bigint, bigint] | undefined => {
    const u = mod(y * y - 1n);
    const v = mod(d * y * y + 1n);
    let x = pow(mod(u * inv(v)), (p + 3n) / 8n);
    if (mod(x * x - u * inv(v)) !== 0n) {
      x = mod(x * sqrtM1);
    }
    return mod(x * x - u * inv(v)) === 0n ? [x, y] : undefined;
  };
  const add = ([x1, y1]: [bigint, bigint], [x2, y2]: [bigint, bigint]): [bigint, bigint] => {
    const t = mod(d * x1 * x2 * y1 * y2);
    return [mod((x1 * y2 + y1 * x2) * inv(1n + t)), mod((y1 * y2 + x1 * x2) * inv(1n - t))];
  };
  const encode = (y: bigint, sign = 0): Uint8Array => {
    const out = new Uint8Array(32);
    for (let i = 0, v = y; i < 32; i++, v >>= 8n) {
      out[i] = Number(v & 0xffn);
    }
    out[31]! |= sign << 7;
    return out;
  };
  for (const y of [0n, 1n, p - 1n, 0x7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7n, 0x05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826n]) {
    const point = decode(y);
    ok(point !== undefined, `y = ${y} is on the curve`);
    let q = point;
    for (let i = 0; i < 3; i++) {
      q = add(q, q);
    }
    ok(q[0] === 0n && q[1] === 1n, `8 * (x, ${y}) is the identity`);
    ok(!isAcceptableEd25519Key(encode(y)) && !isAcceptableEd25519Key(encode(y, 1)), `y = ${y} refused with either sign`);
  }
  for (let i = 0; i < 50; i++) {
    const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
    const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
    ok(isAcceptableEd25519Key(raw), "a generated key is accepted");
  }
});

test("withdrawal_readerRule_statementDecides_stateAloneIsDamage", async () => {
  const fast = kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 1 }, { allowWeakForTests: true });
  const alice = (await activate("alice@example.org", "withdraw", { kdf: fast })).session;
  const mallory = (await activate("mallory@example.org", "withdraw", { kdf: fast })).session;
  const keysOf = async () => alice.publicKeys;
  const statement = await alice.sign("WITHDRAWAL", encodeWithdrawal({ delivery: "d-1", withdrawnAt: 1_796_000_000_250 }));
  // No statement and a live state: go on. The stored state alone (set by whoever writes rows): damage.
  equal((await checkWithdrawal("d-1", undefined, false, keysOf, alice.user)).withdrawn, false);
  await rejects(() => checkWithdrawal("d-1", new Uint8Array(0), true, keysOf, alice.user), IntegrityError);
  // The sender's statement makes the delivery withdrawn whatever the state says.
  const found = await checkWithdrawal("d-1", statement, false, keysOf, alice.user);
  equal(found.withdrawn, true);
  // Replayed onto another delivery, or signed by a co-recipient: refused.
  await rejects(() => checkWithdrawal("d-2", statement, true, keysOf, alice.user), IntegrityError);
  const forged = await mallory.sign("WITHDRAWAL", encodeWithdrawal({ delivery: "d-1", withdrawnAt: 1 }));
  await rejects(() => checkWithdrawal("d-1", forged, true, keysOf, alice.user), InvalidSignatureError);
});
