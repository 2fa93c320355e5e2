import { ContentContexts } from "../src/contexts.js";
import { IntegrityError, MembershipLogError } from "../src/errors.js";
import { concat } from "../src/internal/bytes.js";
import { decryptRoomFile, encryptRoomFile, openRoomFile, readRoomFile, type ListedRoomFile, type RoomFileEncryption, type UploadedCiphertext } from "../src/room-files.js";
import { addMemberEntry, openRoom, removeMemberEntry, type OpenedRoom } from "../src/room-flows.js";
import { RoomCiphers } from "../src/rooms.js";
import type { Session } from "../src/session.js";
import { ContentCipher } from "../src/stream/cipher.js";
import { LEAF_SIZE, merkleRoot, streamDigestV2 } from "../src/stream/format.js";
import { bytesSource, httpSource, type CiphertextSource } from "../src/stream/sources.js";
import { SymmetricKey } from "../src/symmetric-key.js";
import { bytesEqual, equal, ok, rejects } from "./assert.js";
import { platform, test } from "./harness.js";
import { ROOM, rule, scene, user, type Scene } from "./room-flows.test.js";
import { chunked, collect, pattern } from "./support.js";

/**
 * A room's files from a member's client: written as a stream into an uploader that sends fixed
 * chunks (as the web sample's resumable upload does), read back by ranged HTTP requests, whole and
 * by range, every segment verified; and what a server that stores the room could change, each
 * refused.
 */

const SEGMENT = 4096;
const CHUNK = 10_000; // the uploader's chunks cut across segments, as the web sample's do

/** The room with dave added as a viewer (alice owner, bob editor, carol manager). */
async function room(): Promise<Scene & { dave: Session }> {
  const s = await scene();
  const daveSession = await user("dave");
  s.relay.bundles.push(daveSession.publicKeys.encoded);
  const added = await addMemberEntry(s.alice, await open(s, s.alice), daveSession.user, "VIEWER", {
    presented: daveSession.publicKeys,
    rule: rule(s.alice, "TRUST_ON_FIRST_USE"),
  });
  s.relay.append(added.entry, added.envelopes, [daveSession]);
  return { ...s, dave: daveSession };
}

function open(s: Scene, member: Session): Promise<OpenedRoom> {
  return openRoom(member, s.relay.copyFor(member), s.alice.publicKeys);
}

/** What the relay keeps of a file and lists (`ClientRoomEntry`), and the blob it serves by ranges. */
interface Stored {
  readonly listed: ListedRoomFile;
  readonly ciphertext: Uint8Array;
  readonly url: string;
}

/**
 * Encrypts `plaintext` as `writer` into fixed-size upload chunks, "uploads" them (a PUT of the
 * assembled chunks to the test server's blob store), and seals the entry with what the upload
 * answered: the server's own stream digest, taken from the stored bytes' table.
 */
async function write(writer: Session, opened: OpenedRoom, plaintext: Uint8Array, name: string, reopened?: OpenedRoom): Promise<Stored> {
  const encryption = encryptRoomFile(opened, { segmentSize: SEGMENT });
  const chunks: Uint8Array[] = [];
  let pending: Uint8Array = new Uint8Array(0);
  await chunked(plaintext, 777)
    .pipeThrough(encryption.stream)
    .pipeTo(
      new WritableStream({
        write(piece) {
          pending = concat(pending, piece);
          while (pending.length >= CHUNK) {
            chunks.push(pending.slice(0, CHUNK));
            pending = pending.slice(CHUNK);
          }
        },
        close() {
          chunks.push(pending);
        },
      }),
    );
  ok(chunks.slice(0, -1).every((c) => c.length === CHUNK));
  const ciphertext = concat(...chunks);
  equal(ciphertext.length, encryption.storedSize(plaintext.length), "the size the upload declared up front");
  const upload = await uploaded(ciphertext, plaintext.length);
  const sealed = await encryption.seal(writer, upload, name, reopened);
  encryption.wipe();
  const url = `${platform().serverUrl}/blobs/room-${platform().name}-${Math.random().toString(36).slice(2)}`;
  equal((await fetch(url, { method: "PUT", body: ciphertext as Uint8Array<ArrayBuffer> })).status, 204);
  return {
    listed: { id: sealed.file, parent: sealed.folder, kind: "FILE", epoch: sealed.epoch, blob: upload.blob, size: upload.size, storedSize: upload.storedSize, sealedEntry: sealed.sealedEntry, wrappedKey: sealed.wrappedKey },
    ciphertext,
    url,
  };
}

/** The relay's answer: the digest recomputed from the stored bytes (header and table), not the writer's. */
async function uploaded(ciphertext: Uint8Array, size: number): Promise<UploadedCiphertext> {
  const segments = Math.floor(size / SEGMENT) + 1; // the final segment holds 0 to S - 1 bytes
  const table = ciphertext.subarray(ciphertext.length - segments * LEAF_SIZE);
  return { blob: `blob-${Math.random().toString(36).slice(2)}`, size, storedSize: ciphertext.length, digest: await streamDigestV2(ciphertext.subarray(0, 49), segments, await merkleRoot(table)) };
}

test("roomFiles_writtenAsAStreamInChunks_readByRangedRequests_wholeAndByRange", async () => {
  const s = await room();
  const plaintext = pattern(5 * SEGMENT + 123, 17);
  const file = await write(s.bob, await open(s, s.bob), plaintext, "Offer \u00e9t\u00e9.pdf");
  for (const reader of [s.carol, s.dave, s.alice, s.bob]) {
    const source = await httpSource(file.url, { size: file.listed.storedSize });
    const { file: opened, plaintext: stream } = await readRoomFile(await open(s, reader), file.listed, source);
    bytesEqual(await collect(stream), plaintext, reader.user);
    equal(opened.name, "Offer \u00e9t\u00e9.pdf");
    equal(opened.writer, s.bob.user);
    equal(opened.size, plaintext.length);
    equal(opened.folder, undefined);
    equal(opened.rule.expectedVersion, 2);
  }
  const opened = await openRoomFile(await open(s, s.dave), file.listed);
  const source = await httpSource(file.url, { size: file.listed.storedSize });
  let progress = 0;
  const range = await collect(opened.decrypt(source, { offset: 2 * SEGMENT - 5, length: SEGMENT + 10, onProgress: (done) => (progress = done) }));
  bytesEqual(range, plaintext.subarray(2 * SEGMENT - 5, 3 * SEGMENT + 5));
  equal(progress, SEGMENT + 10);
  // A worker that holds only the key and the read rule (the web sample's Service Worker) reads the same.
  const handed = SymmetricKey.fromBytes(opened.key.exportBytes());
  bytesEqual(await collect(decryptRoomFile(handed, ROOM, opened.file, opened.rule, source, { offset: 4 * SEGMENT })), plaintext.subarray(4 * SEGMENT));
  // The same key in another file's context (a file id the server swapped) reads nothing.
  await rejects(() => collect(decryptRoomFile(handed, ROOM, "other-file", opened.rule, source)), IntegrityError);
  opened.key.wipe();
});

test("roomFiles_aFileSealedAfterARotation_isSealedUnderTheNewEpoch_andTheRemovedMemberOpensNothing", async () => {
  const s = await room();
  const plaintext = pattern(3 * SEGMENT, 3);
  const before = await open(s, s.alice);
  // Alice removes bob while a file of hers uploads: the relay would answer StaleEpochException, so
  // her client seals the same upload again under the room opened anew.
  const removal = await removeMemberEntry(s.alice, before, s.bob.user, [s.carol.publicKeys, s.dave.publicKeys], rule(s.alice, "TRUST_ON_FIRST_USE"));
  const bobsOldCopy = s.relay.copyFor(s.bob);
  s.relay.append(removal.entry, removal.envelopes, [s.alice]);
  const after = await open(s, s.alice);
  const file = await write(s.alice, before, plaintext, "after.pdf", after);
  equal(file.listed.epoch, 2);
  // Nobody's pin was verified here: carol waits for her grant and holds no key of epoch 2 yet.
  const carols = await open(s, s.carol);
  await rejects(() => openRoomFile(carols, file.listed), IntegrityError, /no key of epoch 2/);
  const bobs = await openRoom(s.bob, bobsOldCopy, s.alice.publicKeys);
  await rejects(() => readRoomFile(bobs, file.listed, bytesSource(file.ciphertext)), IntegrityError, /no key of epoch 2/);
  bytesEqual(await collect((await readRoomFile(after, file.listed, bytesSource(file.ciphertext))).plaintext), plaintext);
});

/** The room as a member who holds no key of its current epoch sees it. */
function openedWithout(opened: OpenedRoom): OpenedRoom {
  const keys = new Map(opened.epochKeys);
  keys.delete(opened.state.epoch);
  return { ...opened, epochKeys: keys };
}

test("roomFiles_theWriterSealsOnlyWhatItEncryptedAndUploaded_andOnlyAsAWriter", async () => {
  const s = await room();
  const plaintext = pattern(2 * SEGMENT + 1, 9);
  const bobs = await open(s, s.bob);
  const encryption: RoomFileEncryption = encryptRoomFile(bobs, { segmentSize: SEGMENT });
  const honest: UploadedCiphertext = { blob: "blob-1", size: plaintext.length, storedSize: encryption.storedSize(plaintext.length), digest: new Uint8Array(32) };
  await rejects(() => encryption.seal(s.bob, honest, "early.pdf"), IntegrityError, /before its encryption ended/);
  const ciphertext = await collect(chunked(plaintext, 1000).pipeThrough(encryption.stream));
  const upload = await uploaded(ciphertext, plaintext.length);
  // A server that answers another digest or size than the bytes this client made is refused.
  await rejects(() => encryption.seal(s.bob, { ...upload, digest: upload.digest.map((b, i) => (i === 0 ? b ^ 1 : b)) }, "x.pdf"), IntegrityError, /other bytes/);
  await rejects(() => encryption.seal(s.bob, { ...upload, size: upload.size + 1 }, "x.pdf"), IntegrityError, /other bytes/);
  // A viewer's client signs no file: every reader would refuse it.
  const daves = await open(s, s.dave);
  await rejects(() => encryption.seal(s.dave, upload, "x.pdf", daves), MembershipLogError, /does not write/);
  // An encryption begun for another room cannot be sealed into this one.
  await rejects(() => encryption.seal(s.bob, upload, "x.pdf", { ...bobs, room: "room-2" }), RangeError);
  const sealed = await encryption.seal(s.bob, upload, "x.pdf");
  equal(sealed.epoch, 1);
  encryption.wipe();
  // A viewer without the current epoch's key fails before anything is read.
  ok((() => {
    try {
      encryptRoomFile(openedWithout(bobs));
      return false;
    } catch (e) {
      return e instanceof IntegrityError;
    }
  })());
});

test("roomFiles_whatAServerChangesInStorage_isRefused", async () => {
  const s = await room();
  const plaintext = pattern(4 * SEGMENT + 9, 11);
  const bobs = await open(s, s.bob);
  const file = await write(s.bob, bobs, plaintext, "a.pdf");
  const other = await write(s.bob, bobs, pattern(SEGMENT, 12), "b.pdf");
  const carols = await open(s, s.carol);
  const read = (listed: ListedRoomFile, source: CiphertextSource = bytesSource(file.ciphertext)) =>
    readRoomFile(carols, listed, source).then((r) => collect(r.plaintext));

  await rejects(() => read({ ...file.listed, size: file.listed.size + 1 }), IntegrityError, /altered in storage/);
  await rejects(() => read({ ...file.listed, parent: "folder-1" }), IntegrityError, /altered in storage/);
  await rejects(() => read({ ...file.listed, blob: other.listed.blob }), IntegrityError, /altered in storage/);
  await rejects(() => read({ ...file.listed, storedSize: file.listed.storedSize + LEAF_SIZE }), IntegrityError, /ciphertext size/);
  await rejects(() => read({ ...file.listed, kind: "FOLDER" }), IntegrityError, /folder/);
  await rejects(() => read({ ...file.listed, sealedEntry: other.listed.sealedEntry }), IntegrityError);
  await rejects(() => read({ ...file.listed, wrappedKey: other.listed.wrappedKey }), IntegrityError);
  // A key wrapped in the right context that is not the one the writer signed.
  const epochKey = carols.epochKeys.get(1)!;
  const foreignKey = await new RoomCiphers().wrapFileKey(epochKey, ROOM, file.listed.id, 1, SymmetricKey.generate());
  await rejects(() => read({ ...file.listed, wrappedKey: foreignKey }), IntegrityError, /not the one its writer signed/);
  // Another file's ciphertext, and a flipped bit in one segment: nothing of that segment is released.
  await rejects(() => read(file.listed, bytesSource(other.ciphertext)), IntegrityError);
  const flipped = file.ciphertext.slice();
  flipped[49 + 2 * (SEGMENT + 16) + 3]! ^= 1;
  const opened = await openRoomFile(carols, file.listed);
  bytesEqual(await collect(opened.decrypt(bytesSource(flipped), { length: 2 * SEGMENT })), plaintext.subarray(0, 2 * SEGMENT), "the segments before it");
  await rejects(() => collect(opened.decrypt(bytesSource(flipped), { offset: 2 * SEGMENT, length: 1 })), IntegrityError, /segment 2/);
  // A version-1 stream of the same key and context under the signed version-2 entry: a downgrade.
  const v1 = await ContentCipher.create(opened.key, ContentContexts.roomFile(ROOM, file.listed.id), { segmentSize: SEGMENT }).seal(plaintext);
  await rejects(() => collect(opened.decrypt(bytesSource(v1))), IntegrityError, /version-2 stream/);
  bytesEqual(await read(file.listed), plaintext, "the stored file itself still reads");
});
