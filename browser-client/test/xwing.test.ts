import { Aes256Gcm, CipherSuite, HkdfSha256 } from "@hpke/core";
import { XWing } from "@hpke/hybridkem-x-wing";
import { concat, fromHex, utf8 } from "../src/internal/bytes.js";
import { ed25519Verify } from "../src/internal/primitives.js";
import { signedInput } from "../src/keys.js";
import { openPin, sealPinV2 } from "../src/pins.js";
import { envelopeContext, type EnvelopeContext } from "../src/contexts.js";
import { sealKeyBlob, type KdfParameters } from "../src/keyblob.js";
import { PublicKeys } from "../src/keys.js";
import { Session, unlock } from "../src/session.js";
import { SymmetricKey } from "../src/symmetric-key.js";
import { bytesEqual, equal, ok, outcome } from "./assert.js";
import { fixedRandom } from "./support.js";
import { platform, test } from "./harness.js";

/**
 * The X-Wing vectors (docs/format.md, "Suite 2: X-Wing") against an independent X-Wing HPKE,
 * @hpke/hybridkem-x-wing with @hpke/core: the draft's own vectors (key generation, encapsulation
 * with the recorded seed, decapsulation), and the Java SDK's suite-2 vectors of xwing.json: a
 * valid bundle's X-Wing key is the one its user's seed gives and its self-signature verifies;
 * every suite-2 envelope opens, or fails, exactly as recorded, and a valid one re-seals with the
 * recorded encapsulation seed to the recorded bytes; the version-2 pin seal is opened (suite 2)
 * and recomputed. Then the same file through the library's own suite-2 readers and writers
 * (`vectors_xwing.json_passThroughTheLibrary`): every bundle parses or fails as recorded, every
 * key blob unlocks or fails as recorded and re-seals, every envelope opens or fails as recorded
 * and the valid ones re-seal to the recorded bytes.
 */

type Json = Record<string, unknown>;
const hex = (v: Json, field: string): Uint8Array => fromHex(v[field] as string);
const X_WING_PUBLIC_KEY = 1216;
const X_WING_ENC = 1120;
const SEALED_KEY = 48;
const ENVELOPE_LABEL = utf8("SecuPass envelope v1\0");

const suite = () => new CipherSuite({ kem: new XWing(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
const bytes = (b: ArrayBuffer): Uint8Array => new Uint8Array(b);

/** The fields of a suite-2 bundle, by the layout of docs/format.md. */
function bundleFields(bundle: Uint8Array): { signingKey: Uint8Array; xwingKey: Uint8Array; signed: Uint8Array; signature: Uint8Array } {
  equal(bundle[5], 2, "the bundle's suite");
  const userLength = (bundle[6]! << 8) | bundle[7]!;
  const keys = 8 + userLength + 4;
  return {
    signingKey: bundle.slice(keys + 32, keys + 64),
    xwingKey: bundle.slice(keys + 64, keys + 64 + X_WING_PUBLIC_KEY),
    signed: bundle.slice(0, bundle.length - 64),
    signature: bundle.slice(bundle.length - 64),
  };
}

/** The Ed25519 public key of a bundle of either suite (it follows the X25519 key). */
function signingKeyOf(bundle: Uint8Array): Uint8Array {
  const userLength = (bundle[6]! << 8) | bundle[7]!;
  const keys = 8 + userLength + 4;
  return bundle.slice(keys + 32, keys + 64);
}

async function xwingKeyPair(privateKeys: Uint8Array): Promise<CryptoKeyPair> {
  ok(privateKeys.length === 96, "suite-2 private keys are 96 bytes");
  return new XWing().generateKeyPairDerand(privateKeys.slice(64, 96));
}

type Step = (name: string, fn: () => Promise<void>) => Promise<void>;

export const XWING_CHECKERS: Record<string, (file: Json, step: Step) => Promise<void>> = {
  "standard/xwing-draft.json": async (file, step) => {
    for (const [i, v] of (file["vectors"] as Json[]).entries()) {
      await step(`draft vector ${i}`, async () => {
        const kem = new XWing();
        const pair = await kem.generateKeyPairDerand(hex(v, "seed"));
        bytesEqual(bytes(await kem.serializePublicKey(pair.publicKey)), hex(v, "pk"), "public key");
        const { sharedSecret, enc } = await kem.encap({ recipientPublicKey: pair.publicKey, ekm: hex(v, "eseed") });
        bytesEqual(bytes(enc), hex(v, "ct"), "ciphertext");
        bytesEqual(bytes(sharedSecret), hex(v, "ss"), "shared secret (encapsulation)");
        const decapsulated = await kem.decap({ enc: hex(v, "ct"), recipientKey: pair.privateKey });
        bytesEqual(bytes(decapsulated), hex(v, "ss"), "shared secret (decapsulation)");
      });
    }
  },
  "xwing.json": async (file, step) => {
    const users = file["users"] as Record<string, Json>;
    const user = (name: string): Json => users[name]!;
    for (const v of file["vectors"] as Json[]) {
      const name = `${v["format"] as string}: ${v["name"] as string} -> ${v["result"] as string}`;
      if (v["format"] === "bundle" && v["keys"] !== undefined) {
        await step(name, async () => {
          const fields = bundleFields(hex(v, "bundle"));
          const pair = await xwingKeyPair(hex(user(v["keys"] as string), "privateKeys"));
          bytesEqual(bytes(await new XWing().serializePublicKey(pair.publicKey)), fields.xwingKey, "X-Wing public key");
          ok(await ed25519Verify(fields.signingKey, signedInput(fields.signed), fields.signature), "self-signature");
        });
      } else if (v["format"] === "envelope" && hex(v, "envelope")[5] === 2) {
        await step(name, () => checkEnvelope(v, user));
      } else if (v["format"] === "pin") {
        await step(name, async () => {
          const observer = user(v["observer"] as string);
          const args = [observer["user"] as string, observer["version"] as number, v["subject"] as string,
            v["subjectVersion"] as number, v["fingerprint"] as string] as const;
          const opened = await openPin(hex(v, "seal"), hex(v, "sealKey"), ...args);
          equal(opened.check, "VALID");
          equal(opened.version, 2);
          equal(opened.suite, v["suite"] as number);
          equal(opened.trust, v["trust"] as number);
          bytesEqual(await sealPinV2(hex(v, "sealKey"), ...args, opened.trust, opened.suite, opened.history),
            hex(v, "seal"), "version-2 pin seal with suite 2");
        });
      }
    }
  },
};

/** The recorded outcome of a suite-2 envelope: signature first, then HPKE (docs/format.md). */
async function checkEnvelope(v: Json, user: (name: string) => Json): Promise<void> {
  const envelope = hex(v, "envelope");
  const opener = user(v["openAs"] as string);
  const granterKey = signingKeyOf(hex(user(v["verifyWith"] as string), "bundle"));
  const signedLength = envelope.length - 64;
  const headerLength = signedLength - X_WING_ENC - SEALED_KEY;
  const header = envelope.slice(0, headerLength);
  const enc = envelope.slice(headerLength, headerLength + X_WING_ENC);
  const sealed = envelope.slice(headerLength + X_WING_ENC, signedLength);
  const info = concat(ENVELOPE_LABEL, header);
  let outcome = "valid";
  if (!(await ed25519Verify(granterKey, signedInput(envelope.slice(0, signedLength)), envelope.slice(signedLength)))) {
    outcome = "InvalidSignatureException";
  } else {
    try {
      const pair = await xwingKeyPair(hex(opener, "privateKeys"));
      const recipient = await suite().createRecipientContext({ recipientKey: pair, enc, info });
      bytesEqual(bytes(await recipient.open(sealed)), hex(v, "key"), "the wrapped key");
    } catch {
      outcome = "IntegrityException";
    }
  }
  equal(outcome, v["result"] as string, "outcome");
  if (v["encapsulationSeed"] !== undefined) {
    equal(headerLength, v["headerLength"] as number, "header length");
    const recipient = await xwingKeyPair(hex(user(v["recipient"] as string), "privateKeys"));
    const sender = await suite().createSenderContext({
      recipientPublicKey: recipient.publicKey,
      info,
      ekm: hex(v, "encapsulationSeed"),
    });
    bytesEqual(bytes(sender.enc), enc, "enc re-made with the recorded seed");
    bytesEqual(bytes(await sender.seal(hex(v, "key"))), sealed, "sealed key re-made");
  }
}

for (const name of Object.keys(XWING_CHECKERS)) {
  test(`vectors_${name}_passAgainstHpkeJsXWing`, async (t) => {
    const file = (await platform().readVectorFile(name)) as Json;
    let steps = 0;
    await XWING_CHECKERS[name]!(file, async (stepName, fn) => {
      steps++;
      await t.step(`${name}: ${stepName}`, fn);
    });
    ok(steps > 0, "the file has vectors");
  });
}

/** xwing.json through the library: PublicKeys, unlock, sealKeyBlob, Session envelopes. */
test("vectors_xwing.json_passThroughTheLibrary", async (t) => {
  const file = (await platform().readVectorFile("xwing.json")) as Json;
  const users = file["users"] as Record<string, Json>;
  const user = (name: string): Json => users[name]!;
  const session = async (name: string, random?: (n: number) => Uint8Array): Promise<Session> =>
    Session.fromSecrets(await PublicKeys.parse(hex(user(name), "bundle")), hex(user(name), "privateKeys"), random);
  const context = (v: Json): EnvelopeContext => envelopeContext(v as unknown as EnvelopeContext);
  let steps = 0;
  for (const v of file["vectors"] as Json[]) {
    const name = `${v["format"] as string}: ${v["name"] as string} -> ${v["result"] as string}`;
    if (v["format"] === "bundle") {
      steps++;
      await t.step(name, async () => {
        equal(await outcome(() => PublicKeys.parse(hex(v, "bundle"))), v["result"] as string);
        if (v["keys"] !== undefined) {
          const keys = await PublicKeys.parse(hex(v, "bundle"));
          equal(keys.suite, 2);
          equal(keys.fingerprint, v["fingerprint"] as string);
          const owner = await session(v["keys"] as string);
          bytesEqual(owner.publicKeys.xwingKey!, keys.xwingKey!, "X-Wing key of the seed");
        }
      });
    } else if (v["format"] === "keyBlob") {
      steps++;
      await t.step(name, async () => {
        const owner = user(v["recordOwner"] as string);
        const k = v["recordKdf"] as Json;
        const kdf: KdfParameters = { algorithm: "argon2id", memoryKiB: k["memoryKiB"] as number, iterations: k["iterations"] as number, parallelism: k["parallelism"] as number };
        const record = { user: owner["user"] as string, version: owner["version"] as number, publicKeys: hex(owner, "bundle"), encryptedPrivateKeys: hex(v, "blob"), kdf };
        const result = await outcome(async () => {
          const { session: s, resealed } = await unlock(record, v["secuPass"] as string, { kdf });
          equal(s.publicKeys.suite, 2);
          equal(resealed, undefined, "a suite-2 record under its own cost is not re-sealed");
        });
        equal(result, v["result"] as string);
        if (v["salt"] !== undefined) {
          const blob = await sealKeyBlob(record.user, record.version, hex(owner, "privateKeys"), new TextEncoder().encode(v["secuPass"] as string), kdf, fixedRandom(hex(v, "salt"), hex(v, "nonce")));
          bytesEqual(blob, hex(v, "blob"), "re-sealed suite-2 blob");
        }
      });
    } else if (v["format"] === "envelope") {
      steps++;
      await t.step(name, async () => {
        const opener = await session(v["openAs"] as string);
        const granterKeys = await PublicKeys.parse(hex(user(v["verifyWith"] as string), "bundle"));
        const result = await outcome(async () => {
          const key = await opener.openEnvelope(hex(v, "envelope"), granterKeys, context(v["expectedContext"] as Json));
          bytesEqual(key.exportBytes(), hex(v, "key"), "unwrapped key");
        });
        equal(result, v["result"] as string);
        const seed = v["encapsulationSeed"] ?? v["ephemeralPrivateKey"];
        if (seed !== undefined) {
          const granter = await session(v["granter"] as string, fixedRandom(fromHex(seed as string)));
          const recipient = await PublicKeys.parse(hex(user(v["recipient"] as string), "bundle"));
          const resealed = await granter.sealEnvelope(recipient, context(v["context"] as Json), SymmetricKey.fromBytes(hex(v, "key")));
          bytesEqual(resealed, hex(v, "envelope"), "re-sealed in the recipient's suite");
        }
      });
    }
  }
  ok(steps >= 15, "the file's bundles, blobs and envelopes");
});
