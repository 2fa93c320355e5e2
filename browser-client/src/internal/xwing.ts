import { Aes256Gcm, CipherSuite, HkdfSha256 } from "@hpke/core";
import { XWing } from "@hpke/hybridkem-x-wing";
import { copy, wipe } from "./bytes.js";
import { isAcceptableX25519Key, type Random } from "./primitives.js";

/**
 * Suite 2 (docs/format.md, "Suite 2: X-Wing"): HPKE base mode with the X-Wing KEM (ML-KEM-768
 * and X25519, KEM id 0x647a), HKDF-SHA256 and AES-256-GCM, on `@hpke/hybridkem-x-wing`, whose
 * known answers the test suite checks against the X-Wing draft's and the Java SDK's vectors.
 */
export const XWING_PUBLIC_KEY_SIZE = 1216;
export const XWING_ENC_SIZE = 1120;
export const XWING_SEED_SIZE = 32;
const ENCAPSULATION_SEED_SIZE = 64;
const ML_KEM_Q = 3329;
const ML_KEM_POLY_BYTES = 1152;

const kem = new XWing();
const suite = new CipherSuite({ kem, kdf: new HkdfSha256(), aead: new Aes256Gcm() });

/** The 1216-byte public key of an X-Wing seed. */
export async function xwingPublicKey(seed: Uint8Array): Promise<Uint8Array> {
  const pair = await xwingKeyPair(seed);
  return new Uint8Array(await kem.serializePublicKey(pair.publicKey));
}

/** The key pair of an X-Wing seed, for opening envelopes (the library holds the key bytes). */
export async function xwingKeyPair(seed: Uint8Array): Promise<CryptoKeyPair> {
  // The returned private key keeps this copy of the seed (it is not a WebCrypto key), so the copy
  // is not wiped here; it lives as long as the session holds the key pair.
  return kem.generateKeyPairDerand(copy(seed));
}

/**
 * Whether an X-Wing public key is one the SDK could have made (rule R13): FIPS 203's
 * encapsulation key check (each 12-bit coefficient of the first 1152 bytes below q = 3329), and
 * an X25519 part that is canonical and not of small order.
 */
export function isAcceptableXWingKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== XWING_PUBLIC_KEY_SIZE) {
    return false;
  }
  for (let i = 0; i < ML_KEM_POLY_BYTES; i += 3) {
    const b0 = publicKey[i]!;
    const b1 = publicKey[i + 1]!;
    const b2 = publicKey[i + 2]!;
    if ((b0 | ((b1 & 0x0f) << 8)) >= ML_KEM_Q || ((b1 >> 4) | (b2 << 4)) >= ML_KEM_Q) {
      return false;
    }
  }
  return isAcceptableX25519Key(publicKey.subarray(XWING_PUBLIC_KEY_SIZE - 32));
}

/** Seals to an X-Wing public key; the 64-byte encapsulation seed comes from `random`. */
export async function xwingSeal(
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  plaintext: Uint8Array,
  random: Random,
): Promise<{ enc: Uint8Array; ciphertext: Uint8Array }> {
  const seed = random(ENCAPSULATION_SEED_SIZE);
  try {
    const sender = await suite.createSenderContext({
      recipientPublicKey: await kem.deserializePublicKey(copy(recipientPublicKey)),
      info: copy(info),
      ekm: seed,
    });
    return { enc: new Uint8Array(sender.enc), ciphertext: new Uint8Array(await sender.seal(copy(plaintext))) };
  } finally {
    wipe(seed);
  }
}

/** Opens what {@link xwingSeal} made, or `undefined` if anything is not the sealed one. */
export async function xwingOpen(
  recipient: CryptoKeyPair,
  enc: Uint8Array,
  info: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array | undefined> {
  try {
    const context = await suite.createRecipientContext({ recipientKey: recipient, enc: copy(enc), info: copy(info) });
    return new Uint8Array(await context.open(copy(ciphertext)));
  } catch {
    return undefined;
  }
}
