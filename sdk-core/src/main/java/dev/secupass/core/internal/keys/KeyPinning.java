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
import dev.secupass.core.internal.format.FormatPrefix;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.Storage;
import java.time.Clock;
import java.util.Optional;

/**
 * Trust on first use for other users' public keys. The first time an observer uses a subject's
 * keys, the SDK pins their fingerprint ({@link KeyStore#savePin}) with a seal only the observer's
 * private keys can make; afterwards it hands out the subject's keys only if they match the pin, and
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
 * <p>Obtain it from {@link KeyService#pinning()}, or make one on a transaction's stores. Safe for
 * use by many threads.
 */
public final class KeyPinning {
  private final Storage storage;
  private final KeyStore store;
  private final Clock clock;

  /** Pinning whose pins are read and written through {@code storage} (a transaction's, say). */
  public KeyPinning(Storage storage, Clock clock) {
    this.storage = storage;
    this.store = storage.keys();
    this.clock = clock;
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
   */
  public PublicKeys verifiedKeys(KeySession observer, UserId subject) {
    if (subject.equals(observer.user())) {
      return observer.publicKeys();
    }
    KeyRecord record = store.findActive(subject)
        .orElseThrow(() -> new SecuPassRequiredException(person(subject)));
    return check(observer, PublicKeys.of(record));
  }

  /**
   * {@code subject}'s public keys of {@code version} (for checking a signature made with them),
   * checked against the pin like {@link #verifiedKeys(KeySession, UserId)}: a version other
   * than the pinned one raises {@link KeyChangedException}.
   *
   * @throws NotFoundException if the subject has no keys of that version
   */
  public PublicKeys verifiedKeys(KeySession observer, UserId subject, KeyVersion version) {
    if (subject.equals(observer.user()) && version.equals(observer.keyVersion())) {
      return observer.publicKeys();
    }
    KeyRecord record = store.find(subject, version).orElseThrow(() -> new NotFoundException(
        person(subject).displayName() + " has no keys of version " + version));
    return check(observer, PublicKeys.of(record));
  }

  /**
   * Pins {@code subject}'s active keys after the observer confirmed their fingerprint out of band,
   * replacing any earlier pin.
   *
   * @param confirmed the fingerprint the observer compared
   * @throws KeyChangedException if the stored keys do not have the confirmed fingerprint (nothing
   *     is pinned)
   * @throws SecuPassRequiredException if the subject has no active SecuPass
   */
  public PublicKeys reverify(KeySession observer, UserId subject, Fingerprint confirmed) {
    KeyRecord record = store.findActive(subject)
        .orElseThrow(() -> new SecuPassRequiredException(person(subject)));
    PublicKeys keys = PublicKeys.of(record);
    if (!keys.fingerprint().equals(confirmed)) {
      throw new KeyChangedException(person(subject), confirmed, keys.fingerprint());
    }
    pin(observer, keys);
    return keys;
  }

  /**
   * The fingerprint {@code observer} pinned for {@code subject}, if any and if its seal checks out
   * (for showing "verified" in a UI).
   */
  public Optional<Fingerprint> pinnedFingerprint(KeySession observer, UserId subject) {
    return store.findPin(observer.user(), subject)
        .filter(pin -> observer.checkPin(pin) == PinSeal.Check.VALID)
        .map(KeyPin::fingerprint);
  }

  private PublicKeys check(KeySession observer, PublicKeys keys) {
    Optional<KeyPin> found = store.findPin(observer.user(), keys.user());
    if (found.isEmpty()) {
      pin(observer, keys);
      return keys;
    }
    KeyPin pin = found.get();
    PinSeal.Check seal = observer.checkPin(pin);
    if (seal == PinSeal.Check.INVALID) {
      throw new IntegrityException("the stored verification of " + person(keys.user())
          + " by " + person(observer.user()) + " was altered");
    }
    if (!pin.version().equals(keys.version()) || !pin.fingerprint().equals(keys.fingerprint())) {
      throw new KeyChangedException(person(keys.user()), pin.fingerprint(), keys.fingerprint());
    }
    int pinnedSuite = seal == PinSeal.Check.VALID
        ? PinSeal.suite(pin.seal()) : FormatPrefix.SUITE_1;
    if (keys.suite() < pinnedSuite) {
      throw new KeyDowngradeException(person(keys.user()));
    }
    if (seal == PinSeal.Check.UNVERIFIABLE || keys.suite() > pinnedSuite) {
      pin(observer, keys);
    }
    return keys;
  }

  private Person person(UserId user) {
    return People.of(storage, user);
  }

  private void pin(KeySession observer, PublicKeys keys) {
    store.savePin(new KeyPin(observer.user(), keys.user(), keys.version(), keys.fingerprint(),
        clock.instant(), observer.pinSeal(keys.user(), keys.version(), keys.fingerprint(),
            keys.suite())));
  }
}
