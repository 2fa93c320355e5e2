import { IntegrityError, InvalidSignatureError } from "./errors.js";
import { checkUserId, isUserId } from "./ids.js";
import { ByteReader, ByteWriter, concat, toHex } from "./internal/bytes.js";
import { label, Labels } from "./internal/labels.js";
import { Kind, readPrefixAndSuite, SUITE_1, SUITE_2, writePrefix } from "./internal/prefix.js";
import { isAcceptableXWingKey, XWING_PUBLIC_KEY_SIZE } from "./internal/xwing.js";
import { ed25519Verify, isAcceptableEd25519Key, isAcceptableX25519Key, sha512 } from "./internal/primitives.js";

const SIGNED_LABEL = label(Labels.SIGNED);
const FINGERPRINT_LABEL = label(Labels.FINGERPRINT);

/** Length of the X25519 and Ed25519 public keys. */
export const PUBLIC_KEY_SIZE = 32;
/** Length of an Ed25519 signature. */
export const SIGNATURE_SIZE = 64;

/**
 * One version of a user's public keys, parsed from the self-signed bundle a key record stores
 * (docs/format.md, "Public-key bundle"): the X25519 key envelopes are sealed to and the Ed25519
 * key that checks the user's signatures. A parsed bundle is well-formed and self-consistent, but
 * only as trustworthy as where it came from: compare its {@link fingerprint} or check it against
 * a pin before trusting it.
 */
export class PublicKeys {
  private constructor(
    /** The stored bundle. */
    readonly encoded: Uint8Array,
    readonly user: string,
    readonly version: number,
    /** The raw X25519 public key. */
    readonly encryptionKey: Uint8Array,
    /** The raw Ed25519 public key. */
    readonly signingKey: Uint8Array,
    /** The fingerprint people compare: eight groups of five digits (the X-Wing key is not in it). */
    readonly fingerprint: string,
    /** 1 (classical) or 2 (with an X-Wing key: envelopes to these keys are post-quantum). */
    readonly suite: 1 | 2 = 1,
    /** The 1216-byte X-Wing public key of a suite-2 bundle. */
    readonly xwingKey: Uint8Array | undefined = undefined,
  ) {}

  /**
   * Parses a bundle and checks its self-signature.
   *
   * @throws IntegrityError if it is malformed
   * @throws InvalidSignatureError if the self-signature does not verify
   * @throws UnsupportedFormatError for an unknown version or suite
   */
  static async parse(bundle: Uint8Array): Promise<PublicKeys> {
    const encoded = bundle.slice();
    const input = new ByteReader(encoded, (m) => new IntegrityError(`public-key bundle: ${m}`));
    const { suite } = readPrefixAndSuite(input, Kind.PUBLIC_KEYS, [1], [SUITE_1, SUITE_2]);
    const user = readUserId(input, "user id");
    const version = input.u32();
    if (version < 1 || version > 0x7fffffff) {
      throw new IntegrityError("public-key bundle has an invalid key version");
    }
    const encryptionKey = input.bytes(PUBLIC_KEY_SIZE, "X25519 public key");
    const signingKey = input.bytes(PUBLIC_KEY_SIZE, "Ed25519 public key");
    const xwingKey = suite === SUITE_2 ? input.bytes(XWING_PUBLIC_KEY_SIZE, "X-Wing public key") : undefined;
    const signedLength = input.offset;
    const signature = input.bytes(SIGNATURE_SIZE, "self-signature");
    input.end("public-key bundle");
    // Rule R13, before the self-signature: keys the SDK never writes are damage.
    if (!isAcceptableX25519Key(encryptionKey)) {
      throw new IntegrityError(`public-key bundle of user ${user} has an X25519 key that is not canonical or of small order`);
    }
    if (!isAcceptableEd25519Key(signingKey)) {
      throw new IntegrityError(`public-key bundle of user ${user} has an Ed25519 key that is not a canonical point or of small order`);
    }
    if (xwingKey !== undefined && !isAcceptableXWingKey(xwingKey)) {
      throw new IntegrityError(`public-key bundle of user ${user} has an X-Wing key that fails the ML-KEM key check or has an X25519 part of small order`);
    }
    if (!(await verifySigned(signingKey, encoded.subarray(0, signedLength), signature))) {
      throw new InvalidSignatureError(`public-key bundle of user ${user} has an invalid self-signature`);
    }
    return new PublicKeys(
      encoded,
      user,
      version,
      encryptionKey,
      signingKey,
      await fingerprint(user, encryptionKey, signingKey),
      suite === SUITE_2 ? 2 : 1,
      xwingKey,
    );
  }

  /**
   * The public keys of a stored key record: the bundle must name the record's user and version.
   *
   * @throws IntegrityError if it names another user or version, or is malformed
   */
  static async ofRecord(record: { user: string; version: number; publicKeys: Uint8Array }): Promise<PublicKeys> {
    const keys = await PublicKeys.parse(record.publicKeys);
    if (keys.user !== record.user || keys.version !== record.version) {
      throw new IntegrityError(
        `the public keys stored for user ${record.user} v${record.version} belong to user ${keys.user} v${keys.version}`,
      );
    }
    return keys;
  }

  /** Whether `other` is the same bundle. */
  equals(other: PublicKeys): boolean {
    return toHex(this.encoded) === toHex(other.encoded);
  }

  toString(): string {
    return `PublicKeys[user=${this.user}, version=${this.version}, suite=${this.suite}, fingerprint=${this.fingerprint}]`;
  }
}

/**
 * The encoded, self-signed bundle of `user`'s keys of `version`; `sign` signs its body. With an
 * `xwingKey` it is a suite-2 bundle.
 */
export async function encodeBundle(
  user: string,
  version: number,
  encryptionKey: Uint8Array,
  signingKey: Uint8Array,
  sign: (message: Uint8Array) => Promise<Uint8Array>,
  xwingKey?: Uint8Array,
): Promise<Uint8Array> {
  checkUserId(user);
  const out = writePrefix(new ByteWriter(), Kind.PUBLIC_KEYS, 1, xwingKey === undefined ? SUITE_1 : SUITE_2)
    .string(user)
    .u32(version)
    .bytes(encryptionKey)
    .bytes(signingKey);
  if (xwingKey !== undefined) {
    out.bytes(xwingKey);
  }
  return out.bytes(await sign(out.toBytes())).toBytes();
}

/**
 * A fingerprint (docs/format.md, "Fingerprint"): SHA-512 over the label, the user id and both
 * public keys; eight groups of five digits, each a 40-bit big-endian slice modulo 100000.
 */
export async function fingerprint(
  user: string,
  encryptionKey: Uint8Array,
  signingKey: Uint8Array,
): Promise<string> {
  const input = new ByteWriter().string(user).bytes(encryptionKey).bytes(signingKey).toBytes();
  const hash = await sha512(FINGERPRINT_LABEL, input);
  const groups: string[] = [];
  for (let group = 0; group < 8; group++) {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      value = value * 256 + hash[group * 5 + i]!;
    }
    groups.push(String(value % 100000).padStart(5, "0"));
  }
  return groups.join(" ");
}

/** Verifies an Ed25519 signature over the `"SecuPass signed v1"\0` label and `message`. */
export async function verifySigned(
  signingKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  return ed25519Verify(signingKey, concat(SIGNED_LABEL, message), signature);
}

/** The label every signature input starts with. */
export function signedInput(message: Uint8Array): Uint8Array {
  return concat(SIGNED_LABEL, message);
}

/** A user id read from stored data; an invalid one is damage, reported by `input`. */
export function readUserId(input: ByteReader, what: string): string {
  const value = input.string(what);
  if (!isUserId(value)) {
    throw input.malformed(`invalid ${what}`);
  }
  return value;
}
