import { ContentContexts } from "./contexts.js";
import { IntegrityError } from "./errors.js";
import { constantTimeEqual } from "./internal/bytes.js";
import type { Random } from "./internal/primitives.js";
import { roomEntryReadOptions, verifyRoomEntry, type SignedRoomEntry } from "./room-entries.js";
import { signRoomFile, type OpenedRoom } from "./room-flows.js";
import { RoomCiphers } from "./rooms.js";
import type { Session } from "./session.js";
import { ContentCipher, type EncryptedContent } from "./stream/cipher.js";
import { DEFAULT_SEGMENT_SIZE } from "./stream/format.js";
import type { CiphertextSource } from "./stream/sources.js";
import { SymmetricKey } from "./symmetric-key.js";

/**
 * A data room's files from a member's client (docs/client-exchange.md, "Rooms"): writing one
 * ({@link encryptRoomFile}: a new file key, the content encrypted as a stream while it uploads,
 * then the signed entry and the wrapped key `addRoomFile` takes) and reading one
 * ({@link openRoomFile}, {@link readRoomFile}: the entry `roomEntries` listed opened and verified,
 * the file key checked against the signed commitment, the ciphertext read by ranges, every segment
 * checked against the signed stream digest before it is released). Pure functions: the caller
 * moves the bytes (an upload, ranged reads).
 */

/** Options of {@link encryptRoomFile}. */
export interface RoomFileOptions {
  /** The entry id (a token of the identifier grammar); a random one by default. */
  readonly file?: string;
  /** The folder the file goes into; the room's top by default. */
  readonly folder?: string | undefined;
  /** Plaintext bytes per segment (default 1 MiB, as the Java SDK writes). */
  readonly segmentSize?: number;
  readonly random?: Random;
}

/** What the relay's upload answered for the file's ciphertext (`UploadedContent`). */
export interface UploadedCiphertext {
  readonly blob: string;
  readonly size: number;
  readonly storedSize: number;
  /** The stream digest the server computed from the bytes it stored. */
  readonly digest: Uint8Array;
}

/** What `addRoomFile` takes besides the upload: `ClientRoomFile`'s fields. */
export interface RoomFileToAdd {
  readonly file: string;
  readonly folder: string | undefined;
  /** The signed room entry sealed under the epoch key (field version 2). */
  readonly sealedEntry: Uint8Array;
  /** The file key wrapped under the same epoch key (field version 1). */
  readonly wrappedKey: Uint8Array;
  /** The epoch both are sealed under: the room's current one when sealed. */
  readonly epoch: number;
}

/**
 * One file being written into a room ({@link encryptRoomFile}): pipe the plaintext through
 * {@link stream} into the upload, then {@link seal} what the upload answered.
 */
export interface RoomFileEncryption {
  readonly room: string;
  readonly file: string;
  readonly folder: string | undefined;
  /**
   * Plaintext in, the version-2 content stream out (header, one chunk per segment as it fills,
   * the segment table): the content cipher's `encryptStream`, so memory is one segment.
   */
  readonly stream: TransformStream<Uint8Array, Uint8Array>;
  /** The sizes and stream digest, once the stream ended. */
  readonly result: Promise<EncryptedContent>;
  /** The stored size of `plaintextSize` bytes, known before the upload starts. */
  storedSize(plaintextSize: number): number;
  /**
   * The signed entry and wrapped key of the uploaded file, sealed under the current epoch of
   * `opened` (by default the room this encryption began with; after the relay answered
   * `StaleEpochException`, the room opened again: the upload stays, only the seal is new). The
   * upload must be exactly what this client encrypted: its sizes and the digest the server
   * computed equal the encryption's.
   *
   * @throws IntegrityError if the server stored other bytes than this client made, or the stream
   *     has not ended
   * @throws MembershipLogError if the session may not write in the room (checked by the reader
   *     too; the relay refuses it)
   */
  seal(session: Session, upload: UploadedCiphertext, name: string, opened?: OpenedRoom): Promise<RoomFileToAdd>;
  /** Wipes the file key (after the file was added, or when the upload is abandoned). */
  wipe(): void;
}

/**
 * Starts writing a file into an opened room: a new file key and the content cipher of the file's
 * `ROOM_FILE(room, file)` context, version 2 (every range of it verifiable against the signed
 * stream digest, as the relay requires). The same streaming encryption as a delivery's file
 * (`ContentCipher.encryptStream`), so it works with any uploader of a stream, a chunked one too.
 *
 * @throws IntegrityError if this member holds no key of the room's current epoch
 */
export function encryptRoomFile(opened: OpenedRoom, options: RoomFileOptions = {}): RoomFileEncryption {
  const file = options.file ?? randomToken(options.random);
  const segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_SIZE;
  currentEpochKey(opened); // fail before anything is read or uploaded
  const fileKey = SymmetricKey.generate(options.random);
  const cipher = ContentCipher.create(fileKey, ContentContexts.roomFile(opened.room, file), {
    version: 2,
    segmentSize,
    ...(options.random === undefined ? {} : { random: options.random }),
  });
  const { stream, result } = cipher.encryptStream();
  let made: EncryptedContent | undefined;
  result.then((content) => (made = content), () => undefined);
  const folder = options.folder;
  const ciphers = new RoomCiphers(options.random);
  return {
    room: opened.room,
    file,
    folder,
    stream,
    result,
    storedSize: (plaintextSize) => ContentCipher.storedSize(plaintextSize, segmentSize, 2),
    async seal(session, upload, name, reopened = opened) {
      if (reopened.room !== opened.room) {
        throw new RangeError(`the file was encrypted for room ${opened.room}, not ${reopened.room}`);
      }
      if (made === undefined) {
        throw new IntegrityError(`file ${file} is sealed before its encryption ended`);
      }
      if (upload.size !== made.plaintextSize || upload.storedSize !== made.storedSize || !constantTimeEqual(upload.digest, made.digest)) {
        throw new IntegrityError(`the server stored other bytes for file ${file} than this client encrypted`);
      }
      const epoch = reopened.state.epoch;
      const wrappedKey = await ciphers.wrapFileKey(currentEpochKey(reopened), reopened.room, file, epoch, fileKey);
      const sealedEntry = await signRoomFile(session, reopened, {
        file,
        folder,
        name,
        blob: upload.blob,
        size: upload.size,
        storedSize: upload.storedSize,
        digest: upload.digest,
        wrappedKey,
      });
      return { file, folder, sealedEntry, wrappedKey, epoch };
    },
    wipe: () => fileKey.wipe(),
  };
}

/** A file entry as the relay's `roomEntries` lists it (`ClientRoomEntry`). */
export interface ListedRoomFile {
  readonly id: string;
  /** Its folder, `undefined` at the top. */
  readonly parent?: string | undefined;
  /** The kind the server lists; a folder is refused. */
  readonly kind?: "FILE" | "FOLDER";
  readonly epoch: number;
  readonly blob: string | undefined;
  readonly size: number;
  /** The ciphertext's size the server serves; it must be the signed one. */
  readonly storedSize: number;
  readonly sealedEntry: Uint8Array;
  readonly wrappedKey: Uint8Array;
}

/** How a verified room file is read: what {@link roomEntryReadOptions} requires of its stream. */
export interface RoomFileReadRule {
  readonly expectedVersion: 1 | 2;
  readonly expectedDigest?: Uint8Array;
}

/** A range of a file's plaintext, and progress. */
export interface RoomFileRange {
  /** First plaintext byte (default 0). */
  readonly offset?: number;
  /** Plaintext bytes at most (default: to the end). */
  readonly length?: number;
  /** Called after each segment released: plaintext bytes so far and the bytes the read covers. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A room file whose signed entry verified ({@link openRoomFile}). */
export interface OpenedRoomFile {
  readonly room: string;
  readonly file: string;
  readonly folder: string | undefined;
  /** The name its writer signed. */
  readonly name: string;
  readonly size: number;
  readonly storedSize: number;
  /** Who signed it, at which key version. */
  readonly writer: string;
  readonly writerVersion: number;
  /** The verified signed entry. */
  readonly entry: SignedRoomEntry;
  /** The file key, checked against the signed commitment (hand it to a worker with `exportBytes`; wipe it when done). */
  readonly key: SymmetricKey;
  /** What the file's stream must be: hand it with the key to a worker that calls {@link decryptRoomFile}. */
  readonly rule: RoomFileReadRule;
  /** The plaintext (or a range of it) from ranged reads of the ciphertext; see {@link decryptRoomFile}. */
  decrypt(source: CiphertextSource, range?: RoomFileRange): ReadableStream<Uint8Array>;
}

/**
 * Opens a room file for reading as the member of `opened` (docs/format.md, "Signed room entries",
 * rules 1-7): the sealed entry opened with the key of the entry's epoch, the signed entry verified
 * over the room's verified log ({@link verifyRoomEntry}: the writer's recorded key, the signature,
 * room, entry and epoch, the writer's role then, the clear fields), the stored size the server
 * lists against the signed one, and the wrapped file key against the signed commitment.
 *
 * @throws IntegrityError if this member holds no key of the entry's epoch, a field does not open,
 *     the entry was altered or is a folder, or the key is not the one its writer signed
 * @throws InvalidSignatureError if the signature does not verify
 * @throws MembershipLogError if the copy's keys are not the ones the log records
 */
export async function openRoomFile(opened: OpenedRoom, listed: ListedRoomFile): Promise<OpenedRoomFile> {
  const room = opened.room;
  const where = `file ${listed.id} of room ${room}`;
  if (listed.kind === "FOLDER" || listed.blob === undefined) {
    throw new IntegrityError(`${where} is listed as a folder`);
  }
  const epochKey = opened.epochKeys.get(listed.epoch);
  if (epochKey === undefined) {
    throw new IntegrityError(`this client holds no key of epoch ${listed.epoch} of room ${room}`);
  }
  const ciphers = new RoomCiphers();
  const field = await ciphers.openEntry(epochKey, room, listed.id, listed.epoch, listed.sealedEntry);
  if (field.version !== 2) {
    throw new IntegrityError(`${where} carries no signed entry`);
  }
  const entry = await verifyRoomEntry(
    field.statement,
    { room, id: listed.id, epoch: listed.epoch, kind: "FILE", parent: listed.parent, blob: listed.blob, size: listed.size },
    opened.state,
    opened.keysOf,
  );
  if (entry.metadata.storedSize !== listed.storedSize) {
    throw new IntegrityError(`${where} was altered in storage: its ciphertext size differs from the signed one`);
  }
  const rule = roomEntryReadOptions(entry);
  const key = await ciphers.unwrapFileKey(epochKey, room, listed.id, listed.epoch, listed.wrappedKey);
  if (!(await key.matchesCommitment(entry.commitment))) {
    key.wipe();
    throw new IntegrityError(`the key of ${where} is not the one its writer signed`);
  }
  return {
    room,
    file: listed.id,
    folder: entry.metadata.parent,
    name: entry.metadata.name,
    size: entry.metadata.size,
    storedSize: entry.metadata.storedSize,
    writer: entry.writer,
    writerVersion: entry.writerVersion,
    entry,
    key,
    rule,
    decrypt: (source, range) => decryptRoomFile(key, room, listed.id, rule, source, range),
  };
}

/**
 * Opens and verifies a room file ({@link openRoomFile}) and reads it (or a range) from `source`,
 * ranged reads of the ciphertext the relay's `readRoomFile` serves. The returned stream releases
 * one segment per pull, each checked against the signed stream digest first.
 */
export async function readRoomFile(
  opened: OpenedRoom,
  listed: ListedRoomFile,
  source: CiphertextSource,
  range?: RoomFileRange,
): Promise<{ readonly file: OpenedRoomFile; readonly plaintext: ReadableStream<Uint8Array> }> {
  const file = await openRoomFile(opened, listed);
  return { file, plaintext: file.decrypt(source, range) };
}

/**
 * The plaintext of a verified room file from its key and read rule alone (a Service Worker that
 * the page handed them to): the file's `ROOM_FILE(room, file)` content cipher, the stream version
 * the entry signed (a version-1 stream under a version-2 entry is an {@link IntegrityError}, a
 * downgrade), every segment of a version-2 stream checked against the signed stream digest before
 * it is released, in any range. A version-1 stream with a signed digest reads whole only.
 */
export function decryptRoomFile(
  key: SymmetricKey,
  room: string,
  file: string,
  rule: RoomFileReadRule,
  source: CiphertextSource,
  range: RoomFileRange = {},
): ReadableStream<Uint8Array> {
  return ContentCipher.create(key, ContentContexts.roomFile(room, file)).decrypt(source, {
    expectedVersion: rule.expectedVersion,
    ...(rule.expectedDigest === undefined ? {} : { expectedDigest: rule.expectedDigest }),
    ...(range.offset === undefined ? {} : { offset: range.offset }),
    ...(range.length === undefined ? {} : { length: range.length }),
    ...(range.onProgress === undefined ? {} : { onProgress: range.onProgress }),
  });
}

function currentEpochKey(opened: OpenedRoom): SymmetricKey {
  const key = opened.epochKeys.get(opened.state.epoch);
  if (key === undefined) {
    throw new IntegrityError(`this client holds no key of epoch ${opened.state.epoch} of room ${opened.room}`);
  }
  return key;
}

/** 32 lowercase hex digits: a token of the identifier grammar, as the Java SDK's random ids. */
function randomToken(random?: Random): string {
  const bytes = random === undefined ? crypto.getRandomValues(new Uint8Array(16)) : random(16);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
