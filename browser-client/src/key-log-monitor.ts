import { KeyLogError } from "./errors.js";
import { constantTimeEqual } from "./internal/bytes.js";
import { sha256 } from "./internal/primitives.js";
import {
  decodeKeyLogLeaf,
  HASH_SIZE,
  leafHash,
  nodeHash,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
  type KeyLogLeaf,
  type VerifierKey,
  type WitnessPolicy,
} from "./key-log.js";
import { PublicKeys } from "./keys.js";

/**
 * Self-monitoring at unlock (docs/key-log.md, "At unlock"): the user's own client checks that the
 * key log holds exactly the key versions it made for its user, so that a key an operator
 * substituted and logged (to pass the senders' check) shows up at the victim's next unlock. The
 * alarms are the Java SDK's `KeyLogAlarm` kinds; the unlock itself succeeds (the user's own keys
 * are not at stake), and the host's page shows the alarms and tells its operators.
 */

/** What the check found (Java's `KeyLogAlarm.Kind`). */
export type KeyLogAlarmKind = "FOREIGN_KEY" | "LOG_REWRITTEN" | "VIEW_ALTERED" | "CHECK_FAILED" | "SPLIT_VIEW";

/** One finding, for the user whose keys are at stake. */
export interface KeyLogAlarm {
  readonly user: string;
  readonly kind: KeyLogAlarmKind;
  /** The log entry's index, or -1 if the alarm is about no single entry. */
  readonly entry: number;
  /** The key version the entry names, if any. */
  readonly version?: number;
  /** In the user's words. */
  readonly description: string;
}

/** One entry of the user's, as the server serves it, with its inclusion proof in the checkpoint. */
export interface OwnKeyLogEntry {
  readonly index: number;
  readonly leaf: Uint8Array;
  readonly inclusion: readonly Uint8Array[];
}

/** What the server answers for self-monitoring (`ClientRelay.keyLogEntries`). */
export interface OwnKeyLogEntries {
  /** The current checkpoint, a signed note with the witnesses' cosignatures. */
  readonly checkpoint: string;
  /** Every entry the log holds for the user, each with its inclusion proof. */
  readonly entries: readonly OwnKeyLogEntry[];
  /** The consistency proof from the checkpoint the client relied on before (empty for none). */
  readonly consistency: readonly Uint8Array[];
  /**
   * The roots of the perfect subtrees (largest first) of the tree at the size the client read the
   * whole log to at its last unlock (`monitored`); absent or empty at a first look.
   */
  readonly frontier?: readonly Uint8Array[];
  /** Every entry from that size to the checkpoint's, in index order. */
  readonly added?: readonly Uint8Array[];
}

/** What the client keeps between unlocks (beside its keys), as the Java SDK's sealed view. */
export interface KeyLogMonitorState {
  /** The checkpoint the client relied on last (before a wrap or at unlock). */
  readonly seen?: Checkpoint | undefined;
  /** The checkpoint it read every entry up to at its last unlock. */
  readonly monitored?: Checkpoint | undefined;
}

/** The outcome: the alarms, and what the client keeps from now on. */
export interface KeyLogMonitoring {
  readonly alarms: readonly KeyLogAlarm[];
  /** The checkpoint to keep as the one seen (the earlier one if the new one could not be checked). */
  readonly checkpoint: Checkpoint | undefined;
  /** The checkpoint to keep as the one read up to (the earlier one if the new one could not be checked). */
  readonly monitored: Checkpoint | undefined;
}

function describe(kind: KeyLogAlarmKind, entry: number, version: number | undefined): string {
  switch (kind) {
    case "FOREIGN_KEY":
      return `the key log lists keys of version ${version} for this account that were not made on your behalf (entry ${entry})`;
    case "LOG_REWRITTEN":
      return "the key log was rewritten since you last used it";
    case "VIEW_ALTERED":
      return "the record of what you last saw of the key log was altered";
    case "CHECK_FAILED":
      return "the key log could not be checked";
    case "SPLIT_VIEW":
      return "someone you correspond with was shown a different key log than you";
  }
}

function alarm(user: string, kind: KeyLogAlarmKind, entry = -1, version?: number): KeyLogAlarm {
  return { user, kind, entry, ...(version === undefined ? {} : { version }), description: describe(kind, entry, version) };
}

/**
 * Checks the log at unlock for `own`'s user. `own` are the public-key bundles this user's client
 * made (the exact stored bytes; at least the active one, and any earlier version it still knows):
 * every entry of the user from the lowest of their versions on must be one of them, by the SHA-256
 * of the exact bundle. Entries of earlier versions are not judged (as the Java SDK at a first look
 * after a reset).
 *
 * At a first look (no `state.monitored`) the client judges the entries the server lists for its
 * user. From then on, as the Java SDK, it also reads every entry added since it last read the log
 * (`served.added`, folded onto `served.frontier` into the checkpoint's root, so the server can
 * leave none out).
 *
 * Alarms: `FOREIGN_KEY` for an entry of the user's that names other keys; `LOG_REWRITTEN` if the
 * log does not extend `state.seen` (the checkpoint this client relied on before), or the entries
 * added since `state.monitored` do not make the checkpoint's tree; `CHECK_FAILED` if the
 * checkpoint is not the host's or lacks the witness quorum, if a listed entry is not in it (its
 * inclusion proof fails) or is not the user's, or if the log lists none of the user's own keys.
 *
 * @throws RangeError if `own` is empty or holds bundles of several users
 */
export async function monitorOwnKeys(
  host: VerifierKey,
  served: OwnKeyLogEntries,
  own: readonly Uint8Array[],
  state: KeyLogMonitorState,
  witnesses?: WitnessPolicy,
): Promise<KeyLogMonitoring> {
  const { seen, monitored } = state;
  if (own.length === 0) {
    throw new RangeError("self-monitoring needs the user's own public keys");
  }
  const bundles = await Promise.all(own.map((b) => PublicKeys.parse(b)));
  const user = bundles[0]!.user;
  if (bundles.some((b) => b.user !== user)) {
    throw new RangeError("the public keys given are of several users");
  }
  const ownHashes = await Promise.all(own.map((b) => sha256(b)));
  const from = Math.min(...bundles.map((b) => b.version));
  let checkpoint: Checkpoint;
  try {
    checkpoint = await verifyCheckpoint(served.checkpoint, host, witnesses);
  } catch (e) {
    if (e instanceof KeyLogError) {
      return { alarms: [alarm(user, "CHECK_FAILED")], checkpoint: seen, monitored };
    }
    throw e;
  }
  const alarms: KeyLogAlarm[] = [];
  if (
    seen !== undefined &&
    (seen.origin !== checkpoint.origin || !(await verifyConsistency(seen.size, checkpoint.size, seen.root, checkpoint.root, served.consistency)))
  ) {
    alarms.push(alarm(user, "LOG_REWRITTEN"));
  }
  const foreign = new Set<number>();
  const judge = (index: number, leaf: KeyLogLeaf): boolean => {
    if (ownHashes.some((h) => constantTimeEqual(h, leaf.bundleHash))) {
      return true;
    }
    if (leaf.version >= from && !foreign.has(index)) {
      foreign.add(index);
      alarms.push(alarm(user, "FOREIGN_KEY", index, leaf.version));
    }
    return false;
  };
  if (monitored !== undefined && monitored.size > 0 && !(await readAdded(served, monitored, checkpoint, user, judge))) {
    alarms.push(alarm(user, "LOG_REWRITTEN"));
  }
  let failed = false;
  let ownFound = false;
  const indices = new Set<number>();
  for (const entry of served.entries) {
    let leaf: KeyLogLeaf;
    try {
      leaf = decodeKeyLogLeaf(entry.leaf);
    } catch (e) {
      if (!(e instanceof KeyLogError)) {
        throw e;
      }
      failed = true;
      continue;
    }
    if (
      leaf.user !== user ||
      indices.has(entry.index) ||
      !(await verifyInclusion(await leafHash(entry.leaf), entry.index, checkpoint.size, entry.inclusion, checkpoint.root))
    ) {
      failed = true;
      continue;
    }
    indices.add(entry.index);
    ownFound = judge(entry.index, leaf) || ownFound;
  }
  if (failed || !ownFound) {
    alarms.push(alarm(user, "CHECK_FAILED"));
  }
  return { alarms, checkpoint, monitored: checkpoint };
}

/**
 * Folds the entries added since `monitored` onto the frontier at its size (which must make its
 * root), judging each of `user`'s, and tells whether they make exactly the checkpoint's tree.
 */
async function readAdded(
  served: OwnKeyLogEntries,
  monitored: Checkpoint,
  checkpoint: Checkpoint,
  user: string,
  judge: (index: number, leaf: KeyLogLeaf) => boolean,
): Promise<boolean> {
  if (monitored.origin !== checkpoint.origin || monitored.size > checkpoint.size) {
    return false;
  }
  const frontier = await Frontier.of(monitored.size, served.frontier ?? []);
  if (frontier === undefined || !constantTimeEqual(await frontier.root(), monitored.root)) {
    return false;
  }
  for (const [i, data] of (served.added ?? []).entries()) {
    await frontier.add(await leafHash(data));
    let leaf: KeyLogLeaf | undefined;
    try {
      leaf = decodeKeyLogLeaf(data);
    } catch (e) {
      if (!(e instanceof KeyLogError)) {
        throw e;
      }
    }
    if (leaf !== undefined && leaf.user === user) {
      judge(monitored.size + i, leaf);
    }
  }
  return frontier.size === checkpoint.size && constantTimeEqual(await frontier.root(), checkpoint.root);
}

/** RFC 9162's compact range from 0: the roots of the tree's perfect subtrees, largest first. */
class Frontier {
  private constructor(
    private readonly hashes: Uint8Array[],
    private readonly levels: number[],
    public size: number,
  ) {}

  /** The frontier of `size` leaves from its subtree roots, or undefined if they are not as many. */
  static async of(size: number, hashes: readonly Uint8Array[]): Promise<Frontier | undefined> {
    const levels: number[] = [];
    for (let level = 52; level >= 0; level--) {
      if (Math.floor(size / 2 ** level) % 2 === 1) {
        levels.push(level);
      }
    }
    if (levels.length !== hashes.length || hashes.some((h) => h.length !== HASH_SIZE)) {
      return undefined;
    }
    return new Frontier([...hashes], levels, size);
  }

  async add(leaf: Uint8Array): Promise<void> {
    let hash = leaf;
    let level = 0;
    while (this.levels.length > 0 && this.levels[this.levels.length - 1] === level) {
      hash = await nodeHash(this.hashes.pop()!, hash);
      this.levels.pop();
      level++;
    }
    this.hashes.push(hash);
    this.levels.push(level);
    this.size++;
  }

  async root(): Promise<Uint8Array> {
    if (this.hashes.length === 0) {
      return sha256(new Uint8Array(0));
    }
    let root = this.hashes[this.hashes.length - 1]!;
    for (let i = this.hashes.length - 2; i >= 0; i--) {
      root = await nodeHash(this.hashes[i]!, root);
    }
    return root;
  }
}
