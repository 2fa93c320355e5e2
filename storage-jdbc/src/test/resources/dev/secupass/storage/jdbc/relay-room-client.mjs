// A member's client of data rooms on the browser client's shipped bundle, driven by
// ClientRelayRoomsContract as relay-client.mjs is: one command per run, JSON on stdin (binary
// values in base64), lines "name base64" on stdout. The SecuPass, private keys, epoch keys, file
// keys, names and plaintext stay in this process; what it prints is what the relay stores. The
// room flows are the library's (openRoom, foundRoom, addMemberEntry, removeMemberEntry, keyEntry,
// signRoomFile, fulfilRoomGrant); this script only carries their inputs and outputs, encrypts
// and reads content, and forges the one entry the library refuses to sign ("add" with "forge").
import {
  unlock, kdfPolicy, PublicKeys, SymmetricKey, ContentCipher, ContentContexts, encodeMembership,
  memberKey, RoomCiphers, verifyRoomEntry, roomEntryReadOptions, bytesSource, SecuPassError,
  IntegrityError, fulfilRoomGrant, KeyPinning, MemoryPinStore, confirmFirstContact, openRoom,
  foundRoom, addMemberEntry, removeMemberEntry, keyEntry, signRoomFile,
} from "./secupass-browser-client.js";

import { bin, text, emit, flush, input, collect } from "./relay-io.mjs";

const kdf = kdfPolicy(input.kdf, { allowWeakForTests: true });
const { session } = await unlock({ user: input.me.user, version: input.me.version,
  publicKeys: bin(input.me.publicKeys), encryptedPrivateKeys: bin(input.me.sealed), kdf },
input.secuPass, { kdf });
const ciphers = new RoomCiphers();
const room = input.room;
const options = { time: input.time ?? Date.now() };

/**
 * The room as this member's client trusts it (the library's openRoom): the log verified with its
 * rules, entry 0 anchored on the creator's keys this client pinned (`input.creator`), its own
 * envelopes opened and checked against the log's commitments.
 */
async function opened() {
  const copy = input.copy;
  return openRoom(session, { room: copy.room, log: copy.log.map(bin), keys: copy.keys.map(bin),
    envelopes: copy.envelopes.map(bin), sealedName: bin(copy.sealedName) },
  await PublicKeys.parse(bin(input.creator)));
}

/**
 * The rooms' first-contact rule of this run: a fresh pin store under the default policy (confirm),
 * holding as verified the keys the contract checked against the manager's pin (`verified`).
 */
async function ruleVerifying(verified) {
  const rule = { pinning: new KeyPinning(session, new MemoryPinStore()), policy: () => "CONFIRM",
    vouch: async () => {} };
  for (const keys of verified) {
    await rule.pinning.reverify(keys, keys.fingerprint);
  }
  return rule;
}

try {
  switch (process.argv[2]) {
    case "create": {
      const founded = await foundRoom(session, room, input.name, options);
      emit("entry", founded.entry);
      emit("sealedName", founded.sealedName);
      emit("envelope", founded.envelope);
      break;
    }
    case "open": {
      // The room's name, for a member whose client verified the log and holds the name's key.
      const state = await opened();
      emit("name", text(state.name));
      emit("epoch", text(String(state.state.epoch)));
      break;
    }
    case "add": {
      // A manager adds a member: with keys (checked by the contract against its pin), every
      // epoch's key wrapped to them and their key recorded; without, the entry alone (a grant
      // follows).
      const member = input.memberKeys ? await PublicKeys.parse(bin(input.memberKeys)) : undefined;
      const state = await opened();
      if (input.forge) {
        // An attacker's client: the entry the library refuses to sign (a rule broken), as it is.
        emit("entry", await session.sign("MEMBERSHIP_ENTRY", encodeMembership({ room,
          sequence: state.state.length, previous: state.state.head, time: options.time,
          action: "ADD", subject: input.member, role: input.role, epoch: state.state.epoch,
          commitment: undefined, subjectKey: member && await memberKey(member) })));
        break;
      }
      const added = await addMemberEntry(session, state, input.member, input.role,
        member && { presented: member, rule: await ruleVerifying([member]) }, options);
      emit("entry", added.entry);
      added.envelopes.forEach((e) => emit("envelope", e));
      break;
    }
    case "remove": {
      // A new epoch: its key committed in the entry and wrapped to this member and to every
      // remaining member at the keys the log records for them (their bundles: input.remaining).
      const remaining = await Promise.all(input.remaining.map((b) => PublicKeys.parse(bin(b))));
      const removal = await removeMemberEntry(session, await opened(), input.member, remaining,
        await ruleVerifying(remaining), options);
      emit("entry", removal.entry);
      removal.envelopes.forEach((e) => emit("envelope", e));
      break;
    }
    case "encrypt": {
      // A file's content under a new file key; the key leaves this process only wrapped under the
      // current epoch's key, as the relay stores it.
      const state = await opened();
      const epoch = state.state.epoch;
      const fileKey = SymmetricKey.generate();
      const cipher = ContentCipher.create(fileKey, ContentContexts.roomFile(room, input.file),
        { version: 2, computeDigest: true, segmentSize: input.segmentSize });
      const encryptor = await cipher.encryptor();
      const chunks = [encryptor.header, ...await encryptor.write(bin(input.plaintext))];
      const { chunks: last } = await encryptor.finish();
      emit("ciphertext", new Uint8Array(Buffer.concat([...chunks, ...last])));
      emit("wrappedKey", await ciphers.wrapFileKey(state.epochKeys.get(epoch), room, input.file, epoch, fileKey));
      emit("epoch", text(String(epoch)));
      break;
    }
    case "entry": {
      // The signed entry of an uploaded file: the blob the relay stored, its sizes and the stream
      // digest it computed (which must be the one this client's encryption produced).
      emit("sealedEntry", await signRoomFile(session, await opened(), { file: input.file,
        folder: input.folder ?? undefined, name: input.name, blob: input.blob, size: input.size,
        storedSize: input.storedSize, digest: bin(input.digest), wrappedKey: bin(input.wrappedKey) }));
      break;
    }
    case "read": {
      // Opens a file the relay served (clear fields, sealed fields, ciphertext read by ranges).
      const state = await opened();
      const e = input.entry;
      const epochKey = state.epochKeys.get(e.epoch);
      if (epochKey === undefined) {
        throw new IntegrityError(`this client holds no key of epoch ${e.epoch} of room ${room}`);
      }
      const field = await ciphers.openEntry(epochKey, room, e.id, e.epoch, bin(e.sealedEntry));
      if (field.version !== 2) throw new IntegrityError("an unsigned entry");
      const entry = await verifyRoomEntry(field.statement, { room, id: e.id, epoch: e.epoch, kind: "FILE",
        parent: e.parent ?? undefined, blob: e.blob, size: e.size }, state.state, state.keysOf);
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
      const state = await opened();
      const entry = await keyEntry(session, state, member, options);
      const rule = await ruleVerifying([]);
      if (input.confirmWords) {
        await confirmFirstContact(rule, member, input.confirmWords);
      }
      const made = await fulfilRoomGrant(session, room, state.ownEnvelopes, member, rule);
      if (entry !== undefined) emit("entry", entry);
      made.forEach((m) => emit("envelope", m.envelope));
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
