// A client that holds its own keys, on the browser client's shipped bundle (the ES module the
// web sample serves), driven by ClientRelayTest: one command per run, its input as JSON on stdin
// (binary values in base64), its output as lines "name base64" on stdout. Everything secret (the
// SecuPass, the private keys, the content key, the plaintext) stays in this process.
import {
  activate, unlock, changeSecuPass, kdfPolicy, PublicKeys, SymmetricKey, ContentCipher, ContentContexts,
  EnvelopeContexts, encodeManifest, verifyManifest, checkManifestKey, bytesSource,
} from "./secupass-browser-client.js";

const b64 = (bytes) => Buffer.from(bytes).toString("base64");
const bin = (text) => new Uint8Array(Buffer.from(text, "base64"));
const out = [];
const emit = (name, bytes) => out.push(`${name} ${b64(bytes)}`);

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (c) => (text += c));
  process.stdin.on("end", () => resolve(text));
}));
const kdf = kdfPolicy(input.kdf, { allowWeakForTests: true });
const record = (r) => ({ user: r.user, version: r.version, publicKeys: bin(r.publicKeys),
  encryptedPrivateKeys: bin(r.sealed), kdf });
const instant = (millis) => ({ seconds: Math.floor(millis / 1000), nanos: (millis % 1000) * 1e6 });

async function collect(stream) {
  const parts = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return new Uint8Array(Buffer.concat(parts));
}

function details(subject, message) {
  const s = Buffer.from(subject, "utf8");
  const m = Buffer.from(message, "utf8");
  const head = Buffer.from([0x53, 0x50, 0x44, 1, 0, 1, s.length >> 8, s.length & 0xff]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(m.length);
  return new Uint8Array(Buffer.concat([head, s, len, m]));
}

function parseDetails(bytes) {
  const b = Buffer.from(bytes);
  const sl = b.readUInt16BE(6);
  const subject = b.subarray(8, 8 + sl).toString("utf8");
  const ml = b.readUInt32BE(8 + sl);
  return { subject, message: b.subarray(12 + sl, 12 + sl + ml).toString("utf8") };
}

switch (process.argv[2]) {
  case "activate": {
    const { record: made, session } = await activate(input.user, input.secuPass,
      { kdf, version: input.version ?? 1 });
    session.close();
    emit("publicKeys", made.publicKeys);
    emit("sealed", made.encryptedPrivateKeys);
    break;
  }
  case "change": {
    const changed = await changeSecuPass(record(input.owner), input.secuPass, input.next, { kdf });
    emit("sealed", changed.encryptedPrivateKeys);
    break;
  }
  case "send": {
    const { session } = await unlock(record(input.sender), input.secuPass, { kdf });
    const { delivery, level } = input;
    const contentKey = SymmetricKey.generate();
    const files = [];
    for (const f of input.files) {
      const cipher = ContentCipher.create(contentKey, ContentContexts.deliveryFile(delivery, f.file, level),
        { version: input.streamVersion ?? 1, computeDigest: true, segmentSize: input.segmentSize });
      const plaintext = bin(f.plaintext);
      const encryptor = await cipher.encryptor();
      const chunks = [encryptor.header, ...await encryptor.write(plaintext)];
      const { chunks: last, content } = await encryptor.finish();
      const ciphertext = new Uint8Array(Buffer.concat([...chunks, ...last]));
      let name = new TextEncoder().encode(f.name);
      if (level === 4) {
        name = await ContentCipher.create(contentKey,
          ContentContexts.deliveryFileName(delivery, f.file, level)).seal(name);
      }
      files.push({ file: f.file, size: plaintext.length, storedSize: content.storedSize,
        digest: content.digest, ciphertext, name });
    }
    let stored = details(input.subject, input.message);
    if (level === 4) {
      stored = await ContentCipher.create(contentKey, ContentContexts.deliveryDetails(delivery, level))
        .seal(stored);
    }
    const manifest = await session.sign("DELIVERY_MANIFEST", encodeManifest({
      delivery, level, createdAt: instant(input.createdAt), expiresAt: instant(input.expiresAt),
      recipients: input.recipients.map((r) => r.user),
      files: files.map(({ file, size, storedSize, digest }) => ({ file, size, storedSize, digest })),
      detailsDigest: new Uint8Array(await crypto.subtle.digest("SHA-256", stored)),
      keyCommitment: await contentKey.commitment(),
    }));
    const context = EnvelopeContexts.delivery(delivery, level);
    emit("envelope", await session.sealEnvelope(session.publicKeys, context, contentKey));
    for (const r of input.recipients) {
      if (r.publicKeys) {
        const keys = await PublicKeys.parse(bin(r.publicKeys));
        emit("envelope", await session.sealEnvelope(keys, context, contentKey));
      }
    }
    emit("manifest", manifest);
    emit("details", stored);
    for (const f of files) {
      emit("name", f.name);
      emit("ciphertext", f.ciphertext);
    }
    break;
  }
  case "open": {
    const { session } = await unlock(record(input.reader), input.secuPass, { kdf });
    const senderKeys = await PublicKeys.parse(bin(input.senderPublicKeys));
    const manifest = await verifyManifest(bin(input.manifest), senderKeys);
    const context = EnvelopeContexts.delivery(manifest.delivery, manifest.level);
    const key = await session.openEnvelope(bin(input.envelope), senderKeys, context);
    await checkManifestKey(manifest, key);
    let stored = bin(input.details);
    if (manifest.level === 4) {
      stored = await ContentCipher.create(key, ContentContexts.deliveryDetails(manifest.delivery, 4)).open(stored);
    }
    const { subject, message } = parseDetails(stored);
    emit("subject", new TextEncoder().encode(subject));
    emit("message", new TextEncoder().encode(message));
    for (const f of input.files) {
      const entry = manifest.files.find((e) => e.file === f.file);
      const cipher = ContentCipher.create(key, ContentContexts.deliveryFile(manifest.delivery, f.file, manifest.level));
      emit("plaintext", await collect(cipher.decrypt(bytesSource(bin(f.ciphertext)),
        { expectedDigest: entry.digest })));
    }
    break;
  }
  case "fulfil": {
    const { session } = await unlock(record(input.granter), input.secuPass, { kdf });
    const manifest = await verifyManifest(bin(input.manifest), session.publicKeys);
    const context = EnvelopeContexts.delivery(manifest.delivery, manifest.level);
    const key = await session.openEnvelope(bin(input.ownEnvelope), session.publicKeys, context);
    await checkManifestKey(manifest, key);
    const recipient = await PublicKeys.parse(bin(input.recipientPublicKeys));
    emit("envelope", await session.sealEnvelope(recipient, context, key));
    break;
  }
  default:
    throw new Error(`unknown command ${process.argv[2]}`);
}
process.stdout.write(out.join("\n") + "\n");
