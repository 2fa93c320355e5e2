import { IntegrityError, MembershipLogError } from "./errors.js";
import { constantTimeEqual } from "./internal/bytes.js";
import { boundCheckpointOf, compareBoundCheckpoint, type BoundCheckpoint, type HeldCheckpoint } from "./key-log-statement.js";
import type { PublicKeys } from "./keys.js";
import type { MembershipView } from "./room-entries.js";
import {
  chainHash,
  decodeMembership,
  memberKey,
  membershipVersion,
  type MemberKey,
  type MembershipAction,
  type MembershipRecord,
  type RoomRole,
} from "./rooms.js";
import { parseStatement, verifiedPayload } from "./signed.js";

/**
 * The membership-log verifier of data rooms in the browser (docs/data-rooms.md, "The membership
 * log"), the rules of the Java SDK's `MembershipState` and `MembershipRules`: entry 0 founds the
 * room for its signer as owner at epoch 1 with the signer's key recorded and the epoch key
 * committed; every later entry continues the sequence and the hash chain, is signed by a current
 * member with the key the log records for them, names the epoch that follows (a REMOVE starts the
 * next, with a commitment; nothing else carries one) and keeps the role rules: owners and managers
 * change membership, only an owner makes, demotes or removes an owner, nobody removes themselves
 * or records their own key, the last owner stays an owner, a KEY entry records a newer key version,
 * and a key version once recorded is never recorded as another key.
 */

const GENESIS = new Uint8Array(32);

/** A key of the log per user and version. */
function keyId(user: string, version: number): string {
  return `${user}\u0000${version}`;
}

function managesMembers(role: RoomRole | undefined): boolean {
  return role === "OWNER" || role === "MANAGER";
}

/**
 * The rule `signer` breaks by making this change among `roles`, or `undefined` (Java's
 * `MembershipRules.violation`).
 */
function violation(
  roles: ReadonlyMap<string, RoomRole>,
  signer: string,
  action: MembershipAction,
  subject: string,
  role: RoomRole | undefined,
): string | undefined {
  const signerRole = roles.get(signer);
  if (!managesMembers(signerRole)) {
    return `${signer} does not manage the members`;
  }
  const owner = signerRole === "OWNER";
  const current = roles.get(subject);
  if (action === "ADD") {
    if (current !== undefined) {
      return `${subject} is a member already`;
    }
    return role === "OWNER" && !owner ? "only an owner makes an owner" : undefined;
  }
  if (current === undefined) {
    return `${subject} is not a member`;
  }
  switch (action) {
    case "REMOVE":
      if (subject === signer) {
        return "a member cannot remove themselves";
      }
      return current === "OWNER" && !owner ? "only an owner removes an owner" : undefined;
    case "ROLE": {
      if (role === undefined || role === current) {
        return `the role is ${current} already`;
      }
      if (!owner && (role === "OWNER" || current === "OWNER")) {
        return "only an owner makes or demotes an owner";
      }
      const owners = [...roles.values()].filter((r) => r === "OWNER").length;
      return current === "OWNER" && owners === 1 ? "the last owner cannot be demoted" : undefined;
    }
    case "KEY":
      return subject === signer ? "a member cannot grant themselves" : undefined;
    default:
      return `${action} is not a change of membership`;
  }
}

/**
 * What a verified membership log establishes: the members and their roles, each member's recorded
 * key, every key ever recorded (for old signatures and envelopes), the key epoch and each epoch
 * key's commitment, and the chain head the next entry must name. A {@link MembershipView} for
 * {@link verifyRoomEntry}. Immutable; made by {@link MembershipLog.build}.
 */
export class MembershipState implements MembershipView {
  /** @internal */
  constructor(private readonly log: MembershipLog) {}

  get room(): string {
    return this.log.room;
  }

  /** Who created the room. */
  get creator(): string {
    return this.log.creatorOrFail();
  }

  /** The number of entries of the log. */
  get length(): number {
    return this.log.nextSequence;
  }

  /** The sequence of the last entry. */
  get sequence(): number {
    return this.log.nextSequence - 1;
  }

  /** The chain hash of the last entry: the `previous` of the next. */
  get head(): Uint8Array {
    return this.log.head.slice();
  }

  /** The room's current key epoch. */
  get epoch(): number {
    return this.log.epoch;
  }

  /** The members and their roles. */
  get roles(): ReadonlyMap<string, RoomRole> {
    return new Map(this.log.roles);
  }

  role(user: string): RoomRole | undefined {
    return this.log.roles.get(user);
  }

  /** The member's recorded key; `undefined` for a non-member or a member still waiting for a grant. */
  currentKey(user: string): MemberKey | undefined {
    return this.log.currentKeys.get(user);
  }

  /** The member's recorded key if it is of `version`: the keys their next entry must be signed with. */
  signingKey(user: string, version: number): MemberKey | undefined {
    return this.log.signingKey(user, version);
  }

  recordedKey(user: string, version: number): MemberKey | undefined {
    return this.log.keyHistory.get(keyId(user, version));
  }

  roleAt(user: string, logLength: number): RoomRole | undefined {
    let role: RoomRole | undefined;
    for (const at of this.log.roleHistory.get(user) ?? []) {
      if (at.length <= logLength) {
        role = at.role;
      }
    }
    return role;
  }

  /**
   * The checkpoint each signer bound into their last entry of payload version 2 (size 0 if they
   * relied on none then); signers of version-1 entries only are absent. An honest signer's later
   * checkpoints extend its earlier ones, so comparing the last one is comparing them all.
   */
  get seenCheckpoints(): ReadonlyMap<string, BoundCheckpoint> {
    return new Map(this.log.seen);
  }

  epochAt(logLength: number): number {
    return this.log.epochStarts.filter((start) => start <= logLength).length;
  }

  /** The commitment of the key of `epoch`, 1 to {@link epoch}. */
  commitment(epoch: number): Uint8Array {
    const commitment = this.log.commitments[epoch - 1];
    if (!Number.isInteger(epoch) || commitment === undefined) {
      throw new RangeError(`epoch ${epoch} is not 1-${this.log.epoch}`);
    }
    return commitment.slice();
  }

  /** A builder that continues from this state (this state does not change). */
  toBuilder(): MembershipLog {
    return this.log.copy();
  }

  toString(): string {
    return `MembershipState[room=${this.room}, sequence=${this.sequence}, epoch=${this.epoch}, members=${this.log.roles.size}]`;
  }
}

/**
 * Applies a room's membership entries in order, each checked against the rules (the module's);
 * signatures are checked before, by {@link verifyMembershipLog}. One builder per verification.
 */
export class MembershipLog {
  /** @internal */ creator: string | undefined;
  /** @internal */ nextSequence = 0;
  /** @internal */ head: Uint8Array = GENESIS;
  /** @internal */ epoch = 0;
  /** @internal */ roles = new Map<string, RoomRole>();
  /** @internal */ currentKeys = new Map<string, MemberKey>();
  /** @internal */ keyHistory = new Map<string, MemberKey>();
  /** @internal */ commitments: Uint8Array[] = [];
  /** @internal */ roleHistory = new Map<string, { length: number; role: RoomRole | undefined }[]>();
  /** @internal */ epochStarts: number[] = [];
  /** @internal */ seen = new Map<string, BoundCheckpoint>();

  constructor(readonly room: string) {}

  /** @internal */
  copy(): MembershipLog {
    const c = new MembershipLog(this.room);
    c.creator = this.creator;
    c.nextSequence = this.nextSequence;
    c.head = this.head;
    c.epoch = this.epoch;
    c.roles = new Map(this.roles);
    c.currentKeys = new Map(this.currentKeys);
    c.keyHistory = new Map(this.keyHistory);
    c.commitments = [...this.commitments];
    c.roleHistory = new Map([...this.roleHistory].map(([user, history]) => [user, [...history]]));
    c.epochStarts = [...this.epochStarts];
    c.seen = new Map(this.seen);
    return c;
  }

  /** @internal */
  creatorOrFail(): string {
    if (this.creator === undefined) {
      throw new MembershipLogError(`the membership log of room ${this.room} is empty`);
    }
    return this.creator;
  }

  /** The signer's recorded key of `version`, if they are a member and it is their current one. */
  signingKey(signer: string, version: number): MemberKey | undefined {
    const key = this.currentKeys.get(signer);
    return key !== undefined && key.version === version ? key : undefined;
  }

  /**
   * Applies one entry whose signature was checked with the keys of digest `signerKey`.
   *
   * @param stored the stored entry (the signed statement), for the chain hash
   * @throws MembershipLogError if the entry breaks a rule (nothing is applied)
   */
  async apply(entry: MembershipRecord, signer: string, signerKey: MemberKey, stored: Uint8Array): Promise<this> {
    const head = await chainHash(stored);
    const at = this.nextSequence;
    const check = (rule: boolean, broken: string): void => {
      if (!rule) {
        throw new MembershipLogError(`membership entry ${at} of room ${this.room} ${broken}`);
      }
    };
    check(entry.room === this.room, `belongs to room ${entry.room}`);
    check(entry.sequence === at, `names sequence ${entry.sequence}`);
    check(constantTimeEqual(entry.previous, this.head), "does not chain to the entry before it");
    const next = this.copy();
    if (entry.action === "CREATE") {
      next.create(entry, signer, signerKey, check);
    } else {
      check(at > 0, "is not a CREATE entry");
      const broken = violation(this.roles, signer, entry.action, entry.subject, entry.role);
      check(broken === undefined, `breaks a rule: ${broken}`);
      next.change(entry, check);
    }
    Object.assign(this, next);
    this.nextSequence = at + 1;
    this.head = head;
    const history = this.roleHistory.get(entry.subject) ?? [];
    this.roleHistory.set(entry.subject, [...history, { length: at + 1, role: this.roles.get(entry.subject) }]);
    if (entry.action === "CREATE" || entry.action === "REMOVE") {
      this.epochStarts.push(at + 1);
    }
    if (membershipVersion(entry) === 2) {
      this.seen.set(signer, boundCheckpointOf(entry.seenCheckpoint));
    }
    return this;
  }

  /** The state of the entries applied. @throws MembershipLogError if none were */
  build(): MembershipState {
    this.creatorOrFail();
    return new MembershipState(this.copy());
  }

  private create(entry: MembershipRecord, signer: string, signerKey: MemberKey, check: (rule: boolean, broken: string) => void): void {
    check(this.nextSequence === 0, "creates the room again");
    check(entry.subject === signer, "creates the room for someone else");
    check(entry.role === "OWNER", "does not make the creator owner");
    check(entry.epoch === 1, "does not start at epoch 1");
    check(entry.commitment !== undefined, "has no epoch key commitment");
    check(entry.subjectKey !== undefined && sameKey(entry.subjectKey, signerKey), "does not record the creator's key");
    this.creator = signer;
    this.epoch = 1;
    this.commitments.push(entry.commitment!);
    this.roles.set(signer, "OWNER");
    this.recordKey(signer, signerKey, check);
  }

  private change(entry: MembershipRecord, check: (rule: boolean, broken: string) => void): void {
    const { subject, role, subjectKey: key } = entry;
    const newEpoch = entry.action === "REMOVE";
    const next = newEpoch ? this.epoch + 1 : this.epoch;
    check(entry.epoch === next, `names epoch ${entry.epoch} where ${next} follows`);
    check(newEpoch === (entry.commitment !== undefined), newEpoch ? "has no epoch key commitment" : "has an unexpected commitment");
    switch (entry.action) {
      case "ADD":
        check(role !== undefined, "adds a member without a role");
        this.roles.set(subject, role!);
        if (key !== undefined) {
          this.recordKey(subject, key, check);
        }
        break;
      case "REMOVE":
        check(role === undefined && key === undefined, "carries a role or a key");
        this.roles.delete(subject);
        this.currentKeys.delete(subject);
        this.epoch = next;
        this.commitments.push(entry.commitment!);
        break;
      case "ROLE":
        check(key === undefined, "carries a key");
        this.roles.set(subject, role!);
        break;
      case "KEY": {
        check(key !== undefined && role === undefined, "carries no key, or a role");
        const before = this.currentKeys.get(subject);
        check(before === undefined || key!.version > before.version, "does not record a newer key version");
        this.recordKey(subject, key!, check);
        break;
      }
      default:
        check(false, `is an unexpected ${entry.action}`);
    }
  }

  private recordKey(user: string, key: MemberKey, check: (rule: boolean, broken: string) => void): void {
    const known = this.keyHistory.get(keyId(user, key.version));
    check(known === undefined || sameKey(known, key), `records another key for ${user} version ${key.version} than recorded before`);
    this.currentKeys.set(user, key);
    this.keyHistory.set(keyId(user, key.version), key);
  }
}

function sameKey(a: MemberKey, b: MemberKey): boolean {
  return a.version === b.version && constantTimeEqual(a.digest, b.digest);
}

/**
 * Verifies a room's stored membership log entry by entry (Java's `MembershipVerifier`): gap-free
 * sequences, the hash chain, each signature (entry 0 under the creator's keys, which must be
 * `creator`: the keys of the creator the caller pinned; every later entry under the key the log
 * records for a current member), and the rules of each action ({@link MembershipLog.apply}).
 * Given `held` (the checkpoint this client relied on last and its host's relay), the checkpoint
 * each signer bound into their last entry of payload version 2 is then compared with it
 * ({@link compareBoundCheckpoint}; at most one comparison per signer).
 *
 * @param keysOf the public keys of a user and version as the server hands them out (checked here
 *     against the log's record)
 * @throws KeyLogError FORKED if a signer's client relied on another history of the key log than
 *     this one (a split view): the room is not to be read
 * @throws MembershipLogError if an entry is malformed, breaks the chain or a rule, is signed by
 *     keys the log does not record, or the room was founded with other keys than `creator`
 * @throws InvalidSignatureError if a signature does not verify
 */
export async function verifyMembershipLog(
  room: string,
  log: readonly Uint8Array[],
  creator: PublicKeys,
  keysOf: (user: string, version: number) => Promise<PublicKeys | undefined>,
  held?: HeldCheckpoint,
): Promise<MembershipState> {
  if (log.length === 0) {
    throw new MembershipLogError(`room ${room} has no membership log`);
  }
  const state = new MembershipLog(room);
  for (const [i, stored] of log.entries()) {
    let statement;
    try {
      statement = parseStatement(stored);
    } catch (e) {
      throw e instanceof IntegrityError ? new MembershipLogError(`membership entry ${i} of room ${room} is malformed: ${e.message}`) : e;
    }
    const { signer, signerVersion } = statement;
    let signerKeys: PublicKeys | undefined;
    if (i === 0) {
      if (signer !== creator.user || signerVersion !== creator.version) {
        throw new MembershipLogError(`room ${room} was created by ${signer} (keys version ${signerVersion}), not with the creator's keys this client pinned`);
      }
      signerKeys = creator;
    } else {
      const recorded = state.signingKey(signer, signerVersion);
      if (recorded === undefined) {
        throw new MembershipLogError(`membership entry ${i} of room ${room} is signed by ${signer} version ${signerVersion}, a key the log does not record for a current member`);
      }
      signerKeys = await keysOf(signer, signerVersion);
      if (signerKeys === undefined || signerKeys.user !== signer || !sameKey(await memberKey(signerKeys), recorded)) {
        throw new MembershipLogError(`the keys of ${signer} version ${signerVersion} are not the ones the membership log of room ${room} records`);
      }
    }
    const record = decodeMembership(await verifiedPayload(statement, signerKeys, "MEMBERSHIP_ENTRY"));
    await state.apply(record, signer, await memberKey(signerKeys), stored);
  }
  const verified = state.build();
  for (const [signer, seen] of verified.seenCheckpoints) {
    await compareBoundCheckpoint(held, seen, signer, `when they wrote to the membership log of room ${room}`);
  }
  return verified;
}
