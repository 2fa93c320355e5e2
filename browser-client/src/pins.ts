import { ByteReader, ByteWriter, constantTimeEqual } from "./internal/bytes.js";
import { label, Labels } from "./internal/labels.js";
import { hkdfSha256, hmacKey, hmacSha256 } from "./internal/primitives.js";

/**
 * The seal an observer puts on its key pins (docs/format.md, "Key-pin seal"): HMAC-SHA256 under a
 * key derived from the observer's private keys over the observer, subject, subject key version
 * and fingerprint. Only the observer can make or check it. Version 1: `u32` observer key version
 * and the HMAC (36 bytes), read as suite 1. Version 2 adds how the pin was established (trust), the
 * suite of the pinned keys (2 if their bundle has an X-Wing key: a bundle of the same keys served
 * later without it is a downgrade) and the observer's earlier pins of the subject (the pin history).
 * Both are read; {@link sealPinV2} writes version 2.
 */

export const PIN_SEAL_SIZE = 36;
const KEY_LABEL = label(Labels.PIN_SEAL_KEY);
const SEAL_LABEL = label(Labels.PIN_SEAL);
const SEAL_LABEL_V2 = label(Labels.PIN_SEAL_V2);
const V2_MIN_SIZE = 1 + 4 + 1 + 1 + 2 + 32;
/** The most earlier pins a version-2 seal keeps. */
export const MAX_PIN_HISTORY = 64;

/** The outcome of checking a stored seal. */
export type PinCheck =
  /** Made by this observer key version, over exactly this pin. */
  | "VALID"
  /** Made by an older key version of the observer (before its own reset): not checkable. */
  | "UNVERIFIABLE"
  /**
   * Empty, malformed, made by this key version but not over this pin, or claiming a key version of
   * the observer newer than its own: the pin was altered (an IntegrityException in the SDK).
   */
  | "INVALID";

/** How a pin was established: 1 first use, 2 fingerprint compared by the user. */
export type PinTrust = 1 | 2;

/** The suite of the pinned keys: 1 classical, 2 X-Wing (docs/format.md, "Suite 2: X-Wing"). */
export type PinSuite = 1 | 2;

/** An earlier pin of the same subject, kept in a version-2 seal. */
export interface EarlierPin {
  readonly version: number;
  readonly fingerprint: string;
  readonly trust: PinTrust;
}

/** A checked seal: its version, and for a valid one the trust, suite and history it holds. */
export interface OpenedPin {
  readonly check: PinCheck;
  readonly version: 0 | 1 | 2;
  readonly trust: PinTrust;
  /** 1 for a version-1 seal and for seals not valid. */
  readonly suite: PinSuite;
  readonly history: readonly EarlierPin[];
}

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

/** A version-2 seal (docs/format.md, "Key-pin seal / Version 2"). */
export async function sealPinV2(
  sealKey: CryptoKey | Uint8Array,
  observer: string,
  observerVersion: number,
  subject: string,
  subjectVersion: number,
  fingerprint: string,
  trust: PinTrust,
  suite: PinSuite,
  history: readonly EarlierPin[],
): Promise<Uint8Array> {
  const kept = history.slice(Math.max(0, history.length - MAX_PIN_HISTORY));
  const body = new ByteWriter().u8(2).u32(observerVersion).u8(trust).u8(suite).u16(kept.length);
  for (const earlier of kept) {
    body.u32(earlier.version).string(earlier.fingerprint).u8(earlier.trust);
  }
  const head = body.toBytes();
  const mac = await macV2(sealKey, observer, subject, subjectVersion, fingerprint, head);
  return new ByteWriter(head.length + 32).bytes(head).bytes(mac).toBytes();
}

/** Checks a stored seal of either version (docs/format.md, "Checking a stored pin"). */
export async function openPin(
  seal: Uint8Array,
  sealKey: CryptoKey | Uint8Array,
  observer: string,
  observerVersion: number,
  subject: string,
  subjectVersion: number,
  fingerprint: string,
): Promise<OpenedPin> {
  const invalid: OpenedPin = { check: "INVALID", version: 0, trust: 1, suite: 1, history: [] };
  if (seal.length === PIN_SEAL_SIZE) {
    const byVersion = byObserverVersion(new DataView(seal.buffer, seal.byteOffset, 4).getUint32(0), observerVersion);
    if (byVersion !== "VALID") {
      return { check: byVersion, version: 1, trust: 1, suite: 1, history: [] };
    }
    const expected = await sealPin(sealKey, observer, observerVersion, subject, subjectVersion, fingerprint);
    return constantTimeEqual(expected, seal) ? { check: "VALID", version: 1, trust: 1, suite: 1, history: [] } : invalid;
  }
  if (seal.length < V2_MIN_SIZE || seal[0] !== 2) {
    return invalid;
  }
  const head = seal.subarray(0, seal.length - 32);
  try {
    const reader = new ByteReader(head, (message) => new Error(message));
    reader.u8();
    const byVersion = byObserverVersion(reader.u32(), observerVersion);
    if (byVersion !== "VALID") {
      return { check: byVersion, version: 2, trust: 1, suite: 1, history: [] };
    }
    const expected = await macV2(sealKey, observer, subject, subjectVersion, fingerprint, head);
    if (!constantTimeEqual(expected, seal.subarray(head.length))) {
      return invalid;
    }
    const trust = trustOf(reader.u8());
    const suite = reader.u8();
    if (suite !== 1 && suite !== 2) {
      return invalid;
    }
    const count = reader.u16();
    const history: EarlierPin[] = [];
    for (let i = 0; i < count; i++) {
      const version = reader.u32AsInt("an earlier pinned key version");
      if (version < 1) {
        return invalid;
      }
      const earlier = reader.string("an earlier pinned fingerprint");
      if (!/^[0-9]{5}( [0-9]{5}){3,15}$/.test(earlier)) {
        return invalid;
      }
      history.push({ version, fingerprint: earlier, trust: trustOf(reader.u8()) });
    }
    reader.end("a key pin's seal");
    return { check: "VALID", version: 2, trust, suite, history };
  } catch {
    return invalid;
  }
}

/** Checks a stored seal of either version; see {@link openPin}. */
export async function checkPin(
  seal: Uint8Array,
  sealKey: CryptoKey | Uint8Array,
  observer: string,
  observerVersion: number,
  subject: string,
  subjectVersion: number,
  fingerprint: string,
): Promise<PinCheck> {
  return (await openPin(seal, sealKey, observer, observerVersion, subject, subjectVersion, fingerprint)).check;
}

function byObserverVersion(sealedBy: number, observerVersion: number): PinCheck {
  if (sealedBy === observerVersion) {
    return "VALID";
  }
  return sealedBy >= 1 && sealedBy < observerVersion ? "UNVERIFIABLE" : "INVALID";
}

function trustOf(code: number): PinTrust {
  if (code === 1 || code === 2) {
    return code;
  }
  throw new Error("a key pin's seal names an unknown kind of verification");
}

async function macV2(
  sealKey: CryptoKey | Uint8Array,
  observer: string,
  subject: string,
  subjectVersion: number,
  fingerprint: string,
  head: Uint8Array,
): Promise<Uint8Array> {
  const message = new ByteWriter()
    .bytes(SEAL_LABEL_V2)
    .string(observer)
    .string(subject)
    .u32(subjectVersion)
    .string(fingerprint)
    .bytes(head)
    .toBytes();
  return hmacSha256(sealKey, message);
}
