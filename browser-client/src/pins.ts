import { ByteWriter, constantTimeEqual } from "./internal/bytes.js";
import { label, Labels } from "./internal/labels.js";
import { hkdfSha256, hmacKey, hmacSha256 } from "./internal/primitives.js";

/**
 * The seal an observer puts on its key pins (docs/format.md, "Key-pin seal"): `u32` observer key
 * version, then HMAC-SHA256 under a key derived from the observer's private keys over the
 * observer, subject, subject key version and fingerprint. Only the observer can make or check it.
 */

export const PIN_SEAL_SIZE = 36;
const KEY_LABEL = label(Labels.PIN_SEAL_KEY);
const SEAL_LABEL = label(Labels.PIN_SEAL);

/** The outcome of checking a stored seal. */
export type PinCheck =
  /** Made by this observer key version, over exactly this pin. */
  | "VALID"
  /** Made by another key version of the observer (before a reset), or empty: not checkable. */
  | "UNVERIFIABLE"
  /** Made by this key version but not over this pin, or malformed: the pin was altered. */
  | "INVALID";

/**
 * The observer's sealing key: HKDF-SHA256 of the 64 private-key bytes with a salt of 32 zero
 * bytes and info `label || str observer || u32 version`. Raw bytes, for known-answer tests; a
 * session keeps it as a non-extractable HMAC key.
 */
export async function derivePinSealKey(secrets: Uint8Array, observer: string, version: number): Promise<Uint8Array> {
  const info = new ByteWriter().bytes(KEY_LABEL).string(observer).u32(version).toBytes();
  return hkdfSha256(secrets, new Uint8Array(32), info, 32);
}

/** The HMAC key of {@link derivePinSealKey}'s bytes. */
export function pinSealCryptoKey(raw: Uint8Array): Promise<CryptoKey> {
  return hmacKey(raw);
}

export async function sealPin(
  sealKey: CryptoKey | Uint8Array,
  observer: string,
  observerVersion: number,
  subject: string,
  subjectVersion: number,
  fingerprint: string,
): Promise<Uint8Array> {
  const message = new ByteWriter()
    .bytes(SEAL_LABEL)
    .string(observer)
    .string(subject)
    .u32(subjectVersion)
    .string(fingerprint)
    .toBytes();
  return new ByteWriter(PIN_SEAL_SIZE)
    .u32(observerVersion)
    .bytes(await hmacSha256(sealKey, message))
    .toBytes();
}

/**
 * Checks a stored seal. Version 1 rules: an empty seal or one by another observer key version is
 * `UNVERIFIABLE` (format version 2 turns both into integrity failures; see docs/format.md).
 */
export async function checkPin(
  seal: Uint8Array,
  sealKey: CryptoKey | Uint8Array,
  observer: string,
  observerVersion: number,
  subject: string,
  subjectVersion: number,
  fingerprint: string,
): Promise<PinCheck> {
  if (seal.length === 0) {
    return "UNVERIFIABLE";
  }
  if (seal.length !== PIN_SEAL_SIZE) {
    return "INVALID";
  }
  const sealedBy = new DataView(seal.buffer, seal.byteOffset, 4).getUint32(0);
  if (sealedBy !== observerVersion) {
    return "UNVERIFIABLE";
  }
  const expected = await sealPin(sealKey, observer, observerVersion, subject, subjectVersion, fingerprint);
  return constantTimeEqual(expected, seal) ? "VALID" : "INVALID";
}
