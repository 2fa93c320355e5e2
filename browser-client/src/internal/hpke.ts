import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from "@hpke/core";
import { IntegrityError } from "../errors.js";
import { buffer, copy, wipe } from "./bytes.js";
import { importX25519Private, importX25519Public, type Random } from "./primitives.js";

/**
 * HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM, single shot
 * with empty associated data: what envelopes wrap keys with. On `@hpke/core`, whose X25519 is
 * WebCrypto's own.
 */
const suite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Aes256Gcm(),
});

export const ENC_SIZE = 32;
export const TAG_SIZE = 16;

/**
 * Seals `plaintext` to `recipientPublicKey`; the ephemeral key's 32 bytes come from `random`, so
 * known-answer vectors can fix them.
 *
 * @throws IntegrityError if the recipient's key is unusable (a point of small order)
 */
export async function hpkeSeal(
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  plaintext: Uint8Array,
  random: Random,
): Promise<{ enc: Uint8Array; ciphertext: Uint8Array }> {
  const ephemeralRaw = random(32);
  try {
    const ephemeral = await importX25519Private(ephemeralRaw);
    const ekm: CryptoKeyPair = {
      privateKey: ephemeral.privateKey,
      publicKey: await importX25519Public(ephemeral.publicKey),
    };
    let sealed;
    try {
      sealed = await suite.seal(
        { recipientPublicKey: await importX25519Public(recipientPublicKey), info: buffer(info), ekm },
        buffer(plaintext),
      );
    } catch {
      throw new IntegrityError("the recipient's X25519 public key is unusable");
    }
    return { enc: new Uint8Array(sealed.enc), ciphertext: new Uint8Array(sealed.ct) };
  } finally {
    wipe(ephemeralRaw);
  }
}

/**
 * Opens what {@link hpkeSeal} made, or returns `undefined` if the ciphertext, `enc` or `info` is
 * not the sealed one or the key is not the recipient's.
 */
export async function hpkeOpen(
  recipientPrivateKey: CryptoKey,
  recipientPublicKey: Uint8Array,
  enc: Uint8Array,
  info: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array | undefined> {
  try {
    const opened = await suite.open(
      {
        recipientKey: {
          privateKey: recipientPrivateKey,
          publicKey: await importX25519Public(recipientPublicKey),
        },
        enc: copy(enc).buffer,
        info: buffer(info),
      },
      buffer(ciphertext),
    );
    return new Uint8Array(opened);
  } catch {
    return undefined;
  }
}

