import { EnvelopeContexts } from "./contexts.js";
import { IntegrityError } from "./errors.js";
import { keysToRelease, keysToWrap, ROOMS_LEVEL, type FirstContactRule } from "./first-contact.js";
import type { HeldCheckpoint } from "./key-log-statement.js";
import type { PublicKeys } from "./keys.js";
import { checkManifestKey } from "./manifest.js";
import { verifyAnyManifest } from "./manifest-v2.js";
import type { Session } from "./session.js";

/**
 * Grant fulfilment in the browser (docs/deliveries.md, docs/data-rooms.md): a key holder whose session is unlocked here
 * opens their own envelope of a delivery or room, checks the key against what was signed, and
 * wraps it to the recipient, whose keys the caller has checked against its pin. The server only
 * stores the new envelope. The checks and their order are the Java SDK's
 * (`DeliveryGrantHandler`, `RoomGrantHandler`).
 */

/** What a sender needs to fulfil a delivery grant, as the server hands it out. */
export interface DeliveryGrant {
  readonly delivery: string;
  readonly level: number;
  /** The delivery's signed manifest (version 1, 2 or 3), signed by this session's keys. */
  readonly signedManifest: Uint8Array;
  /** The sender's own envelope of the content key (sealed to and by the sender). */
  readonly ownEnvelope: Uint8Array;
  /** The recipient's active keys as the server presents them (the first-contact rule checks them). */
  readonly recipient: PublicKeys;
  /** The access code check of the recipient's invitation to this delivery, if the sender set a code. */
  readonly accessCodeCheck?: Uint8Array | undefined;
  /** The recipient's binding of their keys to that code, if they activated with it. */
  readonly binding?: Uint8Array | undefined;
}

/**
 * The envelope that releases a delivery to its recipient, sealed in the recipient's suite and
 * signed by the sender: the manifest must verify under this session's keys (so the sender signed
 * it with their current keys), name this delivery and level and list the recipient; the key the
 * own envelope holds must match the manifest's commitment; and the recipient's keys must pass the
 * first-contact rule ({@link keysToRelease}: pin, access-code binding, the host's policy, the key
 * log), as in the Java grant engine. Given `held` (the checkpoint this client relied on last and
 * its host's relay), the checkpoint a version-3 manifest binds is compared with it first.
 *
 * @throws KeyLogError FORKED if the manifest's checkpoint and `held` are not one history
 * @throws FirstContactRefusedError, UnverifiedKeyError, KeyChangedError, KeyDowngradeError,
 *     KeyLogError from the first-contact rule: nothing is wrapped
 * @throws InvalidSignatureError if the manifest was not signed with this session's keys
 * @throws IntegrityError if the manifest names another delivery or level or not the recipient,
 *     the own envelope does not open, or its key is not the committed one
 */
export async function fulfilDeliveryGrant(session: Session, grant: DeliveryGrant, rule: FirstContactRule, held?: HeldCheckpoint): Promise<Uint8Array> {
  const manifest = await verifyAnyManifest(grant.signedManifest, session.publicKeys, held);
  if (manifest.delivery !== grant.delivery || manifest.level !== grant.level) {
    throw new IntegrityError(`the manifest of delivery ${grant.delivery} belongs to delivery ${manifest.delivery} at level ${manifest.level}`);
  }
  if (!manifest.recipients.includes(grant.recipient.user)) {
    throw new IntegrityError(`the manifest of delivery ${grant.delivery} does not name ${grant.recipient.user} as a recipient`);
  }
  const context = EnvelopeContexts.delivery(grant.delivery, grant.level);
  const key = await session.openEnvelope(grant.ownEnvelope, session.publicKeys, context);
  try {
    await checkManifestKey(manifest, key);
    const recipient = await keysToRelease(rule, grant, key);
    return await session.sealEnvelope(recipient, context, key);
  } finally {
    key.wipe();
  }
}

/** One epoch of a room grant: the granter's envelope of that epoch's key and what vouches for it. */
export interface RoomEpochEnvelope {
  readonly epoch: number;
  /** The envelope of the epoch key addressed to this session's keys. */
  readonly envelope: Uint8Array;
  /** The keys of whoever sealed `envelope` (a member, as the verified log records them). */
  readonly granter: PublicKeys;
  /** The epoch key's commitment in the verified membership log. */
  readonly commitment: Uint8Array;
}

/**
 * The envelopes that give a new or re-keyed room member every epoch key: the member's keys released
 * by the first-contact rule of rooms as the Java room grant handler releases them ({@link keysToWrap}
 * at level 4: keys the granter verified, or trust on first use where the host chose it; otherwise
 * {@link UnverifiedKeyError} until the granter confirms the safety words; a changed or downgraded
 * key refused, the key log's `vouch` first), then each of this session's
 * own envelopes opened, its key checked against the log's commitment of the epoch, and wrapped to
 * the member in the member's suite.
 *
 * @throws UnverifiedKeyError while the granter has not verified the member's keys (default policy)
 * @throws KeyChangedError, KeyDowngradeError, KeyLogError if the member's keys are not the ones
 *     the granter pinned or the log holds: nothing is wrapped
 * @throws IntegrityError if an envelope does not open or a key is not the committed one
 * @throws InvalidSignatureError if an envelope was not signed by its stated granter
 */
export async function fulfilRoomGrant(
  session: Session,
  room: string,
  epochs: readonly RoomEpochEnvelope[],
  presented: PublicKeys,
  rule: FirstContactRule,
): Promise<{ epoch: number; envelope: Uint8Array }[]> {
  const member = await keysToWrap(rule, presented, ROOMS_LEVEL);
  const out: { epoch: number; envelope: Uint8Array }[] = [];
  for (const e of epochs) {
    const context = EnvelopeContexts.roomEpoch(room, e.epoch);
    const key = await session.openEnvelope(e.envelope, e.granter, context);
    try {
      if (!(await key.matchesCommitment(e.commitment))) {
        throw new IntegrityError(`the key of epoch ${e.epoch} of room ${room} does not match the membership log's commitment`);
      }
      out.push({ epoch: e.epoch, envelope: await session.sealEnvelope(member, context, key) });
    } finally {
      key.wipe();
    }
  }
  return out;
}
