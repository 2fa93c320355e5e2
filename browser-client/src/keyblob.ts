import { argon2id } from "hash-wasm";
import { InvalidKeyBlobError, WrongSecuPassError } from "./errors.js";
import { checkUserId } from "./ids.js";
import { ByteReader, ByteWriter, concat, constantTimeEqual, wipe } from "./internal/bytes.js";
import { label, Labels } from "./internal/labels.js";
import { Kind, readPrefixAndSuite, SUITE_1, SUITE_2, writePrefix } from "./internal/prefix.js";
import { aesGcmDecrypt, aesGcmEncrypt, aesKey, sha256, type Random } from "./internal/primitives.js";

/**
 * The private-key blob (docs/format.md, "Private-key blob"): the X25519 private key and the
 * Ed25519 seed under AES-256-GCM with a key Argon2id derives from the SecuPass, bound to the user
 * and key version, with a key check and a checksum.
 */

/** The Argon2id cost a blob is sealed with, as `KeyRecord.kdf` records it. */
export interface KdfParameters {
  readonly algorithm: "argon2id";
  /** Memory in KiB. */
  readonly memoryKiB: number;
  /** Passes. */
  readonly iterations: number;
  /** Lanes. */
  readonly parallelism: number;
}

export const SALT_SIZE = 16;
export const CHECK_SIZE = 16;
export const NONCE_SIZE = 12;
export const CHECKSUM_SIZE = 16;
/** The X25519 private key (32) and the Ed25519 seed (32). */
export const SECRETS_SIZE = 64;
/** Suite 2 adds the X-Wing seed (32). */
export const SECRETS_SIZE_X_WING = 96;
export const MAX_MEMORY_KIB = 1 << 20;
export const MAX_ITERATIONS = 32;
export const MAX_PARALLELISM = 16;

const KEK_SIZE = 32;
const TAG_SIZE = 16;
const AD_LABEL = label(Labels.KEY_BLOB);
const CHECKSUM_LABEL = label(Labels.KEY_BLOB_CHECKSUM);

/** The Java SDK's `KdfPolicy.DEFAULT`: 64 MiB, 3 passes, 1 lane (RFC 9106's second option). */
export const DEFAULT_KDF: KdfParameters = Object.freeze({
  algorithm: "argon2id",
  memoryKiB: 65536,
  iterations: 3,
  parallelism: 1,
});

/**
 * A cost for new blobs. Below {@link DEFAULT_KDF} only with `allowWeakForTests` (a weak cost makes
 * a stolen key record cheap to attack), and never outside the bounds every blob must keep.
 *
 * @throws RangeError if the cost is out of bounds or weaker than the default without the flag
 */
export function kdfPolicy(
  cost: { memoryKiB: number; iterations: number; parallelism: number },
  options: { allowWeakForTests?: boolean } = {},
): KdfParameters {
  const parameters: KdfParameters = Object.freeze({ algorithm: "argon2id", ...cost });
  if (!withinBounds(parameters)) {
    throw new RangeError(
      `Argon2id cost out of bounds: memory 8 KiB per lane to ${MAX_MEMORY_KIB} KiB, passes 1-${MAX_ITERATIONS}, lanes 1-${MAX_PARALLELISM}`,
    );
  }
  if (!options.allowWeakForTests && (cost.memoryKiB < 65536 || cost.iterations < 3)) {
    throw new RangeError("Argon2id cost below the default (64 MiB, 3 passes) is only allowed for tests");
  }
  return parameters;
}

/** Whether a blob may have `kdf`: `8 p <= m <= 1 GiB`, `1 <= t <= 32`, `1 <= p <= 16`. */
export function withinBounds(kdf: KdfParameters): boolean {
  const { memoryKiB: m, iterations: t, parallelism: p } = kdf;
  return (
    kdf.algorithm === "argon2id" &&
    [m, t, p].every(Number.isInteger) &&
    p >= 1 &&
    p <= MAX_PARALLELISM &&
    m >= 8 * p &&
    m <= MAX_MEMORY_KIB &&
    t >= 1 &&
    t <= MAX_ITERATIONS
  );
}

/** Whether a blob sealed with `stored` should be re-sealed under `policy` (more memory or passes). */
export function isStrongerThan(policy: KdfParameters, stored: KdfParameters): boolean {
  return (
    policy.algorithm !== stored.algorithm ||
    policy.memoryKiB > stored.memoryKiB ||
    policy.iterations > stored.iterations
  );
}

/**
 * The passphrase bytes: the SecuPass normalised to Unicode NFC, as UTF-8, so a passphrase typed
 * with composed or decomposed accents opens the same keys.
 *
 * @throws RangeError for an empty SecuPass or one with unpaired surrogates
 */
export function passphraseBytes(secuPass: string): Uint8Array {
  if (secuPass.length === 0) {
    throw new RangeError("a SecuPass must not be empty");
  }
  for (let i = 0; i < secuPass.length; i++) {
    const code = secuPass.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = secuPass.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) {
        throw new RangeError("the SecuPass contains invalid characters (unpaired surrogates)");
      }
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      throw new RangeError("the SecuPass contains invalid characters (unpaired surrogates)");
    }
  }
  return new TextEncoder().encode(secuPass.normalize("NFC"));
}

async function derive(passphrase: Uint8Array, salt: Uint8Array, kdf: KdfParameters): Promise<Uint8Array> {
  return argon2id({
    password: passphrase,
    salt,
    memorySize: kdf.memoryKiB,
    iterations: kdf.iterations,
    parallelism: kdf.parallelism,
    hashLength: KEK_SIZE + CHECK_SIZE,
    outputType: "binary",
  });
}

async function checksum(body: Uint8Array): Promise<Uint8Array> {
  return (await sha256(CHECKSUM_LABEL, body)).slice(0, CHECKSUM_SIZE);
}

/**
 * Seals `secrets` (X25519 private key || Ed25519 seed, then in suite 2 the X-Wing seed) under `passphrase` (from
 * {@link passphraseBytes}) for `user`'s key `version`. Salt and nonce come from `random`.
 */
export async function sealKeyBlob(
  user: string,
  version: number,
  secrets: Uint8Array,
  passphrase: Uint8Array,
  kdf: KdfParameters,
  random: Random,
): Promise<Uint8Array> {
  checkUserId(user);
  if (!withinBounds(kdf)) {
    throw new RangeError("KDF parameters out of bounds");
  }
  if (secrets.length !== SECRETS_SIZE && secrets.length !== SECRETS_SIZE_X_WING) {
    throw new RangeError("private key material is 64 bytes (suite 1) or 96 (suite 2)");
  }
  const salt = random(SALT_SIZE);
  const nonce = random(NONCE_SIZE);
  const suite = secrets.length === SECRETS_SIZE ? SUITE_1 : SUITE_2;
  const out = writePrefix(new ByteWriter(256), Kind.KEY_BLOB, 1, suite)
    .u32(kdf.memoryKiB)
    .u32(kdf.iterations)
    .u32(kdf.parallelism)
    .bytes(salt)
    .string(user)
    .u32(version);
  const derived = await derive(passphrase, salt, kdf);
  try {
    out.bytes(derived.subarray(KEK_SIZE));
    const aad = concat(AD_LABEL, out.toBytes());
    out.bytes(nonce);
    const key = await aesKey(derived.subarray(0, KEK_SIZE));
    out.bytes(await aesGcmEncrypt(key, nonce, secrets, aad));
    const body = out.toBytes();
    return concat(body, await checksum(body));
  } finally {
    wipe(derived);
  }
}

/**
 * Opens a blob stored for `user`'s key `version` with the record's cost `recordKdf`, telling a
 * wrong SecuPass from a damaged or foreign blob (docs/format.md, "Opening").
 *
 * @returns the 64 secret bytes, 96 in suite 2 (wipe after use)
 * @throws InvalidKeyBlobError if the blob is damaged, foreign, or its cost disagrees with the
 *     record or is out of bounds, all before Argon2id runs; or if the ciphertext fails after the
 *     key check matched
 * @throws WrongSecuPassError if the blob is intact and matching but the SecuPass is not its own
 * @throws UnsupportedFormatError for an unknown version or suite
 */
export async function openKeyBlob(
  blob: Uint8Array,
  user: string,
  version: number,
  recordKdf: KdfParameters,
  passphrase: Uint8Array,
): Promise<Uint8Array> {
  const input = new ByteReader(blob, (m) => damaged(m));
  const { suite } = readPrefixAndSuite(input, Kind.KEY_BLOB, [1], [SUITE_1, SUITE_2]);
  const secretsSize = suite === SUITE_2 ? SECRETS_SIZE_X_WING : SECRETS_SIZE;
  if (
    blob.length < CHECKSUM_SIZE ||
    !constantTimeEqual(await checksum(blob.subarray(0, blob.length - CHECKSUM_SIZE)), blob.subarray(blob.length - CHECKSUM_SIZE))
  ) {
    throw damaged("its checksum does not match (the stored bytes were altered or cut)");
  }
  const memoryKiB = input.u32AsInt("memory");
  const iterations = input.u32AsInt("iterations");
  const parallelism = input.u32AsInt("parallelism");
  if (memoryKiB < 8 || iterations < 1 || parallelism < 1) {
    throw damaged("its KDF parameters are out of bounds");
  }
  const kdf: KdfParameters = { algorithm: "argon2id", memoryKiB, iterations, parallelism };
  const salt = input.bytes(SALT_SIZE, "salt");
  const blobUser = input.string("user id");
  const blobVersion = input.u32();
  const check = input.bytes(CHECK_SIZE, "key check");
  const aadEnd = input.offset;
  const nonce = input.bytes(NONCE_SIZE, "nonce");
  const ciphertext = input.bytes(secretsSize + TAG_SIZE, "ciphertext");
  input.bytes(CHECKSUM_SIZE, "checksum");
  input.end("key blob");
  if (blobUser !== user || blobVersion !== version) {
    throw damaged("it belongs to another user or key version");
  }
  if (!withinBounds(kdf)) {
    throw damaged("its KDF parameters are out of bounds");
  }
  if (
    recordKdf.algorithm !== kdf.algorithm ||
    recordKdf.memoryKiB !== kdf.memoryKiB ||
    recordKdf.iterations !== kdf.iterations ||
    recordKdf.parallelism !== kdf.parallelism
  ) {
    throw damaged("its KDF parameters differ from the key record's");
  }
  const derived = await derive(passphrase, salt, kdf);
  try {
    if (!constantTimeEqual(derived.subarray(KEK_SIZE), check)) {
      throw new WrongSecuPassError(user);
    }
    const key = await aesKey(derived.subarray(0, KEK_SIZE));
    const secrets = await aesGcmDecrypt(key, nonce, ciphertext, concat(AD_LABEL, blob.subarray(0, aadEnd)));
    if (secrets === undefined) {
      throw damaged("the key check matched but the ciphertext failed authentication");
    }
    return secrets;
  } finally {
    wipe(derived);
  }
}

function damaged(reason: string): InvalidKeyBlobError {
  return new InvalidKeyBlobError(`the private-key blob is invalid: ${reason}`);
}
