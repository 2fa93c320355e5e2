// A client that holds its own keys, on the browser client's shipped bundle (the ES module the
// web sample serves), driven by ClientRelayTest: one command per run, its input as JSON on stdin
// (binary values in base64), its output as lines "name base64" on stdout. Everything secret (the
// SecuPass, the private keys, the content key, the plaintext) stays in this process.
import {
  activate, unlock, changeSecuPass, kdfPolicy, PublicKeys, SymmetricKey, ContentCipher, ContentContexts,
  EnvelopeContexts, encodeManifest, verifyManifest, checkManifestKey, bytesSource, AccessCode,
  stretchAccessCode, makeAccessCodeCheck, accessCodeBinding, safetyWords, KeyPinning, MemoryPinStore,
  parseVerifierKey, checkLoggedKey, fulfilDeliveryGrant, confirmFirstContact, SecuPassError,
  witnessPolicy, monitorOwnKeys, signSeenCheckpoint, compareSeenCheckpoint, encodeWithdrawal,
} from "./secupass-browser-client.js";

import { b64, bin, text, emit, flush, input, collect } from "./relay-io.mjs";

// The commands that check the key log only (vouch, compare) unlock nothing and take no KDF cost.
const kdf = input.kdf && kdfPolicy(input.kdf, { allowWeakForTests: true });
const record = (r) => ({ user: r.user, version: r.version, publicKeys: bin(r.publicKeys),
  encryptedPrivateKeys: bin(r.sealed), kdf });
const instant = (millis) => ({ seconds: Math.floor(millis / 1000), nanos: (millis % 1000) * 1e6 });

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

const checkpointOf = (c, verifier) => c ? { origin: verifier.name, size: c.size, root: bin(c.root) } : undefined;
const witnesses = async () => input.witnesses ? witnessPolicy(input.witnesses, input.quorum) : undefined;
const relied = (checkpoint) => {
  emit("seenSize", text(String(checkpoint.size)));
  emit("seenRoot", checkpoint.root);
};

switch (process.argv[2]) {
  case "activate": {
    const { record: made, session } = await activate(input.user, input.secuPass,
      { kdf, version: input.version ?? 1 });
    session.close();
    emit("publicKeys", made.publicKeys);
    emit("sealed", made.encryptedPrivateKeys);
    // A guest who was given an access code binds the new keys to the delivery whose check the
    // typed code matches (the code itself stays here).
    if (input.code) {
      const typed = AccessCode.parse(input.code);
      let bound = false;
      for (const waiting of input.checks) {
        try {
          emit("binding", await accessCodeBinding(typed, bin(waiting.check), waiting.delivery, input.user,
            made.version, made.publicKeys));
          emit("bindingDelivery", text(waiting.delivery));
          bound = true;
          break;
        } catch (e) {
          if (e.javaName !== "WrongAccessCodeException") throw e;
        }
      }
      if (!bound) emit("error", text("WrongAccessCodeException"));
    }
    break;
  }
  case "words": {
    // What the user's own client shows them to read out at a first contact.
    const { session } = await unlock(record(input.owner), input.secuPass, { kdf });
    emit("words", text((await safetyWords(session.fingerprint)).join(" ")));
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
    // An access code per new guest the sender chose to protect: the check goes to the server, the
    // code to the guest by another way (here: the test, standing in for the sender's phone call).
    for (const [guest, cost] of Object.entries(input.accessCodes ?? {})) {
      const code = AccessCode.generate();
      const codeKdf = kdfPolicy(cost, { allowWeakForTests: true });
      const stretched = await stretchAccessCode(code, delivery, guest, codeKdf);
      emit(`check.${guest}`, await makeAccessCodeCheck(stretched, contentKey, delivery, guest, codeKdf));
      emit(`code.${guest}`, text(code.reveal()));
      stretched.fill(0);
    }
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
    // The sender's client fulfils a grant with the Java grant engine's release rule: its pins
    // (kept by the caller between runs), the access-code binding, the host's policy, the sender's
    // confirmation of the safety words, and the key log's proofs before anything is wrapped.
    const { session } = await unlock(record(input.granter), input.secuPass, { kdf });
    const pins = new MemoryPinStore();
    for (const p of input.pins ?? []) {
      await pins.save(session.user, { subject: p.subject, version: p.version, fingerprint: p.fingerprint,
        seal: bin(p.seal) });
    }
    const verifier = await parseVerifierKey(input.verifierKey);
    const seen = input.seen ? { origin: verifier.name, size: input.seen.size, root: bin(input.seen.root) }
      : undefined;
    let relied;
    const proof = input.keyLogProof && {
      checkpoint: input.keyLogProof.checkpoint, leaf: bin(input.keyLogProof.leaf),
      index: input.keyLogProof.index, inclusion: input.keyLogProof.inclusion.map(bin),
      consistency: input.keyLogProof.consistency.map(bin),
    };
    const rule = {
      pinning: new KeyPinning(session, pins),
      policy: () => input.policy ?? "CONFIRM",
      vouch: async (keys) => {
        relied = await checkLoggedKey(verifier, proof, keys.user, keys.version, keys.encoded, seen);
      },
    };
    const recipient = await PublicKeys.parse(bin(input.recipientPublicKeys));
    try {
      if (input.confirmWords) {
        await confirmFirstContact(rule, recipient, input.confirmWords);
      }
      emit("envelope", await fulfilDeliveryGrant(session, {
        delivery: input.delivery, level: input.level, signedManifest: bin(input.manifest),
        ownEnvelope: bin(input.ownEnvelope), recipient,
        accessCodeCheck: input.accessCodeCheck ? bin(input.accessCodeCheck) : undefined,
        binding: input.binding ? bin(input.binding) : undefined,
      }, rule));
    } catch (e) {
      if (!(e instanceof SecuPassError)) throw e;
      emit("error", text(e.kind ? `${e.javaName} ${e.kind}` : e.javaName));
    }
    const saved = await pins.find(session.user, recipient.user);
    if (saved) {
      emit("pin", text(JSON.stringify({ subject: saved.subject, version: saved.version,
        fingerprint: saved.fingerprint, seal: b64(saved.seal) })));
    }
    if (relied) {
      emit("seenSize", text(String(relied.size)));
      emit("seenRoot", relied.root);
    }
    break;
  }
  case "withdraw": {
    // The sender's client withdraws a delivery: the statement of type 4 its keys sign.
    const { session } = await unlock(record(input.owner), input.secuPass, { kdf });
    emit("statement", await session.sign("WITHDRAWAL", encodeWithdrawal({ delivery: input.delivery,
      withdrawnAt: input.withdrawnAt })));
    session.close();
    break;
  }
  case "unlock": {
    // The user's client at unlock: it checks the log holds exactly the keys it made (the served
    // entries with their proofs, against the checkpoint it relied on before) and publishes the
    // checkpoint it now relies on, signed.
    const { session } = await unlock(record(input.owner), input.secuPass, { kdf });
    const verifier = await parseVerifierKey(input.verifierKey);
    const seen = checkpointOf(input.seen, verifier);
    const monitored = checkpointOf(input.monitored, verifier);
    const served = { checkpoint: input.entries.checkpoint, consistency: input.entries.consistency.map(bin),
      entries: input.entries.entries.map((e) => ({ index: e.index, leaf: bin(e.leaf), inclusion: e.inclusion.map(bin) })),
      frontier: input.entries.frontier.map(bin), added: input.entries.added.map(bin) };
    const own = [session.publicKeys.encoded, ...(input.earlierBundles ?? []).map(bin)];
    const result = await monitorOwnKeys(verifier, served, own, { seen, monitored }, await witnesses());
    for (const a of result.alarms) {
      emit("alarm", text(`${a.kind} ${a.entry} ${a.version ?? "-"}`));
    }
    if (result.checkpoint && result.checkpoint !== seen) {
      emit("statement", await signSeenCheckpoint(session, served.checkpoint));
      relied(result.checkpoint);
    }
    if (result.monitored && result.monitored !== monitored) {
      emit("monitoredSize", text(String(result.monitored.size)));
      emit("monitoredRoot", result.monitored.root);
    }
    break;
  }
  case "vouch": {
    // The check before a wrap, with the host's witness policy.
    const verifier = await parseVerifierKey(input.verifierKey);
    const keys = await PublicKeys.parse(bin(input.recipientPublicKeys));
    const p = input.keyLogProof;
    try {
      relied(await checkLoggedKey(verifier, { checkpoint: p.checkpoint, leaf: bin(p.leaf), index: p.index,
        inclusion: p.inclusion.map(bin), consistency: p.consistency.map(bin) }, keys.user, keys.version, keys.encoded,
      checkpointOf(input.seen, verifier), await witnesses()));
    } catch (e) {
      if (!(e instanceof SecuPassError)) throw e;
      emit("error", text(e.kind ? `${e.javaName} ${e.kind}` : e.javaName));
    }
    break;
  }
  case "compare": {
    // The checkpoint exchange: the checkpoint this client holds against the one a correspondent
    // published, with the server's consistency proof between the two.
    const verifier = await parseVerifierKey(input.verifierKey);
    try {
      const theirs = await compareSeenCheckpoint(checkpointOf(input.held, verifier), bin(input.statement),
        await PublicKeys.parse(bin(input.subjectPublicKeys)), verifier, input.proof.map(bin));
      emit("size", text(theirs ? String(theirs.size) : "not compared"));
    } catch (e) {
      if (!(e instanceof SecuPassError)) throw e;
      emit("error", text(e.kind ? `${e.javaName} ${e.kind}` : e.javaName));
    }
    break;
  }
  default:
    throw new Error(`unknown command ${process.argv[2]}`);
}
flush();
