import { openAccessCodeCheck, parseAccessCodeCheck, verifiesAccessCodeBinding } from "./access-code.js";
import { FirstContactRefusedError, SafetyWordsMismatchError, UnverifiedKeyError } from "./errors.js";
import { wipe } from "./internal/bytes.js";
import type { PublicKeys } from "./keys.js";
import type { KeyPinning } from "./pinning.js";
import { safetyWords, safetyWordsMatch } from "./safety-words.js";
import type { SymmetricKey } from "./symmetric-key.js";

/**
 * First contact in the browser: the release rule of the Java grant engine
 * (`FirstContact.keysToRelease`, docs/threat-model.md), for a sender's client that fulfils its own
 * grants. The recipient's first keys are the weakest moment; they are released to only when
 *
 * 1. the sender verified the recipient's keys before (a pin of trust 2): checked against the pin
 *    as always. A pin made on first use (trust 1: seen when reading the recipient's signature) is
 *    checked too (changed keys are {@link KeyChangedError}) but releases nothing by itself;
 * 2. the sender set an access code: the recipient's binding of exactly the presented keys to the
 *    code verifies (the stretched key recovered from the invitation's check with the content key),
 *    and the keys are pinned as verified;
 * 3. otherwise the host's policy for the level: trust on first use pins and releases; the default,
 *    confirm, holds the release ({@link UnverifiedKeyError}) until the sender compared the
 *    recipient's safety words ({@link confirmFirstContact}).
 *
 * `vouch` is the key transparency check (`checkLoggedKey` over the proof the server serves); it
 * runs before anything is pinned or wrapped.
 */

/** How the host releases a first contact at a level without an access code (Java's `FirstContactPolicy.Release`). */
export type FirstContactRelease = "CONFIRM" | "TRUST_ON_FIRST_USE";

/** The host's first-contact policy, per level: confirm (the default) or trust on first use. */
export type FirstContactPolicy = (level: number) => FirstContactRelease;

/** The default policy: levels 3 and 4 wait for the sender's confirmation of the safety words. */
export const CONFIRM_FIRST_CONTACT: FirstContactPolicy = () => "CONFIRM";

/** What the rule looks at beyond the recipient's keys, as the server hands it out with a grant. */
export interface FirstContactFacts {
  readonly delivery: string;
  readonly level: number;
  /** The recipient's active keys as the server presents them. */
  readonly recipient: PublicKeys;
  /** The access code check stored with the recipient's invitation to this delivery, if a code was set. */
  readonly accessCodeCheck?: Uint8Array | undefined;
  /** The recipient's binding of their keys to the code, if they activated with it. */
  readonly binding?: Uint8Array | undefined;
}

/** The sender's side of the rule: their pins, the host's policy and the key log's check. */
export interface FirstContactRule {
  readonly pinning: KeyPinning;
  readonly policy: FirstContactPolicy;
  readonly vouch?: (keys: PublicKeys) => Promise<void>;
}

/**
 * The keys the sender may wrap the delivery's key to now (see the module's rules).
 *
 * @param contentKey the delivery's content key (from the sender's own envelope, checked against
 *     the manifest's commitment)
 * @throws FirstContactRefusedError if a code was set and the keys carry no binding, or one that
 *     does not verify for them: the keys are not the guest's who typed the code
 * @throws UnverifiedKeyError while the sender has not confirmed the safety words
 * @throws KeyChangedError, KeyDowngradeError if pinned keys were replaced or downgraded
 * @throws KeyLogError if the key log does not vouch for the keys
 * @throws IntegrityError if the stored check was altered
 */
export async function keysToRelease(rule: FirstContactRule, facts: FirstContactFacts, contentKey: SymmetricKey): Promise<PublicKeys> {
  const keys = facts.recipient;
  if (await rule.pinning.hasVerifiedPin(keys.user)) {
    return rule.pinning.verifiedKeys(keys, rule.vouch);
  }
  await rule.pinning.requireUnchanged(keys);
  if (facts.accessCodeCheck !== undefined) {
    if (facts.binding === undefined) {
      throw new FirstContactRefusedError(keys.user, "BINDING_MISSING");
    }
    const stretched = await openAccessCodeCheck(parseAccessCodeCheck(facts.accessCodeCheck), contentKey, facts.delivery, keys.user);
    try {
      if (!(await verifiesAccessCodeBinding(facts.binding, stretched, facts.delivery, keys.user, keys.version, keys.encoded))) {
        throw new FirstContactRefusedError(keys.user, "BINDING_WRONG");
      }
    } finally {
      wipe(stretched);
    }
    await rule.vouch?.(keys);
    return rule.pinning.reverify(keys, keys.fingerprint);
  }
  return underPolicy(rule, keys, facts.level);
}

/** The level whose rule governs room keys, as in Java (`FirstContact.ROOMS`): level 4. */
export const ROOMS_LEVEL = 4;

/**
 * The release rule without an access code (a room grant: level {@link ROOMS_LEVEL}), Java's
 * `FirstContact.keysToWrap`: keys the granter verified are checked against the pin and released;
 * other keys are released under trust on first use and held under confirm, after a check against
 * a pin made on first use if there is one.
 *
 * @throws UnverifiedKeyError while the granter has not confirmed the safety words
 * @throws KeyChangedError, KeyDowngradeError if pinned keys were replaced or downgraded
 * @throws KeyLogError if the key log does not vouch for the keys
 */
export async function keysToWrap(rule: FirstContactRule, keys: PublicKeys, level: number): Promise<PublicKeys> {
  if (await rule.pinning.hasVerifiedPin(keys.user)) {
    return rule.pinning.verifiedKeys(keys, rule.vouch);
  }
  await rule.pinning.requireUnchanged(keys);
  return underPolicy(rule, keys, level);
}

async function underPolicy(rule: FirstContactRule, keys: PublicKeys, level: number): Promise<PublicKeys> {
  if (rule.policy(level) === "TRUST_ON_FIRST_USE") {
    return rule.pinning.verifiedKeys(keys, rule.vouch);
  }
  throw new UnverifiedKeyError(keys.user, keys.fingerprint);
}

/**
 * The sender confirms a held first contact: `typed` are the safety words the recipient read out
 * (compared as the Java SDK compares them). On a match the keys are pinned as verified, so the
 * next {@link keysToRelease} releases to them.
 *
 * @throws SafetyWordsMismatchError if the words are not those of the presented keys (nothing is pinned)
 * @throws KeyLogError if the key log does not vouch for the keys
 */
export async function confirmFirstContact(rule: FirstContactRule, recipient: PublicKeys, typed: string): Promise<PublicKeys> {
  if (!safetyWordsMatch(typed, await safetyWords(recipient.fingerprint))) {
    throw new SafetyWordsMismatchError(recipient.user);
  }
  await rule.vouch?.(recipient);
  return rule.pinning.reverify(recipient, recipient.fingerprint);
}
