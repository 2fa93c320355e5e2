package dev.secupass.core.keys;

import dev.secupass.api.ConflictException;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidKeyBlobException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongSecuPassException;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import dev.secupass.spi.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's SecuPass key pairs: activation, unlock, change and reset, on a {@link KeyStore}.
 *
 * <ul>
 *   <li>{@link #activate}: makes an X25519 key (receives content keys through HPKE envelopes) and
 *       an Ed25519 key (signs), stores the public keys and the private keys sealed under a key
 *       Argon2id derives from the SecuPass. Takes the Argon2id time (see {@code
 *       docs/benchmarks.md}).
 *   <li>{@link #unlock}: checks the SecuPass and returns a {@link SecuPassSession}. A wrong
 *       SecuPass is {@link WrongSecuPassException} (reported to the {@link UnlockAttemptListener});
 *       a damaged or foreign key record is {@link InvalidKeyBlobException}. A blob sealed under
 *       weaker parameters than the policy is re-sealed.
 *   <li>{@link #change}: re-seals the same keys under a new SecuPass with one conditional update.
 *   <li>{@link #reset}: a forgotten SecuPass; new keys under the next version, the old retired.
 * </ul>
 *
 * <pre>{@code
 * SecuPassKeys keys = SecuPassKeys.builder(storage.keys()).clock(clock).build();
 * try (SecuPass pass = SecuPass.of(typed);
 *     SecuPassSession session = keys.unlock(user, pass)) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Safe for use by many threads.
 */
public final class SecuPassKeys {
  private static final Logger LOG = LoggerFactory.getLogger(SecuPassKeys.class);

  private final KeyStore store;
  private final Clock clock;
  private final SecureRandom random;
  private final KdfPolicy policy;
  private final Duration idleTimeout;
  private final UnlockAttemptListener listener;
  private final KeyPinning pinning;

  private SecuPassKeys(Builder builder) {
    this.store = builder.store;
    this.clock = builder.clock;
    this.random = builder.random;
    this.policy = builder.policy;
    this.idleTimeout = builder.idleTimeout;
    this.listener = builder.listener;
    this.pinning = new KeyPinning(store, clock);
  }

  /** A builder for a key service on {@code store}. */
  public static Builder builder(KeyStore store) {
    return new Builder(store);
  }

  /** Builds {@link SecuPassKeys}; everything but the store has a default. */
  public static final class Builder {
    private final KeyStore store;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private KdfPolicy policy = KdfPolicy.DEFAULT;
    private Duration idleTimeout = Duration.ofMinutes(15);
    private UnlockAttemptListener listener = UnlockAttemptListener.NONE;

    private Builder(KeyStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /** The clock for creation times, pins and session expiry (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The source of keys, salts and nonces (default: a new {@link SecureRandom}). */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The Argon2id cost of new blobs (default {@link KdfPolicy#DEFAULT}). */
    public Builder kdfPolicy(KdfPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** How long a session may stay unused before it closes itself (default 15 minutes). */
    public Builder sessionIdleTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the session idle timeout must be positive");
      }
      this.idleTimeout = timeout;
      return this;
    }

    /** The host's hook for rate limiting and lockout (default: none). */
    public Builder unlockAttemptListener(UnlockAttemptListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public SecuPassKeys build() {
      return new SecuPassKeys(this);
    }
  }

  /**
   * First activation: makes the user's key pairs (version 1) and stores them under {@code
   * secuPass}.
   *
   * @return a session holding the new keys
   * @throws ConflictException if the user already has key records (unlock, change or reset then)
   */
  public SecuPassSession activate(UserId user, SecuPass secuPass) {
    PrivateKeys keys = PrivateKeys.generate(random);
    try {
      KeyRecord stored = store.create(newRecord(user, KeyVersion.FIRST, keys, secuPass));
      LOG.debug("activated SecuPass keys of user {} {}", user, stored.version());
      return session(stored, keys);
    } catch (RuntimeException e) {
      keys.close();
      throw e;
    }
  }

  /**
   * Opens the user's active keys with {@code secuPass}.
   *
   * @throws SecuPassRequiredException if the user has no active SecuPass
   * @throws WrongSecuPassException if {@code secuPass} is wrong (the listener is told first)
   * @throws InvalidKeyBlobException if the stored key record is damaged or foreign
   * @throws dev.secupass.api.UnsupportedFormatException if it was written in an unknown format
   */
  public SecuPassSession unlock(UserId user, SecuPass secuPass) {
    KeyRecord record = active(user);
    byte[] passphrase = secuPass.normalizedUtf8();
    PrivateKeys keys = null;
    try {
      keys = open(record, passphrase);
      if (policy.isStrongerThan(record.kdf())) {
        reseal(record, keys, passphrase);
      }
      return session(record, keys);
    } catch (RuntimeException e) {
      if (keys != null) {
        keys.close();
      }
      throw e;
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
    byte[] passphrase = current.normalizedUtf8();
    byte[] nextPassphrase = next.normalizedUtf8();
    try (PrivateKeys keys = open(record, passphrase)) {
      byte[] blob = KeyBlob.seal(user, record.version(), keys, nextPassphrase,
          policy.parameters(), random);
      store.update(record.withEncryptedPrivateKeys(blob, policy.parameters()));
      LOG.debug("changed the SecuPass of user {} {}", user, record.version());
    } finally {
      Wipe.bytes(passphrase, nextPassphrase);
    }
  }

  /**
   * After a forgotten SecuPass: makes new key pairs under the next version, sealed under {@code
   * next}, and retires the active ones in one atomic step. Whatever was wrapped to the old keys
   * can no longer be opened by this user and must be granted again.
   *
   * <p>The host must have authenticated the user by other means first.
   *
   * @return a session holding the new keys
   * @throws SecuPassRequiredException if the user has no active SecuPass (activate instead)
   * @throws ConflictException if the key record changed meanwhile
   */
  public SecuPassSession reset(UserId user, SecuPass next) {
    KeyRecord current = active(user);
    PrivateKeys keys = PrivateKeys.generate(random);
    try {
      KeyRecord stored = store.rotate(current,
          newRecord(user, current.version().next(), keys, next));
      LOG.debug("reset the SecuPass of user {}: {} retired, {} active", user, current.version(),
          stored.version());
      return session(stored, keys);
    } catch (RuntimeException e) {
      keys.close();
      throw e;
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

  /** Key pinning on the same store and clock. */
  public KeyPinning pinning() {
    return pinning;
  }

  private KeyRecord active(UserId user) {
    return store.findActive(user).orElseThrow(() -> new SecuPassRequiredException(user));
  }

  private KeyRecord newRecord(UserId user, KeyVersion version, PrivateKeys keys,
      SecuPass secuPass) {
    byte[] passphrase = secuPass.normalizedUtf8();
    try {
      byte[] blob = KeyBlob.seal(user, version, keys, passphrase, policy.parameters(), random);
      return new KeyRecord(user, version, KeyState.ACTIVE,
          PublicKeyBundle.encode(user, version, keys), blob, policy.parameters(), 0,
          clock.instant());
    } finally {
      Wipe.bytes(passphrase);
    }
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
      throw e;
    }
    if (!Hashes.constantTimeEquals(keys.encryptionPublic(), publicKeys.encryptionKey())
        || !Hashes.constantTimeEquals(keys.signingPublic(), publicKeys.signingKey())) {
      keys.close();
      throw new InvalidKeyBlobException("the private-key blob of user " + user + " "
          + record.version() + " does not match the record's public keys");
    }
    listener.succeeded(user);
    return keys;
  }

  private static PublicKeys recordKeys(KeyRecord record) {
    try {
      return PublicKeys.of(record);
    } catch (IntegrityException | InvalidSignatureException e) {
      throw new InvalidKeyBlobException("the public keys of user " + record.user() + " "
          + record.version() + " are invalid: " + e.getMessage());
    }
  }

  /** Re-seals under the policy's stronger parameters; losing a race to another change is fine. */
  private void reseal(KeyRecord record, PrivateKeys keys, byte[] passphrase) {
    byte[] blob = KeyBlob.seal(record.user(), record.version(), keys, passphrase,
        policy.parameters(), random);
    try {
      store.update(record.withEncryptedPrivateKeys(blob, policy.parameters()));
      LOG.debug("re-sealed the keys of user {} {} under {}", record.user(), record.version(),
          policy.parameters());
    } catch (ConflictException | NotFoundException e) {
      LOG.debug("did not re-seal the keys of user {} {}: the record changed meanwhile",
          record.user(), record.version());
    }
  }

  private SecuPassSession session(KeyRecord record, PrivateKeys keys) {
    return new SecuPassSession(recordKeys(record), keys, clock, idleTimeout, random);
  }
}
