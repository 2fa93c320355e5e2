package dev.secupass.core.internal.keys;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyChangedException;
import dev.secupass.api.KeyDowngradeException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.Person;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.VerifiedBundles;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import dev.secupass.core.internal.keylog.KeyLogService;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.Storage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Trust on first use for other users' public keys. The first time an observer uses a subject's
 * keys, the SDK pins their fingerprint ({@link KeyStore#savePin}) with a seal only the observer's
 * private keys can make, recording how the pin was made: on first use (seen when reading a
 * signature, or trusted on first use), or verified ({@link #reverify}, {@link #hasVerifiedPin}); afterwards it hands out the subject's keys only if they match the pin, and
 * otherwise throws {@link KeyChangedException} until the observer {@link #reverify re-verifies}
 * (typically after comparing fingerprints out of band). A pin rewritten in storage fails its seal
 * and raises {@link IntegrityException}.
 *
 * <p>A pin also remembers whether the subject's keys had an X-Wing key (suite 2, sealed in the pin):
 * the same keys presented later without it raise {@link KeyDowngradeException}, so a storage
 * operator cannot make a sender wrap with the classical suite by serving the bundle of before the
 * subject's migration (same fingerprint, valid signature). The same keys presented with an X-Wing
 * key added (the subject migrated) are re-pinned at suite 2.
 *
 * <p>Pins sealed before the observer's own reset cannot be checked with the new keys: a matching
 * one is re-sealed, a differing one raises {@link KeyChangedException} (see {@code
 * docs/format.md}, "Key-pin seal").
 *
 * <p>Every key record it reads must be of the user it asked for ({@link IntegrityException}
 * otherwise: a storage that answers with another user's keys would have them wrapped to). It
 * verifies each distinct stored bundle once ({@link VerifiedBundles}): hold one for a unit of work
 * such as a batch of grants.
 *
 * <p>Obtain it from {@link KeyService#pinning()}, or make one on a transaction's stores. Safe for
 * use by many threads.
 */
public final class KeyPinning {
  private final Storage storage;
  private final KeyStore store;
  private final Clock clock;
  private final @Nullable KeyLogService keyLog;
  private final VerifiedBundles bundles = new VerifiedBundles();

  /**
   * Pinning whose pins are read and written through {@code storage} (a transaction's, say).
   *
   * @param keyLog the key log that must vouch for keys before they are wrapped to; null for none
   */
  public KeyPinning(Storage storage, Clock clock, @Nullable KeyLogService keyLog) {
    this.storage = storage;
    this.store = storage.keys();
    this.clock = clock;
    this.keyLog = keyLog;
  }

  /**
   * {@code subject}'s active public keys, checked against {@code observer}'s pin (pinned now if
   * there is none). For the observer's own user, the session's own keys.
   *
   * @throws SecuPassRequiredException if the subject has no active SecuPass
   * @throws KeyChangedException if the keys differ from the pinned ones
   * @throws KeyDowngradeException if they are the pinned keys without the X-Wing key they had
   * @throws IntegrityException if the stored keys or the pin were tampered with
   * @throws dev.secupass.api.InvalidSignatureException if the stored bundle's self-signature fails
   * @throws dev.secupass.api.KeyLogException if the key transparency log does not vouch for the
   *     keys (they are not in it, or the log was rewritten since the observer last saw it), or
   *     the checkpoint the subject published is not of the observer's history (a split view)
   */
  public PublicKeys verifiedKeys(KeySession observer, UserId subject) {
    if (subject.equals(observer.user())) {
      return observer.publicKeys();
    }
    PublicKeys keys = active(subject)
        .orElseThrow(() -> new SecuPassRequiredException(person(subject)));
    return compared(observer, check(observer, keys, true));
  }

  /**
   * {@code subject}'s active public keys as stored, not checked against any pin (for the decision
   * whether to check them); empty if the subject has no active SecuPass.
   *
   * @throws IntegrityException if the storage answered with the keys of another user, or the
   *     bundle is malformed
   * @throws dev.secupass.api.InvalidSignatureException if the stored bundle's self-signature fails
   */
  public Optional<PublicKeys> active(UserId subject) {
    return store.findActive(subject).map(record -> keysOf(subject, record));
  }

  /**
   * {@code active}, the keys just read as their user's active ones, checked against {@code
   * observer}'s pin like {@link #verifiedKeys(KeySession, UserId)} (without reading and parsing
   * them again).
   */
  public PublicKeys verifiedKeys(KeySession observer, PublicKeys active) {
    if (active.user().equals(observer.user())) {
      return observer.publicKeys();
    }
    return check(observer, active, true);
  }

  /**
   * {@code subject}'s public keys of {@code version} (for checking a signature made with them),
   * checked against the pin like {@link #verifiedKeys(KeySession, UserId)}, or against the
   * observer's earlier pins of the subject kept in the pin's seal. A version the observer never
   * pinned raises {@link KeyChangedException} if another version is pinned; with no pin at all it
   * is pinned on first use.
   *
   * @throws NotFoundException if the subject has no keys of that version
   * @throws IntegrityException if the version is above the subject's active one (no reset made
   *     it), or the pin was altered
   * @throws dev.secupass.api.KeyLogException FORKED if the checkpoint the subject published is
   *     not of the observer's history (a split view)
   */
  public PublicKeys verifiedKeys(KeySession observer, UserId subject, KeyVersion version) {
    if (subject.equals(observer.user()) && version.equals(observer.keyVersion())) {
      return observer.publicKeys();
    }
    KeyRecord record = store.find(subject, version).orElseThrow(() -> new NotFoundException(
        person(subject).displayName() + " has no keys of version " + version));
    if (!record.version().equals(version)) {
      throw new IntegrityException("the storage answered a read of the keys of "
          + person(subject).displayName() + " of version " + version.value()
          + " with those of version " + record.version().value());
    }
    PublicKeys keys = keysOf(subject, record);
    if (standing(observer, keys) == Standing.PINNED) {
      return compared(observer, keys);
    }
    int active = store.findActive(subject).map(r -> r.version().value()).orElse(0);
    if (version.value() > active) {
      throw new IntegrityException("the stored keys of " + person(subject) + " of version "
          + version.value() + " are newer than their current keys (version " + active
          + "): they were not made by a reset");
    }
    return compared(observer, check(observer, keys, false));
  }

  /** What an observer's pins say about a subject's keys of one version. */
  public enum Standing {
    /** The current pin or an earlier one (kept in its seal) is of these keys. */
    PINNED,
    /** The observer pinned other keys for this version. */
    DIFFERENT,
    /** The observer never pinned this version (or this subject). */
    UNKNOWN
  }

  /**
   * What {@code observer}'s pin of {@code keys}' user, and the earlier pins its seal keeps, say
   * about these keys, without pinning anything. The observer's own current keys are
   * {@link Standing#PINNED}.
   *
   * @throws IntegrityException if the stored pin was altered
   */
  public Standing standing(KeySession observer, PublicKeys keys) {
    if (keys.user().equals(observer.user())) {
      return keys.version().equals(observer.keyVersion())
          ? keys.fingerprint().equals(observer.publicKeys().fingerprint()) ? Standing.PINNED : Standing.DIFFERENT
          : Standing.UNKNOWN;
    }
    Optional<KeyPin> found = store.findPin(observer.user(), keys.user());
    if (found.isEmpty()) {
      return Standing.UNKNOWN;
    }
    KeyPin pin = found.get();
    PinSeal.Opened seal = opened(observer, pin);
    if (pin.version().equals(keys.version())) {
      return pin.fingerprint().equals(keys.fingerprint()) ? Standing.PINNED : Standing.DIFFERENT;
    }
    if (seal.check() != PinSeal.Check.VALID) {
      return Standing.UNKNOWN;
    }
    return seal.history().stream().filter(e -> e.version().equals(keys.version()))
        .reduce((first, second) -> second)
        .map(e -> e.fingerprint().equals(keys.fingerprint()) ? Standing.PINNED
            : Standing.DIFFERENT)
        .orElse(Standing.UNKNOWN);
  }

  /**
   * Pins {@code subject}'s active keys after the observer confirmed their fingerprint out of band,
   * replacing any earlier pin (which its seal keeps as history).
   *
   * @param confirmed the fingerprint the observer compared
   * @throws KeyChangedException if the stored keys do not have the confirmed fingerprint (nothing
   *     is pinned)
   * @throws KeyDowngradeException if they are the pinned keys without the X-Wing key they had
   * @throws SecuPassRequiredException if the subject has no active SecuPass
   */
  public PublicKeys reverify(KeySession observer, UserId subject, Fingerprint confirmed) {
    PublicKeys keys = active(subject)
        .orElseThrow(() -> new SecuPassRequiredException(person(subject)));
    if (!keys.fingerprint().equals(confirmed)) {
      throw new KeyChangedException(person(subject), confirmed, keys.fingerprint());
    }
    List<PinSeal.Earlier> history = new ArrayList<>();
    Optional<KeyPin> earlier = store.findPin(observer.user(), subject);
    if (earlier.isPresent()) {
      KeyPin pin = earlier.get();
      PinSeal.Opened seal = observer.checkPin(pin);
      if (seal.check() == PinSeal.Check.VALID && pin.version().equals(keys.version())
          && pin.fingerprint().equals(keys.fingerprint()) && keys.suite() < seal.suite()) {
        throw new KeyDowngradeException(person(subject));
      }
      if (seal.check() == PinSeal.Check.VALID) {
        history.addAll(seal.history());
        history.removeIf(e -> e.version().equals(pin.version()));
        if (!pin.version().equals(keys.version())) {
          history.add(new PinSeal.Earlier(pin.version(), pin.fingerprint(), seal.trust()));
        }
      }
    }
    history.removeIf(e -> e.version().equals(keys.version()));
    pin(observer, keys, PinSeal.Trust.FINGERPRINT_COMPARED, history);
    return keys;
  }

  /**
   * Whether {@code observer}'s pin of {@code subject} is verified: made after the observer compared
   * the fingerprint or the safety words, or after an access code's binding verified the keys
   * ({@link PinSeal.Trust#FINGERPRINT_COMPARED}). A pin made on first use is not: one seen when
   * reading (opening a delivery or a room's log pins its signer's keys to check the signature),
   * one a send made under trust on first use, one of a version-1 seal, and one re-made after the
   * observer's own reset (its old seal could not be checked). The observer's own keys count as
   * verified. Only a verified pin lets the default first-contact policy wrap at levels 3 and 4.
   *
   * @throws IntegrityException if the stored pin was altered
   */
  public boolean hasVerifiedPin(KeySession observer, UserId subject) {
    if (subject.equals(observer.user())) {
      return true;
    }
    return store.findPin(observer.user(), subject)
        .map(pin -> opened(observer, pin))
        .filter(seal -> seal.check() == PinSeal.Check.VALID
            && seal.trust() == PinSeal.Trust.FINGERPRINT_COMPARED)
        .isPresent();
  }

  /**
   * Checks {@code keys} against {@code observer}'s pin of their user, if there is one, without
   * pinning anything or asking the key log: for keys a release holds until the observer confirms
   * them. Keys pinned when reading and replaced since are a change of keys, not a first contact.
   *
   * @throws KeyChangedException if the keys differ from the pinned ones
   * @throws KeyDowngradeException if they are the pinned keys without the X-Wing key they had
   * @throws IntegrityException if the stored pin was altered
   */
  public void requireUnchanged(KeySession observer, PublicKeys keys) {
    if (!keys.user().equals(observer.user())) {
      store.findPin(observer.user(), keys.user()).ifPresent(pin -> matching(observer, pin, keys));
    }
  }

  /**
   * The fingerprint {@code observer} pinned for {@code subject}, if any and if its seal checks out
   * (for showing "verified" in a UI).
   */
  public Optional<Fingerprint> pinnedFingerprint(KeySession observer, UserId subject) {
    return store.findPin(observer.user(), subject)
        .filter(pin -> observer.checkPin(pin).check() == PinSeal.Check.VALID)
        .map(KeyPin::fingerprint);
  }

  /**
   * Checks {@code keys} against the observer's pin, pinning them on first use.
   *
   * @param toWrap the observer is about to wrap a key to them: the key log must vouch for them
   *     first (before anything is pinned)
   */
  private PublicKeys check(KeySession observer, PublicKeys keys, boolean toWrap) {
    Optional<KeyPin> found = store.findPin(observer.user(), keys.user());
    if (found.isEmpty()) {
      vouch(observer, keys, toWrap);
      pin(observer, keys, PinSeal.Trust.FIRST_USE, List.of());
      return keys;
    }
    PinSeal.Opened seal = matching(observer, found.get(), keys);
    vouch(observer, keys, toWrap);
    if (seal.check() == PinSeal.Check.UNVERIFIABLE) {
      pin(observer, keys, PinSeal.Trust.FIRST_USE, List.of());
    } else if (seal.version() == 1 || keys.suite() > seal.suite()) {
      pin(observer, keys, seal.trust(), seal.history());
    }
    return keys;
  }

  /**
   * The seal of {@code pin}, checked, after checking that {@code keys} are the pinned ones.
   *
   * @throws KeyChangedException if they are not
   * @throws KeyDowngradeException if they lack the X-Wing key the pin recorded
   */
  private PinSeal.Opened matching(KeySession observer, KeyPin pin, PublicKeys keys) {
    PinSeal.Opened seal = opened(observer, pin);
    if (!pin.version().equals(keys.version()) || !pin.fingerprint().equals(keys.fingerprint())) {
      throw new KeyChangedException(person(keys.user()), pin.fingerprint(), keys.fingerprint());
    }
    if (keys.suite() < seal.suite()) {
      throw new KeyDowngradeException(person(keys.user()));
    }
    return seal;
  }

  /** The one hook into the key log before a wrap: inclusion and consistency (docs/key-log.md). */
  private void vouch(KeySession observer, PublicKeys keys, boolean toWrap) {
    if (toWrap && keyLog != null) {
      keyLog.vouch(storage, observer, keys);
    }
  }

  /**
   * The other hook into the key log, whenever an observer relies on someone's keys: the
   * checkpoint exchange (docs/key-log.md), which compares the checkpoint the subject's SDK
   * published, signed by these keys, with the observer's.
   */
  private PublicKeys compared(KeySession observer, PublicKeys keys) {
    if (keyLog != null && !keys.user().equals(observer.user())) {
      keyLog.compare(storage, observer, keys);
    }
    return keys;
  }

  /**
   * The reader rule for the key-log checkpoint {@code signer} bound into a statement the observer
   * just verified under {@code signer}'s verified keys (a delivery manifest of version 3, a
   * membership-log entry of version 2): it must be of one history with the observer's
   * ({@code docs/key-log.md}, "Checkpoint exchange").
   *
   * @throws dev.secupass.api.KeyLogException FORKED if it is not; nothing may be read then
   */
  public void compareBound(KeySession observer, UserId signer, BoundCheckpoint bound) {
    if (keyLog != null) {
      keyLog.compareBound(storage, observer, signer, bound);
    }
  }

  /**
   * The key-log checkpoint {@code session}'s SDK relies on now, to bind into a statement it signs
   * ({@link BoundCheckpoint#NONE} without a key log or a view of it).
   */
  public BoundCheckpoint reliedCheckpoint(KeySession session) {
    return keyLog == null ? BoundCheckpoint.NONE : keyLog.relied(storage, session);
  }

  /** The pin's seal, checked: an altered one raises {@link IntegrityException}. */
  private PinSeal.Opened opened(KeySession observer, KeyPin pin) {
    PinSeal.Opened seal = observer.checkPin(pin);
    if (seal.check() == PinSeal.Check.INVALID) {
      throw new IntegrityException("the stored verification of " + person(pin.subject())
          + " by " + person(observer.user()) + " was altered");
    }
    return seal;
  }

  /**
   * The keys of {@code record}, which a read of {@code subject}'s keys returned: refused if the
   * record is another user's, parsed once per distinct bundle.
   */
  private PublicKeys keysOf(UserId subject, KeyRecord record) {
    if (!record.user().equals(subject)) {
      throw new IntegrityException("the storage answered a read of the keys of "
          + person(subject).displayName() + " with the keys of "
          + person(record.user()).displayName());
    }
    return bundles.of(record);
  }

  private Person person(UserId user) {
    return People.of(storage, user);
  }

  private void pin(KeySession observer, PublicKeys keys, PinSeal.Trust trust,
      List<PinSeal.Earlier> history) {
    store.savePin(new KeyPin(observer.user(), keys.user(), keys.version(), keys.fingerprint(),
        clock.instant(), observer.pinSeal(keys.user(), keys.version(), keys.fingerprint(), trust,
            keys.suite(), history)));
  }
}
