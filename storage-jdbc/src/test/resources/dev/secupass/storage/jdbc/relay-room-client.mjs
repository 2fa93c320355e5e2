// A member's client of data rooms on the browser client's shipped bundle, driven by
// ClientRelayRoomsContract as relay-client.mjs is: one command per run, JSON on stdin (binary
// values in base64), lines "name base64" on stdout. The SecuPass, private keys, epoch keys, file
// keys, names and plaintext stay in this process; what it prints is what the relay stores. The
// room flows and files are the library's (openRoom, foundRoom, addMemberEntry, removeMemberEntry,
// keyEntry, fulfilRoomGrant, encryptRoomFile, readRoomFile); this script only carries their inputs
// and outputs, moves the file bytes over HTTP (RoomFileHttp), and forges the one entry the library
// refuses to sign ("add" with "forge").
import {
  unlock, kdfPolicy, PublicKeys, encodeMembership, memberKey, httpSource, SecuPassError,
  fulfilRoomGrant, KeyPinning, MemoryPinStore, confirmFirstContact, openRoom, foundRoom,
  addMemberEntry, removeMemberEntry, keyEntry, encryptRoomFile, readRoomFile,
} from "./secupass-browser-client.js";

import { bin, text, emit, flush, input, collect } from "./relay-io.mjs";

const kdf = kdfPolicy(input.kdf, { allowWeakForTests: true });
const { session } = await unlock({ user: input.me.user, version: input.me.version,
  publicKeys: bin(input.me.publicKeys), encryptedPrivateKeys: bin(input.me.sealed), kdf },
input.secuPass, { kdf });
const room = input.room;
const options = { time: input.time ?? Date.now() };

/**
 * The room as this member's client trusts it (the library's openRoom): the log verified with its
 * rules, entry 0 anchored on the creator's keys this client pinned (`input.creator`), its own
 * envelopes opened and checked against the log's commitments.
 */
async function opened(copy = input.copy) {
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
    case "upload": {
      // A file written with the library (encryptRoomFile): encrypted while it streams up to the
      // host's upload route (relay.upload), then sealed with what the relay answered, which must
      // be what this client made; the file key leaves this process only wrapped under the epoch
      // key. With `reopen` (the room as the relay serves it after a rotation) the same upload is
      // sealed a second time under the new epoch, as after a StaleEpochException.
      const state = await opened();
      const encryption = encryptRoomFile(state, { segmentSize: input.segmentSize, folder: input.folder ?? undefined });
      const plaintext = bin(input.plaintext);
      const storedSize = encryption.storedSize(plaintext.length);
      const response = await fetch(`${input.server}/uploads/${encodeURIComponent(input.me.user)}?storedSize=${storedSize}`, {
        method: "PUT", body: new Blob([plaintext]).stream().pipeThrough(encryption.stream), duplex: "half" });
      if (!response.ok) throw new Error(`the upload was refused: ${await response.text()}`);
      const answer = await response.json();
      const upload = { blob: answer.blob, size: answer.size, storedSize: answer.storedSize, digest: bin(answer.digest) };
      const sealed = await encryption.seal(session, upload, input.name);
      emit("file", text(sealed.file));
      emit("blob", text(answer.blob));
      emit("sealedEntry", sealed.sealedEntry);
      emit("wrappedKey", sealed.wrappedKey);
      emit("epoch", text(String(sealed.epoch)));
      if (input.reopen) {
        const resealed = await encryption.seal(session, upload, input.name, await opened(input.reopen));
        emit("resealedEntry", resealed.sealedEntry);
        emit("rewrappedKey", resealed.wrappedKey);
        emit("reepoch", text(String(resealed.epoch)));
      }
      encryption.wipe();
      break;
    }
    case "read": {
      // A file the relay lists (roomEntries), opened with the library (readRoomFile): the entry
      // verified over the room's log, the key against the signed commitment, and the ciphertext
      // read by ranged requests to the host's route (relay.readRoomFile), every segment checked.
      const e = input.entry;
      const listed = { id: e.id, parent: e.parent ?? undefined, kind: e.kind, epoch: e.epoch,
        blob: e.blob ?? undefined, size: e.size, storedSize: e.storedSize,
        sealedEntry: bin(e.sealedEntry), wrappedKey: bin(e.wrappedKey) };
      const source = await httpSource(input.url, { size: listed.storedSize });
      const { file, plaintext } = await readRoomFile(await opened(), listed, source);
      emit("name", text(file.name));
      emit("writer", text(file.writer));
      emit("plaintext", await collect(plaintext));
      if (input.range) {
        emit("range", await collect(file.decrypt(source, input.range)));
      }
      file.key.wipe();
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
