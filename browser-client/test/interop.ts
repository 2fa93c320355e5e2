import { EnvelopeContexts } from "../src/contexts.js";
import { fromHex, toHex } from "../src/internal/bytes.js";
import { kdfPolicy } from "../src/keyblob.js";
import { PublicKeys } from "../src/keys.js";
import { fulfilDeliveryGrant } from "../src/grants.js";
import { KeyPinning, MemoryPinStore } from "../src/pinning.js";
import { encodeManifestV2, fileNameDigest } from "../src/manifest-v2.js";
import { activate, unlock, type KeyRecord } from "../src/session.js";
import { SymmetricKey } from "../src/symmetric-key.js";

/**
 * The browser client's side of the Java interoperability test (`XWingInteropTest`, run by the
 * module's Maven build): one JSON request on stdin, one JSON answer on stdout.
 *
 * - `make`: activates a user here (suite 2 by default, as in the browser) and seals a fresh key
 *   to the Java user's bundle in the context of delivery `d-interop` at level 4; answers with the
 *   key record, the envelope and the key; and, as the sender of delivery `d-interop`, signs a
 *   version-2 manifest naming the Java user, seals the content key to itself and fulfils the
 *   Java user's grant from that own envelope.
 * - `open`: unlocks that record with the SecuPass and opens the envelope the Java SDK sealed to
 *   it; answers with the key.
 */
type Request =
  | { command: "make"; user: string; secuPass: string; javaBundle: string }
  | { command: "open"; record: JsonRecord; secuPass: string; envelope: string; granterBundle: string };

interface JsonRecord {
  user: string;
  version: number;
  publicKeys: string;
  encryptedPrivateKeys: string;
  kdf: { memoryKiB: number; iterations: number; parallelism: number };
}

const CONTEXT = EnvelopeContexts.delivery("d-interop", 4);
// A test's cost: the Java side opens the blob with the cost recorded here.
const KDF = kdfPolicy({ memoryKiB: 1024, iterations: 1, parallelism: 1 }, { allowWeakForTests: true });

function toRecord(json: JsonRecord): KeyRecord {
  return {
    user: json.user,
    version: json.version,
    publicKeys: fromHex(json.publicKeys),
    encryptedPrivateKeys: fromHex(json.encryptedPrivateKeys),
    kdf: { algorithm: "argon2id", ...json.kdf },
  };
}

async function answer(request: Request): Promise<unknown> {
  if (request.command === "make") {
    const { record, session } = await activate(request.user, request.secuPass, { kdf: KDF });
    const java = await PublicKeys.parse(fromHex(request.javaBundle));
    const key = SymmetricKey.generate();
    const envelope = await session.sealEnvelope(java, CONTEXT, key);
    const contentKey = SymmetricKey.generate();
    const signedManifest = await session.sign("DELIVERY_MANIFEST", encodeManifestV2({
      delivery: "d-interop",
      level: 4,
      sender: session.user,
      createdAt: 1_772_355_600_000,
      expiresAt: 1_772_355_600_000 + 7 * 86_400_000,
      recipients: [java.user],
      files: [{ file: "f-1", nameDigest: await fileNameDigest(new TextEncoder().encode("offer.pdf")), size: 1, storedSize: 64, digest: new Uint8Array(32) }],
      detailsDigest: new Uint8Array(32),
      keyCommitment: await contentKey.commitment(),
    }));
    const ownEnvelope = await session.sealEnvelope(session.publicKeys, CONTEXT, contentKey);
    // The Java user's keys are trusted on first use here: the test is about the formats both ways.
    const rule = { pinning: new KeyPinning(session, new MemoryPinStore()), policy: () => "TRUST_ON_FIRST_USE" as const };
    const granted = await fulfilDeliveryGrant(session, { delivery: "d-interop", level: 4, signedManifest, ownEnvelope, recipient: java }, rule);
    return {
      signedManifest: toHex(signedManifest),
      grantEnvelope: toHex(granted),
      contentKey: toHex(contentKey.exportBytes()),
      record: {
        user: record.user,
        version: record.version,
        publicKeys: toHex(record.publicKeys),
        encryptedPrivateKeys: toHex(record.encryptedPrivateKeys),
        kdf: { memoryKiB: record.kdf.memoryKiB, iterations: record.kdf.iterations, parallelism: record.kdf.parallelism },
      },
      javaSuite: java.suite,
      envelope: toHex(envelope),
      key: toHex(key.exportBytes()),
    };
  }
  const { session, resealed } = await unlock(toRecord(request.record), request.secuPass, { kdf: KDF });
  const granter = await PublicKeys.parse(fromHex(request.granterBundle));
  const key = await session.openEnvelope(fromHex(request.envelope), granter, CONTEXT);
  return { key: toHex(key.exportBytes()), resealed: resealed !== undefined };
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk as Buffer);
}
try {
  process.stdout.write(JSON.stringify(await answer(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Request)));
} catch (e) {
  process.stdout.write(JSON.stringify({ error: (e as { javaName?: string }).javaName ?? (e as Error).name, message: (e as Error).message }));
  process.exitCode = 1;
}
