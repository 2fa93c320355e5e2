import { IntegrityError, UnsupportedFormatError } from "./errors.js";
import { checkUserId, isUserId } from "./ids.js";
import { ByteReader, ByteWriter, concat, utf8, wipe } from "./internal/bytes.js";
import { label, Labels } from "./internal/labels.js";
import { Kind, PREFIX_LENGTH, readPrefix, writePrefix } from "./internal/prefix.js";
import { aesGcmDecrypt, aesGcmEncrypt, aesKey, secureRandom, sha256, type Random } from "./internal/primitives.js";
import type { PublicKeys } from "./keys.js";
import { checkManifestRules, consistent, decodeManifest, readCount, readDelivery, readFiles, readTail, type DeliveryManifest } from "./manifest.js";
import {
  boundCheckpointOf,
  compareBoundCheckpoint,
  readBoundCheckpoint,
  writeBoundCheckpoint,
  type BoundCheckpoint,
  type HeldCheckpoint,
} from "./key-log-statement.js";
import { parseStatement, verifiedPayload } from "./signed.js";
import { SymmetricKey } from "./symmetric-key.js";

/**
 * The delivery manifest, payload version 2 (docs/format.md, "Delivery manifest / Version 2"):
 * what the Java SDK writes since issue 14. It names the sender, stores times as milliseconds,
 * lists the recipients strictly ascending by their UTF-8 bytes, and binds each file's name digest
 * and position. At levels 1-2 it is inside the {@link openHostManifest host-sealed manifest}.
 *
 * Payload version 3 (levels 3-4, signed by the sender) is version 2's fields in version 2's order
 * followed by the key-log checkpoint the sender's client relied on when it signed
 * ({@link BoundCheckpoint}), which every reader compares with its own
 * ({@link verifyAnyManifest} with a {@link HeldCheckpoint}).
 */

export interface ManifestFileV2 {
  readonly file: string;
  /** {@link fileNameDigest} of the stored name (clear UTF-8 at levels 1-3, the sealed stream at level 4). */
  readonly nameDigest: Uint8Array;
  /** Plaintext bytes. */
  readonly size: number;
  /** Stored (ciphertext) bytes. */
  readonly storedSize: number;
  /** The version-2 stream digest. */
  readonly digest: Uint8Array;
}

export interface DeliveryManifestV2 {
  readonly version: 2;
  readonly delivery: string;
  readonly level: number;
  /** The sender named in the payload: the signer (levels 3-4) or the host-sealed sender (levels 1-2). */
  readonly sender: string;
  /** The signer's key version (1 in a host-sealed manifest, where the sender may have no keys). */
  readonly senderVersion: number;
  /** Milliseconds since 1970-01-01T00:00:00Z. */
  readonly createdAt: number;
  readonly expiresAt: number;
  /** Strictly ascending by UTF-8 bytes (the encoder sorts them). */
  readonly recipients: readonly string[];
  /** In the delivery's order: a file's position is its index. */
  readonly files: readonly ManifestFileV2[];
  readonly detailsDigest: Uint8Array;
  readonly keyCommitment: Uint8Array;
}

/** A signed manifest of payload version 3: version 2's fields and the checkpoint the sender relied on. */
export interface DeliveryManifestV3 extends Omit<DeliveryManifestV2, "version"> {
  readonly version: 3;
  /** The key-log checkpoint the sender's client relied on when it signed (size 0: none yet). */
  readonly seenCheckpoint: BoundCheckpoint;
}

/** What {@link encodeManifestV2} needs: the manifest without the version and key version. */
export type ManifestV2Input = Omit<DeliveryManifestV2, "version" | "senderVersion">;

const VERSION = 2;
const VERSION_3 = 3;
const DIGEST_SIZE = 32;
const NAME_LABEL = label(Labels.FILE_NAME_V2);

/** `SHA-256("SecuPass file name v2"\0 || stored name)`: what a version-2 manifest binds per file. */
export function fileNameDigest(storedName: Uint8Array): Promise<Uint8Array> {
  return sha256(NAME_LABEL, storedName);
}

function compareUtf8(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return a[i]! - b[i]!;
    }
  }
  return a.length - b.length;
}

/** The rules the Java SDK's `DeliveryManifest` keeps; `RangeError` names the first broken one. */
function check(m: ManifestV2Input): void {
  checkUserId(m.sender, "sender");
  if (!Number.isSafeInteger(m.createdAt) || !Number.isSafeInteger(m.expiresAt)) {
    throw new RangeError("manifest times are whole milliseconds");
  }
  if (m.expiresAt <= m.createdAt) {
    throw new RangeError("expiresAt must be after createdAt");
  }
  checkManifestRules(m);
}

/**
 * The version-2 payload (sign it with `session.sign("DELIVERY_MANIFEST", ...)`, whose signer must
 * be `manifest.sender`); recipients are written in ascending UTF-8 order whatever their order here.
 */
export function encodeManifestV2(manifest: ManifestV2Input): Uint8Array {
  return writeV2Fields(VERSION, manifest).toBytes();
}

/**
 * The version-3 payload the sender of a level 3 or 4 delivery signs (`session.sign("DELIVERY_MANIFEST",
 * ...)`): version 2's fields and `seen`, the checkpoint the sender's client relied on last (after
 * checking the wraps; `undefined` if it relied on none yet, written as size 0).
 *
 * @throws RangeError for a level below 3 (levels 1-2 keep version 2: no user key signs them)
 */
export function encodeManifestV3(manifest: ManifestV2Input, seen: BoundCheckpoint | undefined): Uint8Array {
  if (manifest.level < 3) {
    throw new RangeError("a version-3 manifest is one a sender signs, at level 3 or 4");
  }
  return writeBoundCheckpoint(writeV2Fields(VERSION_3, manifest), boundCheckpointOf(seen)).toBytes();
}

function writeV2Fields(version: number, manifest: ManifestV2Input): ByteWriter {
  check(manifest);
  const out = new ByteWriter(256 + 128 * manifest.files.length)
    .u8(version)
    .string(manifest.delivery)
    .u8(manifest.level)
    .string(manifest.sender)
    .i64(manifest.createdAt)
    .i64(manifest.expiresAt)
    .u32(manifest.recipients.length);
  manifest.recipients
    .map((r) => utf8(r))
    .sort(compareUtf8)
    .forEach((r) => out.u16(r.length).bytes(r));
  out.u32(manifest.files.length);
  for (const file of manifest.files) {
    out.string(file.file).bytes(file.nameDigest).u64(file.size).u64(file.storedSize).bytes(file.digest);
  }
  return out.bytes(manifest.detailsDigest).bytes(manifest.keyCommitment);
}

/**
 * Decodes a version-2 payload signed (or host-sealed) for `sender`.
 *
 * @throws IntegrityError if malformed, if it names another sender, or if its recipients are not
 *     strictly ascending; UnsupportedFormatError for another payload version
 */
export function decodeManifestV2(payload: Uint8Array, sender: string, senderVersion: number): DeliveryManifestV2 {
  const input = new ByteReader(payload, (m) => new IntegrityError(`manifest: ${m}`));
  const manifest = readV2Fields(input, VERSION, sender, senderVersion);
  input.end("manifest");
  return manifest;
}

/**
 * Decodes a version-3 payload signed for `sender`: version 2's rules, and the seen checkpoint.
 *
 * @throws IntegrityError as {@link decodeManifestV2}, and for a seen checkpoint that is truncated,
 *     followed by bytes, beyond the range, or of size 0 with a non-zero root;
 *     UnsupportedFormatError for another version
 */
export function decodeManifestV3(payload: Uint8Array, sender: string, senderVersion: number): DeliveryManifestV3 {
  const input = new ByteReader(payload, (m) => new IntegrityError(`manifest: ${m}`));
  const fields = readV2Fields(input, VERSION_3, sender, senderVersion);
  const seenCheckpoint = readBoundCheckpoint(input);
  input.end("manifest");
  return { ...fields, version: 3, seenCheckpoint };
}

function readV2Fields(input: ByteReader, expected: number, sender: string, senderVersion: number): DeliveryManifestV2 {
  const version = input.u8();
  if (version !== expected) {
    throw new UnsupportedFormatError(`unsupported manifest version ${version} (expected ${expected})`);
  }
  const delivery = readDelivery(input);
  const level = input.u8();
  const named = input.string("sender");
  if (!isUserId(named)) {
    throw input.malformed("invalid sender");
  }
  if (named !== sender) {
    throw new IntegrityError(`the manifest of delivery ${delivery} names another sender than the one who signed it`);
  }
  const createdAt = input.i64("creation time");
  const expiresAt = input.i64("expiry time");
  const recipients: string[] = [];
  let previous: Uint8Array | undefined;
  for (let i = 0, n = readCount(input); i < n; i++) {
    const recipient = input.string("recipient");
    const bytes = utf8(recipient);
    if (previous !== undefined && compareUtf8(previous, bytes) >= 0) {
      throw input.malformed("manifest recipients are not strictly ascending");
    }
    previous = bytes;
    if (!isUserId(recipient)) {
      throw input.malformed("invalid recipient");
    }
    recipients.push(recipient);
  }
  const files: ManifestFileV2[] = readFiles(input, (file) => ({
    file,
    nameDigest: input.bytes(DIGEST_SIZE, "name digest"),
    size: input.u64("file size"),
    storedSize: input.u64("stored size"),
    digest: input.bytes(DIGEST_SIZE, "file digest"),
  }));
  const manifest: DeliveryManifestV2 = {
    version: 2, delivery, level, sender, senderVersion, createdAt, expiresAt, recipients, files, ...readTail(input),
  };
  return consistent(manifest, check);
}

/**
 * Verifies a signed version-2 manifest under the sender's keys and decodes it.
 *
 * @throws InvalidSignatureError if not signed by `senderKeys`; IntegrityError if malformed, not
 *     a manifest or naming another sender; UnsupportedFormatError for another version
 */
export async function verifyManifestV2(signed: Uint8Array, senderKeys: PublicKeys): Promise<DeliveryManifestV2> {
  const statement = parseStatement(signed);
  const payload = await verifiedPayload(statement, senderKeys, "DELIVERY_MANIFEST");
  return decodeManifestV2(payload, statement.signer, statement.signerVersion);
}

/** Verifies a signed version-3 manifest under the sender's keys and decodes it (no comparison: see {@link verifyAnyManifest}). */
export async function verifyManifestV3(signed: Uint8Array, senderKeys: PublicKeys): Promise<DeliveryManifestV3> {
  const statement = parseStatement(signed);
  const payload = await verifiedPayload(statement, senderKeys, "DELIVERY_MANIFEST");
  return decodeManifestV3(payload, statement.signer, statement.signerVersion);
}

/**
 * Verifies a signed manifest of any version, as the Java SDK reads them: version 1 (deliveries
 * sent before issue 14, {@link DeliveryManifest}), 2 or 3. Given `held` (the checkpoint this
 * client relied on last and its host's relay), the checkpoint a version-3 manifest binds is
 * compared with it once the signature verified ({@link compareBoundCheckpoint}): run it so
 * wherever a delivery is opened, read or released.
 *
 * @throws KeyLogError FORKED if the sender's client relied on another history of the key log
 *     than this one (a split view): nothing is to be read
 */
export async function verifyAnyManifest(
  signed: Uint8Array,
  senderKeys: PublicKeys,
  held?: HeldCheckpoint,
): Promise<DeliveryManifest | DeliveryManifestV2 | DeliveryManifestV3> {
  const statement = parseStatement(signed);
  const payload = await verifiedPayload(statement, senderKeys, "DELIVERY_MANIFEST");
  if (payload[0] === 1) {
    return decodeManifest(payload, statement.signer, statement.signerVersion);
  }
  if (payload[0] !== VERSION_3) {
    return decodeManifestV2(payload, statement.signer, statement.signerVersion);
  }
  const manifest = decodeManifestV3(payload, statement.signer, statement.signerVersion);
  await compareBoundCheckpoint(held, manifest.seenCheckpoint, manifest.sender, `when they signed delivery ${manifest.delivery}`);
  return manifest;
}

/**
 * The host's at-rest AEAD (docs/format.md, "At-rest AEAD"): whatever seals levels 1-2 on the
 * host. `decrypt` fails (rejects) when the ciphertext does not open.
 */
export interface AtRestAead {
  encrypt(plaintext: Uint8Array, associatedData: Uint8Array): Promise<Uint8Array>;
  decrypt(ciphertext: Uint8Array, associatedData: Uint8Array): Promise<Uint8Array>;
}

/**
 * An AES-256-GCM at-rest key in Tink's layout: `outputPrefix || nonce (12) || ciphertext || tag`,
 * the output prefix being `0x01 || u32 key id` for a Tink key of prefix type TINK (see
 * {@link tinkOutputPrefix}) and empty for RAW. A ciphertext with another prefix, or whose tag does
 * not verify, is an {@link IntegrityError}.
 */
export async function aesGcmAtRestKey(
  key: Uint8Array,
  options: { outputPrefix?: Uint8Array; random?: Random } = {},
): Promise<AtRestAead> {
  if (key.length !== 32) {
    throw new RangeError("an AES-256-GCM at-rest key is 32 bytes");
  }
  const cryptoKey = await aesKey(key);
  const prefix = (options.outputPrefix ?? new Uint8Array(0)).slice();
  const random = options.random ?? secureRandom;
  return {
    async encrypt(plaintext, associatedData) {
      const nonce = random(12);
      return concat(prefix, nonce, await aesGcmEncrypt(cryptoKey, nonce, plaintext, associatedData));
    },
    async decrypt(ciphertext, associatedData) {
      const p = prefix.length;
      if (ciphertext.length < p + 12 + 16 || prefix.some((b, i) => ciphertext[i] !== b)) {
        throw new IntegrityError("the at-rest ciphertext is not one of this key");
      }
      const opened = await aesGcmDecrypt(cryptoKey, ciphertext.subarray(p, p + 12), ciphertext.subarray(p + 12), associatedData);
      if (opened === undefined) {
        throw new IntegrityError("the at-rest ciphertext does not open");
      }
      return opened;
    },
  };
}

/** Tink's output prefix of a key of prefix type TINK: `0x01 || u32 key id`. */
export function tinkOutputPrefix(keyId: number): Uint8Array {
  return new ByteWriter(5).u8(1).u32(keyId).toBytes();
}

/** A host-sealed manifest's contents (docs/format.md, "Host-sealed manifest"). */
export interface HostManifest {
  readonly manifest: DeliveryManifest | DeliveryManifestV2;
  /** 0: no limit. */
  readonly downloadLimit: number;
  /** SHA-256 of the level-1 link token, if the delivery has one. */
  readonly linkTokenHash: Uint8Array | undefined;
  readonly contentKey: SymmetricKey;
}

const HOST_V1_LABEL = "SecuPass host manifest v1";
const HOST_V2_LABEL = label(Labels.HOST_MANIFEST_V2);

function hostAssociatedData(prefix: Uint8Array, delivery: string): Uint8Array {
  if (prefix[3] === 2) {
    return new ByteWriter().bytes(HOST_V2_LABEL).bytes(prefix).string(delivery).toBytes();
  }
  return new ByteWriter().bytes(prefix).string(HOST_V1_LABEL).u8(0).string(delivery).toBytes();
}

/**
 * Seals a version-2 manifest under the host's at-rest key, as the Java SDK stores it in
 * `DeliveryRecord.manifest` at levels 1-2 (prefix `53 50 48 02 00 01`).
 */
export async function sealHostManifest(
  aead: AtRestAead,
  host: { manifest: ManifestV2Input; downloadLimit: number; linkTokenHash?: Uint8Array | undefined; contentKey: SymmetricKey },
): Promise<Uint8Array> {
  if (!Number.isInteger(host.downloadLimit) || host.downloadLimit < 0 || host.downloadLimit > 0x7fffffff) {
    throw new RangeError("download limit must be 0 (none) or a positive count");
  }
  if (host.linkTokenHash !== undefined && host.linkTokenHash.length !== 32) {
    throw new RangeError("a link-token hash is 32 bytes");
  }
  const payload = encodeManifestV2(host.manifest);
  const plain = new ByteWriter(payload.length + 128)
    .string(host.manifest.sender)
    .u32(host.downloadLimit)
    .u8(host.linkTokenHash === undefined ? 0 : 1);
  if (host.linkTokenHash !== undefined) {
    plain.bytes(host.linkTokenHash);
  }
  const material = host.contentKey.exportBytes();
  const plaintext = plain.u32(payload.length).bytes(payload).bytes(material).toBytes();
  try {
    const prefix = writePrefix(new ByteWriter(PREFIX_LENGTH), Kind.HOST_MANIFEST, 2).toBytes();
    return concat(prefix, await aead.encrypt(plaintext, hostAssociatedData(prefix, host.manifest.delivery)));
  } finally {
    wipe(material, plaintext);
  }
}

/** Opens a value sealed under the at-rest AEAD; any failure is an {@link IntegrityError} about `what`. @internal */
export async function openAtRest(aead: AtRestAead, ciphertext: Uint8Array, associatedData: Uint8Array, what: string): Promise<Uint8Array> {
  try {
    return await aead.decrypt(ciphertext, associatedData);
  } catch (e) {
    throw e instanceof IntegrityError ? e : new IntegrityError(`${what} does not open`);
  }
}

/**
 * Opens a host-sealed manifest (version 1 or 2) stored for `delivery`. The caller compares it
 * with the delivery record (ids, order, name digests, sizes, digests, recipients, times, details,
 * download limit and link-token hash), as for a signed manifest.
 *
 * @throws IntegrityError if it does not open under `aead` for `delivery`, is malformed, or holds
 *     a payload of another version than its prefix; UnsupportedFormatError for an unknown version
 */
export async function openHostManifest(aead: AtRestAead, stored: Uint8Array, delivery: string): Promise<HostManifest> {
  const input = new ByteReader(stored, (m) => new IntegrityError(`host-sealed manifest: ${m}`));
  const version = readPrefix(input, Kind.HOST_MANIFEST, [1, 2]);
  const prefix = stored.slice(0, PREFIX_LENGTH);
  const plaintext = await openAtRest(
    aead,
    input.bytes(input.remaining, "sealed manifest"),
    hostAssociatedData(prefix, delivery),
    `the host-sealed manifest of delivery ${delivery}`,
  );
  try {
    const plain = new ByteReader(plaintext, (m) => new IntegrityError(`host-sealed manifest: ${m}`));
    const sender = plain.string("sender");
    if (!isUserId(sender)) {
      throw plain.malformed("invalid sender");
    }
    const downloadLimit = plain.u32AsInt("download limit");
    const flag = plain.u8();
    if (flag > 1) {
      throw plain.malformed(`unknown link-token flag ${flag}`);
    }
    const linkTokenHash = flag === 1 ? plain.bytes(32, "link token hash") : undefined;
    const payload = plain.bytes(plain.u32AsInt("manifest length"), "manifest");
    const material = plain.bytes(SymmetricKey.SIZE, "content key");
    plain.end("host manifest");
    if (payload[0] !== version && (payload[0] === 1 || payload[0] === 2 || payload[0] === VERSION_3)) {
      // A version-3 payload is signed by its sender; a host-sealed manifest holds version 1 or 2.
      wipe(material);
      throw new IntegrityError(`the host-sealed manifest of delivery ${delivery} holds a manifest of another version`);
    }
    const manifest = version === 1 ? decodeManifest(payload, sender, 1) : decodeManifestV2(payload, sender, 1);
    const contentKey = SymmetricKey.fromBytes(material);
    wipe(material);
    return { manifest, downloadLimit, linkTokenHash, contentKey };
  } finally {
    wipe(plaintext);
  }
}
