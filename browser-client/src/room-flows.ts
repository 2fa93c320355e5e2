import { EnvelopeContexts } from "./contexts.js";
import { IntegrityError, MembershipLogError, UnverifiedKeyError } from "./errors.js";
import { keysToWrap, ROOMS_LEVEL, type FirstContactRule } from "./first-contact.js";
import type { RoomEpochEnvelope } from "./grants.js";
import { constantTimeEqual } from "./internal/bytes.js";
import type { Random } from "./internal/primitives.js";
import type { Checkpoint } from "./key-log.js";
import { boundCheckpointOf, type HeldCheckpoint } from "./key-log-statement.js";
import { PublicKeys } from "./keys.js";
import { MembershipLog, verifyMembershipLog, type MembershipState } from "./membership-log.js";
import { parseEnvelope } from "./envelope.js";
import { encodeRoomEntry } from "./room-entries.js";
import { encodeMembership, memberKey, RoomCiphers, type MembershipAction, type MembershipRecord, type RoomRole } from "./rooms.js";
import type { Session } from "./session.js";
import { SymmetricKey } from "./symmetric-key.js";

/**
 * The data-room flows of a member's client (docs/client-exchange.md, "Rooms"), as pure functions:
 * they make what the relay's room operations take (entries, envelopes, sealed fields) and read what
 * its `room` operation answers; the page sends and fetches. Every entry is checked against the
 * membership rules of the verified log before it is signed ({@link MembershipLog.apply}), so a
 * client never signs a change the log would refuse.
 */

/** A room as the relay's `room` operation answers it to a member. */
export interface RoomCopy {
  readonly room: string;
  /** The membership log, entry 0 first (each a signed statement). */
  readonly log: readonly Uint8Array[];
  /** The public-key bundles of every user and version the log names and of the envelopes' granters. */
  readonly keys: readonly Uint8Array[];
  /** The reader's envelopes of the epoch keys, for their active keys. */
  readonly envelopes: readonly Uint8Array[];
  /** The room's name sealed under epoch 1's key. */
  readonly sealedName?: Uint8Array | undefined;
}

/** A room this client verified and holds keys of ({@link openRoom}). */
export interface OpenedRoom {
  readonly room: string;
  /** The verified log: members, roles, recorded keys, epochs, commitments, the chain head. */
  readonly state: MembershipState;
  /** The keys of the epochs this member's envelopes hold, each checked against the log's commitment. */
  readonly epochKeys: ReadonlyMap<number, SymmetricKey>;
  /** This member's envelopes, with their granters and commitments, for {@link fulfilRoomGrant}. */
  readonly ownEnvelopes: readonly RoomEpochEnvelope[];
  /** The room's name, if the copy had it and this member holds epoch 1's key. */
  readonly name: string | undefined;
  /** The bundles of the copy by user and version (for {@link verifyRoomEntry}). */
  keysOf(user: string, version: number): Promise<PublicKeys | undefined>;
  /** What the log's seen checkpoints were compared with; its checkpoint is bound into this member's next entries. */
  readonly held?: HeldCheckpoint | undefined;
}

/**
 * When an entry is made (milliseconds since 1970; the relay accepts 5 minutes either way), the
 * randomness of new keys, and the key-log checkpoint bound into the entry.
 */
export interface FlowOptions {
  readonly time?: number;
  readonly random?: Random;
  /**
   * The checkpoint this client relied on last, bound into the entry (payload version 2). By
   * default the one the room was opened with ({@link OpenedRoom.held}); none (size 0) if neither.
   */
  readonly seen?: Checkpoint | undefined;
}

/**
 * Verifies and opens a room as this member: the log with its rules ({@link verifyMembershipLog}),
 * entry 0 anchored on `creator` (this client's pin of the creator's keys: checking them against
 * the pin is the caller's, with `KeyPinning`); the log must record this member's own keys as they
 * are, if it records their version; each envelope opened (the granter's keys those the log
 * recorded for them), for an epoch of the log, and its key checked against that epoch's commitment.
 * Given `held` (the checkpoint this client relied on last and its host's relay), each signer's
 * bound checkpoint is compared with it, and it is bound into the entries this member writes next.
 *
 * @throws KeyLogError FORKED if a signer relied on another history of the key log (a split view)
 * @throws MembershipLogError if the log breaks a rule, names keys it does not record, or was
 *     founded with other keys than `creator`
 * @throws IntegrityError if an envelope does not open, or holds another key than the committed one
 * @throws InvalidSignatureError if an entry's or envelope's signature does not verify
 */
export async function openRoom(session: Session, copy: RoomCopy, creator: PublicKeys, held?: HeldCheckpoint): Promise<OpenedRoom> {
  const bundles = new Map<string, PublicKeys>();
  for (const encoded of copy.keys) {
    const keys = await PublicKeys.parse(encoded);
    bundles.set(`${keys.user}\u0000${keys.version}`, keys);
  }
  const keysOf = async (user: string, version: number): Promise<PublicKeys | undefined> => bundles.get(`${user}\u0000${version}`);
  const state = await verifyMembershipLog(copy.room, copy.log, creator, keysOf, held);
  const own = state.recordedKey(session.user, session.version);
  if (own !== undefined && !constantTimeEqual(own.digest, (await memberKey(session.publicKeys)).digest)) {
    throw new MembershipLogError(`the membership log of room ${copy.room} records another key for ${session.user} than their own`);
  }
  const epochKeys = new Map<number, SymmetricKey>();
  const ownEnvelopes: RoomEpochEnvelope[] = [];
  for (const envelope of copy.envelopes) {
    const parsed = parseEnvelope(envelope);
    const epoch = parsed.context.purpose === "ROOM_EPOCH_KEY" ? parsed.context.epoch : undefined;
    if (epoch === undefined || epoch < 1 || epoch > state.epoch) {
      throw new IntegrityError(`an envelope of room ${copy.room} is not of one of its key epochs`);
    }
    const granter = await keysOf(parsed.granter, parsed.granterVersion);
    const recorded = state.recordedKey(parsed.granter, parsed.granterVersion);
    if (granter === undefined || recorded === undefined || !constantTimeEqual((await memberKey(granter)).digest, recorded.digest)) {
      throw new MembershipLogError(`the key of epoch ${epoch} of room ${copy.room} was wrapped by ${parsed.granter} with keys the membership log does not record`);
    }
    const key = await session.openEnvelope(envelope, granter, EnvelopeContexts.roomEpoch(copy.room, epoch));
    const commitment = state.commitment(epoch);
    if (!(await key.matchesCommitment(commitment))) {
      throw new IntegrityError(`the key of epoch ${epoch} of room ${copy.room} is not the one the membership log commits to`);
    }
    epochKeys.set(epoch, key);
    ownEnvelopes.push({ epoch, envelope, granter, commitment });
  }
  const nameKey = epochKeys.get(1);
  const name = copy.sealedName !== undefined && nameKey !== undefined ? await new RoomCiphers().openRoomName(nameKey, copy.room, copy.sealedName) : undefined;
  return { room: copy.room, state, epochKeys, ownEnvelopes, name, keysOf, held };
}

/** A new room: entry 0, the sealed name and the creator's envelope of epoch 1's key (`createRoom`). */
export interface FoundedRoom {
  readonly entry: Uint8Array;
  readonly sealedName: Uint8Array;
  readonly envelope: Uint8Array;
  /** Epoch 1's key (wipe it when done). */
  readonly epochKey: SymmetricKey;
}

/**
 * Founds room `room` (a new id the caller chose) named `name`: the `CREATE` entry (this session
 * the owner, its key recorded, epoch 1's new key committed), the name sealed under that key, and
 * the key wrapped to this session's own keys.
 */
export async function foundRoom(session: Session, room: string, name: string, options: FlowOptions = {}): Promise<FoundedRoom> {
  const epochKey = SymmetricKey.generate(options.random);
  const record: MembershipRecord = {
    version: 2,
    room,
    sequence: 0,
    previous: new Uint8Array(32),
    time: options.time ?? Date.now(),
    action: "CREATE",
    subject: session.user,
    role: "OWNER",
    epoch: 1,
    commitment: await epochKey.commitment(),
    subjectKey: await memberKey(session.publicKeys),
    seenCheckpoint: boundCheckpointOf(options.seen),
  };
  const entry = await session.sign("MEMBERSHIP_ENTRY", encodeMembership(record));
  await new MembershipLog(room).apply(record, session.user, record.subjectKey!, entry);
  return {
    entry,
    sealedName: await ciphers(options).sealRoomName(epochKey, room, name),
    envelope: await session.sealEnvelope(session.publicKeys, EnvelopeContexts.roomEpoch(room, 1), epochKey),
    epochKey,
  };
}

/** The fields of the next entry beyond the sequence, chain, epoch and time. */
export interface MembershipChange {
  readonly action: Exclude<MembershipAction, "CREATE">;
  readonly subject: string;
  readonly role?: RoomRole | undefined;
  readonly commitment?: Uint8Array | undefined;
  readonly subjectKey?: MembershipRecord["subjectKey"];
}

/**
 * The next entry of a verified room, signed by this session: it continues the log (sequence,
 * chain head, epoch), binds the checkpoint this client relied on ({@link FlowOptions.seen}) and
 * must keep its rules (checked before signing, as the verifier checks it).
 *
 * @throws MembershipLogError with the rule it breaks (nothing is signed)
 */
export async function nextMembershipEntry(session: Session, opened: OpenedRoom, change: MembershipChange, options: FlowOptions = {}): Promise<{ entry: Uint8Array; state: MembershipState }> {
  const state = opened.state;
  const record: MembershipRecord = {
    version: 2,
    room: opened.room,
    sequence: state.length,
    previous: state.head,
    time: options.time ?? Date.now(),
    action: change.action,
    subject: change.subject,
    role: change.role,
    epoch: change.action === "REMOVE" ? state.epoch + 1 : state.epoch,
    commitment: change.commitment,
    subjectKey: change.subjectKey,
    seenCheckpoint: boundCheckpointOf(options.seen ?? opened.held?.checkpoint),
  };
  const own = state.signingKey(session.user, session.version);
  if (own === undefined) {
    throw new MembershipLogError(`the membership log of room ${opened.room} does not record the keys of ${session.user} version ${session.version} for a current member`);
  }
  const encoded = encodeMembership(record);
  const builder = state.toBuilder();
  await builder.apply(record, session.user, own, encoded); // the rules, before anything is signed
  const entry = await session.sign("MEMBERSHIP_ENTRY", encoded);
  return { entry, state: (await state.toBuilder().apply(record, session.user, own, entry)).build() };
}

/** An `ADD` entry and, if the member's keys were released, every epoch's key wrapped to them (`addRoomMember`). */
export interface AddedMember {
  readonly entry: Uint8Array;
  /** Epoch 1 to the current one's key wrapped to the member; empty if their keys are not recorded. */
  readonly envelopes: readonly Uint8Array[];
  /** Whether the entry records the member's keys. */
  readonly recorded: boolean;
  /**
   * Set when the member's keys are held by the first-contact rule (the granter has not confirmed
   * their safety words): the entry records no key, and the relay makes a grant that waits for the
   * confirmation ({@link confirmFirstContact}, then {@link fulfilRoomGrant} with {@link keyEntry}).
   */
  readonly held: UnverifiedKeyError | undefined;
  readonly state: MembershipState;
}

/**
 * Adds `member` with `role` to an opened room. With `keys` (the member's active bundle as the
 * server presents it), the keys pass the rooms' first-contact rule ({@link keysToWrap} at level
 * 4: a verified pin, or trust on first use where the host chose it); released keys are recorded and
 * every epoch key this session holds is wrapped to them. Keys the rule holds (confirm policy, no
 * verified pin) are not recorded: the entry alone, and {@link AddedMember.held} says why. Without
 * `keys` (a user without a SecuPass yet) the entry alone.
 *
 * @throws KeyChangedError, KeyDowngradeError, KeyLogError from the rule: nothing is made
 * @throws MembershipLogError if this session may not add them (not a manager, a member already,
 *     an owner made by a manager)
 * @throws IntegrityError if this session lacks an epoch's key
 */
export async function addMemberEntry(
  session: Session,
  opened: OpenedRoom,
  member: string,
  role: RoomRole,
  keys: { presented: PublicKeys; rule: FirstContactRule } | undefined,
  options: FlowOptions = {},
): Promise<AddedMember> {
  let released: PublicKeys | undefined;
  let held: UnverifiedKeyError | undefined;
  if (keys !== undefined) {
    if (keys.presented.user !== member) {
      throw new RangeError(`the keys presented are ${keys.presented.user}'s, not ${member}'s`);
    }
    try {
      released = await keysToWrap(keys.rule, keys.presented, ROOMS_LEVEL);
    } catch (e) {
      if (!(e instanceof UnverifiedKeyError)) {
        throw e;
      }
      held = e;
    }
  }
  const subjectKey = released === undefined ? undefined : await memberKey(released);
  const { entry, state } = await nextMembershipEntry(session, opened, { action: "ADD", subject: member, role, subjectKey }, options);
  const envelopes: Uint8Array[] = [];
  if (released !== undefined) {
    for (let epoch = 1; epoch <= opened.state.epoch; epoch++) {
      envelopes.push(await session.sealEnvelope(released, EnvelopeContexts.roomEpoch(opened.room, epoch), epochKey(opened, epoch)));
    }
  }
  return { entry, envelopes, recorded: released !== undefined, held, state };
}

/** A `REMOVE` entry, the new epoch's key and its envelopes (`removeRoomMember`). */
export interface RemovedMember {
  readonly entry: Uint8Array;
  readonly epoch: number;
  /** The new epoch's key (wipe it when done). */
  readonly epochKey: SymmetricKey;
  /** The new key wrapped to this session and to each remaining member it could release it to. */
  readonly envelopes: readonly Uint8Array[];
  /** Remaining members who got no envelope (keys not recorded, not the recorded ones, or not verified): the relay makes them grants. */
  readonly leftForGrants: readonly string[];
  readonly state: MembershipState;
}

/**
 * Removes `member` from an opened room: a new epoch whose new key the entry commits to, wrapped to
 * this session's own keys and to each other remaining member of `remaining` (their active bundles)
 * whose keys are the ones the log records for them and whom this session verified (a pin of trust
 * 2, {@link KeyPinning.verifiedKeys} with the rule's `vouch`). Everyone else remaining is left for a
 * room grant, fulfilled after the granter checks their keys ({@link fulfilRoomGrant}).
 *
 * @throws MembershipLogError if this session may not remove them
 * @throws KeyChangedError, KeyDowngradeError, KeyLogError if a verified member's keys changed
 */
export async function removeMemberEntry(
  session: Session,
  opened: OpenedRoom,
  member: string,
  remaining: readonly PublicKeys[],
  rule: FirstContactRule,
  options: FlowOptions = {},
): Promise<RemovedMember> {
  const key = SymmetricKey.generate(options.random);
  const { entry, state } = await nextMembershipEntry(session, opened, { action: "REMOVE", subject: member, commitment: await key.commitment() }, options);
  const epoch = state.epoch;
  const context = EnvelopeContexts.roomEpoch(opened.room, epoch);
  const envelopes = [await session.sealEnvelope(session.publicKeys, context, key)];
  const wrapped = new Set<string>([session.user]);
  for (const keys of remaining) {
    const recorded = state.currentKey(keys.user);
    if (
      wrapped.has(keys.user) ||
      recorded === undefined ||
      recorded.version !== keys.version ||
      !constantTimeEqual(recorded.digest, (await memberKey(keys)).digest) ||
      !(await rule.pinning.hasVerifiedPin(keys.user))
    ) {
      continue;
    }
    envelopes.push(await session.sealEnvelope(await rule.pinning.verifiedKeys(keys, rule.vouch), context, key));
    wrapped.add(keys.user);
  }
  const leftForGrants = [...state.roles.keys()].filter((user) => !wrapped.has(user));
  return { entry, epoch, epochKey: key, envelopes, leftForGrants, state };
}

/**
 * The `KEY` entry a room grant needs (`fulfilRoomGrant(granter, grant, keyEntry, envelopes)`):
 * it records `member`'s keys, which the caller released by the first-contact rule; `undefined`
 * when the log records exactly these keys for them already.
 *
 * @throws MembershipLogError if the log records a newer key for them, or this session may not
 *     record keys
 */
export async function keyEntry(session: Session, opened: OpenedRoom, member: PublicKeys, options: FlowOptions = {}): Promise<Uint8Array | undefined> {
  const subjectKey = await memberKey(member);
  const current = opened.state.currentKey(member.user);
  if (current !== undefined && current.version === subjectKey.version && constantTimeEqual(current.digest, subjectKey.digest)) {
    return undefined;
  }
  return (await nextMembershipEntry(session, opened, { action: "KEY", subject: member.user, subjectKey }, options)).entry;
}

/** A file uploaded to the relay, as its upload answered, and where and what it is in the room. */
export interface UploadedRoomFile {
  /** The entry id the client chose for the file. */
  readonly file: string;
  /** The folder, `undefined` at the top. */
  readonly folder?: string | undefined;
  readonly name: string;
  /** The blob, sizes and stream digest the upload answered. */
  readonly blob: string;
  readonly size: number;
  readonly storedSize: number;
  readonly digest: Uint8Array;
  /** The file key wrapped under the current epoch's key ({@link RoomCiphers.wrapFileKey}). */
  readonly wrappedKey: Uint8Array;
}

/**
 * The sealed signed entry of a file after its upload (`addRoomFile`): a ROOM_ENTRY statement of
 * payload version 2 (the blob, sizes and stream digest the upload answered, the file key's
 * commitment, the log length this session verified) sealed under the current epoch's key.
 *
 * @throws MembershipLogError if this session is not a member who writes (an owner, manager or
 *     editor) with the keys the log records for them: every reader would refuse the entry
 * @throws IntegrityError if the wrapped file key does not open under the current epoch's key
 */
export async function signRoomFile(session: Session, opened: OpenedRoom, upload: UploadedRoomFile): Promise<Uint8Array> {
  const role = opened.state.role(session.user);
  if (role === undefined || role === "VIEWER" || opened.state.signingKey(session.user, session.version) === undefined) {
    throw new MembershipLogError(`${session.user} does not write in room ${opened.room} with the keys the membership log records`);
  }
  const epoch = opened.state.epoch;
  const key = epochKey(opened, epoch);
  const c = new RoomCiphers();
  const fileKey = await c.unwrapFileKey(key, opened.room, upload.file, epoch, upload.wrappedKey);
  let commitment: Uint8Array;
  try {
    commitment = await fileKey.commitment();
  } finally {
    fileKey.wipe();
  }
  const payload = encodeRoomEntry({
    version: 2,
    room: opened.room,
    entry: upload.file,
    epoch,
    logLength: opened.state.length,
    metadata: { kind: "FILE", parent: upload.folder, blob: upload.blob, size: upload.size, storedSize: upload.storedSize, name: upload.name },
    digest: upload.digest,
    commitment,
  });
  return c.sealSignedEntry(key, opened.room, upload.file, epoch, await session.sign("ROOM_ENTRY", payload));
}

/** The key of `epoch`, which this member must hold. */
function epochKey(opened: OpenedRoom, epoch: number): SymmetricKey {
  const key = opened.epochKeys.get(epoch);
  if (key === undefined) {
    throw new IntegrityError(`this client holds no key of epoch ${epoch} of room ${opened.room}`);
  }
  return key;
}

function ciphers(options: FlowOptions): RoomCiphers {
  return new RoomCiphers(options.random);
}
