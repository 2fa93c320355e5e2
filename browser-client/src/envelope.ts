import {
  readEnvelopeContext,
  sameEnvelopeContext,
  writeEnvelopeContext,
  type EnvelopeContext,
} from "./contexts.js";
import { IntegrityError, InvalidSignatureError } from "./errors.js";
import { ByteReader, ByteWriter, concat } from "./internal/bytes.js";
import { ENC_SIZE, hpkeOpen, hpkeSeal, TAG_SIZE } from "./internal/hpke.js";
import { label, Labels } from "./internal/labels.js";
import { Kind, readPrefixAndSuite, SUITE_1, SUITE_2, writePrefix } from "./internal/prefix.js";
import { XWING_ENC_SIZE, xwingOpen, xwingSeal } from "./internal/xwing.js";
import type { Random } from "./internal/primitives.js";
import { readUserId, SIGNATURE_SIZE, verifySigned, type PublicKeys } from "./keys.js";

const ENVELOPE_LABEL = label(Labels.ENVELOPE);
/** Envelopes hold 32-byte keys. */
export const ENVELOPE_KEY_SIZE = 32;

/** A decoded envelope (docs/format.md, "Envelope"); nothing is verified yet. */
export interface ParsedEnvelope {
  /** 1: DHKEM(X25519); 2: X-Wing. */
  readonly suite?: 1 | 2;
  readonly context: EnvelopeContext;
  readonly recipient: string;
  readonly recipientVersion: number;
  readonly granter: string;
  readonly granterVersion: number;
  /** Prefix through the granter's key version: the HPKE info after the label. */
  readonly header: Uint8Array;
  readonly enc: Uint8Array;
  readonly sealedKey: Uint8Array;
  /** Everything the signature covers. */
  readonly signed: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * Decodes an envelope.
 *
 * @throws IntegrityError if it is malformed
 * @throws UnsupportedFormatError for an unknown version or suite
 */
export function parseEnvelope(encoded: Uint8Array): ParsedEnvelope {
  const input = new ByteReader(encoded, (m) => new IntegrityError(`envelope: ${m}`));
  const { suite } = readPrefixAndSuite(input, Kind.ENVELOPE, [1], [SUITE_1, SUITE_2]);
  const context = readEnvelopeContext(input);
  const recipient = readUserId(input, "recipient");
  const recipientVersion = keyVersion(input, "recipient key version");
  const granter = readUserId(input, "granter");
  const granterVersion = keyVersion(input, "granter key version");
  const headerLength = input.offset;
  const enc = input.bytes(suite === SUITE_2 ? XWING_ENC_SIZE : ENC_SIZE, "encapsulated key");
  const sealedKey = input.bytes(ENVELOPE_KEY_SIZE + TAG_SIZE, "sealed key");
  const signedLength = input.offset;
  const signature = input.bytes(SIGNATURE_SIZE, "signature");
  input.end("envelope");
  return {
    suite: suite === SUITE_2 ? 2 : 1,
    context,
    recipient,
    recipientVersion,
    granter,
    granterVersion,
    header: encoded.slice(0, headerLength),
    enc,
    sealedKey,
    signed: encoded.slice(0, signedLength),
    signature,
  };
}

/**
 * Seals `key` (32 bytes) to `recipient` in `context` and signs it as the granter, in the suite of
 * the recipient's bundle: X-Wing if it has an X-Wing key, else X25519 (docs/format.md, "Which
 * suite a sender uses"). `random` gives the ephemeral X25519 key (32 bytes) or the X-Wing
 * encapsulation seed (64 bytes).
 *
 * @param sign the granter's signing function (a session's)
 */
export async function sealEnvelope(
  granter: { user: string; version: number; sign: (message: Uint8Array) => Promise<Uint8Array> },
  recipient: PublicKeys,
  context: EnvelopeContext,
  key: Uint8Array,
  random: Random,
): Promise<Uint8Array> {
  if (key.length !== ENVELOPE_KEY_SIZE) {
    throw new RangeError("envelopes hold 32-byte keys");
  }
  const xwing = recipient.suite === 2 && recipient.xwingKey !== undefined;
  const out = writePrefix(new ByteWriter(xwing ? 1600 : 512), Kind.ENVELOPE, 1, xwing ? SUITE_2 : SUITE_1);
  writeEnvelopeContext(out, context);
  out.string(recipient.user).u32(recipient.version).string(granter.user).u32(granter.version);
  const info = concat(ENVELOPE_LABEL, out.toBytes());
  const sealed = xwing
    ? await xwingSeal(recipient.xwingKey!, info, key, random)
    : await hpkeSeal(recipient.encryptionKey, info, key, random);
  out.bytes(sealed.enc).bytes(sealed.ciphertext);
  return out.bytes(await granter.sign(out.toBytes())).toBytes();
}

/**
 * Verifies and opens an envelope in the order of docs/format.md, failing closed at the first
 * problem: the context must be `expected` ({@link IntegrityError}: moved or relabelled), the
 * recipient and version the opener's ({@link IntegrityError}), the granter and version those of
 * `granter` ({@link InvalidSignatureError}), the signature must verify
 * ({@link InvalidSignatureError}), and HPKE must open ({@link IntegrityError}). Nothing is
 * decrypted before the signature verified.
 *
 * @returns the 32 key bytes (wipe after use)
 */
export async function openEnvelope(
  envelope: ParsedEnvelope,
  recipient: { keys: PublicKeys; privateKey: CryptoKey; xwing?: CryptoKeyPair | undefined },
  granter: PublicKeys,
  expected: EnvelopeContext,
): Promise<Uint8Array> {
  if (!sameEnvelopeContext(envelope.context, expected)) {
    throw new IntegrityError(
      `envelope belongs to another context (${describe(envelope.context)}) than expected (${describe(expected)})`,
    );
  }
  if (envelope.recipient !== recipient.keys.user || envelope.recipientVersion !== recipient.keys.version) {
    throw new IntegrityError(
      `envelope is addressed to ${envelope.recipient} v${envelope.recipientVersion}, not to ${recipient.keys.user} v${recipient.keys.version}`,
    );
  }
  if (envelope.granter !== granter.user || envelope.granterVersion !== granter.version) {
    throw new InvalidSignatureError(
      `envelope claims granter ${envelope.granter} v${envelope.granterVersion}, not the keys given (${granter.user} v${granter.version})`,
    );
  }
  if (!(await verifySigned(granter.signingKey, envelope.signed, envelope.signature))) {
    throw new InvalidSignatureError(`envelope signature of granter ${granter.user} does not verify`);
  }
  const info = concat(ENVELOPE_LABEL, envelope.header);
  let key: Uint8Array | undefined;
  if (envelope.suite === 2) {
    if (recipient.xwing === undefined) {
      throw new IntegrityError(`envelope is sealed to an X-Wing key, which the keys of ${recipient.keys.user} v${recipient.keys.version} do not have`);
    }
    key = await xwingOpen(recipient.xwing, envelope.enc, info, envelope.sealedKey);
  } else {
    key = await hpkeOpen(recipient.privateKey, recipient.keys.encryptionKey, envelope.enc, info, envelope.sealedKey);
  }
  if (key === undefined || key.length !== ENVELOPE_KEY_SIZE) {
    throw new IntegrityError("envelope does not open with the recipient's key");
  }
  return key;
}

function keyVersion(input: ByteReader, what: string): number {
  const value = input.u32AsInt(what);
  if (value < 1) {
    throw input.malformed(`${what} must be 1 or more`);
  }
  return value;
}

function describe(context: EnvelopeContext): string {
  return `${context.purpose} ${context.scope}, level ${context.level}, epoch ${context.epoch}`;
}
