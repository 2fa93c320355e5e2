import { ContentContexts } from "./contexts.js";
import { IntegrityError, MembershipLogError, UnsupportedFormatError } from "./errors.js";
import { checkToken, checkUserId, isToken, isUserId } from "./ids.js";
import { ByteReader, ByteWriter, concat, decodeUtf8 } from "./internal/bytes.js";
import { label, Labels } from "./internal/labels.js";
import { sha256, type Random } from "./internal/primitives.js";
import { boundCheckpointOf, readBoundCheckpoint, writeBoundCheckpoint, type BoundCheckpoint } from "./key-log-statement.js";
import type { PublicKeys } from "./keys.js";
import { ContentCipher } from "./stream/cipher.js";
import type { SymmetricKey } from "./symmetric-key.js";

/**
 * The data-room formats of version 1 (docs/data-rooms.md): the membership-log entry payload
 * (payload versions 1 and 2: version 2 adds the key-log checkpoint the signer relied on), its
 * chain hash and member key digest, and the sealed fields (room name, entry metadata, wrapped
 * file key).
 */

export type MembershipAction = "CREATE" | "ADD" | "REMOVE" | "ROLE" | "KEY";
export type RoomRole = "OWNER" | "MANAGER" | "EDITOR" | "VIEWER";

const ACTIONS: readonly MembershipAction[] = ["CREATE", "ADD", "REMOVE", "ROLE", "KEY"];
const ROLES: readonly RoomRole[] = ["OWNER", "MANAGER", "EDITOR", "VIEWER"];
const HAS_COMMITMENT = 1;
const HAS_KEY = 2;
const HASH_SIZE = 32;

/** A member's key as the log records it: version and digest. */
export interface MemberKey {
  readonly version: number;
  readonly digest: Uint8Array;
}

/**
 * One membership-log entry's payload. Version 2 (what is written from now on) is version 1's
 * fields followed by the key-log checkpoint the signer's client relied on when it signed.
 */
export interface MembershipRecord {
  /** The payload version: 1 or 2 when decoded; written as 2 when absent. */
  readonly version?: 1 | 2;
  readonly room: string;
  readonly sequence: number;
  /** Chain hash of the entry before (32 zero bytes for entry 0). */
  readonly previous: Uint8Array;
  /** Milliseconds since 1970 (the signer's clock, informative). */
  readonly time: number;
  readonly action: MembershipAction;
  readonly subject: string;
  /** The subject's role after the change; `undefined` for REMOVE and KEY. */
  readonly role: RoomRole | undefined;
  readonly epoch: number;
  readonly commitment: Uint8Array | undefined;
  readonly subjectKey: MemberKey | undefined;
  /**
   * Version 2: the checkpoint the signer's client relied on when it signed (size 0: none yet;
   * written so when absent). Absent in version 1.
   */
  readonly seenCheckpoint?: BoundCheckpoint | undefined;
}

/** The payload version of `record` as it is (or would be) written. */
export function membershipVersion(record: MembershipRecord): 1 | 2 {
  return record.version ?? 2;
}

/**
 * The payload of `record`: version 2 (with its seen checkpoint) unless the record says 1.
 *
 * @throws RangeError if a field is out of range, or a version-1 record carries a seen checkpoint
 */
export function encodeMembership(record: MembershipRecord): Uint8Array {
  const version = membershipVersion(record);
  if (version === 1 && record.seenCheckpoint !== undefined) {
    throw new RangeError("a version-1 membership entry carries no seen checkpoint");
  }
  checkToken(record.room, "room id");
  checkUserId(record.subject, "subject");
  if (record.previous.length !== HASH_SIZE || (record.commitment !== undefined && record.commitment.length !== HASH_SIZE)) {
    throw new RangeError("previous hash and commitment are 32 bytes");
  }
  const out = new ByteWriter(256)
    .u8(version)
    .string(record.room)
    .u64(record.sequence)
    .bytes(record.previous)
    .i64(record.time)
    .u8(ACTIONS.indexOf(record.action) + 1)
    .string(record.subject)
    .u8(record.role === undefined ? 0 : ROLES.indexOf(record.role) + 1)
    .u32(record.epoch)
    .u8((record.commitment === undefined ? 0 : HAS_COMMITMENT) | (record.subjectKey === undefined ? 0 : HAS_KEY));
  if (record.commitment !== undefined) {
    out.bytes(record.commitment);
  }
  if (record.subjectKey !== undefined) {
    out.u32(record.subjectKey.version).bytes(record.subjectKey.digest);
  }
  if (version === 2) {
    writeBoundCheckpoint(out, boundCheckpointOf(record.seenCheckpoint));
  }
  return out.toBytes();
}

/**
 * Decodes a payload.
 *
 * @throws MembershipLogError if malformed; UnsupportedFormatError for another version
 */
export function decodeMembership(payload: Uint8Array): MembershipRecord {
  const input = new ByteReader(payload, (m) => new MembershipLogError(`malformed membership entry: ${m}`));
  const version = input.u8();
  if (version !== 1 && version !== 2) {
    throw new UnsupportedFormatError(`unsupported membership entry version ${version} (this library reads 1 and 2)`);
  }
  const room = input.string("room");
  if (!isToken(room)) {
    throw input.malformed("invalid room id");
  }
  const sequence = input.u64("sequence");
  const previous = input.bytes(HASH_SIZE, "previous hash");
  const time = input.i64("time");
  const action = ACTIONS[input.u8() - 1];
  if (action === undefined) {
    throw input.malformed("unknown action");
  }
  const subject = input.string("subject");
  if (!isUserId(subject)) {
    throw input.malformed("invalid subject");
  }
  const roleCode = input.u8();
  if (roleCode > ROLES.length) {
    throw input.malformed(`unknown role ${roleCode}`);
  }
  const role = roleCode === 0 ? undefined : ROLES[roleCode - 1];
  const epoch = input.u32AsInt("epoch");
  const flags = input.u8();
  if ((flags & ~(HAS_COMMITMENT | HAS_KEY)) !== 0) {
    throw input.malformed(`unknown flags ${flags}`);
  }
  const commitment = flags & HAS_COMMITMENT ? input.bytes(HASH_SIZE, "commitment") : undefined;
  let subjectKey: MemberKey | undefined;
  if (flags & HAS_KEY) {
    const keyVersion = input.u32AsInt("key version");
    if (keyVersion < 1) {
      throw input.malformed("key version must be 1 or more");
    }
    subjectKey = { version: keyVersion, digest: input.bytes(HASH_SIZE, "digest") };
  }
  const seenCheckpoint = version === 2 ? readBoundCheckpoint(input) : undefined;
  input.end("membership entry");
  const record: MembershipRecord = { version, room, sequence, previous, time, action, subject, role, epoch, commitment, subjectKey };
  return seenCheckpoint === undefined ? record : { ...record, seenCheckpoint };
}

/** `SHA-256("SecuPass membership chain v1"\0 || the whole stored entry)`. */
export function chainHash(storedEntry: Uint8Array): Promise<Uint8Array> {
  return sha256(label(Labels.MEMBERSHIP_CHAIN), storedEntry);
}

/** `SHA-256("SecuPass member key v1"\0 || str user || u32 version || X25519 key || Ed25519 key)`. */
export async function memberKey(keys: PublicKeys): Promise<MemberKey> {
  const input = new ByteWriter(128)
    .bytes(label(Labels.MEMBER_KEY))
    .string(keys.user)
    .u32(keys.version)
    .bytes(keys.encryptionKey)
    .bytes(keys.signingKey)
    .toBytes();
  return { version: keys.version, digest: await sha256(input) };
}

/** What a room entry's sealed metadata holds (version 1). */
export interface EntryMetadata {
  readonly kind: "FOLDER" | "FILE";
  /** The folder it is in, or `undefined` at the top. */
  readonly parent: string | undefined;
  /** A file's blob, `undefined` for a folder. */
  readonly blob: string | undefined;
  readonly size: number;
  readonly storedSize: number;
  readonly name: string;
}

export function encodeEntryMetadata(metadata: EntryMetadata): Uint8Array {
  if ((metadata.kind === "FILE") !== (metadata.blob !== undefined) || metadata.size < 0 || metadata.storedSize < 0) {
    throw new RangeError("inconsistent entry metadata");
  }
  return new ByteWriter(64 + metadata.name.length * 3)
    .u8(metadata.kind === "FOLDER" ? 1 : 2)
    .string(metadata.parent ?? "")
    .string(metadata.blob ?? "")
    .u64(metadata.size)
    .u64(metadata.storedSize)
    .string(metadata.name)
    .toBytes();
}

export function decodeEntryMetadata(plain: Uint8Array): EntryMetadata {
  const input = new ByteReader(plain, (m) => new IntegrityError(`malformed entry metadata: ${m}`));
  const metadata = readEntryFields(input);
  input.end("entry metadata");
  return metadata;
}

/** The version-1 metadata fields, which a signed entry's payload also holds, from `input`. */
export function readEntryFields(input: ByteReader): EntryMetadata {
  const kindCode = input.u8();
  if (kindCode !== 1 && kindCode !== 2) {
    throw input.malformed(`unknown kind ${kindCode}`);
  }
  const parent = input.string("parent");
  const blob = input.string("blob");
  const size = input.u64("size");
  const storedSize = input.u64("ciphertext size");
  const name = input.string("name");
  if ((parent !== "" && !isToken(parent)) || (blob !== "" && !isToken(blob)) || (kindCode === 2) !== (blob !== "")) {
    throw input.malformed("inconsistent fields");
  }
  return {
    kind: kindCode === 1 ? "FOLDER" : "FILE",
    parent: parent === "" ? undefined : parent,
    blob: blob === "" ? undefined : blob,
    size,
    storedSize,
    name,
  };
}

/** The epoch whose key seals a room's name. */
export const NAME_EPOCH = 1;
const FIELD_SEGMENT = 4096;
const SEALED_VERSION = 1;
const SIGNED_VERSION = 2;

/**
 * The sealed fields of a data room, each the version byte 1 then a content stream (4 KiB
 * segments) in its context: the room's name under epoch 1's key, an entry's metadata and a
 * file's content key under the key of the entry's epoch.
 */
export class RoomCiphers {
  constructor(private readonly random?: Random) {}

  async sealRoomName(epochOne: SymmetricKey, room: string, name: string): Promise<Uint8Array> {
    return prefix(await this.cipher(epochOne, ContentContexts.roomName(room, NAME_EPOCH)).seal(new TextEncoder().encode(name)));
  }

  async openRoomName(epochOne: SymmetricKey, room: string, sealed: Uint8Array): Promise<string> {
    const plain = await this.cipher(epochOne, ContentContexts.roomName(room, NAME_EPOCH)).open(body(sealed, "room name"));
    const name = decodeUtf8(plain);
    if (name === undefined) {
      throw new IntegrityError("room name is not valid UTF-8");
    }
    return name;
  }

  async sealMetadata(epochKey: SymmetricKey, room: string, entry: string, epoch: number, metadata: EntryMetadata): Promise<Uint8Array> {
    return prefix(await this.cipher(epochKey, ContentContexts.roomEntryName(room, entry, epoch)).seal(encodeEntryMetadata(metadata)));
  }

  async openMetadata(epochKey: SymmetricKey, room: string, entry: string, epoch: number, sealed: Uint8Array): Promise<EntryMetadata> {
    return decodeEntryMetadata(
      await this.cipher(epochKey, ContentContexts.roomEntryName(room, entry, epoch)).open(body(sealed, "entry metadata")),
    );
  }

  /**
   * A version-2 entry field: the version byte 2 and the content stream of `statement`, a signed
   * statement of type ROOM_ENTRY (see {@link encodeRoomEntry}), in the entry's context.
   */
  async sealSignedEntry(epochKey: SymmetricKey, room: string, entry: string, epoch: number, statement: Uint8Array): Promise<Uint8Array> {
    const sealed = await this.cipher(epochKey, ContentContexts.roomEntryName(room, entry, epoch)).seal(statement);
    return concat(new Uint8Array([SIGNED_VERSION]), sealed);
  }

  /**
   * Opens an entry field of version 1 (the unsigned metadata) or 2 (a signed statement, not yet
   * verified: pass it to {@link verifyRoomEntry}).
   *
   * @throws IntegrityError if it was not sealed for this entry and epoch, or was altered;
   *     UnsupportedFormatError for a field version above 2
   */
  async openEntry(
    epochKey: SymmetricKey,
    room: string,
    entry: string,
    epoch: number,
    sealed: Uint8Array,
  ): Promise<{ version: 1; metadata: EntryMetadata } | { version: 2; statement: Uint8Array }> {
    const version = fieldVersion(sealed, "entry metadata", SIGNED_VERSION);
    const plain = await this.cipher(epochKey, ContentContexts.roomEntryName(room, entry, epoch)).open(sealed.subarray(1));
    return version === SIGNED_VERSION ? { version: 2, statement: plain } : { version: 1, metadata: decodeEntryMetadata(plain) };
  }

  async wrapFileKey(epochKey: SymmetricKey, room: string, file: string, epoch: number, fileKey: SymmetricKey): Promise<Uint8Array> {
    return prefix(await this.cipher(epochKey, ContentContexts.roomFileKey(room, file, epoch)).wrap(fileKey));
  }

  async unwrapFileKey(epochKey: SymmetricKey, room: string, file: string, epoch: number, sealed: Uint8Array): Promise<SymmetricKey> {
    return this.cipher(epochKey, ContentContexts.roomFileKey(room, file, epoch)).unwrap(body(sealed, "wrapped file key"));
  }

  private cipher(key: SymmetricKey, context: ReturnType<typeof ContentContexts.roomName>): ContentCipher {
    return ContentCipher.create(key, context, {
      segmentSize: FIELD_SEGMENT,
      acceptVersions: [1],
      ...(this.random === undefined ? {} : { random: this.random }),
    });
  }
}

function prefix(ciphertext: Uint8Array): Uint8Array {
  return concat(new Uint8Array([SEALED_VERSION]), ciphertext);
}

function body(sealed: Uint8Array, what: string): Uint8Array {
  fieldVersion(sealed, what, SEALED_VERSION);
  return sealed.subarray(1);
}

/** The version byte of a sealed field, 1 to `highest`; empty is damage, above is unsupported. */
function fieldVersion(sealed: Uint8Array, what: string, highest: number): number {
  if (sealed.length < 1) {
    throw new IntegrityError(`${what} is empty`);
  }
  const version = sealed[0]!;
  if (version < 1 || version > highest) {
    throw new UnsupportedFormatError(`unsupported ${what} version ${version} (this library reads 1-${highest})`);
  }
  return version;
}
