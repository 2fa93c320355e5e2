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

// Ed25519 strictness (docs/browser-client.md, "Signatures"): the checks BouncyCastle's verifier
// makes, applied before WebCrypto so that Chromium (BoringSSL) and Node.js (OpenSSL) decide alike.
const L = (1n << 252n) + 27742317777372353535851937790883648493n;
const P = (1n << 255n) - 19n;
// y coordinates of the points of order 1, 2, 4 and 8 (the sign bit aside).
const SMALL_ORDER_Y = [
  0n,
  1n,
  P - 1n,
  0x7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7n,
  0x05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826n,
];

function littleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) {
    value = (value << 8n) | BigInt(bytes[i]!);
  }
  return value;
}

function pointY(encoded: Uint8Array): bigint {
  return littleEndian(encoded) & ((1n << 255n) - 1n);
}

/**
 * Whether `publicKey` is an Ed25519 public key this library accepts: 32 bytes, a canonical
 * encoding (y < p) and not a point of small order.
 */
export function isAcceptableEd25519Key(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) {
    return false;
  }
  const y = pointY(publicKey);
  return y < P && !SMALL_ORDER_Y.includes(y);
}

/**
 * Ed25519 verification (RFC 8032 §5.1.7) that also refuses a non-canonical S (S >= L), a
 * non-canonical R or A (y >= p) and a public key of small order.
 */
export async function ed25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64 || !isAcceptableEd25519Key(publicKey)) {
    return false;
  }
  if (pointY(signature.subarray(0, 32)) >= P || littleEndian(signature.subarray(32)) >= L) {
    return false;
  }
  try {
    const key = await subtle.importKey("raw", copy(publicKey), { name: "Ed25519" }, true, ["verify"]);
    return await subtle.verify("Ed25519", key, buffer(signature), buffer(message));
  } catch {
    return false;
  }
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
