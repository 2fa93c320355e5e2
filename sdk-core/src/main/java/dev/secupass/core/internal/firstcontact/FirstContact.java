package dev.secupass.core.internal.firstcontact;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FirstContactRefusedException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Person;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UnverifiedKeyException;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongAccessCodeException;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.keys.KdfLimiter;
import dev.secupass.core.internal.keys.KdfPolicies;
import dev.secupass.core.internal.keys.KeyPinning;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.Invitation;
import dev.secupass.spi.KdfParameters;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * First contact: the host's {@link FirstContactPolicy}, access codes on the sender's and the
 * recipient's side, and the one place that decides whether a sender's SDK may wrap a key to a
 * recipient's never-verified keys (a pin made when reading their signature does not verify them):
 * {@link #keysToRelease} for a delivery grant (access code or
 * policy), {@link #keysToWrap} for a room grant, and {@link #releasesAtOnce} for the wraps a direct
 * send or a room member's addition makes at once (otherwise they queue a grant, which these hold).
 * Safe for use by many threads.
 */
public final class FirstContact {
  private final FirstContactPolicy policy;
  private final KdfParameters kdf;
  private final KdfLimiter limiter;
  private final SecureRandom random;
  private final Clock clock;

  public FirstContact(FirstContactPolicy policy, KdfPolicy kdfPolicy, KdfLimiter limiter,
      SecureRandom random, Clock clock) {
    this.policy = policy;
    this.kdf = KdfPolicies.parameters(kdfPolicy);
    this.limiter = limiter;
    this.random = random;
    this.clock = clock;
  }

  /** The host's policy. */
  public FirstContactPolicy policy() {
    return policy;
  }

  /**
   * Whether a guest recipient without a SecuPass gets an access code on a delivery at {@code
   * level}: the sender asked for one, or the host's policy requires them.
   */
  public boolean wantsCode(SecurityLevel level, boolean senderAsked) {
    return level.endToEndFiles() && (senderAsked || policy.codeRequired(level));
  }

  /** A new access code and its check for {@code guest}'s first contact on {@code delivery}. */
  public record IssuedCode(AccessCode code, byte[] check) {}

  /**
   * Makes an access code for {@code guest} on {@code delivery} and the check the invitation
   * stores, sealed under the delivery's content key. Runs Argon2id under the SDK's KDF limiter:
   * call outside any transaction.
   */
  public IssuedCode issue(DeliveryId delivery, UserId guest, SymmetricKey contentKey) {
    AccessCode code = AccessCodes.generate(random);
    byte[] stretched = limiter.run(kdf.memoryKiB(),
        () -> AccessCodes.stretch(code, delivery, guest, kdf));
    try {
      return new IssuedCode(code, AccessCodes.check(stretched, contentKey, delivery, guest, kdf));
    } finally {
      Wipe.bytes(stretched);
    }
  }

  /** What a guest's activation with an access code binds: one invitation and its stretched key. */
  public static final class Binder implements AutoCloseable {
    private final Invitation invitation;
    private final byte[] stretched;

    Binder(Invitation invitation, byte[] stretched) {
      this.invitation = invitation;
      this.stretched = stretched;
    }

    /** The invitation whose code was typed. */
    public Invitation invitation() {
      return invitation;
    }

    /** The binding of the new keys of {@code version} (the stored bundle {@code publicKeys}). */
    public byte[] bind(KeyVersion version, byte[] publicKeys) {
      return AccessCodes.bind(stretched, invitation.delivery(), invitation.guest(), version,
          publicKeys);
    }

    @Override
    public void close() {
      Wipe.bytes(stretched);
    }

    @Override
    public String toString() {
      return "Binder[guest=" + invitation.guest() + ", delivery=" + invitation.delivery() + "]";
    }
  }

  /**
   * Finds the live invitation of {@code guest} whose access code is {@code code} and that has no
   * binding yet, checking the typed code against each one's verifier (an Argon2id derivation
   * each, under the KDF limiter). Call outside any transaction.
   *
   * @throws WrongAccessCodeException if no such invitation matches
   */
  public Binder binder(Storage storage, UserId guest, AccessCode code) {
    boolean any = false;
    for (Invitation invitation : storage.guests().invitations(guest)) {
      byte[] check = invitation.accessCode();
      if (check == null || invitation.binding() != null
          || !invitation.expiresAt().isAfter(clock.instant())) {
        continue;
      }
      any = true;
      AccessCodes.Check parsed = AccessCodes.parseCheck(check);
      KdfParameters costs = parsed.kdf();
      byte[] stretched = limiter.run(costs.memoryKiB(),
          () -> AccessCodes.stretch(code, invitation.delivery(), guest, costs));
      if (parsed.verifies(stretched, invitation.delivery(), guest)) {
        return new Binder(invitation, stretched);
      }
      Wipe.bytes(stretched);
    }
    throw new WrongAccessCodeException(any
        ? "this access code does not match the delivery; check it with the sender"
        : "no delivery to " + People.of(storage, guest).displayName()
            + " waits for an access code");
  }

  /**
   * The one first-contact release decision: the keys of {@code recipient} that {@code granter}
   * may wrap the key of {@code record} to now, read and pinned through {@code tx}.
   *
   * <ol>
   *   <li>Keys the granter verified before ({@link KeyPinning#hasVerifiedPin}) are checked against
   *       the pin as always ({@link KeyPinning#verifiedKeys}: a changed key raises {@code
   *       KeyChangedException}). A pin made on first use (seen when reading the recipient's
   *       signature) is checked too, but releases nothing by itself.
   *   <li>A first contact protected by an access code needs the recipient's binding of exactly the
   *       stored keys to the code; the stretched key is recovered from the invitation's check with
   *       {@code contentKey}. Missing or wrong: {@link FirstContactRefusedException}. Verified: the
   *       keys are pinned as verified out of band.
   *   <li>Otherwise the policy of the delivery's level: trust on first use pins and releases;
   *       confirm raises {@link UnverifiedKeyException} until the granter confirms the safety
   *       words.
   * </ol>
   *
   * @throws SecuPassRequiredException if the recipient has no active SecuPass
   */
  public PublicKeys keysToRelease(KeySession granter, UserId recipient, DeliveryRecord record,
      SymmetricKey contentKey, Storage tx, KeyPinning pinning) {
    if (pinning.hasVerifiedPin(granter, recipient)) {
      return pinning.verifiedKeys(granter, recipient);
    }
    Person person = record.recipient(recipient).map(People::of)
        .orElseGet(() -> People.of(tx, recipient));
    PublicKeys keys = pinning.active(recipient)
        .orElseThrow(() -> new SecuPassRequiredException(person));
    pinning.requireUnchanged(granter, keys);
    Optional<Invitation> coded = tx.guests().invitations(recipient).stream()
        .filter(i -> i.delivery().equals(record.id()) && i.accessCode() != null)
        .findFirst();
    if (coded.isPresent()) {
      Invitation invitation = coded.get();
      byte[] binding = invitation.binding();
      if (binding == null) {
        throw new FirstContactRefusedException(person,
            FirstContactRefusedException.Reason.BINDING_MISSING);
      }
      byte[] stretched = AccessCodes.parseCheck(Objects.requireNonNull(
          invitation.accessCode())).openKey(contentKey, record.id(), recipient);
      try {
        if (!AccessCodes.verifiesBinding(binding, stretched, record.id(), recipient,
            keys.version(), keys.encoded())) {
          throw new FirstContactRefusedException(person,
              FirstContactRefusedException.Reason.BINDING_WRONG);
        }
      } finally {
        Wipe.bytes(stretched);
      }
      return pinning.reverify(granter, recipient, keys.fingerprint());
    }
    return underPolicy(granter, record.level(), keys, person, pinning);
  }

  /**
   * Whether {@code granter} may wrap to {@code recipient}'s keys at {@code level} at once, as a
   * direct send, a room member's addition or a room's rotation does: the granter verified the
   * keys (checked against the pin as always), or the policy trusts on first use at this level. A
   * pin made on first use (seen when reading the recipient's signature) is not enough under
   * confirm. Otherwise the wrap goes through a grant that {@link #keysToWrap} holds until the
   * granter confirms the safety words: the same hold as a first-contact grant's.
   *
   * @throws dev.secupass.api.IntegrityException if the granter's stored pin was altered
   */
  public boolean releasesAtOnce(KeySession granter, UserId recipient, SecurityLevel level,
      KeyPinning pinning) {
    return policy.release(level) == FirstContactPolicy.Release.TRUST_ON_FIRST_USE
        || pinning.hasVerifiedPin(granter, recipient);
  }

  /**
   * The release decision without an access code (a room grant, or a direct send's grant): the
   * keys of {@code recipient} that {@code granter} may wrap to now, read and pinned through {@code
   * pinning}. Keys the granter verified are checked against the pin; other keys are released
   * under trust on first use and held (raising {@link UnverifiedKeyException}) under confirm,
   * after a check against a pin made on first use if there is one.
   *
   * @param level the level whose rule applies ({@link #ROOMS} for a room)
   * @throws SecuPassRequiredException if the recipient has no active SecuPass
   */
  public PublicKeys keysToWrap(KeySession granter, UserId recipient, SecurityLevel level,
      Storage tx, KeyPinning pinning) {
    if (pinning.hasVerifiedPin(granter, recipient)) {
      return pinning.verifiedKeys(granter, recipient);
    }
    Person person = People.of(tx, recipient);
    PublicKeys keys = pinning.active(recipient)
        .orElseThrow(() -> new SecuPassRequiredException(person));
    pinning.requireUnchanged(granter, keys);
    return underPolicy(granter, level, keys, person, pinning);
  }

  /**
   * The level whose rule governs room keys: a room's names and files are end-to-end encrypted,
   * as a level 4 delivery's are.
   */
  public static final SecurityLevel ROOMS = SecurityLevel.TOP_SECRET;

  private PublicKeys underPolicy(KeySession granter, SecurityLevel level, PublicKeys stored,
      Person person, KeyPinning pinning) {
    if (policy.release(level) == FirstContactPolicy.Release.TRUST_ON_FIRST_USE) {
      return pinning.verifiedKeys(granter, stored);
    }
    throw new UnverifiedKeyException(person, stored.fingerprint());
  }
}
