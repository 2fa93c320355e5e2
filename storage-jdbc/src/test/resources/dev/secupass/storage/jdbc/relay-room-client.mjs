// A member's client of data rooms on the browser client's shipped bundle, driven by
// ClientRelayRoomsContract as relay-client.mjs is: one command per run, JSON on stdin (binary
// values in base64), lines "name base64" on stdout. The SecuPass, private keys, epoch keys, file
// keys, names and plaintext stay in this process; what it prints is what the relay stores.
import {
  unlock, kdfPolicy, PublicKeys, SymmetricKey, ContentCipher, ContentContexts, EnvelopeContexts,
  encodeMembership, decodeMembership, chainHash, memberKey, RoomCiphers, encodeRoomEntry,
  verifyRoomEntry, membershipView, roomEntryReadOptions, parseStatement, verifiedPayload,
  parseEnvelope, bytesSource, SecuPassError, MembershipLogError, IntegrityError, fulfilRoomGrant,
  KeyPinning, MemoryPinStore, confirmFirstContact,
} from "./secupass-browser-client.js";

import { b64, bin, text, emit, flush, input, collect } from "./relay-io.mjs";

const same = (a, b) => Buffer.from(a).equals(Buffer.from(b));
const kdf = kdfPolicy(input.kdf, { allowWeakForTests: true });
const { session } = await unlock({ user: input.me.user, version: input.me.version,
  publicKeys: bin(input.me.publicKeys), encryptedPrivateKeys: bin(input.me.sealed), kdf },
input.secuPass, { kdf });
const ciphers = new RoomCiphers();

/**
 * The room as this member's client trusts it: every log entry's signature under the keys the log
 * recorded for its signer (entry 0 under the creator's keys, which must be the ones this client
 * pinned: `input.creator`), the chain and the sequence; then each of its envelopes opened and the
 * key checked against the log's commitment of its epoch.
 */
async function verifiedRoom(copy) {
  const bundles = new Map();
  for (const encoded of copy.keys.map(bin)) {
    const keys = await PublicKeys.parse(encoded);
    bundles.set(`${keys.user}/${keys.version}`, keys);
  }
  const keysOf = async (user, version) => bundles.get(`${user}/${version}`);
  const records = [];
  const recorded = new Map();
  let previous = new Uint8Array(32);
  for (const [i, stored] of copy.log.map(bin).entries()) {
    const statement = parseStatement(stored);
    const keys = await keysOf(statement.signer, statement.signerVersion);
    if (keys === undefined) throw new MembershipLogError(`no keys of the signer of entry ${i}`);
    const digest = (await memberKey(keys)).digest;
    if (i === 0) {
      const pinned = await PublicKeys.parse(bin(input.creator));
      if (!same((await memberKey(pinned)).digest, digest)) {
        throw new MembershipLogError("the room was created with keys this client never pinned");
      }
    } else if (!same(recorded.get(`${statement.signer}/${statement.signerVersion}`) ?? [], digest)) {
      throw new MembershipLogError(`entry ${i} is signed by keys the log does not record`);
    }
    const record = decodeMembership(await verifiedPayload(statement, keys, "MEMBERSHIP_ENTRY"));
    if (record.sequence !== i || record.room !== copy.room || !same(record.previous, previous)) {
      throw new MembershipLogError(`entry ${i} does not continue the chain of room ${copy.room}`);
    }
    if (record.subjectKey) recorded.set(`${record.subject}/${record.subjectKey.version}`, record.subjectKey.digest);
    records.push(record);
    previous = await chainHash(stored);
  }
  const commitments = records.filter((r) => r.commitment).map((r) => r.commitment);
  const epochKeys = new Map();
  const ownEnvelopes = [];
  for (const envelope of copy.envelopes.map(bin)) {
    const parsed = parseEnvelope(envelope);
    const epoch = parsed.context.epoch;
    const granter = await keysOf(parsed.granter, parsed.granterVersion);
    const key = await session.openEnvelope(envelope, granter, EnvelopeContexts.roomEpoch(copy.room, epoch));
    if (!(await key.matchesCommitment(commitments[epoch - 1]))) {
      throw new IntegrityError(`the key of epoch ${epoch} is not the one the log commits to`);
    }
    epochKeys.set(epoch, key);
    ownEnvelopes.push({ epoch, envelope, granter, commitment: commitments[epoch - 1] });
  }
  return { records, head: previous, epoch: commitments.length, epochKeys, keysOf, recorded, commitments, ownEnvelopes,
    view: membershipView(records) };
}

const room = input.room;
const now = () => input.time ?? Date.now();

/** The next log entry after the verified state, signed by this member. */
async function signEntry(action, fieldsOf) {
  const state = await verifiedRoom(input.copy);
  const fields = await fieldsOf(state);
  const record = {
    room, sequence: state.records.length, previous: state.head, time: now(), action,
    subject: fields.subject, role: fields.role, epoch: fields.epoch ?? state.epoch,
    commitment: fields.commitment, subjectKey: fields.subjectKey,
  };
  return { state, entry: await session.sign("MEMBERSHIP_ENTRY", encodeMembership(record)) };
}

try {
  switch (process.argv[2]) {
    case "create": {
      const key = SymmetricKey.generate();
      const entry = await session.sign("MEMBERSHIP_ENTRY", encodeMembership({
        room, sequence: 0, previous: new Uint8Array(32), time: now(), action: "CREATE",
        subject: session.user, role: "OWNER", epoch: 1, commitment: await key.commitment(),
        subjectKey: await memberKey(session.publicKeys),
      }));
      emit("entry", entry);
      emit("sealedName", await ciphers.sealRoomName(key, room, input.name));
      emit("envelope", await session.sealEnvelope(session.publicKeys, EnvelopeContexts.roomEpoch(room, 1), key));
      break;
    }
    case "open": {
      // The room's name, for a member whose client verified the log and holds the name's key.
      const state = await verifiedRoom(input.copy);
      emit("name", text(await ciphers.openRoomName(state.epochKeys.get(1), room, bin(input.copy.sealedName))));
      emit("epoch", text(String(state.epoch)));
      break;
    }
    case "add": {
      // A manager adds a member: with keys (checked by the caller against its pin), every epoch's
      // key wrapped to them and their key recorded; without, the entry alone (a grant follows).
      const member = input.memberKeys ? await PublicKeys.parse(bin(input.memberKeys)) : undefined;
      const { state, entry } = await signEntry("ADD", async () => ({ subject: input.member,
        role: input.role, subjectKey: member && await memberKey(member) }));
      emit("entry", entry);
      if (member) {
        for (let epoch = 1; epoch <= state.epoch; epoch++) {
          emit("envelope", await session.sealEnvelope(member, EnvelopeContexts.roomEpoch(room, epoch), state.epochKeys.get(epoch)));
        }
      }
      break;
    }
    case "remove": {
      // A new epoch: its key committed in the entry and wrapped to every remaining member at the
      // keys the log records for them (their bundles: input.remaining, this member's own too).
      const next = SymmetricKey.generate();
      const { state, entry } = await signEntry("REMOVE", async (before) => ({
        subject: input.member, epoch: before.epoch + 1, commitment: await next.commitment() }));
      const epoch = state.epoch + 1;
      emit("entry", entry);
      for (const encoded of [b64(session.publicKeys.encoded), ...input.remaining]) {
        const keys = await PublicKeys.parse(bin(encoded));
        emit("envelope", await session.sealEnvelope(keys, EnvelopeContexts.roomEpoch(room, epoch), next));
      }
      break;
    }
    case "encrypt": {
      // A file's content under a new file key; the key leaves this process only wrapped under the
      // current epoch's key, as the relay stores it.
      const state = await verifiedRoom(input.copy);
      const fileKey = SymmetricKey.generate();
      const cipher = ContentCipher.create(fileKey, ContentContexts.roomFile(room, input.file),
        { version: 2, computeDigest: true, segmentSize: input.segmentSize });
      const encryptor = await cipher.encryptor();
      const chunks = [encryptor.header, ...await encryptor.write(bin(input.plaintext))];
      const { chunks: last } = await encryptor.finish();
      emit("ciphertext", new Uint8Array(Buffer.concat([...chunks, ...last])));
      emit("wrappedKey", await ciphers.wrapFileKey(state.epochKeys.get(state.epoch), room, input.file, state.epoch, fileKey));
      emit("epoch", text(String(state.epoch)));
      break;
    }
    case "entry": {
      // The signed entry of an uploaded file: the blob the relay stored, its sizes and the stream
      // digest it computed (which must be the one this client's encryption produced).
      const state = await verifiedRoom(input.copy);
      const epoch = state.epoch;
      const epochKey = state.epochKeys.get(epoch);
      const fileKey = await ciphers.unwrapFileKey(epochKey, room, input.file, epoch, bin(input.wrappedKey));
      const payload = encodeRoomEntry({
        version: 2, room, entry: input.file, epoch, logLength: state.records.length,
        metadata: { kind: "FILE", parent: input.folder ?? undefined, blob: input.blob, size: input.size,
          storedSize: input.storedSize, name: input.name },
        digest: bin(input.digest), commitment: await fileKey.commitment(),
      });
      const statement = await session.sign("ROOM_ENTRY", payload);
      emit("sealedEntry", await ciphers.sealSignedEntry(epochKey, room, input.file, epoch, statement));
      break;
    }
    case "read": {
      // Opens a file the relay served (clear fields, sealed fields, ciphertext read by ranges).
      const state = await verifiedRoom(input.copy);
      const e = input.entry;
      const epochKey = state.epochKeys.get(e.epoch);
      if (epochKey === undefined) {
        throw new IntegrityError(`this client holds no key of epoch ${e.epoch} of room ${room}`);
      }
      const opened = await ciphers.openEntry(epochKey, room, e.id, e.epoch, bin(e.sealedEntry));
      if (opened.version !== 2) throw new IntegrityError("an unsigned entry");
      const entry = await verifyRoomEntry(opened.statement, { room, id: e.id, epoch: e.epoch, kind: "FILE",
        parent: e.parent ?? undefined, blob: e.blob, size: e.size }, state.view, state.keysOf);
      const fileKey = await ciphers.unwrapFileKey(epochKey, room, e.id, e.epoch, bin(e.wrappedKey));
      if (!(await fileKey.matchesCommitment(entry.commitment))) {
        throw new IntegrityError("the file key is not the one its writer signed");
      }
      const cipher = ContentCipher.create(fileKey, ContentContexts.roomFile(room, e.id));
      emit("name", text(entry.metadata.name));
      emit("writer", text(entry.writer));
      emit("plaintext", await collect(cipher.decrypt(bytesSource(bin(input.ciphertext)), roomEntryReadOptions(entry))));
      break;
    }
    case "grant": {
      // A room grant fulfilled with the library's flow (the member's keys released by the
      // first-contact rule: under the default policy only after the manager confirmed the safety
      // words the member read out; each own key checked against the log's commitment), and a KEY
      // entry recording the member's keys unless the log records them already.
      const member = await PublicKeys.parse(bin(input.memberKeys));
      const digest = (await memberKey(member)).digest;
      const { state, entry } = await signEntry("KEY", async () => ({ subject: member.user,
        subjectKey: await memberKey(member) }));
      if (!same(state.recorded.get(`${member.user}/${member.version}`) ?? [], digest)) {
        emit("entry", entry);
      }
      const rule = { pinning: new KeyPinning(session, new MemoryPinStore()),
        policy: () => "CONFIRM", vouch: async () => {} };
      if (input.confirmWords) {
        await confirmFirstContact(rule, member, input.confirmWords);
      }
      for (const made of await fulfilRoomGrant(session, room, state.ownEnvelopes, member, rule)) {
        emit("envelope", made.envelope);
      }
      break;
    }
    default:
      throw new Error(`unknown command ${process.argv[2]}`);
  }
} catch (e) {
  if (!(e instanceof SecuPassError)) throw e;
  emit("error", text(e.javaName));
}
flush();
