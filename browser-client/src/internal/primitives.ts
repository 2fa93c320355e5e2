import { ed25519 } from "@noble/curves/ed25519.js";
import { buffer, concat, copy, wipe } from "./bytes.js";

/**
 * The primitives of docs/format.md on WebCrypto (`crypto.subtle`, in every current browser and in
 * Node.js 20): SHA-256, SHA-512, HMAC-SHA256, HKDF-SHA256, AES-256-GCM, X25519 and Ed25519.
 * Private keys become non-extractable `CryptoKey`s as soon as they are imported.
 */

export const subtle: SubtleCrypto = globalThis.crypto.subtle;

/** A source of random bytes; the default is the platform's CSPRNG. Tests inject their own. */
export type Random = (length: number) => Uint8Array;

export const secureRandom: Random = (length) => {
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65536 bytes per call.
  for (let offset = 0; offset < length; offset += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + 65536)));
  }
  return out;
};

export async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const input = parts.length === 1 ? buffer(parts[0]!) : concat(...parts);
  return new Uint8Array(await subtle.digest("SHA-256", input as Uint8Array<ArrayBuffer>));
}

export async function sha512(...parts: Uint8Array[]): Promise<Uint8Array> {
  return new Uint8Array(await subtle.digest("SHA-512", concat(...parts) as Uint8Array<ArrayBuffer>));
}

export async function hmacKey(key: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey("raw", buffer(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

export async function hmacSha256(key: Uint8Array | CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  const cryptoKey = key instanceof Uint8Array ? await hmacKey(key) : key;
  return new Uint8Array(await subtle.sign("HMAC", cryptoKey, buffer(message)));
}

/** HKDF-SHA256 (RFC 5869) of `length` bytes. */
export async function hkdfSha256(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Promise<Uint8Array> {
  const key = await subtle.importKey("raw", buffer(ikm), "HKDF", false, ["deriveBits"]);
  return new Uint8Array(
    await subtle.deriveBits(
      { name: "HKDF", hash: "SHA-256", salt: buffer(salt), info: buffer(info) },
      key,
      length * 8,
    ),
  );
}

/** An AES-256-GCM key that cannot be exported again. */
export async function aesKey(raw: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey("raw", buffer(raw), "AES-GCM", false, ["encrypt", "decrypt"]);
}

function gcm(nonce: Uint8Array, aad: Uint8Array | undefined): AesGcmParams {
  const params: AesGcmParams = { name: "AES-GCM", iv: buffer(nonce), tagLength: 128 };
  if (aad !== undefined) {
    params.additionalData = buffer(aad);
  }
  return params;
}

/** AES-GCM with a 12-byte nonce and a 16-byte tag appended to the ciphertext. */
export async function aesGcmEncrypt(
  key: CryptoKey,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad?: Uint8Array,
): Promise<Uint8Array> {
  return new Uint8Array(await subtle.encrypt(gcm(nonce, aad), key, buffer(plaintext)));
}

/** AES-GCM decryption; `undefined` when the tag does not verify (no plaintext is released). */
export async function aesGcmDecrypt(
  key: CryptoKey,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  aad?: Uint8Array,
): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await subtle.decrypt(gcm(nonce, aad), key, buffer(ciphertext)));
  } catch {
    return undefined;
  }
}

// PKCS #8 wrappers of a raw 32-byte private key (RFC 8410).
const PKCS8_X25519 = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
]);
const PKCS8_ED25519 = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);
const X25519_BASE_POINT = new Uint8Array(32);
X25519_BASE_POINT[0] = 9;

/** An X25519 private key from its 32 stored bytes, with its public key. */
export async function importX25519Private(
  raw: Uint8Array,
): Promise<{ privateKey: CryptoKey; publicKey: Uint8Array }> {
  const pkcs8 = concat(PKCS8_X25519, raw) as Uint8Array<ArrayBuffer>;
  try {
    const privateKey = await subtle.importKey("pkcs8", pkcs8, { name: "X25519" }, false, ["deriveBits"]);
    // The public key is the scalar multiple of the base point, which deriveBits computes.
    const base = await importX25519Public(X25519_BASE_POINT);
    const publicKey = new Uint8Array(
      await subtle.deriveBits({ name: "X25519", public: base }, privateKey, 256),
    );
    return { privateKey, publicKey };
  } finally {
    wipe(pkcs8);
  }
}

export async function importX25519Public(raw: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey("raw", copy(raw), { name: "X25519" }, true, []);
}

/** An Ed25519 signing key from its 32-byte seed, with its public key. */
export async function importEd25519Seed(
  seed: Uint8Array,
): Promise<{ privateKey: CryptoKey; publicKey: Uint8Array }> {
  const pkcs8 = concat(PKCS8_ED25519, seed) as Uint8Array<ArrayBuffer>;
  try {
    // WebCrypto derives the public key only on export, so one extractable import computes it and
    // a second, non-extractable one is what the session keeps.
    const extractable = await subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, true, ["sign"]);
    const jwk = await subtle.exportKey("jwk", extractable);
    const publicKey = fromBase64Url(jwk.x!);
    const privateKey = await subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, false, ["sign"]);
    return { privateKey, publicKey };
  } finally {
    wipe(pkcs8);
  }
}

export async function ed25519Sign(privateKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.sign("Ed25519", privateKey, buffer(message)));
}

/**
 * Whether `publicKey` is an Ed25519 key a public-key bundle may hold (docs/format.md, "Ed25519
 * verification", rule 3): a canonical encoding of a point on the curve that is not of small order.
 */
export function isAcceptableEd25519Key(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) {
    return false;
  }
  try {
    return !ed25519.Point.fromBytes(publicKey, false).isSmallOrder();
  } catch {
    return false;
  }
}

/**
 * Ed25519 verification as the format fixes it (BouncyCastle's rules, docs/format.md "Ed25519
 * verification"): S below L, R and A canonical curve points, A not of small order, and the
 * cofactored equation. WebCrypto's verifiers are cofactorless and differ between engines on
 * signatures a dishonest signer crafts, so verification runs on `@noble/curves` in its strict
 * (non-ZIP-215) mode, which applies exactly these rules; signing stays on WebCrypto.
 */
export async function ed25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64 || publicKey.length !== 32) {
    return false;
  }
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

const P = (1n << 255n) - 19n;
// The u-coordinates of small order below p: 0, 1, p - 1 and the two points of order 8.
const SMALL_ORDER_U = [
  0n,
  1n,
  P - 1n,
  0x00b8495f16056286fdb1329ceb8d09da6ac49ff1fae35616aeb8413b7c7aebe0n,
  0x57119fd0dd4e22d8868e1c58c45c44045bef839c55b1d0b1248c50a3bc959c5fn,
];

function littleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) {
    value = (value << 8n) | BigInt(bytes[i]!);
  }
  return value;
}

/**
 * Whether `publicKey` is an X25519 key a public-key bundle may hold (docs/format.md, "X25519
 * keys"): canonical (below p, so bit 255 clear) and not of small order.
 */
export function isAcceptableX25519Key(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) {
    return false;
  }
  const u = littleEndian(publicKey);
  return u < P && !SMALL_ORDER_U.includes(u);
}

export function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    out[i] = binary.charCodeAt(i);
  }
  return out;
}
