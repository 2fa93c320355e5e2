import {
  activate,
  checkManifestKey,
  ContentCipher,
  ContentContexts,
  encodeManifest,
  EnvelopeContexts,
  httpSource,
  kdfPolicy,
  PublicKeys,
  SymmetricKey,
  unlock,
  verifyManifest,
} from "../src/index.js";
import { bytesEqual, equal, ok } from "./assert.js";
import { platform, test } from "./harness.js";
import { collect, pattern } from "./support.js";

/**
 * The example of docs/browser-client.md ("The API"), run as it is written there: the lines between
 * the markers below must appear in the document verbatim (checked in Node, which can read it).
 */
test("docsExample_runsAsWritten_andTheDocumentQuotesItVerbatim", async () => {
  const secuPass = "Grüße aus Köln, 7 Hasen";
  const kdf = kdfPolicy({ memoryKiB: 64, iterations: 1, parallelism: 1 }, { allowWeakForTests: true });
  const bobsRecord = (await activate("bob@example.org", "bob's pass", { kdf })).record;
  const bobsSession = (await unlock(bobsRecord, "bob's pass", { kdf })).session;
  const file = new File([pattern(12_345) as Uint8Array<ArrayBuffer>], "report.pdf");
  const blobUrl = `${platform().serverUrl}/blobs/example-${platform().name}-${Date.now()}`;
  let offset = 0;
  const uploadTo = (url: string): WritableStream<Uint8Array> =>
    new WritableStream({
      async write(chunk) {
        await fetch(`${url}?offset=${offset}`, { method: "PUT", body: new Blob([chunk as Uint8Array<ArrayBuffer>]) });
        offset += chunk.length;
      },
    });
  const saved: Uint8Array[] = [];
  const saveTo = new WritableStream<Uint8Array>({ write: (chunk) => void saved.push(chunk) });
  const createdAt = { seconds: 1772355600, nanos: 0 };
  const expiresAt = { seconds: 1772960400, nanos: 0 };
  const detailsDigest = new Uint8Array(32);

  // docs:start
  // Activation: the record (bundle, blob, cost) is all the server stores.
  const { record } = await activate("alice@example.org", secuPass, { kdf }); // kdf: DEFAULT_KDF unless testing
  // Unlock: WrongSecuPassError for a typing mistake, InvalidKeyBlobError for damage.
  const { session, resealed } = await unlock(record, secuPass, { kdf }); // resealed: store it if present

  // A file the user picked, encrypted while it uploads (version 2: every range verifiable).
  const contentKey = SymmetricKey.generate();
  const cipher = ContentCipher.create(contentKey, ContentContexts.deliveryFile("d-42", "f-1", 4), { version: 2 });
  const { stream, result } = cipher.encryptStream();
  await file.stream().pipeThrough(stream).pipeTo(uploadTo(blobUrl)); // header, segments, table
  const { storedSize, digest } = await result;

  // The manifest the sender signs, and a recipient's checks.
  const bob = await PublicKeys.parse(bobsRecord.publicKeys); // compare bob.fingerprint out of band
  const signed = await session.sign("DELIVERY_MANIFEST", encodeManifest({
    delivery: "d-42", level: 4, createdAt, expiresAt, recipients: [bob.user],
    files: [{ file: "f-1", size: file.size, storedSize, digest }],
    detailsDigest, keyCommitment: await contentKey.commitment(),
  }));
  const manifest = await verifyManifest(signed, session.publicKeys); // the sender's pinned keys

  // The content key wrapped to Bob, signed by Alice; Bob opens it and checks it.
  const context = EnvelopeContexts.delivery("d-42", 4);
  const envelope = await session.sealEnvelope(bob, context, contentKey);
  const key = await bobsSession.openEnvelope(envelope, session.publicKeys, context);
  await checkManifestKey(manifest, key);
  const seal = await session.sealPin(bob.user, bob.version, bob.fingerprint, { suite: bob.suite }); // KeyPinning keeps pins

  // Decrypted by ranged fetches into a file the user chose (File System Access API) or a
  // Service Worker's response; every segment is checked against the signed digest first.
  const reader = ContentCipher.create(key, ContentContexts.deliveryFile("d-42", "f-1", 4));
  const source = await httpSource(blobUrl, { size: manifest.files[0]!.storedSize });
  await reader.decrypt(source, { expectedDigest: manifest.files[0]!.digest }).pipeTo(saveTo);
  const part = reader.decrypt(source, { offset: 5_000, length: 100, expectedDigest: digest });
  // docs:end

  equal(resealed, undefined);
  equal(seal[0], 2, "a version-2 pin seal");
  equal((await session.openPin(seal, bob.user, bob.version, bob.fingerprint)).suite, bob.suite);
  const plaintext = new Uint8Array(await file.arrayBuffer());
  bytesEqual(await collect(new Blob(saved as Uint8Array<ArrayBuffer>[]).stream()), plaintext);
  bytesEqual(await collect(part), plaintext.subarray(5_000, 5_100));
  if (platform().name === "node") {
    const text = await platform().readDoc("browser-client.md");
    const source = await platform().readTestSource("example.test.ts");
    const snippet = source
      .substring(source.indexOf("// docs:start\n") + 14, source.indexOf("  // docs:end"))
      .split("\n")
      .map((line) => line.replace(/^ {2}/, ""))
      .join("\n");
    ok(text.includes(snippet), "docs/browser-client.md quotes the example verbatim");
  }
});
