package dev.secupass.core.internal.keys;

import dev.secupass.api.ConflictException;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyLogException;
import dev.secupass.api.InvalidKeyBlobException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.Person;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongSecuPassException;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.keylog.KeyLogEntry;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import dev.secupass.core.internal.keylog.KeyLogService;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.internal.format.FormatPrefix;
import dev.secupass.core.keylog.KeyLogAlarm;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.UnlockAttemptListener;
import dev.secupass.spi.KdfParameters;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's SecuPass key pairs: activation, unlock, change and reset, on the key store of one
 * {@link Storage} (the SDK's, or a transaction's: {@link #on}).
 *
 * <ul>
 *   <li>Activation makes an X25519 key (receives content keys through HPKE envelopes), an
 *       Ed25519 key (signs) and, under {@link KeySuite#X_WING}, an X-Wing key (receives content
 *       keys through post-quantum envelopes), and seals the private keys under a key Argon2id derives from the
 *       SecuPass: {@link #prepare} does that outside any transaction, {@link #activate} stores it.
 *   <li>{@link #unlock}: checks the SecuPass and returns a session. A wrong SecuPass is {@link
 *       WrongSecuPassException} (reported to the {@link UnlockAttemptListener}); a damaged or
 *       foreign key record is {@link InvalidKeyBlobException}. A blob sealed under weaker
 *       parameters than the policy is re-sealed; under {@link KeySuite#X_WING}, keys without an
 *       X-Wing key get one added to the same key version (migration, see {@link #unlock}).
 *   <li>{@link #change}: re-seals the same keys under a new SecuPass with one conditional update.
 *   <li>A reset (forgotten SecuPass) prepares new keys under the next version ({@link
 *       #prepareReset}) and {@link #reset} retires the active ones in one atomic step.
 * </ul>
 *
 * <p>Every Argon2id derivation runs under the {@link KdfLimiter}. Sessions are registered with the
 * SDK's {@link Sessions}. Safe for use by many threads.
 */
public final class KeyService {
  private static final Logger LOG = LoggerFactory.getLogger(KeyService.class);

  private final Storage storage;
  private final KeyStore store;
  private final Clock clock;
  private final SecureRandom random;
  private final KdfPolicy policy;
  private final KeySuite suite;
  private final Duration idleTimeout;
  private final UnlockAttemptListener listener;
  private final KdfLimiter limiter;
  private final Sessions sessions;
  private final @Nullable KeyLogService keyLog;

  /** Key service without a key transparency log: for tools and tests of the key machinery. */
  public KeyService(Storage storage, Clock clock, SecureRandom random, KdfPolicy policy,
      KeySuite suite, Duration idleTimeout, UnlockAttemptListener listener, KdfLimiter limiter,
      Sessions sessions) {
    this(storage, clock, random, policy, suite, idleTimeout, listener, limiter, sessions, null);
  }

  /**
   * Key service that logs every public key version in {@code keyLog}, checks it before keys are
   * wrapped to ({@link #pinning()}) and monitors it at every session it opens.
   */
  public KeyService(Storage storage, Clock clock, SecureRandom random, KdfPolicy policy,
      KeySuite suite, Duration idleTimeout, UnlockAttemptListener listener, KdfLimiter limiter,
      Sessions sessions, @Nullable KeyLogService keyLog) {
    this.storage = storage;
    this.store = storage.keys();
    this.clock = clock;
    this.random = random;
    this.policy = policy;
    this.suite = suite;
    this.idleTimeout = idleTimeout;
    this.listener = listener;
    this.limiter = limiter;
    this.sessions = sessions;
    this.keyLog = keyLog;
  }

  /** The same service on {@code other}'s stores (a transaction's). */
  public KeyService on(Storage other) {
    return other == storage ? this : new KeyService(other, clock, random, policy, suite, idleTimeout,
        listener, limiter, sessions, keyLog);
  }

  /**
   * The relay's check of the key-log checkpoint a client bound into a statement it signed
   * ({@link KeyLogService#requireOfThisLog}); without a key log only "none" (size 0) is one.
   *
   * @throws dev.secupass.api.KeyLogException FORKED if it is not one of this host's log
   */
  public void requireOfThisLog(BoundCheckpoint seen) {
    if (keyLog != null) {
      keyLog.requireOfThisLog(storage, seen);
    } else if (!seen.none()) {
      throw new dev.secupass.api.KeyLogException(dev.secupass.api.KeyLogException.Kind.FORKED,
          "the checkpoint the client signed is not one of this host's log (it keeps none)");
    }
  }

  /** Key pinning on the same stores and clock, checking the key log before keys are wrapped to. */
  public KeyPinning pinning() {
    return new KeyPinning(storage, clock, keyLog);
  }

  /** The sessions this SDK instance handed out. */
  public Sessions sessions() {
    return sessions;
  }

  /**
   * New key pairs for {@code user}, sealed under {@code secuPass} (the Argon2id derivation), ready
   * to be stored by {@link #activate} or {@link #reset}. Close it if it is not stored.
   *
   * @param version the version the keys will have
   * @throws dev.secupass.api.BusyException if too many key derivations run at once
   */
  public PreparedKeys prepare(UserId user, KeyVersion version, SecuPass secuPass) {
    if (keyLog != null) {
      keyLog.checkpointKey();
    }
    PrivateKeys keys = PrivateKeys.generate(random,
        suite == KeySuite.X_WING ? FormatPrefix.SUITE_2 : FormatPrefix.SUITE_1);
    byte[] passphrase = TypedSecrets.utf8(secuPass);
    try {
      KdfParameters kdf = kdf();
      byte[] blob = limiter.run(kdf.memoryKiB(),
          () -> KeyBlob.seal(user, version, keys, passphrase, kdf, random));
      return new PreparedKeys(new KeyRecord(user, version, KeyState.ACTIVE,
          PublicKeyBundle.encode(user, version, keys), blob, kdf, 0, clock.instant()), keys);
    } catch (RuntimeException e) {
      keys.close();
      throw e;
    } finally {
      Wipe.bytes(passphrase);
    }
  }

  /**
   * New key pairs to replace the user's active ones after a forgotten SecuPass (see {@link
   * #prepare}).
   *
   * @throws SecuPassRequiredException if the user has no active SecuPass (activate instead)
   */
  public PreparedKeys prepareReset(UserId user, SecuPass next) {
    return prepare(user, active(user).version().next(), next);
  }

  /**
   * First activation in one step ({@link #prepare} and {@link #activate(PreparedKeys)}), without
   * grant bookkeeping: for tools and tests of the key machinery; the SDK activates through {@code
   * SecuPasses}.
   */
  public KeySession activate(UserId user, SecuPass secuPass) {
    try (PreparedKeys prepared = prepare(user, KeyVersion.FIRST, secuPass)) {
      return activate(prepared);
    }
  }

  /**
   * A reset in one step ({@link #prepareReset} and {@link #reset(PreparedKeys)}), without grant
   * bookkeeping: for tools and tests of the key machinery.
   */
  public KeySession reset(UserId user, SecuPass next) {
    try (PreparedKeys prepared = prepareReset(user, next)) {
      return reset(prepared);
    }
  }

  /**
   * First activation: stores prepared keys of version 1.
   *
   * @return a session holding the new keys
   * @throws ConflictException if the user already has key records (unlock, change or reset then)
   */
  public KeySession activate(PreparedKeys prepared) {
    KeyRecord stored = store.create(prepared.record());
    LOG.debug("activated SecuPass keys of user {} {}", stored.user(), stored.version());
    byte[] entry = logged(KeyLogEntry.Event.ACTIVATION, stored);
    return session(stored, prepared.take(), entry);
  }

  /**
   * After a forgotten SecuPass: stores prepared keys of the next version and retires the active
   * ones in one atomic step. Whatever was wrapped to the old keys can no longer be opened by this
   * user and must be granted again. The host must have authenticated the user by other means.
   *
   * @return a session holding the new keys
   * @throws SecuPassRequiredException if the user has no active SecuPass
   * @throws ConflictException if the key record changed since the keys were prepared
   */
  public KeySession reset(PreparedKeys prepared) {
    UserId user = prepared.record().user();
    KeyRecord current = active(user);
    if (!current.version().next().equals(prepared.record().version())) {
      throw new ConflictException("the SecuPass of " + person(user).displayName()
          + " changed meanwhile; try again");
    }
    KeyRecord stored = store.rotate(current, prepared.record());
    LOG.debug("reset the SecuPass of user {}: {} retired, {} active", user, current.version(),
        stored.version());
    byte[] entry = logged(KeyLogEntry.Event.RESET, stored);
    return session(stored, prepared.take(), entry);
  }

  /**
   * Opens the user's active keys with {@code secuPass}.
   *
   * <p>Migration: under {@link KeySuite#X_WING}, keys of suite 1 get a fresh X-Wing key added to
   * the same key version: a suite-2 bundle with the same X25519 and Ed25519 keys (so the same
   * fingerprint, and every pin of them carries over), self-signed by the existing Ed25519 key, and
   * a suite-2 blob with all three private keys, stored with one conditional update. Envelopes
   * sealed to the X25519 key earlier keep opening; senders seal to the X-Wing key from then on.
   * Losing the update to a concurrent change leaves the keys as they were for this session.
   *
   * @throws SecuPassRequiredException if the user has no active SecuPass
   * @throws WrongSecuPassException if {@code secuPass} is wrong (the listener is told first)
   * @throws InvalidKeyBlobException if the stored key record is damaged or foreign
   * @throws dev.secupass.api.UnsupportedFormatException if it was written in an unknown format
   * @throws dev.secupass.api.BusyException if too many key derivations run at once
   */
  public KeySession unlock(UserId user, SecuPass secuPass) {
    KeyRecord record = active(user);
    byte[] passphrase = TypedSecrets.utf8(secuPass);
    try {
      boolean reseal = KdfPolicies.isStrongerThan(policy, record.kdf());
      boolean migrate = suite == KeySuite.X_WING
          && PublicKeys.of(record).suite() == FormatPrefix.SUITE_1;
      int memory = Math.max(record.kdf().memoryKiB(),
          reseal ? kdf().memoryKiB() : 0);
      KeyRecord[] current = {record};
      PrivateKeys keys = limiter.run(memory, () -> {
        PrivateKeys opened = open(record, passphrase);
        try {
          if (migrate) {
            PrivateKeys upgraded = opened.withXWing(random);
            Optional<KeyRecord> migrated =
                migrate(record, upgraded, passphrase, reseal ? kdf() : record.kdf());
            if (migrated.isPresent()) {
              opened.close();
              current[0] = migrated.get();
              return upgraded;
            }
            upgraded.close();
          } else if (reseal) {
            reseal(record, opened, passphrase);
          }
          return opened;
        } catch (RuntimeException e) {
          opened.close();
          throw e;
        }
      });
      byte[] entry;
      try {
        entry = current[0].equals(record) ? null : logged(KeyLogEntry.Event.KEY_CHANGE, current[0]);
      } catch (RuntimeException e) {
        keys.close();
        throw e;
      }
      // Keys this unlock migrated: the bundle they replaced is the user's too (its private keys
      // just opened), whoever logged it: a browser client that keeps its own view, say.
      return session(current[0], keys, entry,
          current[0].equals(record) ? null : record.publicKeys());
    } finally {
      Wipe.bytes(passphrase);
    }
  }

  /**
   * Re-seals the user's keys (same key pair, same version) under {@code next}, after checking
   * {@code current}, with a conditional update: of concurrent changes exactly one wins.
   *
   * @throws WrongSecuPassException if {@code current} is wrong
   * @throws ConflictException if the key record changed meanwhile (nothing was changed)
   * @throws SecuPassRequiredException if the user has no active SecuPass
   * @throws InvalidKeyBlobException if the stored key record is damaged or foreign
   */
  public void change(UserId user, SecuPass current, SecuPass next) {
    KeyRecord record = active(user);
    byte[] passphrase = TypedSecrets.utf8(current);
    byte[] nextPassphrase = TypedSecrets.utf8(next);
    try {
      int memory = Math.max(record.kdf().memoryKiB(), kdf().memoryKiB());
      byte[] blob = limiter.run(memory, () -> {
        try (PrivateKeys keys = open(record, passphrase)) {
          return KeyBlob.seal(user, record.version(), keys, nextPassphrase, kdf(),
              random);
        }
      });
      store.update(record.withEncryptedPrivateKeys(blob, kdf()));
      LOG.debug("changed the SecuPass of user {} {}", user, record.version());
    } finally {
      Wipe.bytes(passphrase, nextPassphrase);
    }
  }

  /** Whether the user has an active SecuPass. */
  public boolean hasSecuPass(UserId user) {
    return store.findActive(user).isPresent();
  }

  /**
   * Does nothing if the user has an active SecuPass.
   *
   * @throws SecuPassRequiredException otherwise
   */
  public void requireSecuPass(UserId user) {
    active(user);
  }

  /**
   * The user's active public keys as stored, not checked against any pin: use {@link #pinning()}
   * for keys you are about to trust.
   */
  public Optional<PublicKeys> activeKeys(UserId user) {
    return store.findActive(user).map(PublicKeys::of);
  }

  private KdfParameters kdf() {
    return KdfPolicies.parameters(policy);
  }

  private KeyRecord active(UserId user) {
    return store.findActive(user)
        .orElseThrow(() -> new SecuPassRequiredException(person(user)));
  }

  private Person person(UserId user) {
    return People.of(storage, user);
  }

  /** Checks the record and the SecuPass, telling the listener; returns the private keys. */
  private PrivateKeys open(KeyRecord record, byte[] passphrase) {
    UserId user = record.user();
    PublicKeys publicKeys = recordKeys(record);
    listener.beforeAttempt(user);
    PrivateKeys keys;
    try {
      keys = KeyBlob.open(record.encryptedPrivateKeys(), user, record.version(), record.kdf(),
          passphrase);
    } catch (WrongSecuPassException e) {
      listener.wrongSecuPass(user);
      throw new WrongSecuPassException(person(user));
    }
    byte[] xwingPublic = keys.xwingPublic();
    byte[] xwingRecorded = publicKeys.xwingKey();
    boolean xwingMatches = xwingPublic == null || xwingRecorded == null
        ? xwingPublic == xwingRecorded
        : Hashes.constantTimeEquals(xwingPublic, xwingRecorded);
    if (!Hashes.constantTimeEquals(keys.encryptionPublic(), publicKeys.encryptionKey())
        || !Hashes.constantTimeEquals(keys.signingPublic(), publicKeys.signingKey())
        || !xwingMatches) {
      keys.close();
      throw new InvalidKeyBlobException("the stored private keys of "
          + person(user).displayName() + " do not match their public keys");
    }
    listener.succeeded(user);
    return keys;
  }

  private PublicKeys recordKeys(KeyRecord record) {
    try {
      return PublicKeys.of(record);
    } catch (IntegrityException e) {
      throw new InvalidKeyBlobException("the stored public keys of "
          + person(record.user()).displayName() + " are invalid: " + e.getMessage());
    }
  }

  /** Re-seals under the policy's stronger parameters; losing a race to another change is fine. */
  private void reseal(KeyRecord record, PrivateKeys keys, byte[] passphrase) {
    byte[] blob = KeyBlob.seal(record.user(), record.version(), keys, passphrase,
        kdf(), random);
    try {
      store.update(record.withEncryptedPrivateKeys(blob, kdf()));
      LOG.debug("re-sealed the keys of user {} {} under {}", record.user(), record.version(),
          kdf());
    } catch (ConflictException | NotFoundException e) {
      LOG.debug("did not re-seal the keys of user {} {}: the record changed meanwhile",
          record.user(), record.version());
    }
  }

  /**
   * Stores {@code upgraded} (the record's keys with an X-Wing key added) in the same key version;
   * empty if a concurrent change won.
   */
  private Optional<KeyRecord> migrate(KeyRecord record, PrivateKeys upgraded, byte[] passphrase,
      KdfParameters kdf) {
    byte[] bundle = PublicKeyBundle.encode(record.user(), record.version(), upgraded);
    byte[] blob = KeyBlob.seal(record.user(), record.version(), upgraded, passphrase, kdf,
        random);
    try {
      KeyRecord stored = store.update(record.withKeys(bundle, blob, kdf));
      LOG.debug("added an X-Wing key to the keys of user {} {}", record.user(),
          record.version());
      return Optional.of(stored);
    } catch (ConflictException | NotFoundException e) {
      LOG.debug("did not add an X-Wing key to the keys of user {} {}: the record changed"
          + " meanwhile", record.user(), record.version());
      return Optional.empty();
    }
  }

  /** Appends a key version this SDK stored to the key log; its leaf hash, or null without one. */
  private byte @Nullable [] logged(KeyLogEntry.Event event, KeyRecord stored) {
    return keyLog == null ? null : keyLog.append(storage,
        KeyLogEntry.of(event, stored.user(), stored.version(), stored.publicKeys()));
  }

  /**
   * A session of {@code record}'s keys. The key log's self-monitoring runs here, at every
   * activation, reset and unlock: its alarms go to the session and to the host's events.
   *
   * @param ownEntry the leaf this SDK just appended for these keys, if any
   */
  private KeySession session(KeyRecord record, PrivateKeys keys, byte @Nullable [] ownEntry) {
    return session(record, keys, ownEntry, null);
  }

  /**
   * As {@link #session(KeyRecord, PrivateKeys, byte[])}, where {@code replacedBundle} is the
   * bundle of the same key version these keys replaced at this unlock (an added X-Wing key):
   * entries of it are the user's own.
   */
  private KeySession session(KeyRecord record, PrivateKeys keys, byte @Nullable [] ownEntry,
      byte @Nullable [] replacedBundle) {
    KeySession session;
    try {
      session = new KeySession(sessions, person(record.user()), recordKeys(record), keys, clock,
          idleTimeout, random);
    } catch (RuntimeException e) {
      keys.close();
      throw e;
    }
    if (keyLog != null) {
      try {
        session.keyLogAlarms(keyLog.monitor(storage, session, ownEntry, replacedBundle));
      } catch (KeyLogException e) {
        LOG.warn("could not check the key log for user {}: {}", record.user(), e.getMessage());
        session.keyLogAlarms(List.of(new KeyLogAlarm(record.user(), KeyLogAlarm.Kind.CHECK_FAILED,
            -1, null)));
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
    }
    sessions.add(session);
    return session;
  }
}
