import { IntegrityError, InvalidSignatureError, UnsupportedFormatError } from "./errors.js";
import { isToken } from "./ids.js";
import { ByteReader, ByteWriter } from "./internal/bytes.js";
import { label, Labels } from "./internal/labels.js";
import { Kind, PREFIX_LENGTH, readPrefix, writePrefix } from "./internal/prefix.js";
import type { PublicKeys } from "./keys.js";
import { openAtRest, type AtRestAead } from "./manifest-v2.js";
import { parseStatement, verifiedPayload, type ParsedStatement } from "./signed.js";

/**
 * The sender's withdrawal of a delivery (docs/format.md, "Withdrawal statement (version 2)"):
 * payload `u8 1 || str delivery id || i64 withdrawn at (ms)`, signed by the sender as a statement
 * of type 4 at levels 3-4, sealed under the host's at-rest key at levels 1-2. A reader checks the
 * stored withdrawal before anything else about a delivery ({@link checkWithdrawal}): one that
 * verifies makes the delivery withdrawn whatever its stored state says, and a delivery stored as
 * withdrawn without one is damage.
 */

/** A verified withdrawal. */
export interface Withdrawal {
  readonly delivery: string;
  /** Milliseconds since the epoch. */
  readonly withdrawnAt: number;
}

const PAYLOAD_VERSION = 1;
const HOST_LABEL = label(Labels.HOST_WITHDRAWAL);

export function encodeWithdrawal(w: Withdrawal): Uint8Array {
  if (!isToken(w.delivery)) {
    throw new RangeError("a withdrawal names a delivery id of the identifier grammar");
  }
  return new ByteWriter(80).u8(PAYLOAD_VERSION).string(w.delivery).i64(w.withdrawnAt).toBytes();
}

/**
 * Reads a payload.
 *
 * @throws UnsupportedFormatError for another payload version
 * @throws IntegrityError if it is malformed, has trailing bytes or an id outside the grammar
 */
export function decodeWithdrawal(payload: Uint8Array): Withdrawal {
  const input = new ByteReader(payload, (m) => new IntegrityError(`withdrawal: ${m}`));
  const version = input.u8();
  if (version !== PAYLOAD_VERSION) {
    throw new UnsupportedFormatError(`unsupported withdrawal version ${version} (this library reads 1)`);
  }
  const delivery = input.string("delivery id");
  const withdrawnAt = input.i64("withdrawal time");
  input.end("withdrawal");
  if (!isToken(delivery)) {
    throw new IntegrityError("the withdrawal names a delivery id outside the grammar");
  }
  return { delivery, withdrawnAt };
}

/**
 * Parses a signed withdrawal and checks that `sender` claims to have signed it, before the caller
 * looks up the keys it trusts for the signer's claimed version (`signerVersion`).
 *
 * @throws InvalidSignatureError if someone else claims to have signed it
 * @throws IntegrityError if it is not a signed statement
 */
export function withdrawalSignedBy(statement: Uint8Array, sender: string): ParsedStatement {
  const parsed = parseStatement(statement);
  if (parsed.signer !== sender) {
    throw new InvalidSignatureError(`the withdrawal of this delivery is not signed by its sender ${sender}`);
  }
  return parsed;
}

/**
 * The withdrawal a signed statement holds (levels 3-4), after checking that it is one (type 4),
 * signed with `senderKeys` (the keys the reader trusts for the sender at the claimed version:
 * pinned, or in the pin history), naming `delivery`.
 *
 * @throws InvalidSignatureError if the keys are not the claimed signer's or the signature fails
 * @throws IntegrityError if it is not a withdrawal, is malformed or names another delivery
 * @throws UnsupportedFormatError for an unknown payload version
 */
export async function verifyWithdrawal(statement: Uint8Array, delivery: string, senderKeys: PublicKeys): Promise<Withdrawal> {
  const parsed = withdrawalSignedBy(statement, senderKeys.user);
  return named(decodeWithdrawal(await verifiedPayload(parsed, senderKeys, "WITHDRAWAL")), delivery);
}

/** Seals a withdrawal under the host's at-rest key (levels 1-2): `53 50 57 01 00 01 || sealed`. */
export async function sealHostWithdrawal(aead: AtRestAead, w: Withdrawal): Promise<Uint8Array> {
  const prefix = writePrefix(new ByteWriter(PREFIX_LENGTH), Kind.HOST_WITHDRAWAL).toBytes();
  const sealed = await aead.encrypt(encodeWithdrawal(w), hostAssociatedData(prefix, w.delivery));
  return new ByteWriter(prefix.length + sealed.length).bytes(prefix).bytes(sealed).toBytes();
}

/**
 * Opens a host-sealed withdrawal of `delivery` (levels 1-2; for code that holds the at-rest key).
 *
 * @throws IntegrityError if it does not open with this delivery's associated data, is malformed
 *     or names another delivery
 * @throws UnsupportedFormatError for an unknown version or suite
 */
export async function openHostWithdrawal(aead: AtRestAead, stored: Uint8Array, delivery: string): Promise<Withdrawal> {
  const input = new ByteReader(stored, (m) => new IntegrityError(`host-sealed withdrawal: ${m}`));
  readPrefix(input, Kind.HOST_WITHDRAWAL);
  const prefix = stored.slice(0, PREFIX_LENGTH);
  const payload = await openAtRest(
    aead,
    input.bytes(input.remaining, "sealed withdrawal"),
    hostAssociatedData(prefix, delivery),
    `the host-sealed withdrawal of delivery ${delivery}`,
  );
  return named(decodeWithdrawal(payload), delivery);
}

/** What a reader's check of a delivery's stored withdrawal found. */
export type WithdrawalCheck = { readonly withdrawn: false } | { readonly withdrawn: true; readonly withdrawal: Withdrawal };

/**
 * The reader rule of docs/format.md ("Withdrawal statement", reader rule), for levels 3-4: run it
 * before anything else about a delivery (expiry, manifest, envelope, content). A stored withdrawal
 * that verifies means withdrawn, whatever the stored state says; none while the state says
 * withdrawn is damage; none and not withdrawn means go on.
 *
 * @param stored the delivery's stored withdrawal (empty or undefined for none)
 * @param storedWithdrawn whether the stored state says withdrawn
 * @param senderKeys the keys the reader trusts for the sender at `signerVersion` (the version the
 *     statement claims: see {@link withdrawalSignedBy})
 * @throws IntegrityError if the state says withdrawn without a statement, or the statement is not
 *     a withdrawal of this delivery
 * @throws InvalidSignatureError if the sender's keys did not sign it
 */
export async function checkWithdrawal(
  delivery: string,
  stored: Uint8Array | undefined,
  storedWithdrawn: boolean,
  senderKeys: (signer: string, signerVersion: number) => Promise<PublicKeys>,
  sender: string,
): Promise<WithdrawalCheck> {
  if (stored === undefined || stored.length === 0) {
    if (storedWithdrawn) {
      throw new IntegrityError(`delivery ${delivery} is stored as withdrawn, but nothing its sender signed says so`);
    }
    return { withdrawn: false };
  }
  const parsed = withdrawalSignedBy(stored, sender);
  const keys = await senderKeys(parsed.signer, parsed.signerVersion);
  const withdrawal = named(decodeWithdrawal(await verifiedPayload(parsed, keys, "WITHDRAWAL")), delivery);
  return { withdrawn: true, withdrawal };
}

function named(w: Withdrawal, delivery: string): Withdrawal {
  if (w.delivery !== delivery) {
    throw new IntegrityError(`the withdrawal stored with delivery ${delivery} is one of another delivery`);
  }
  return w;
}

function hostAssociatedData(prefix: Uint8Array, delivery: string): Uint8Array {
  return new ByteWriter().bytes(HOST_LABEL).bytes(prefix).string(delivery).toBytes();
}
