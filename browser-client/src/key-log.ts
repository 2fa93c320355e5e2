import { KeyLogError } from "./errors.js";
import { isUserId } from "./ids.js";
import { ByteReader, ByteWriter, concat, constantTimeEqual, decodeUtf8, utf8 } from "./internal/bytes.js";
import { merkleRoot } from "./stream/format.js";
import { ed25519Verify, sha256 } from "./internal/primitives.js";

/**
 * The key transparency log as a client checks it (docs/key-log.md; docs/format.md, "Key log
 * leaf"): leaves, RFC 9162 tree hashes, inclusion and consistency proofs, and checkpoints as C2SP
 * `tlog-checkpoint` texts in `signed-note`s with an Ed25519 note signature. A sender's client checks,
 * before it wraps a key to a recipient, that the recipient's bundle is in the checkpoint the host
 * signed and that this checkpoint extends the last one it relied on ({@link checkLoggedKey}).
 * Everything failing is a {@link KeyLogError} with the Java SDK's kind.
 */

export const HASH_SIZE = 32;
/** The longest proof accepted (a tree of 2^63 leaves needs at most 2 x 63 hashes). */
export const MAX_PROOF = 2 * 63;
/** The most bytes a signed note may have. */
export const MAX_NOTE_SIZE = 64 * 1024;
const MAX_SIGNATURES = 64;
/** Signature type of Ed25519 note signatures (C2SP signed-note). */
export const NOTE_ED25519 = 0x01;
/** Signature type of timestamped Ed25519 cosignatures (C2SP tlog-cosignature). */
export const NOTE_COSIGNATURE = 0x04;
const DASH = "\u2014 ";

/** What a key log leaf records. */
export type KeyLogEvent = "ACTIVATION" | "RESET" | "KEY_CHANGE";
const EVENTS: readonly KeyLogEvent[] = ["ACTIVATION", "RESET", "KEY_CHANGE"];

/** One entry of the log (leaf version 1). */
export interface KeyLogLeaf {
  readonly event: KeyLogEvent;
  readonly user: string;
  readonly version: number;
  /** SHA-256 of the public-key bundle as stored. */
  readonly bundleHash: Uint8Array;
}

function bad(kind: "BAD_CHECKPOINT", message: string): KeyLogError {
  return new KeyLogError(kind, message);
}

/** The leaf of `bundle` (the exact stored bytes) for `user`'s keys of `version`. */
export async function keyLogLeafOf(event: KeyLogEvent, user: string, version: number, bundle: Uint8Array): Promise<KeyLogLeaf> {
  return { event, user, version, bundleHash: await sha256(bundle) };
}

export function encodeKeyLogLeaf(leaf: KeyLogLeaf): Uint8Array {
  if (leaf.bundleHash.length !== HASH_SIZE) {
    throw new RangeError("a bundle hash is 32 bytes");
  }
  return new ByteWriter(48 + leaf.user.length * 3)
    .u8(1)
    .u8(EVENTS.indexOf(leaf.event) + 1)
    .string(leaf.user)
    .u32(leaf.version)
    .bytes(leaf.bundleHash)
    .toBytes();
}

/**
 * Decodes a leaf.
 *
 * @throws KeyLogError (BAD_CHECKPOINT) for another leaf version, an unknown event, a key version
 *     of 0 or above 2^31 - 1, a user id outside the grammar, malformed UTF-8 or trailing bytes
 */
export function decodeKeyLogLeaf(leaf: Uint8Array): KeyLogLeaf {
  const input = new ByteReader(leaf, (m) => bad("BAD_CHECKPOINT", `a key log entry is malformed: ${m}`));
  const format = input.u8();
  if (format !== 1) {
    throw input.malformed(`unknown format ${format}`);
  }
  const code = input.u8();
  const event = EVENTS[code - 1];
  if (event === undefined) {
    throw input.malformed(`unknown event ${code}`);
  }
  const user = input.string("the user id");
  const version = input.u32();
  if (version < 1 || version > 0x7fffffff) {
    throw input.malformed("key version out of range");
  }
  const bundleHash = input.bytes(HASH_SIZE, "the bundle hash");
  input.end("the entry");
  if (!isUserId(user)) {
    throw input.malformed("invalid user id");
  }
  return { event, user, version, bundleHash };
}

/** RFC 9162's leaf hash, `SHA-256(0x00 || leaf)`. */
export function leafHash(leaf: Uint8Array): Promise<Uint8Array> {
  return sha256(new Uint8Array([0]), leaf);
}

/** RFC 9162's node hash, `SHA-256(0x01 || left || right)`. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(new Uint8Array([1]), left, right);
}

/** The root of the tree over `leafHashes` (RFC 9162 section 2.1.1; SHA-256 of nothing when empty). */
export async function keyLogRoot(leafHashes: readonly Uint8Array[]): Promise<Uint8Array> {
  return leafHashes.length === 0 ? sha256(new Uint8Array(0)) : merkleRoot(concat(...leafHashes));
}

function validProof(proof: readonly Uint8Array[]): boolean {
  return proof.length <= MAX_PROOF && proof.every((p) => p.length === HASH_SIZE);
}

/**
 * RFC 9162 section 2.1.3.2: whether `proof` shows the leaf with hash `leaf` at `index` in the tree
 * of `size` leaves whose root is `root`.
 */
export async function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): Promise<boolean> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size || !validProof(proof)) {
    return false;
  }
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) {
      return false;
    }
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && constantTimeEqual(r, root);
}

/**
 * RFC 9162 section 2.1.4.2: whether `proof` shows that the tree of `second` leaves (root
 * `secondRoot`) extends the tree of `first` leaves (root `firstRoot`). Equal sizes need equal roots
 * and an empty proof; from the empty tree any proof must be empty.
 */
export async function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<boolean> {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second || !validProof(proof)) {
    return false;
  }
  if (first === second) {
    return proof.length === 0 && constantTimeEqual(firstRoot, secondRoot);
  }
  if (first === 0) {
    return proof.length === 0 && constantTimeEqual(firstRoot, await sha256(new Uint8Array(0)));
  }
  if (proof.length === 0) {
    return false;
  }
  const path = [...proof];
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  if ((BigInt(first) & (BigInt(first) - 1n)) === 0n) {
    path.unshift(firstRoot);
  }
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) {
      return false;
    }
    if ((fn & 1n) === 1n || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return constantTimeEqual(fr, firstRoot) && constantTimeEqual(sr, secondRoot) && sn === 0n;
}

/** A C2SP verifier key (`name+hex key ID+base64(type || Ed25519 key)`), parsed. */
export interface VerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly publicKey: Uint8Array;
}

/** Key names: non-empty, no white space, no plus. */
function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[+\s\u0000-\u001f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u.test(name);
}

/** The C2SP key ID: the first four bytes of SHA-256(name || 0x0A || type || public key), big-endian. */
export async function noteKeyId(name: string, type: number, publicKey: Uint8Array): Promise<number> {
  const hash = await sha256(utf8(name), new Uint8Array([0x0a, type]), publicKey);
  return new DataView(hash.buffer, hash.byteOffset, 4).getUint32(0);
}

/**
 * Parses a verifier key (the host publishes it: `sdk.keyLog().verifierKey()`).
 *
 * @throws RangeError if it is not an Ed25519 verifier key whose ID matches its key
 */
export async function parseVerifierKey(vkey: string): Promise<VerifierKey> {
  const first = vkey.indexOf("+");
  const second = first < 0 ? -1 : vkey.indexOf("+", first + 1);
  if (first < 0 || second < 0) {
    throw new RangeError("not a verifier key (name+id+key)");
  }
  const name = vkey.slice(0, first);
  const id = vkey.slice(first + 1, second);
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(id)) {
    throw new RangeError("not a verifier key (name+id+key)");
  }
  const typed = base64Decode(vkey.slice(second + 1));
  if (typed === undefined || typed.length !== 33 || (typed[0] !== NOTE_ED25519 && typed[0] !== NOTE_COSIGNATURE)) {
    throw new RangeError("not an Ed25519 verifier key");
  }
  const type = typed[0]!;
  const publicKey = typed.slice(1);
  const keyId = parseInt(id, 16);
  if ((await noteKeyId(name, type, publicKey)) !== keyId) {
    throw new RangeError("the verifier key's ID does not match its key");
  }
  return { name, keyId, type, publicKey };
}

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly signature: Uint8Array;
}

/** A parsed signed note: the text (final newline included) and its signature lines. */
export interface SignedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/**
 * Parses a C2SP signed note.
 *
 * @throws KeyLogError (BAD_CHECKPOINT) if it is not one
 */
export function parseSignedNote(note: string): SignedNote {
  if (utf8(note).length > MAX_NOTE_SIZE) {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: the note is too large");
  }
  if (decodeUtf8(utf8(note)) !== note) {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: the note is not valid UTF-8");
  }
  for (let i = 0; i < note.length; i++) {
    const c = note.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) {
      throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: the note contains a control character");
    }
  }
  if (!note.endsWith("\n")) {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: the note does not end with a newline");
  }
  const split = note.lastIndexOf("\n\n");
  if (split < 0) {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: the note has no signatures");
  }
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2).split("\n");
  const signatures: NoteSignature[] = [];
  for (const line of lines.slice(0, -1)) {
    if (signatures.length === MAX_SIGNATURES) {
      throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: the note has too many signatures");
    }
    signatures.push(parseSignatureLine(line));
  }
  if (signatures.length === 0) {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: the note has no signatures");
  }
  return { text, signatures };
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(DASH)) {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: a signature line does not start with an em dash");
  }
  const rest = line.slice(DASH.length);
  const space = rest.indexOf(" ");
  if (space <= 0 || rest.indexOf(" ", space + 1) >= 0) {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: a signature line is malformed");
  }
  const name = rest.slice(0, space);
  if (!isValidKeyName(name)) {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: a signature line has an invalid key name");
  }
  const all = base64Decode(rest.slice(space + 1));
  if (all === undefined) {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: a signature is not base64");
  }
  if (all.length < 5) {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: a signature is too short");
  }
  return { name, keyId: new DataView(all.buffer, all.byteOffset, 4).getUint32(0), signature: all.slice(4) };
}

/**
 * Whether `note` carries a valid signature by `key`. A line with the key's name and ID that fails
 * to verify makes the whole note invalid; lines of other keys are ignored.
 *
 * @returns false if no line has the key's name and ID
 * @throws KeyLogError (BAD_CHECKPOINT) if a line of this key fails to verify
 */
export async function noteVerifiedBy(note: SignedNote, key: VerifierKey): Promise<boolean> {
  let found = false;
  for (const line of note.signatures) {
    if (line.name !== key.name || line.keyId !== key.keyId) {
      continue;
    }
    if (!(await verifyLine(note.text, key, line.signature))) {
      throw bad("BAD_CHECKPOINT", `the key log's checkpoint is invalid: the signature of ${key.name} does not verify`);
    }
    found = true;
  }
  return found;
}

async function verifyLine(text: string, key: VerifierKey, sig: Uint8Array): Promise<boolean> {
  if (key.type === NOTE_ED25519) {
    return sig.length === 64 && ed25519Verify(key.publicKey, utf8(text), sig);
  }
  if (sig.length !== 8 + 64) {
    return false;
  }
  const time = new DataView(sig.buffer, sig.byteOffset, 8).getBigInt64(0);
  if (time < 0n) {
    return false;
  }
  return ed25519Verify(key.publicKey, utf8(`cosignature/v1\ntime ${time}\n${text}`), sig.subarray(8));
}

/** A checkpoint (C2SP tlog-checkpoint): the log's origin, its size and root hash. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
}

/** The checkpoint's text: origin, size, base64 root, each line ending in a newline. */
export function checkpointText(checkpoint: Checkpoint): string {
  return `${checkpoint.origin}\n${checkpoint.size}\n${base64Encode(checkpoint.root)}\n`;
}

/**
 * Parses a checkpoint's text (extension lines accepted and ignored).
 *
 * @throws KeyLogError (BAD_CHECKPOINT) if it is not one, or its size is beyond 2^53 - 1
 */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split("\n");
  if (lines.length < 4 || lines[lines.length - 1] !== "") {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: a checkpoint needs an origin, a size and a root hash");
  }
  if (lines.slice(0, -1).some((l) => l.length === 0)) {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: a checkpoint line is empty");
  }
  const sizeText = lines[1]!;
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: the tree size is not a decimal number in range");
  }
  const root = base64Decode(lines[2]!);
  if (root === undefined || root.length !== HASH_SIZE || base64Encode(root) !== lines[2]) {
    throw bad("BAD_CHECKPOINT", "the key log's checkpoint is invalid: the root hash is not 32 bytes of canonical base64");
  }
  return { origin: lines[0]!, size: Number(sizeText), root };
}

/**
 * The host's witness policy, as the Java SDK is configured with it (`KeyTransparency.Builder.witness`,
 * `witnessQuorum`): the witnesses' C2SP verifier keys (cosignature keys, type 0x04) and how many of
 * them must have cosigned a checkpoint before a client relies on it.
 */
export interface WitnessPolicy {
  readonly witnesses: readonly VerifierKey[];
  readonly quorum: number;
}

/**
 * Parses the host's witness policy: `verifierKeys` as the host publishes them (each witness's
 * `Witness.verifierKey()`), and the quorum (by default every witness, as in the Java SDK).
 *
 * @throws RangeError if a key is not a cosignature verifier key, a witness is listed twice, or the
 *     quorum is not between 0 and the number of witnesses
 */
export async function witnessPolicy(verifierKeys: readonly string[], quorum: number = verifierKeys.length): Promise<WitnessPolicy> {
  const witnesses: VerifierKey[] = [];
  for (const text of verifierKeys) {
    const key = await parseVerifierKey(text);
    if (key.type !== NOTE_COSIGNATURE) {
      throw new RangeError(`the witness key ${key.name} is not a cosignature key (type 0x04)`);
    }
    if (witnesses.some((w) => w.name === key.name && w.keyId === key.keyId)) {
      throw new RangeError(`the witness ${key.name} is listed twice`);
    }
    witnesses.push(key);
  }
  if (!Number.isSafeInteger(quorum) || quorum < 0 || quorum > witnesses.length) {
    throw new RangeError(`a witness quorum is between 0 and the ${witnesses.length} witnesses`);
  }
  return { witnesses, quorum };
}

/**
 * How many of the policy's witnesses validly cosigned `note` (C2SP tlog-cosignature). A
 * cosignature line that fails to verify counts as none, as in the Java SDK.
 */
export async function cosignatures(note: SignedNote, policy: WitnessPolicy): Promise<number> {
  let count = 0;
  for (const witness of policy.witnesses) {
    try {
      if (await noteVerifiedBy(note, witness)) {
        count++;
      }
    } catch (e) {
      if (!(e instanceof KeyLogError)) {
        throw e;
      }
    }
  }
  return count;
}

/**
 * The checkpoint of a signed note, after checking that the log's key signed it, that its origin
 * is the key's name (the log's origin) and, given the host's witness policy, that the quorum of
 * its witnesses cosigned it.
 *
 * @throws KeyLogError BAD_CHECKPOINT if the note is malformed, unsigned by the key, of another log;
 *     NOT_WITNESSED if it lacks the witness quorum
 */
export async function verifyCheckpoint(note: string, key: VerifierKey, witnesses?: WitnessPolicy): Promise<Checkpoint> {
  const parsed = parseSignedNote(note);
  if (!(await noteVerifiedBy(parsed, key))) {
    throw bad("BAD_CHECKPOINT", `the key log's checkpoint is invalid: it carries no signature of ${key.name}`);
  }
  const checkpoint = parseCheckpoint(parsed.text);
  if (checkpoint.origin !== key.name) {
    throw bad("BAD_CHECKPOINT", `the key log's checkpoint is invalid: it is of the log ${checkpoint.origin}, not ${key.name}`);
  }
  if (witnesses !== undefined && witnesses.quorum > 0) {
    const count = await cosignatures(parsed, witnesses);
    if (count < witnesses.quorum) {
      throw new KeyLogError("NOT_WITNESSED", `the key log's checkpoint has ${count} of the ${witnesses.quorum} witness cosignatures it needs`);
    }
  }
  return checkpoint;
}

/** What a server hands a client to vouch for one recipient's keys (docs/client-exchange.md). */
export interface KeyLogProof {
  /** The checkpoint the host signed now, as a signed note. */
  readonly checkpoint: string;
  /** The leaf of the recipient's key version, its index in the log and its inclusion proof. */
  readonly leaf: Uint8Array;
  readonly index: number;
  readonly inclusion: readonly Uint8Array[];
  /** The consistency proof from the checkpoint the client relied on before (empty for none). */
  readonly consistency: readonly Uint8Array[];
}

/**
 * The check before a wrap (docs/key-log.md, "Before a wrap"): the checkpoint carries the log's
 * signature and, given the host's witness policy, the quorum of cosignatures; the recipient's
 * bundle (the exact bytes the client is about to wrap to) is in it, and it extends `seen`, the last
 * checkpoint this client relied on. Returns the checkpoint to rely on from now on (store it with
 * the pins).
 *
 * @throws KeyLogError NOT_LOGGED if the leaf is not the bundle's, NOT_INCLUDED if the inclusion proof
 *     fails, FORKED if the log does not extend `seen`, BAD_CHECKPOINT if the checkpoint is not the
 *     log's, NOT_WITNESSED if it lacks the witness quorum
 */
export async function checkLoggedKey(
  key: VerifierKey,
  proof: KeyLogProof,
  user: string,
  version: number,
  bundle: Uint8Array,
  seen: Checkpoint | undefined,
  witnesses?: WitnessPolicy,
): Promise<Checkpoint> {
  const checkpoint = await verifyCheckpoint(proof.checkpoint, key, witnesses);
  const leaf = decodeKeyLogLeaf(proof.leaf);
  if (leaf.user !== user || leaf.version !== version || !constantTimeEqual(leaf.bundleHash, await sha256(bundle))) {
    throw new KeyLogError("NOT_LOGGED", `the key log does not hold the keys of ${user} version ${version} that the server presents`);
  }
  if (!(await verifyInclusion(await leafHash(proof.leaf), proof.index, checkpoint.size, proof.inclusion, checkpoint.root))) {
    throw new KeyLogError("NOT_INCLUDED", `the keys of ${user} version ${version} are not in the key log's checkpoint of size ${checkpoint.size}`);
  }
  if (seen !== undefined) {
    if (seen.origin !== checkpoint.origin) {
      throw bad("BAD_CHECKPOINT", `the key log's checkpoint is of the log ${checkpoint.origin}, not ${seen.origin} seen before`);
    }
    if (!(await verifyConsistency(seen.size, checkpoint.size, seen.root, checkpoint.root, proof.consistency))) {
      throw new KeyLogError("FORKED", `the key log of size ${checkpoint.size} does not extend the one of size ${seen.size} seen before`);
    }
  }
  return checkpoint;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 with padding. */
export function base64Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += B64[b0 >> 2]! + B64[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)]!;
    out += b1 === undefined ? "=" : B64[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)]!;
    out += b2 === undefined ? "=" : B64[b2 & 63]!;
  }
  return out;
}

/**
 * Standard base64 as Java's basic decoder reads it (padding optional, no white space);
 * `undefined` if it is not base64.
 */
export function base64Decode(input: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input) || input.length % 4 === 1 || (input.includes("=") && input.length % 4 !== 0)) {
    return undefined;
  }
  const text = input.length % 4 === 0 ? input : input + "=".repeat(4 - (input.length % 4));
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = [0, 1, 2, 3].map((j) => (text[i + j] === "=" ? 0 : B64.indexOf(text[i + j]!)));
    const triple = (n[0]! << 18) | (n[1]! << 12) | (n[2]! << 6) | n[3]!;
    for (const shift of [16, 8, 0]) {
      if (o < out.length) {
        out[o++] = (triple >> shift) & 0xff;
      }
    }
  }
  return out;
}
