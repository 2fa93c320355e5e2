import { IntegrityError, MembershipLogError, UnsupportedFormatError } from "./errors.js";
import { checkToken } from "./ids.js";
import { ByteReader, ByteWriter, constantTimeEqual } from "./internal/bytes.js";
import type { PublicKeys } from "./keys.js";
import { memberKey, readEntryFields, type EntryMetadata, type MemberKey, type RoomRole } from "./rooms.js";
import { parseStatement, verifiedPayload } from "./signed.js";

/**
 * Signed room entries (docs/format.md, "Signed room entries (version 2)"): the member who writes
 * an entry (creates, renames, moves or re-encrypts it) signs its metadata, the membership-log
 * length they had verified, the blob's ciphertext digest and the file key's commitment, as a
 * signed statement of type ROOM_ENTRY sealed in the entry's `RoomEntry.name` field
 * ({@link RoomCiphers.sealSignedEntry}).
 */

/**
 * The payload of a signed room entry. Version 2 is a file whose content is a version-2 content
 * stream, and its digest is that stream's stream digest; version 1 is a folder, or a file of a
 * version-1 stream whose digest is the version-1 ciphertext digest (or zeros).
 */
export interface RoomEntryPayload {
  /** 1 (the default when writing) or 2. */
  readonly version?: 1 | 2;
  readonly room: string;
  readonly entry: string;
  /** The key epoch the entry is sealed under. */
  readonly epoch: number;
  /** How many membership-log entries the writer had verified when writing. */
  readonly logLength: number;
  readonly metadata: EntryMetadata;
  /**
   * Payload version 2: the blob's stream digest (a version-2 stream). Version 1: its version-1
   * ciphertext digest, or zeros for a folder or a file uploaded before signed entries.
   */
  readonly digest: Uint8Array;
  /** The key commitment of the file's content key; zeros for a folder. */
  readonly commitment: Uint8Array;
}

/** A verified signed entry: the payload and who wrote it. */
export interface SignedRoomEntry extends RoomEntryPayload {
  readonly writer: string;
  readonly writerVersion: number;
}

/** A room entry's clear index fields, as the room store holds them. */
export interface ClearRoomEntry {
  readonly room: string;
  readonly id: string;
  readonly epoch: number;
  readonly kind: "FOLDER" | "FILE";
  readonly parent: string | undefined;
  readonly blob: string | undefined;
  readonly size: number;
}

/**
 * What a reader of signed entries needs from the room's verified membership log
 * (docs/data-rooms.md, "The membership log"): the `MembershipState` of {@link verifyMembershipLog}.
 */
export interface MembershipView {
  /** The number of entries of the verified log. */
  readonly length: number;
  /** The key of `user` and `version` if the log ever recorded it. */
  recordedKey(user: string, version: number): MemberKey | undefined;
  /** The user's role after the first `logLength` entries (`undefined`: no member then). */
  roleAt(user: string, logLength: number): RoomRole | undefined;
  /** The key epoch after the first `logLength` entries (0 before the first). */
  epochAt(logLength: number): number;
}

const PAYLOAD_VERSION = 1;
const PAYLOAD_VERSION_2 = 2;
const HASH = 32;
const ZEROS = new Uint8Array(HASH);

/** The payload bytes (sign them with `session.sign("ROOM_ENTRY", ...)`). */
export function encodeRoomEntry(payload: RoomEntryPayload): Uint8Array {
  checkToken(payload.room, "room id");
  checkToken(payload.entry, "entry id");
  const m = payload.metadata;
  if ((m.kind === "FILE") !== (m.blob !== undefined) || m.size < 0 || m.storedSize < 0) {
    throw new RangeError("inconsistent entry metadata");
  }
  if (payload.digest.length !== HASH || payload.commitment.length !== HASH) {
    throw new RangeError("digest and commitment are 32 bytes");
  }
  if (!Number.isInteger(payload.epoch) || payload.epoch < 1 || !Number.isSafeInteger(payload.logLength) || payload.logLength < 1) {
    throw new RangeError("epoch and log length start at 1");
  }
  const version = payload.version ?? PAYLOAD_VERSION;
  if (version === PAYLOAD_VERSION_2 && (m.kind !== "FILE" || constantTimeEqual(payload.digest, ZEROS))) {
    throw new RangeError("payload version 2 is a file with the stream digest of its version-2 stream");
  }
  return new ByteWriter(200 + m.name.length * 3)
    .u8(version)
    .string(payload.room)
    .string(payload.entry)
    .u32(payload.epoch)
    .u64(payload.logLength)
    .u8(m.kind === "FOLDER" ? 1 : 2)
    .string(m.parent ?? "")
    .string(m.blob ?? "")
    .u64(m.size)
    .u64(m.storedSize)
    .string(m.name)
    .bytes(payload.digest)
    .bytes(payload.commitment)
    .toBytes();
}

/**
 * Decodes a payload (nothing about the room is checked here).
 *
 * @throws UnsupportedFormatError for another payload version; IntegrityError if malformed
 */
export function decodeRoomEntry(payload: Uint8Array): RoomEntryPayload {
  const input = new ByteReader(payload, (m) => new IntegrityError(`malformed signed room entry: ${m}`));
  const version = input.u8();
  if (version !== PAYLOAD_VERSION && version !== PAYLOAD_VERSION_2) {
    throw new UnsupportedFormatError(`unsupported signed room entry version ${version}`);
  }
  const room = input.string("room");
  const entry = input.string("entry");
  const epoch = input.u32();
  const logLength = input.u64("log length");
  const metadata = readEntryFields(input);
  const digest = input.bytes(HASH, "digest");
  const commitment = input.bytes(HASH, "key commitment");
  input.end("signed entry");
  return { version: version as 1 | 2, room, entry, epoch, logLength, metadata, digest, commitment };
}

/**
 * Verifies a signed entry (the statement {@link RoomCiphers.openEntry} returned for a version-2
 * field) in the order of docs/format.md, rules 1-5:
 *
 * 1. the log recorded the signer's key of that version ({@link IntegrityError}), the keys
 *    `keysOf` returns for them are the recorded ones ({@link MembershipLogError}), and the
 *    signature verifies ({@link InvalidSignatureError});
 * 2. the payload names this room, entry and epoch, without trailing bytes;
 * 3. its log length is 1 to the verified log's length;
 * 4. the signer then had a role that writes (owner, manager, editor) and the room was at the
 *    entry's epoch;
 * 5. the clear index fields equal the signed ones; a folder's digest and commitment are zeros;
 * 6. payload version 2 is a file whose digest is not zeros.
 *
 * Rule 7 is the reader's: check the unwrapped file key against `commitment` before using it; with
 * payload version 2 read the blob as a version-2 stream only, every read verified against the
 * signed stream digest ({@link roomEntryReadOptions}); with version 1 check a whole read against
 * `digest` (unless zeros).
 *
 * @param keysOf the key store's public keys of a user and version (`undefined` if none)
 */
export async function verifyRoomEntry(
  statement: Uint8Array,
  entry: ClearRoomEntry,
  log: MembershipView,
  keysOf: (user: string, version: number) => Promise<PublicKeys | undefined>,
): Promise<SignedRoomEntry> {
  const where = `entry ${entry.id} of room ${entry.room}`;
  const parsed = parseStatement(statement);
  const writer = parsed.signer;
  const recorded = log.recordedKey(writer, parsed.signerVersion);
  if (recorded === undefined) {
    throw new IntegrityError(`${where} is signed by ${writer}, whose key the membership log never recorded`);
  }
  const keys = await keysOf(writer, parsed.signerVersion);
  if (keys === undefined) {
    throw new MembershipLogError(`the key store has no keys of ${writer} version ${parsed.signerVersion}, which the room's records name`);
  }
  if (keys.user !== writer || keys.version !== parsed.signerVersion || !constantTimeEqual((await memberKey(keys)).digest, recorded.digest)) {
    throw new MembershipLogError(`the stored keys of ${writer} version ${parsed.signerVersion} are not the ones the membership log records`);
  }
  const payload = decodeRoomEntry(await verifiedPayload(parsed, keys, "ROOM_ENTRY"));
  if (payload.room !== entry.room || payload.entry !== entry.id || payload.epoch !== entry.epoch) {
    throw new IntegrityError(`${where} holds the signed metadata of another entry, room or key epoch`);
  }
  if (payload.logLength < 1 || payload.logLength > log.length) {
    throw new IntegrityError(`${where} claims a membership log of ${payload.logLength} entries; the verified log has ${log.length}`);
  }
  const role = log.roleAt(writer, payload.logLength);
  if (role === undefined) {
    throw new IntegrityError(`${where} is signed by ${writer}, who was not a member of the room when it was written`);
  }
  if (role === "VIEWER") {
    throw new IntegrityError(`${where} is signed by ${writer}, who was a viewer and may not write when it was written`);
  }
  const epochThen = log.epochAt(payload.logLength);
  if (epochThen !== payload.epoch) {
    throw new IntegrityError(`${where} is sealed under key epoch ${payload.epoch}, but the room was at epoch ${epochThen} where its writer signed it`);
  }
  const m = payload.metadata;
  if (payload.version === PAYLOAD_VERSION_2 && (m.kind !== "FILE" || constantTimeEqual(payload.digest, ZEROS))) {
    throw new IntegrityError(`${where} is signed as a file of a version-2 stream but is not a file with a stream digest`);
  }
  if (m.kind === "FOLDER" && (!constantTimeEqual(payload.digest, ZEROS) || !constantTimeEqual(payload.commitment, ZEROS))) {
    throw new IntegrityError(`folder ${entry.id} of room ${entry.room} carries a file's digest or key commitment`);
  }
  if (m.kind !== entry.kind || m.parent !== entry.parent || m.blob !== entry.blob || m.size !== entry.size) {
    throw new IntegrityError(`${where} was altered in storage: its kind, folder, blob or size differ from its signed metadata`);
  }
  return { ...payload, writer, writerVersion: parsed.signerVersion };
}

/**
 * How a reader reads the blob of a verified file entry (rule 7): payload version 2 accepts only a
 * version-2 stream (a version-1 stream under it is an {@link IntegrityError}, a downgrade) and
 * checks every read, whole or ranged, against the signed stream digest; payload version 1 reads a
 * version-1 stream and checks a whole read against the signed ciphertext digest unless it is zeros
 * (a file uploaded before signed entries: GCM under the committed key alone). Pass the result to
 * `ContentCipher.decrypt` (with `offset` and `length` for a range of a version-2 stream).
 */
export function roomEntryReadOptions(entry: SignedRoomEntry): { expectedVersion: 1 | 2; expectedDigest?: Uint8Array } {
  if (entry.metadata.kind !== "FILE") {
    throw new RangeError(`entry ${entry.entry} of room ${entry.room} is a folder`);
  }
  if (entry.version === PAYLOAD_VERSION_2) {
    return { expectedVersion: 2, expectedDigest: entry.digest.slice() };
  }
  return constantTimeEqual(entry.digest, ZEROS) ? { expectedVersion: 1 } : { expectedVersion: 1, expectedDigest: entry.digest.slice() };
}
