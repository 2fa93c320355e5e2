import { IntegrityError, KeyLogError, UnsupportedFormatError } from "./errors.js";
import { ByteReader, ByteWriter } from "./internal/bytes.js";
import { HASH_SIZE, verifyCheckpoint, verifyConsistency, type Checkpoint, type VerifierKey } from "./key-log.js";
import type { PublicKeys } from "./keys.js";
import { parseStatement, verifiedPayload, type ParsedStatement } from "./signed.js";

/**
 * The key log checkpoint statement (docs/format.md, "Key log checkpoint statement"; docs/key-log.md,
 * "Checkpoint exchange"): the checkpoint a user's client last relied on, as the host signed it,
 * signed by the user as a statement of type 6 and published through the server, so that whoever
 * relies on that user's keys compares it with the checkpoint they hold. Two checkpoints that are
 * not one history (the smaller a prefix of the larger, by an RFC 9162 consistency proof) show a
 * log shown differently to the two users: a split view.
 *
 * Payload, version 1: `u8 1 || i64 time (ms, the signer's clock, informative) || str note`.
 */

/** A checkpoint statement's payload. */
export interface SeenCheckpoint {
  /** When the signer relied on it: milliseconds since the epoch (informative). */
  readonly at: number;
  /** The checkpoint as the host signed it: a C2SP signed note, cosignature lines included. */
  readonly note: string;
}

const PAYLOAD_VERSION = 1;

export function encodeSeenCheckpoint(seen: SeenCheckpoint): Uint8Array {
  return new ByteWriter(16 + seen.note.length * 3).u8(PAYLOAD_VERSION).i64(seen.at).string(seen.note).toBytes();
}

/**
 * Reads a payload.
 *
 * @throws UnsupportedFormatError for another payload version
 * @throws IntegrityError if it is malformed (truncated, not UTF-8) or has trailing bytes
 */
export function decodeSeenCheckpoint(payload: Uint8Array): SeenCheckpoint {
  const input = new ByteReader(payload, (m) => new IntegrityError(`a key log checkpoint statement is malformed: ${m}`));
  const version = input.u8();
  if (version !== PAYLOAD_VERSION) {
    throw new UnsupportedFormatError(`unsupported key log checkpoint statement version ${version}`);
  }
  const at = input.i64("the time");
  const note = input.string("the checkpoint note");
  input.end("the key log checkpoint statement");
  return { at, note };
}

/**
 * The statement a client publishes (`ClientRelay.publishKeyLogCheckpoint`) after it relied on a
 * new checkpoint (before a wrap, at unlock): `note` signed by `session`'s user.
 */
export function signSeenCheckpoint(
  session: { sign(type: "KEY_LOG_CHECKPOINT", payload: Uint8Array): Promise<Uint8Array> },
  note: string,
  at: number = Date.now(),
): Promise<Uint8Array> {
  return session.sign("KEY_LOG_CHECKPOINT", encodeSeenCheckpoint({ at, note }));
}

/**
 * A reader's check of another user's published statement, in format.md's order: the statement
 * parses, is of type 6, is signed by `signerKeys` (the keys the reader verified for that user), its
 * payload decodes, and its note carries the host's signature over a checkpoint of the host's log.
 *
 * @returns the checkpoint the signer relied on
 * @throws UnsupportedFormatError for an unknown statement type or payload version
 * @throws IntegrityError if it is malformed or of another type
 * @throws InvalidSignatureError if `signerKeys` did not sign it
 * @throws KeyLogError BAD_CHECKPOINT if the note is not the host's
 */
export function openSeenCheckpoint(statement: Uint8Array, signerKeys: PublicKeys, host: VerifierKey): Promise<Checkpoint> {
  return openParsed(parseStatement(statement), signerKeys, host);
}

async function openParsed(statement: ParsedStatement, signerKeys: PublicKeys, host: VerifierKey): Promise<Checkpoint> {
  const seen = decodeSeenCheckpoint(await verifiedPayload(statement, signerKeys, "KEY_LOG_CHECKPOINT"));
  return verifyCheckpoint(seen.note, host);
}

/**
 * Whether the checkpoint a reader holds and one it received are of one history: the smaller is a
 * prefix of the larger by `proof`, the consistency proof from the smaller to the larger (empty for
 * one size, whose roots must then be equal).
 */
export function oneHistory(held: Checkpoint, received: Checkpoint, proof: readonly Uint8Array[]): Promise<boolean> {
  return held.size <= received.size
    ? verifyConsistency(held.size, received.size, held.root, received.root, proof)
    : verifyConsistency(received.size, held.size, received.root, held.root, proof);
}

/**
 * The checkpoint exchange (docs/key-log.md): compares `held`, the checkpoint this client last relied
 * on, with the one `signerKeys`' user published (`statement`, as the server serves it with
 * `proof`, the consistency proof between the two sizes). Run it whenever the client relies on
 * that user's keys (before a wrap to them, when it verifies what they signed). A statement that
 * names another signer or key version than `signerKeys` is not compared, as in the Java SDK
 * (serving it is no more than withholding the user's own).
 *
 * @returns the checkpoint the other user relied on, or `undefined` if the statement is not theirs
 *     at this key version
 * @throws KeyLogError FORKED if the two are not one history, or the other's note is not the host's
 *     (a split view: the log was shown differently to the two users)
 * @throws InvalidSignatureError, IntegrityError, UnsupportedFormatError as {@link openSeenCheckpoint}
 */
export async function compareSeenCheckpoint(
  held: Checkpoint,
  statement: Uint8Array,
  signerKeys: PublicKeys,
  host: VerifierKey,
  proof: readonly Uint8Array[],
): Promise<Checkpoint | undefined> {
  const parsed = parseStatement(statement);
  if (parsed.signer !== signerKeys.user || parsed.signerVersion !== signerKeys.version) {
    return undefined;
  }
  let theirs: Checkpoint;
  try {
    theirs = await openParsed(parsed, signerKeys, host);
  } catch (e) {
    if (e instanceof KeyLogError) {
      throw new KeyLogError("FORKED", `the key log checkpoint that ${signerKeys.user}'s client relied on is not one of this host's log: ${e.message}`);
    }
    throw e;
  }
  await requireOneHistory(held, theirs, proof, signerKeys.user);
  return theirs;
}

/**
 * The comparison itself, shared by the checkpoint statement ({@link compareSeenCheckpoint}) and
 * the checkpoint bound into what a user signs ({@link compareBoundCheckpoint}): `held` and
 * `theirs` (the one `signer`'s client relied on) must be one history by `proof`.
 *
 * @throws KeyLogError FORKED if they are not (a split view)
 */
async function requireOneHistory(held: Checkpoint, theirs: Checkpoint, proof: readonly Uint8Array[], signer: string, when = ""): Promise<void> {
  if (theirs.origin !== held.origin || !(await oneHistory(held, theirs, proof))) {
    throw new KeyLogError(
      "FORKED",
      `the key log shown to you (${held.size} entries) and the one ${signer}'s client relied on${when} (${theirs.size} entries) are not one history: the log was forked to show you different keys`,
    );
  }
}

/**
 * The checkpoint a signer's client relied on when it signed, as a delivery manifest of payload
 * version 3 and a membership-log entry of payload version 2 carry it (docs/format.md): `u64 seen
 * size || 32 seen root`, 0 and 32 zero bytes when it relied on none yet. Sizes beyond 2^53 - 1
 * are out of this library's range (as a checkpoint's).
 */
export interface BoundCheckpoint {
  readonly size: number;
  /** The checkpoint's RFC 9162 root; 32 zero bytes when `size` is 0. */
  readonly root: Uint8Array;
}

/** The field a writer binds for `held`, the checkpoint its client relied on last (none: size 0 and zeros). */
export function boundCheckpointOf(held: BoundCheckpoint | undefined): BoundCheckpoint {
  return held === undefined ? { size: 0, root: new Uint8Array(HASH_SIZE) } : { size: held.size, root: held.root.slice() };
}

/** Writes the field; `RangeError` for a size out of range, a root of another length, or a root with size 0. @internal */
export function writeBoundCheckpoint(out: ByteWriter, seen: BoundCheckpoint): ByteWriter {
  if (!Number.isSafeInteger(seen.size) || seen.size < 0) {
    throw new RangeError(`a seen checkpoint size is 0 to 2^53 - 1: ${seen.size}`);
  }
  if (seen.root.length !== HASH_SIZE) {
    throw new RangeError("a seen checkpoint root is 32 bytes");
  }
  if (seen.size === 0 && seen.root.some((b) => b !== 0)) {
    throw new RangeError("a seen checkpoint of size 0 has a root of 32 zero bytes");
  }
  return out.u64(seen.size).bytes(seen.root);
}

/**
 * Reads the field; damage is the reader's malformed error (IntegrityError for a manifest,
 * MembershipLogError for an entry): truncated, a size beyond the range, or a size of 0 with a
 * non-zero root. @internal
 */
export function readBoundCheckpoint(input: ByteReader): BoundCheckpoint {
  const size = input.u64("the seen checkpoint size");
  const root = input.bytes(HASH_SIZE, "the seen checkpoint root");
  if (size === 0 && root.some((b) => b !== 0)) {
    throw input.malformed("a seen checkpoint of size 0 has a non-zero root");
  }
  return { size, root };
}

/**
 * The relay operation a reader's comparison needs (`ClientRelay.keyLogConsistency`; the web
 * sample's `GET /api/key-log/consistency?from=&to=`): the RFC 9162 consistency proof between two
 * sizes of the host's tree. The host answers an empty list when its tree holds fewer than
 * `toSize` entries, from 0 or for one size; the verification then decides.
 */
export interface KeyLogRelay {
  keyLogConsistency(fromSize: number, toSize: number): Promise<readonly Uint8Array[]>;
}

/** What a reader compares a bound checkpoint with: the checkpoint its client relied on last, and its host's relay. */
export interface HeldCheckpoint {
  /** The checkpoint this client relied on last (before a wrap, at unlock); `undefined` if none yet: nothing is compared. */
  readonly checkpoint: Checkpoint | undefined;
  readonly relay: KeyLogRelay;
}

/**
 * The reader rule for a checkpoint bound into a statement the reader verified (a version-3
 * manifest, a version-2 membership entry; docs/key-log.md): the comparison of
 * {@link compareSeenCheckpoint} without the note (the signer's signature over the statement
 * vouches for the field). Nothing is compared when the reader holds no checkpoint yet or the
 * signer relied on none (size 0). Otherwise the proof between the two sizes comes from the host
 * (`held.relay`; none for one size, whose roots must be equal) and must verify.
 *
 * @param signer the user who signed the statement
 * @param when what they signed, in the user's words (for the message)
 * @throws KeyLogError FORKED if the two are not one history, or the host cannot prove it (its
 *     tree is smaller than the larger size): a split view, nothing is to be read or opened
 */
export async function compareBoundCheckpoint(held: HeldCheckpoint | undefined, bound: BoundCheckpoint, signer: string, when = ""): Promise<void> {
  const mine = held?.checkpoint;
  if (mine === undefined || bound.size === 0) {
    return;
  }
  const proof = mine.size === bound.size ? [] : await held!.relay.keyLogConsistency(Math.min(mine.size, bound.size), Math.max(mine.size, bound.size));
  await requireOneHistory(mine, { origin: mine.origin, size: bound.size, root: bound.root }, proof, signer, when === "" ? "" : ` ${when}`);
}
