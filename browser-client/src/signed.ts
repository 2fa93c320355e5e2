import { IntegrityError, InvalidSignatureError, UnsupportedFormatError } from "./errors.js";
import { ByteReader, ByteWriter } from "./internal/bytes.js";
import { Kind, readPrefix, writePrefix } from "./internal/prefix.js";
import { readUserId, SIGNATURE_SIZE, verifySigned, type PublicKeys } from "./keys.js";

/** What a signed statement holds, with the stored type codes (docs/format.md, "Signed statement"). */
export type SignedType = "DELIVERY_MANIFEST" | "MEMBERSHIP_ENTRY" | "ROOM_ENTRY" | "WITHDRAWAL" | "KEY_LOG_CHECKPOINT";

const TYPE_CODES: Record<SignedType, number> = { DELIVERY_MANIFEST: 1, MEMBERSHIP_ENTRY: 2, ROOM_ENTRY: 3, WITHDRAWAL: 4, KEY_LOG_CHECKPOINT: 6 };

/** The largest payload accepted (bounds what a reader allocates): 16 MiB. */
export const MAX_PAYLOAD = 16 << 20;

/** A parsed signed statement; nothing is verified yet. */
export interface ParsedStatement {
  readonly type: SignedType;
  /** Who claims to have signed it: look up their keys, then {@link verifiedPayload}. */
  readonly signer: string;
  readonly signerVersion: number;
  readonly payload: Uint8Array;
  /** The signed bytes (everything before the signature). */
  readonly signed: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * Parses a signed statement without verifying it.
 *
 * @throws IntegrityError if it is malformed
 * @throws UnsupportedFormatError for an unknown version, suite or type
 */
export function parseStatement(encoded: Uint8Array): ParsedStatement {
  const input = new ByteReader(encoded, (m) => new IntegrityError(`signed statement: ${m}`));
  readPrefix(input, Kind.SIGNED);
  const code = input.u8();
  const type = (Object.keys(TYPE_CODES) as SignedType[]).find((t) => TYPE_CODES[t] === code);
  if (type === undefined) {
    throw new UnsupportedFormatError(`unsupported signed statement type ${code}`);
  }
  const signer = readUserId(input, "signer");
  const signerVersion = input.u32AsInt("signer key version");
  if (signerVersion < 1) {
    throw new IntegrityError("signed statement has an invalid signer key version");
  }
  const length = input.u32();
  if (length > MAX_PAYLOAD) {
    throw new IntegrityError("signed statement payload is too large");
  }
  const payload = input.bytes(length, "payload");
  const signedLength = input.offset;
  const signature = input.bytes(SIGNATURE_SIZE, "signature");
  input.end("signed statement");
  return { type, signer, signerVersion, payload, signed: encoded.slice(0, signedLength), signature };
}

/**
 * The payload, after checking that the statement is of the `expected` type
 * ({@link IntegrityError}), that `signerKeys` are the claimed signer's of the claimed version and
 * that the signature verifies (both {@link InvalidSignatureError}).
 */
export async function verifiedPayload(
  statement: ParsedStatement,
  signerKeys: PublicKeys,
  expected: SignedType,
): Promise<Uint8Array> {
  if (statement.type !== expected) {
    throw new IntegrityError(`expected a signed ${expected} but found a ${statement.type}`);
  }
  if (signerKeys.user !== statement.signer || signerKeys.version !== statement.signerVersion) {
    throw new InvalidSignatureError(
      `statement claims signer ${statement.signer} v${statement.signerVersion}, not the keys given (${signerKeys.user} v${signerKeys.version})`,
    );
  }
  if (!(await verifySigned(signerKeys.signingKey, statement.signed, statement.signature))) {
    throw new InvalidSignatureError(`the ${statement.type} signature of user ${statement.signer} does not verify`);
  }
  return statement.payload.slice();
}

/** Parses, checks and returns the payload in one step. */
export async function verifyStatement(
  encoded: Uint8Array,
  signerKeys: PublicKeys,
  expected: SignedType,
): Promise<Uint8Array> {
  return verifiedPayload(parseStatement(encoded), signerKeys, expected);
}

/** The encoded statement; `sign` signs the labelled body (a session's signing key). */
export async function encodeStatement(
  signer: string,
  signerVersion: number,
  type: SignedType,
  payload: Uint8Array,
  sign: (message: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  if (payload.length > MAX_PAYLOAD) {
    throw new RangeError(`payload is larger than ${MAX_PAYLOAD} bytes`);
  }
  const out = writePrefix(new ByteWriter(payload.length + 256), Kind.SIGNED)
    .u8(TYPE_CODES[type])
    .string(signer)
    .u32(signerVersion)
    .u32(payload.length)
    .bytes(payload);
  return out.bytes(await sign(out.toBytes())).toBytes();
}
