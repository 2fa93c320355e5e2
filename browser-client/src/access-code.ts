import { argon2id } from "hash-wasm";
import { IntegrityError, UnsupportedFormatError, WrongAccessCodeError } from "./errors.js";
import { checkToken, checkUserId } from "./ids.js";
import { ByteReader, ByteWriter, concat, constantTimeEqual, utf8, wipe } from "./internal/bytes.js";
import { label, Labels } from "./internal/labels.js";
import { aesGcmDecrypt, aesGcmEncrypt, aesKey, hkdfSha256, hmacSha256, secureRandom, sha256, type Random } from "./internal/primitives.js";
import { withinBounds, type KdfParameters } from "./keyblob.js";
import type { SymmetricKey } from "./symmetric-key.js";

/**
 * The access code of a guest's first contact (docs/format.md, "Access code", version 1): twelve
 * symbols of Crockford's base 32 that the sender passes to the guest out of band. The guest's
 * client stretches the typed code with Argon2id under the costs of the invitation's check, tells a
 * mistyped code from the check's verifier, and binds the new public keys to it
 * ({@link bindAccessCode}); the sender's client recovers the stretched key from the check with the
 * delivery's content key and releases only to keys whose binding verifies
 * ({@link verifiesAccessCodeBinding}).
 */

const INSPECT = Symbol.for("nodejs.util.inspect.custom");
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 12;
const VERSION = 1;
const KEY_SIZE = 32;
const HEADER_SIZE = 1 + 4 + 4 + 1;
/** Bytes of a check: header, verifier, sealed key with its tag. */
export const ACCESS_CODE_CHECK_SIZE = HEADER_SIZE + KEY_SIZE + KEY_SIZE + 16;
/** Bytes of a binding: version, key version, MAC. */
export const ACCESS_CODE_BINDING_SIZE = 1 + 4 + KEY_SIZE;

/** A typed access code; never shown by `toString`, `toJSON` or inspection. */
export class AccessCode {
  readonly #symbols: string;

  private constructor(symbols: string) {
    this.#symbols = symbols;
  }

  /** A new code: twelve symbols, each five bits from `random` (60 bits), as the Java SDK makes them. */
  static generate(random: Random = secureRandom): AccessCode {
    const bytes = random(LENGTH);
    let symbols = "";
    for (const b of bytes) {
      symbols += ALPHABET[b & 31]!;
    }
    wipe(bytes);
    return new AccessCode(symbols);
  }

  /**
   * Reads a code as typed: case, spaces and hyphens ignored, `O` read as `0`, `I` and `L` as `1`.
   *
   * @throws RangeError if it is not twelve base-32 symbols (the message does not repeat it)
   */
  static parse(typed: string): AccessCode {
    let out = "";
    for (const raw of typed.toUpperCase()) {
      if (raw === "-" || raw === " ") {
        continue;
      }
      const c = raw === "O" ? "0" : raw === "I" || raw === "L" ? "1" : raw;
      if (!ALPHABET.includes(c) || out.length === LENGTH) {
        throw new RangeError("an access code is twelve letters and digits, like 7KQ2-MZ4D-W9XH");
      }
      out += c;
    }
    if (out.length !== LENGTH) {
      throw new RangeError("an access code is twelve letters and digits, like 7KQ2-MZ4D-W9XH");
    }
    return new AccessCode(out);
  }

  /** The code in three groups of four, to show to the person who passes it on. */
  reveal(): string {
    return `${this.#symbols.slice(0, 4)}-${this.#symbols.slice(4, 8)}-${this.#symbols.slice(8)}`;
  }

  /** The Argon2id password: the twelve symbols, upper case, ASCII, no separators. @internal */
  password(): Uint8Array {
    return utf8(this.#symbols);
  }

  toString(): string {
    return "AccessCode[redacted]";
  }

  toJSON(): string {
    return this.toString();
  }

  [INSPECT](): string {
    return this.toString();
  }
}

function ids(delivery: string, guest: string): Uint8Array {
  return new ByteWriter().string(checkToken(delivery, "delivery id")).string(checkUserId(guest, "guest id")).toBytes();
}

/** The Argon2id salt: the first 16 bytes of SHA-256 over the label and both ids. */
export async function accessCodeSalt(delivery: string, guest: string): Promise<Uint8Array> {
  return (await sha256(label(Labels.ACCESS_CODE_SALT), ids(delivery, guest))).slice(0, 16);
}

/**
 * The key stretched from `code` for `guest`'s first contact on `delivery`: Argon2id with the costs
 * `kdf` (within the private-key blob's bounds, else `RangeError`), 32 bytes. Wipe it after use.
 */
export async function stretchAccessCode(code: AccessCode, delivery: string, guest: string, kdf: KdfParameters): Promise<Uint8Array> {
  if (!withinBounds(kdf)) {
    throw new RangeError("access code costs out of the blob's bounds");
  }
  const password = code.password();
  try {
    return await argon2id({
      password,
      salt: await accessCodeSalt(delivery, guest),
      memorySize: kdf.memoryKiB,
      iterations: kdf.iterations,
      parallelism: kdf.parallelism,
      hashLength: KEY_SIZE,
      outputType: "binary",
    });
  } finally {
    wipe(password);
  }
}

/** A parsed access code check (what the invitation stores). */
export interface AccessCodeCheck {
  readonly header: Uint8Array;
  /** The Argon2id costs the sender's SDK stretched the code with. */
  readonly kdf: KdfParameters;
  readonly verifier: Uint8Array;
  readonly sealed: Uint8Array;
}

/**
 * Parses a check.
 *
 * @throws UnsupportedFormatError for another version
 * @throws IntegrityError if it is malformed or its costs are out of bounds
 */
export function parseAccessCodeCheck(check: Uint8Array): AccessCodeCheck {
  if (check.length > 0 && check[0] !== VERSION) {
    throw new UnsupportedFormatError(`access code check version ${check[0]} is not supported`);
  }
  if (check.length !== ACCESS_CODE_CHECK_SIZE) {
    throw new IntegrityError("the stored access code check is malformed");
  }
  const input = new ByteReader(check, (m) => new IntegrityError(`access code check: ${m}`));
  input.u8();
  const kdf: KdfParameters = { algorithm: "argon2id", memoryKiB: input.u32(), iterations: input.u32(), parallelism: input.u8() };
  if (!withinBounds(kdf)) {
    throw new IntegrityError("the stored access code check has costs out of bounds");
  }
  return {
    header: check.slice(0, HEADER_SIZE),
    kdf,
    verifier: check.slice(HEADER_SIZE, HEADER_SIZE + KEY_SIZE),
    sealed: check.slice(HEADER_SIZE + KEY_SIZE),
  };
}

function verifier(stretched: Uint8Array, delivery: string, guest: string): Promise<Uint8Array> {
  return hmacSha256(stretched, concat(label(Labels.ACCESS_CODE_VERIFIER), ids(delivery, guest)));
}

async function sealKey(contentKey: SymmetricKey, delivery: string, guest: string): Promise<CryptoKey> {
  const ikm = contentKey.exportBytes();
  let raw: Uint8Array | undefined;
  try {
    raw = await hkdfSha256(ikm, new Uint8Array(0), concat(label(Labels.ACCESS_CODE_SEAL), ids(delivery, guest)), KEY_SIZE);
    return await aesKey(raw);
  } finally {
    wipe(ikm, raw);
  }
}

/** Whether `stretched` is the key `check` was made with (the guest's test of a typed code). */
export async function accessCodeCheckVerifies(check: AccessCodeCheck, stretched: Uint8Array, delivery: string, guest: string): Promise<boolean> {
  return constantTimeEqual(check.verifier, await verifier(stretched, delivery, guest));
}

/**
 * The sender's check: the costs, a verifier of the stretched key, and the key sealed under a key
 * derived from the delivery's content key (AES-256-GCM, 12 zero bytes as nonce: each seal key
 * seals exactly one stretched key).
 */
export async function makeAccessCodeCheck(
  stretched: Uint8Array,
  contentKey: SymmetricKey,
  delivery: string,
  guest: string,
  kdf: KdfParameters,
): Promise<Uint8Array> {
  if (!withinBounds(kdf)) {
    throw new RangeError("access code costs out of the blob's bounds");
  }
  const header = new ByteWriter(HEADER_SIZE).u8(VERSION).u32(kdf.memoryKiB).u32(kdf.iterations).u8(kdf.parallelism).toBytes();
  const sealed = await aesGcmEncrypt(await sealKey(contentKey, delivery, guest), new Uint8Array(12), stretched, header);
  return concat(header, await verifier(stretched, delivery, guest), sealed);
}

/**
 * The stretched key, recovered from the check with the delivery's content key (what only someone
 * who can open the delivery, its sender, can do). Wipe it after use.
 *
 * @throws IntegrityError if the check was altered
 */
export async function openAccessCodeCheck(check: AccessCodeCheck, contentKey: SymmetricKey, delivery: string, guest: string): Promise<Uint8Array> {
  const key = await aesGcmDecrypt(await sealKey(contentKey, delivery, guest), new Uint8Array(12), check.sealed, check.header);
  if (key === undefined) {
    throw new IntegrityError("the stored access code check was altered");
  }
  if (!(await accessCodeCheckVerifies(check, key, delivery, guest))) {
    wipe(key);
    throw new IntegrityError("the stored access code check was altered");
  }
  return key;
}

async function bindingMac(stretched: Uint8Array, delivery: string, guest: string, version: number, bundle: Uint8Array): Promise<Uint8Array> {
  const message = concat(
    label(Labels.ACCESS_CODE_BINDING),
    ids(delivery, guest),
    new ByteWriter(4).u32(version).toBytes(),
    await sha256(bundle),
  );
  return hmacSha256(stretched, message);
}

/** The guest's binding of their public keys of `version` (the exact stored `bundle`) to the stretched key. */
export async function bindAccessCode(stretched: Uint8Array, delivery: string, guest: string, version: number, bundle: Uint8Array): Promise<Uint8Array> {
  return new ByteWriter(ACCESS_CODE_BINDING_SIZE).u8(VERSION).u32(version).bytes(await bindingMac(stretched, delivery, guest, version, bundle)).toBytes();
}

/**
 * Whether `binding` binds the public keys `bundle` of `version` to the stretched key (compared in
 * constant time). A binding of another version, key version or length does not.
 */
export async function verifiesAccessCodeBinding(
  binding: Uint8Array,
  stretched: Uint8Array,
  delivery: string,
  guest: string,
  version: number,
  bundle: Uint8Array,
): Promise<boolean> {
  if (binding.length !== ACCESS_CODE_BINDING_SIZE || binding[0] !== VERSION) {
    return false;
  }
  if (new DataView(binding.buffer, binding.byteOffset + 1, 4).getUint32(0) !== version) {
    return false;
  }
  return constantTimeEqual(binding.subarray(5), await bindingMac(stretched, delivery, guest, version, bundle));
}

/**
 * The guest's side in one step, when they activate with a code: stretches the typed code under the
 * check's costs, tells a mistyped code ({@link WrongAccessCodeError}) before any key is made with
 * it, and returns the binding of the new keys (`version`, the exact `bundle` to be stored).
 *
 * @throws WrongAccessCodeError if the code is not the check's
 * @throws IntegrityError or UnsupportedFormatError if the check is damaged or of another version
 */
export async function accessCodeBinding(
  typed: AccessCode,
  storedCheck: Uint8Array,
  delivery: string,
  guest: string,
  version: number,
  bundle: Uint8Array,
): Promise<Uint8Array> {
  const check = parseAccessCodeCheck(storedCheck);
  const stretched = await stretchAccessCode(typed, delivery, guest, check.kdf);
  try {
    if (!(await accessCodeCheckVerifies(check, stretched, delivery, guest))) {
      throw new WrongAccessCodeError("this access code does not match the delivery; check it with the sender");
    }
    return await bindAccessCode(stretched, delivery, guest, version, bundle);
  } finally {
    wipe(stretched);
  }
}
