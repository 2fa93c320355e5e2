import { IntegrityError, UnsupportedFormatError } from "./errors.js";
import { checkToken, checkUserId, isToken, isUserId } from "./ids.js";
import { ByteReader, ByteWriter } from "./internal/bytes.js";
import type { PublicKeys } from "./keys.js";
import { parseStatement, verifiedPayload } from "./signed.js";
import type { SymmetricKey } from "./symmetric-key.js";

/**
 * The delivery manifest, payload version 1 (docs/format.md, "Delivery manifest"): what the sender
 * of a level 3 or 4 delivery signs. The sender and their key version are the signed statement's
 * signer.
 */

/** A time as the Java SDK's `Instant` stores it in version 1: seconds and nanoseconds. */
export interface Instant {
  readonly seconds: number;
  readonly nanos: number;
}

export interface ManifestFile {
  readonly file: string;
  /** Plaintext bytes. */
  readonly size: number;
  /** Ciphertext bytes (the blob's size). */
  readonly storedSize: number;
  /** The two-level ciphertext digest (32 bytes). */
  readonly digest: Uint8Array;
}

export interface DeliveryManifest {
  /** The payload version: 1 when decoded (optional for {@link encodeManifest}'s input). */
  readonly version?: 1;
  readonly delivery: string;
  readonly level: number;
  readonly sender: string;
  readonly senderVersion: number;
  readonly createdAt: Instant;
  readonly expiresAt: Instant;
  readonly recipients: readonly string[];
  readonly files: readonly ManifestFile[];
  /** SHA-256 of the stored subject-and-message bytes. */
  readonly detailsDigest: Uint8Array;
  /** The content key's commitment. */
  readonly keyCommitment: Uint8Array;
}

const PAYLOAD_VERSION = 1;
const DIGEST_SIZE = 32;

/** The fields whose rules both payload versions keep. @internal */
export interface ManifestRules {
  readonly delivery: string;
  readonly level: number;
  readonly recipients: readonly string[];
  readonly files: readonly { readonly file: string; readonly size: number; readonly storedSize: number; readonly digest: Uint8Array; readonly nameDigest?: Uint8Array }[];
  readonly detailsDigest: Uint8Array;
  readonly keyCommitment: Uint8Array;
}

/** The rules of both payload versions; `RangeError` names the first broken one. @internal */
export function checkManifestRules(m: ManifestRules): void {
  checkToken(m.delivery, "delivery id");
  if (!Number.isInteger(m.level) || m.level < 1 || m.level > 4) {
    throw new RangeError("security level must be 1-4");
  }
  m.recipients.forEach((r) => checkUserId(r, "recipient"));
  if (new Set(m.recipients).size !== m.recipients.length) {
    throw new RangeError("recipients must not repeat");
  }
  for (const file of m.files) {
    checkToken(file.file, "file id");
    if (!Number.isSafeInteger(file.size) || file.size < 0 || !Number.isSafeInteger(file.storedSize) || file.storedSize < 0) {
      throw new RangeError("file sizes must be non-negative");
    }
    if (file.digest.length !== DIGEST_SIZE || (file.nameDigest !== undefined && file.nameDigest.length !== DIGEST_SIZE)) {
      throw new RangeError("file digests must be 32 bytes");
    }
  }
  if (new Set(m.files.map((f) => f.file)).size !== m.files.length) {
    throw new RangeError("file ids must not repeat");
  }
  if (m.detailsDigest.length !== DIGEST_SIZE || m.keyCommitment.length !== DIGEST_SIZE) {
    throw new RangeError("details digest and key commitment must be 32 bytes");
  }
}

/** Checks the rules a manifest must keep; `RangeError` names the first broken one. */
function check(manifest: Omit<DeliveryManifest, "sender" | "senderVersion">): void {
  for (const instant of [manifest.createdAt, manifest.expiresAt]) {
    if (!Number.isSafeInteger(instant.seconds) || !Number.isInteger(instant.nanos) || instant.nanos < 0 || instant.nanos > 999_999_999) {
      throw new RangeError("a manifest time needs whole seconds and nanoseconds 0-999999999");
    }
  }
  const { createdAt: c, expiresAt: e } = manifest;
  if (!(e.seconds > c.seconds || (e.seconds === c.seconds && e.nanos > c.nanos))) {
    throw new RangeError("expiresAt must be after createdAt");
  }
  checkManifestRules(manifest);
}

/** The payload bytes of `manifest` (sign them with `session.sign("DELIVERY_MANIFEST", ...)`). */
export function encodeManifest(manifest: Omit<DeliveryManifest, "sender" | "senderVersion">): Uint8Array {
  check(manifest);
  const out = new ByteWriter(256 + 96 * manifest.files.length)
    .u8(PAYLOAD_VERSION)
    .string(manifest.delivery)
    .u8(manifest.level)
    .i64(manifest.createdAt.seconds)
    .u32(manifest.createdAt.nanos)
    .i64(manifest.expiresAt.seconds)
    .u32(manifest.expiresAt.nanos)
    .u32(manifest.recipients.length);
  manifest.recipients.forEach((r) => out.string(r));
  out.u32(manifest.files.length);
  for (const file of manifest.files) {
    out.string(file.file).u64(file.size).u64(file.storedSize).bytes(file.digest);
  }
  return out.bytes(manifest.detailsDigest).bytes(manifest.keyCommitment).toBytes();
}

/**
 * Decodes a payload signed by `sender` of `senderVersion`.
 *
 * @throws UnsupportedFormatError for another payload version; IntegrityError if malformed
 */
export function decodeManifest(payload: Uint8Array, sender: string, senderVersion: number): DeliveryManifest {
  const input = new ByteReader(payload, (m) => new IntegrityError(`manifest: ${m}`));
  const version = input.u8();
  if (version !== PAYLOAD_VERSION) {
    throw new UnsupportedFormatError(`unsupported manifest version ${version}`);
  }
  const delivery = readDelivery(input);
  const level = input.u8();
  const createdAt = readInstant(input);
  const expiresAt = readInstant(input);
  const recipients: string[] = [];
  for (let i = 0, n = readCount(input); i < n; i++) {
    const recipient = input.string("recipient");
    if (!isUserId(recipient)) {
      throw input.malformed("invalid recipient");
    }
    recipients.push(recipient);
  }
  const files = readFiles(input, (file) => ({
    file,
    size: input.u64("file size"),
    storedSize: input.u64("stored size"),
    digest: input.bytes(DIGEST_SIZE, "file digest"),
  }));
  const tail = readTail(input);
  input.end("manifest");
  return consistent({ version: 1 as const, delivery, level, sender, senderVersion, createdAt, expiresAt, recipients, files, ...tail }, check);
}

/**
 * Verifies a signed manifest under the sender's keys and decodes it.
 *
 * @throws InvalidSignatureError if not signed by `senderKeys`; IntegrityError if malformed or not
 *     a manifest; UnsupportedFormatError for an unknown version
 */
export async function verifyManifest(signed: Uint8Array, senderKeys: PublicKeys): Promise<DeliveryManifest> {
  const statement = parseStatement(signed);
  const payload = await verifiedPayload(statement, senderKeys, "DELIVERY_MANIFEST");
  return decodeManifest(payload, statement.signer, statement.signerVersion);
}

/**
 * Checks that `contentKey` is the key the sender committed to ({@link IntegrityError} if not);
 * for manifests of either version.
 */
export async function checkManifestKey(
  manifest: Pick<DeliveryManifest, "delivery" | "keyCommitment">,
  contentKey: SymmetricKey,
): Promise<void> {
  if (!(await contentKey.matchesCommitment(manifest.keyCommitment))) {
    throw new IntegrityError(`the content key of delivery ${manifest.delivery} does not match the manifest's key commitment`);
  }
}

function readInstant(input: ByteReader): Instant {
  const seconds = input.i64("manifest time");
  const nanos = input.u32();
  if (nanos > 999_999_999) {
    throw input.malformed("manifest time has invalid nanoseconds");
  }
  return { seconds, nanos };
}

/** A manifest's delivery id. @internal */
export function readDelivery(input: ByteReader): string {
  const delivery = input.string("delivery id");
  if (!isToken(delivery)) {
    throw input.malformed("invalid delivery id");
  }
  return delivery;
}

/** A manifest's count of recipients or files. @internal */
export function readCount(input: ByteReader): number {
  const n = input.u32AsInt("count");
  if (n > input.remaining) {
    throw input.malformed("manifest count exceeds its size");
  }
  return n;
}

/** A manifest's files: each one's id, then `rest` reads the fields that follow it. @internal */
export function readFiles<F>(input: ByteReader, rest: (file: string) => F): F[] {
  const files: F[] = [];
  for (let i = 0, n = readCount(input); i < n; i++) {
    const file = input.string("file id");
    if (!isToken(file)) {
      throw input.malformed("invalid file id");
    }
    files.push(rest(file));
  }
  return files;
}

/** A manifest's details digest and key commitment (the last fields of versions 1 and 2). @internal */
export function readTail(input: ByteReader): { detailsDigest: Uint8Array; keyCommitment: Uint8Array } {
  const detailsDigest = input.bytes(DIGEST_SIZE, "details digest");
  const keyCommitment = input.bytes(DIGEST_SIZE, "key commitment");
  return { detailsDigest, keyCommitment };
}

/** A decoded `manifest` that keeps the rules `check` checks; one that breaks one is an {@link IntegrityError}. @internal */
export function consistent<M>(manifest: M, check: (m: M) => void): M {
  try {
    check(manifest);
  } catch (e) {
    throw new IntegrityError(`manifest is inconsistent: ${(e as Error).message}`);
  }
  return manifest;
}
