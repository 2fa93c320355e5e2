import type { EnvelopeContext } from "./contexts.js";
import { openEnvelope, parseEnvelope, sealEnvelope } from "./envelope.js";
import { IntegrityError, InvalidKeyBlobError, InvalidSignatureError, SessionClosedError } from "./errors.js";
import { checkUserId } from "./ids.js";
import { constantTimeEqual, wipe } from "./internal/bytes.js";
import {
  ed25519Sign,
  importEd25519Seed,
  importX25519Private,
  secureRandom,
  type Random,
} from "./internal/primitives.js";
import {
  DEFAULT_KDF,
  isStrongerThan,
  openKeyBlob,
  passphraseBytes,
  sealKeyBlob,
  SECRETS_SIZE,
  SECRETS_SIZE_X_WING,
  type KdfParameters,
} from "./keyblob.js";
import { encodeBundle, PublicKeys, signedInput } from "./keys.js";
import {
  checkPin,
  derivePinSealKey,
  openPin,
  pinSealCryptoKey,
  sealPinV2,
  type EarlierPin,
  type OpenedPin,
  type PinCheck,
  type PinSuite,
  type PinTrust,
} from "./pins.js";
import { encodeStatement, parseStatement, verifiedPayload, type SignedType } from "./signed.js";
import { xwingKeyPair, xwingPublicKey } from "./internal/xwing.js";
import { SymmetricKey } from "./symmetric-key.js";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** What a key store holds for one version of a user's keys (the Java SPI's `KeyRecord`). */
export interface KeyRecord {
  readonly user: string;
  readonly version: number;
  /** The self-signed public-key bundle. */
  readonly publicKeys: Uint8Array;
  /** The private-key blob. */
  readonly encryptedPrivateKeys: Uint8Array;
  /** The blob's Argon2id cost, repeated for hosts. */
  readonly kdf: KdfParameters;
}

interface SessionKeys {
  readonly encryption: CryptoKey;
  /** Suite 2: the X-Wing key pair (held by `@hpke/hybridkem-x-wing`, not by WebCrypto). */
  readonly xwing: CryptoKeyPair | undefined;
  readonly signing: CryptoKey;
  readonly pinSeal: CryptoKey;
}

/**
 * An unlocked SecuPass: a user's private keys as non-extractable WebCrypto keys (the raw bytes are
 * wiped once imported), with their public keys. It signs, seals and opens envelopes and seals key
 * pins. {@link close} drops the keys; any use afterwards is {@link SessionClosedError}.
 */
export class Session {
  #keys: SessionKeys | undefined;

  private constructor(
    readonly publicKeys: PublicKeys,
    keys: SessionKeys,
    private readonly random: Random,
  ) {
    this.#keys = keys;
  }

  /**
   * A session of the 64 private-key bytes (X25519 private key || Ed25519 seed), 96 with the
   * X-Wing seed of a suite-2 bundle, which must derive `publicKeys` ({@link InvalidKeyBlobError}
   * otherwise). `secrets` is not kept; wipe it.
   */
  static async fromSecrets(publicKeys: PublicKeys, secrets: Uint8Array, random: Random = secureRandom): Promise<Session> {
    if (secrets.length !== SECRETS_SIZE && secrets.length !== SECRETS_SIZE_X_WING) {
      throw new RangeError("private key material is 64 bytes (suite 1) or 96 (suite 2)");
    }
    if ((secrets.length === SECRETS_SIZE_X_WING) !== (publicKeys.suite === 2)) {
      throw new InvalidKeyBlobError(
        `the private keys of user ${publicKeys.user} v${publicKeys.version} are of another suite than the record's public keys`,
      );
    }
    let xwing: CryptoKeyPair | undefined;
    if (publicKeys.xwingKey !== undefined) {
      const seed = secrets.slice(SECRETS_SIZE);
      try {
        if (!constantTimeEqual(await xwingPublicKey(seed), publicKeys.xwingKey)) {
          throw new InvalidKeyBlobError(
            `the X-Wing private key of user ${publicKeys.user} v${publicKeys.version} does not match the record's public key`,
          );
        }
        xwing = await xwingKeyPair(seed);
      } finally {
        wipe(seed);
      }
    }
    const encryption = await importX25519Private(secrets.subarray(0, 32));
    const signing = await importEd25519Seed(secrets.subarray(32, 64));
    if (
      !constantTimeEqual(encryption.publicKey, publicKeys.encryptionKey) ||
      !constantTimeEqual(signing.publicKey, publicKeys.signingKey)
    ) {
      throw new InvalidKeyBlobError(
        `the private keys of user ${publicKeys.user} v${publicKeys.version} do not match the record's public keys`,
      );
    }
    const pinKey = await derivePinSealKey(secrets.subarray(0, SECRETS_SIZE), publicKeys.user, publicKeys.version);
    try {
      return new Session(
        publicKeys,
        { encryption: encryption.privateKey, xwing, signing: signing.privateKey, pinSeal: await pinSealCryptoKey(pinKey) },
        random,
      );
    } finally {
      wipe(pinKey);
    }
  }

  get user(): string {
    return this.publicKeys.user;
  }

  get version(): number {
    return this.publicKeys.version;
  }

  get fingerprint(): string {
    return this.publicKeys.fingerprint;
  }

  /** Signs `payload` as a signed statement of `type` (docs/format.md, "Signed statement"). */
  sign(type: SignedType, payload: Uint8Array): Promise<Uint8Array> {
    return encodeStatement(this.user, this.version, type, payload, (m) => this.signBody(m));
  }

  /**
   * Wraps `key` to `recipient` in `context` and signs the envelope as this session's user. Check
   * `recipient` against your pin of them first.
   */
  sealEnvelope(recipient: PublicKeys, context: EnvelopeContext, key: SymmetricKey): Promise<Uint8Array> {
    this.keys();
    return sealEnvelope(
      { user: this.user, version: this.version, sign: (m) => this.signBody(m) },
      recipient,
      context,
      key.material(),
      this.random,
    );
  }

  /**
   * Opens an envelope addressed to this session's keys, granted by `granter` (keys you trust for
   * them), in the `expected` context; every check of docs/format.md ("Envelope"), in its order.
   */
  async openEnvelope(envelope: Uint8Array, granter: PublicKeys, expected: EnvelopeContext): Promise<SymmetricKey> {
    const keys = this.keys();
    const raw = await openEnvelope(
      parseEnvelope(envelope),
      { keys: this.publicKeys, privateKey: keys.encryption, xwing: keys.xwing },
      granter,
      expected,
    );
    try {
      return SymmetricKey.fromBytes(raw);
    } finally {
      wipe(raw);
    }
  }

  /**
   * The seal (version 2, as the Java SDK writes it) of this observer's pin of `subject`'s keys of
   * `subjectVersion` with `fingerprint`: how they were established (`trust`, default 1: first use),
   * the `suite` of the pinned bundle (default 1; pass `keys.suite`, so a later bundle of the same
   * keys without the X-Wing key is a downgrade) and the earlier pins of the subject (`history`).
   * `KeyPinning` applies the rules; this only seals.
   */
  sealPin(
    subject: string,
    subjectVersion: number,
    fingerprint: string,
    options: { readonly trust?: PinTrust; readonly suite?: PinSuite; readonly history?: readonly EarlierPin[] } = {},
  ): Promise<Uint8Array> {
    return sealPinV2(
      this.keys().pinSeal,
      this.user,
      this.version,
      subject,
      subjectVersion,
      fingerprint,
      options.trust ?? 1,
      options.suite ?? 1,
      options.history ?? [],
    );
  }

  /** Opens a stored pin's seal of either version: its check, trust, suite and history. */
  openPin(seal: Uint8Array, subject: string, subjectVersion: number, fingerprint: string): Promise<OpenedPin> {
    return openPin(seal, this.keys().pinSeal, this.user, this.version, subject, subjectVersion, fingerprint);
  }

  /** Checks a stored pin's seal (see {@link PinCheck}). */
  checkPin(seal: Uint8Array, subject: string, subjectVersion: number, fingerprint: string): Promise<PinCheck> {
    return checkPin(seal, this.keys().pinSeal, this.user, this.version, subject, subjectVersion, fingerprint);
  }

  /**
   * The session as a {@link KeptSession}: its public-key bundle and its private keys as the same
   * non-extractable `CryptoKey`s, for a page to keep across page loads in a store that takes
   * structured clones (IndexedDB of its origin) and to {@link Session.resume} later. The keys stay
   * non-extractable there: a script of the origin can use them while they are kept, but cannot
   * read them out; the store's owner wipes the record at lock, sign-out and idle timeout. Only
   * suite-1 sessions can be kept: the X-Wing private key of suite 2 is not a WebCrypto key
   * ({@link RangeError} otherwise).
   */
  keep(): KeptSession {
    const keys = this.keys();
    if (keys.xwing !== undefined) {
      throw new RangeError("a suite-2 session cannot be kept: its X-Wing key is not a WebCrypto key");
    }
    return { publicKeys: this.publicKeys.encoded.slice(), encryption: keys.encryption, signing: keys.signing, pinSeal: keys.pinSeal };
  }

  /**
   * A session of what {@link keep} returned (after a structured clone). The bundle is parsed and
   * verified again, and a signature made with the kept signing key must verify under it, so a
   * record whose keys were swapped is {@link InvalidKeyBlobError} rather than a session.
   */
  static async resume(kept: KeptSession, random: Random = secureRandom): Promise<Session> {
    const publicKeys = await PublicKeys.parse(kept.publicKeys);
    if (publicKeys.suite !== 1) {
      throw new InvalidKeyBlobError(`a kept session of user ${publicKeys.user} v${publicKeys.version} must be of suite 1`);
    }
    const session = new Session(
      publicKeys,
      { encryption: kept.encryption, xwing: undefined, signing: kept.signing, pinSeal: kept.pinSeal },
      random,
    );
    const probe = new Uint8Array(32);
    const signed = await session.sign("MEMBERSHIP_ENTRY", probe);
    try {
      await verifiedPayload(parseStatement(signed), publicKeys, "MEMBERSHIP_ENTRY");
    } catch {
      session.close();
      throw new InvalidKeyBlobError(`the kept keys of user ${publicKeys.user} v${publicKeys.version} do not match its public keys`);
    }
    return session;
  }

  /** Drops the private keys; every later use throws {@link SessionClosedError}. */
  close(): void {
    this.#keys = undefined;
  }

  get closed(): boolean {
    return this.#keys === undefined;
  }

  /** Ed25519 over the signature label and `message`. @internal */
  async signBody(message: Uint8Array): Promise<Uint8Array> {
    return ed25519Sign(this.keys().signing, signedInput(message));
  }

  toString(): string {
    return `Session[user=${this.user}, version=${this.version}]`;
  }

  toJSON(): string {
    return this.toString();
  }

  [INSPECT](): string {
    return this.toString();
  }

  private keys(): SessionKeys {
    if (this.#keys === undefined) {
      throw new SessionClosedError();
    }
    return this.#keys;
  }
}

/**
 * An unlocked session as a page keeps it (see {@link Session.keep}): the bundle's bytes and the
 * non-extractable private keys, all structured-cloneable.
 */
export interface KeptSession {
  readonly publicKeys: Uint8Array;
  readonly encryption: CryptoKey;
  readonly signing: CryptoKey;
  readonly pinSeal: CryptoKey;
}

/** Options of {@link activate}, {@link unlock} and {@link changeSecuPass}. */
export interface KeyOptions {
  /** The Argon2id cost of new blobs (default {@link DEFAULT_KDF}; see `kdfPolicy`). */
  readonly kdf?: KdfParameters;
  /** The random source (default: the platform's CSPRNG). */
  readonly random?: Random;
  /**
   * The key suite of new keys, as the Java SDK's `KeySuite`: 2 (default, `X_WING`: an X-Wing key
   * beside the X25519 and Ed25519 keys, so envelopes to them are post-quantum) or 1
   * (`CLASSICAL`). Under 2, {@link unlock} adds an X-Wing key to a suite-1 record.
   */
  readonly suite?: 1 | 2;
}

/**
 * New key pairs: an X25519 private key (clamped, as the Java SDK stores it), an Ed25519 seed and,
 * in suite 2, an X-Wing seed, drawn from `random` in that order (as the Java SDK draws them).
 */
export function generateSecrets(random: Random = secureRandom, suite: 1 | 2 = 1): Uint8Array {
  const secrets = new Uint8Array(suite === 2 ? SECRETS_SIZE_X_WING : SECRETS_SIZE);
  secrets.set(random(32), 0);
  secrets[0]! &= 0xf8;
  secrets[31]! &= 0x7f;
  secrets[31]! |= 0x40;
  secrets.set(random(32), 32);
  if (suite === 2) {
    secrets.set(random(32), 64);
  }
  return secrets;
}

/** The self-signed bundle of `secrets` (64 or 96 bytes) for `user`'s keys of `version`. */
async function bundleOf(user: string, version: number, secrets: Uint8Array): Promise<Uint8Array> {
  const signing = await importEd25519Seed(secrets.subarray(32, 64));
  const encryption = await importX25519Private(secrets.subarray(0, 32));
  const xwing = secrets.length === SECRETS_SIZE_X_WING ? await xwingPublicKey(secrets.subarray(64)) : undefined;
  return encodeBundle(
    user,
    version,
    encryption.publicKey,
    signing.publicKey,
    async (m) => ed25519Sign(signing.privateKey, signedInput(m)),
    xwing,
  );
}

/**
 * First activation (or a reset's new keys, with `version` above the retired one): makes the key
 * pairs and seals them under `secuPass`. Store `record` (its bundle and blob are all the server
 * needs); the session holds the new keys.
 */
export async function activate(
  user: string,
  secuPass: string,
  options: KeyOptions & { readonly version?: number } = {},
): Promise<{ record: KeyRecord; session: Session }> {
  checkUserId(user);
  const version = options.version ?? 1;
  const random = options.random ?? secureRandom;
  const kdf = options.kdf ?? DEFAULT_KDF;
  const passphrase = passphraseBytes(secuPass);
  const secrets = generateSecrets(random, options.suite ?? 2);
  try {
    const bundle = await bundleOf(user, version, secrets);
    const blob = await sealKeyBlob(user, version, secrets, passphrase, kdf, random);
    const publicKeys = await PublicKeys.parse(bundle);
    const record: KeyRecord = { user, version, publicKeys: bundle, encryptedPrivateKeys: blob, kdf };
    return { record, session: await Session.fromSecrets(publicKeys, secrets, random) };
  } finally {
    wipe(secrets, passphrase);
  }
}

/** What {@link unlock} returns. */
export interface Unlocked {
  readonly session: Session;
  /**
   * Present when the blob's cost is below the policy's, or when a suite-1 record was opened under
   * suite 2 (the default): the record to store instead, for the host (a conditional update;
   * losing a race to another change is fine). It holds the same keys re-sealed under the stronger
   * cost, and after a migration also a fresh X-Wing key in the **same key version**: a suite-2
   * bundle with the same X25519 and Ed25519 keys (so the same fingerprint), self-signed by the
   * existing Ed25519 key, as the Java SDK migrates (docs/format.md, "Migration at unlock").
   */
  readonly resealed?: KeyRecord;
}

/**
 * Opens `record`'s keys with `secuPass`, with the checks of docs/format.md ("Opening") in order.
 *
 * @throws InvalidKeyBlobError if the record is damaged or foreign (never for a wrong SecuPass)
 * @throws WrongSecuPassError if the record is intact and the SecuPass is not its own
 * @throws UnsupportedFormatError for a blob of an unknown version or suite
 */
export async function unlock(record: KeyRecord, secuPass: string, options: KeyOptions = {}): Promise<Unlocked> {
  const publicKeys = await recordKeys(record);
  const passphrase = passphraseBytes(secuPass);
  let secrets: Uint8Array | undefined;
  let migrated: Uint8Array | undefined;
  try {
    secrets = await openKeyBlob(record.encryptedPrivateKeys, record.user, record.version, record.kdf, passphrase);
    const random = options.random ?? secureRandom;
    const session = await Session.fromSecrets(publicKeys, secrets, random);
    const policy = options.kdf ?? DEFAULT_KDF;
    const stronger = isStrongerThan(policy, record.kdf);
    const migrate = (options.suite ?? 2) === 2 && publicKeys.suite === 1;
    if (!stronger && !migrate) {
      return { session };
    }
    const kdf = stronger ? policy : record.kdf;
    if (!migrate) {
      const blob = await sealKeyBlob(record.user, record.version, secrets, passphrase, kdf, random);
      return { session, resealed: { ...record, encryptedPrivateKeys: blob, kdf } };
    }
    migrated = new Uint8Array(SECRETS_SIZE_X_WING);
    migrated.set(secrets);
    migrated.set(random(32), SECRETS_SIZE);
    const bundle = await bundleOf(record.user, record.version, migrated);
    const blob = await sealKeyBlob(record.user, record.version, migrated, passphrase, kdf, random);
    const upgraded = await Session.fromSecrets(await PublicKeys.parse(bundle), migrated, random);
    session.close();
    return { session: upgraded, resealed: { ...record, publicKeys: bundle, encryptedPrivateKeys: blob, kdf } };
  } finally {
    wipe(secrets, migrated, passphrase);
  }
}

/**
 * Re-seals the same keys under `next` after checking `current`: the record to store in place of
 * `record` (same key pair and version).
 */
export async function changeSecuPass(
  record: KeyRecord,
  current: string,
  next: string,
  options: KeyOptions = {},
): Promise<KeyRecord> {
  await recordKeys(record);
  const passphrase = passphraseBytes(current);
  const nextPassphrase = passphraseBytes(next);
  let secrets: Uint8Array | undefined;
  try {
    secrets = await openKeyBlob(record.encryptedPrivateKeys, record.user, record.version, record.kdf, passphrase);
    const kdf = options.kdf ?? DEFAULT_KDF;
    const blob = await sealKeyBlob(record.user, record.version, secrets, nextPassphrase, kdf, options.random ?? secureRandom);
    return { ...record, encryptedPrivateKeys: blob, kdf };
  } finally {
    wipe(secrets, passphrase, nextPassphrase);
  }
}

async function recordKeys(record: KeyRecord): Promise<PublicKeys> {
  try {
    return await PublicKeys.ofRecord(record);
  } catch (e) {
    if (e instanceof IntegrityError || e instanceof InvalidSignatureError) {
      throw new InvalidKeyBlobError(`the public keys of user ${record.user} v${record.version} are invalid: ${e.message}`);
    }
    throw e;
  }
}
