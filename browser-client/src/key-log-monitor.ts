import { KeyLogError } from "./errors.js";
import { constantTimeEqual } from "./internal/bytes.js";
import { sha256 } from "./internal/primitives.js";
import {
  decodeKeyLogLeaf,
  leafHash,
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
}

/** The outcome: the alarms, and the checkpoint the client relies on from now on. */
export interface KeyLogMonitoring {
  readonly alarms: readonly KeyLogAlarm[];
  /** The checkpoint to keep as the one seen (the earlier one if the new one could not be checked). */
  readonly checkpoint: Checkpoint | undefined;
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
 * Alarms: `FOREIGN_KEY` for an entry of the user's that names other keys; `LOG_REWRITTEN` if the
 * log does not extend `seen` (the checkpoint this client relied on before); `CHECK_FAILED` if the
 * checkpoint is not the host's or lacks the witness quorum, if an entry is not in it (its
 * inclusion proof fails) or is not the user's, or if the log lists none of the user's own keys.
 *
 * @throws RangeError if `own` is empty or holds bundles of several users
 */
export async function monitorOwnKeys(
  host: VerifierKey,
  served: OwnKeyLogEntries,
  own: readonly Uint8Array[],
  seen: Checkpoint | undefined,
  witnesses?: WitnessPolicy,
): Promise<KeyLogMonitoring> {
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
      return { alarms: [alarm(user, "CHECK_FAILED")], checkpoint: seen };
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
    if (ownHashes.some((h) => constantTimeEqual(h, leaf.bundleHash))) {
      ownFound = true;
    } else if (leaf.version >= from) {
      alarms.push(alarm(user, "FOREIGN_KEY", entry.index, leaf.version));
    }
  }
  if (failed || !ownFound) {
    alarms.push(alarm(user, "CHECK_FAILED"));
  }
  return { alarms, checkpoint };
}
