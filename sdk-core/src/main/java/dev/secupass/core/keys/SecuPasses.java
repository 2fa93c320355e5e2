package dev.secupass.core.keys;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.UserId;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.guests.AccessCode;
import java.util.Optional;

/**
 * Users' SecuPasses: activation, unlock, change and reset, and the fingerprints people compare.
 * Obtain it from {@code SecuPassSdk.secuPass()}. Every call does the grant bookkeeping that goes
 * with it, and nothing public bypasses it:
 *
 * <ul>
 *   <li>{@link #activate}: the key record, the recipient's waiting grants turning ready and a
 *       {@code GrantReady} event for each granter commit together; granters whose sessions are
 *       open in this process fulfil them at once.
 *   <li>{@link #unlock}: makes ready any grant still waiting for this user, and fulfils every ready
 *       grant the user can grant, now and (while the session is open) as they become ready.
 *   <li>{@link #reset}: the new keys and a ready grant of every delivery and room the user could
 *       open commit together, so access comes back from the senders and rooms without resending.
 * </ul>
 *
 * <p>Every call that derives a key from a SecuPass (activate, unlock, change, reset) runs Argon2id
 * (64 MiB by default; see {@code docs/api.md} for heap sizing) under the SDK's KDF limiter: when
 * too many run at once it waits briefly and then throws {@link dev.secupass.api.BusyException}
 * (retryable). A SecuPass is read, not kept: close it after the call.
 *
 * <p>Safe for use by many threads.
 */
public interface SecuPasses {

  /**
   * First activation: makes the user's key pairs, stores the private keys sealed under {@code
   * secuPass}, and releases their waiting grants to the granters.
   *
   * @return the new session
   * @throws dev.secupass.api.ConflictException if the user already has a SecuPass (unlock, change
   *     or reset then)
   * @throws dev.secupass.api.BusyException if too many key derivations run at once
   */
  SecuPassSession activate(UserId user, SecuPass secuPass);

  /**
   * First activation of a guest whose first contact is protected by an access code: like {@link
   * #activate(UserId, SecuPass)}, and the new public keys are bound to the code the sender passed
   * on ({@code docs/format.md}, "Access code binding") in the same transaction, so the sender's
   * SDK can tell them from keys someone else chose. The code is checked first (an Argon2id
   * derivation per delivery to this guest that carries a code); nothing is made if it is wrong.
   *
   * @return the new session
   * @throws dev.secupass.api.WrongAccessCodeException if the code matches no delivery to this
   *     user that waits for one
   * @throws dev.secupass.api.ConflictException if the user already has a SecuPass
   * @throws dev.secupass.api.BusyException if too many key derivations run at once
   */
  SecuPassSession activate(UserId user, SecuPass secuPass, AccessCode code);

  /**
   * Unlocks the user's keys; the session then fulfils every grant it can, now and as they become
   * ready.
   *
   * @throws dev.secupass.api.WrongSecuPassException if the SecuPass is wrong
   * @throws dev.secupass.api.SecuPassRequiredException if the user has none
   * @throws dev.secupass.api.InvalidKeyBlobException if the stored key record is damaged or foreign
   * @throws dev.secupass.api.BusyException if too many key derivations run at once
   */
  SecuPassSession unlock(UserId user, SecuPass secuPass);

  /**
   * Changes the SecuPass, keeping the keys (nothing changes for grants): of concurrent changes
   * exactly one wins.
   *
   * @throws dev.secupass.api.WrongSecuPassException if {@code current} is wrong
   * @throws dev.secupass.api.ConflictException if the key record changed meanwhile
   * @throws dev.secupass.api.SecuPassRequiredException if the user has none
   * @throws dev.secupass.api.BusyException if too many key derivations run at once
   */
  void change(UserId user, SecuPass current, SecuPass next);

  /**
   * After a forgotten SecuPass (the host authenticated the user otherwise): new keys, and every
   * delivery or room the user could open queued as a ready grant to its granters. What was wrapped
   * only to the old keys and whose granter cannot grant again is lost ({@code
   * docs/threat-model.md}). Granters see the user's keys as changed and must re-verify their
   * fingerprint ({@link #reverify}) before their sessions fulfil these grants.
   *
   * @return the session of the new keys
   * @throws dev.secupass.api.SecuPassRequiredException if the user has none (activate instead)
   * @throws dev.secupass.api.ConflictException if the key record changed meanwhile
   * @throws dev.secupass.api.BusyException if too many key derivations run at once
   */
  SecuPassSession reset(UserId user, SecuPass next);

  /** Whether the user has an active SecuPass. */
  boolean hasSecuPass(UserId user);

  /**
   * Does nothing if the user has an active SecuPass.
   *
   * @throws dev.secupass.api.SecuPassRequiredException otherwise (the activation dialog)
   */
  void requireSecuPass(UserId user);

  /**
   * The fingerprint of the user's active keys as stored (not checked against any pin), for reading
   * out: to the user themselves, or by an observer comparing with the user.
   */
  Optional<Fingerprint> fingerprint(UserId user);

  /** The fingerprint {@code observer} pinned for {@code subject}, if any ("verified" in a UI). */
  Optional<Fingerprint> pinnedFingerprint(SecuPassSession observer, UserId subject);

  /**
   * Pins {@code subject}'s current keys for {@code observer} after they compared the fingerprint
   * out of band (after a reset, or a {@link dev.secupass.api.KeyChangedException}), then fulfils
   * the grants that waited for it.
   *
   * @throws dev.secupass.api.KeyChangedException if the stored keys do not have {@code confirmed}
   * @throws dev.secupass.api.SecuPassRequiredException if the subject has no SecuPass
   */
  GrantRun reverify(SecuPassSession observer, UserId subject, Fingerprint confirmed);
}
