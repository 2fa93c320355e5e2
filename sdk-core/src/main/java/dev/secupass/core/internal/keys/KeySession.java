package dev.secupass.core.internal.keys;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Person;
import dev.secupass.api.SessionClosedException;
import dev.secupass.api.SessionExpiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.format.EnvelopeCodec;
import dev.secupass.core.internal.format.ManifestCodec;
import dev.secupass.core.internal.format.SignedStatementCodec;
import dev.secupass.core.internal.text.Durations;
import dev.secupass.core.keylog.KeyLogAlarm;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.KeyPin;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The implementation of {@link SecuPassSession}: holds one user's private keys in memory and
 * performs what needs them, sealing and opening envelopes and signing, for the SDK's parts. Made by
 * {@link KeyService} and registered with its {@link Sessions}, which hand it to the parts only for
 * the SDK instance that made it.
 *
 * <p>{@link #close()} overwrites the private keys (Java cannot reach copies that the JDK and
 * BouncyCastle make during an operation). A session also closes itself when it was idle longer than
 * the key service's timeout, measured on its {@link Clock}: when it is next used, or when the
 * session reaper finds it ({@link #closeIfIdle}); using it afterwards throws {@link
 * SessionExpiredException}, and after {@code close()} {@link SessionClosedException}.
 *
 * <p>Safe for use by many threads; closing waits for running operations.
 */
public final class KeySession implements SecuPassSession {
  private final Sessions owner;
  private final Person person;
  private final UserId user;
  private final KeyVersion version;
  private final PublicKeys publicKeys;
  private final PrivateKeys privateKeys;
  private final byte[] pinKey;
  private final Clock clock;
  private final Duration idleTimeout;
  private final SecureRandom random;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile Instant lastUse;
  private volatile boolean closed;
  private volatile boolean expired;
  private volatile List<KeyLogAlarm> keyLogAlarms = List.of();

  KeySession(Sessions owner, Person person, PublicKeys publicKeys, PrivateKeys privateKeys,
      Clock clock, Duration idleTimeout, SecureRandom random) {
    this.owner = owner;
    this.person = person;
    this.user = publicKeys.user();
    this.version = publicKeys.version();
    this.publicKeys = publicKeys;
    this.privateKeys = privateKeys;
    this.pinKey = PinSeal.deriveKey(privateKeys, user, version);
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.random = random;
    this.lastUse = clock.instant();
  }

  @Override
  public UserId user() {
    return user;
  }

  @Override
  public KeyVersion keyVersion() {
    return version;
  }

  @Override
  public Fingerprint fingerprint() {
    return publicKeys.fingerprint();
  }

  /** The registry (of one SDK instance) that made this session. */
  Sessions owner() {
    return owner;
  }

  /** This user's own public keys (authentic: they match the private keys held). */
  public PublicKeys publicKeys() {
    return publicKeys;
  }

  @Override
  public boolean isOpen() {
    lock.readLock().lock();
    try {
      return !closed && !idleTooLong(clock.instant());
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Wraps {@code key} to {@code recipient} with HPKE and signs the envelope with this user's key
   * ({@code docs/format.md}, "Envelope"). {@code recipient} must be trusted keys (from {@link
   * KeyPinning}, or this session's own {@link #publicKeys()}).
   *
   * @return the envelope to store
   */
  public byte[] sealEnvelope(SymmetricKey key, PublicKeys recipient, EnvelopeContext context) {
    return use(() -> {
      byte[] material = key.exportBytes();
      try {
        return EnvelopeCodec.seal(privateKeys, user, version, recipient, context, material,
            random);
      } finally {
        Wipe.bytes(material);
      }
    });
  }

  /**
   * Verifies and opens an envelope addressed to this session's user and key version, failing
   * closed: the context must be {@code expected}, the granter must be {@code granter}'s owner and
   * version, and the granter's signature must verify, before anything is decrypted.
   *
   * @param granter the granter's trusted keys (see {@link
   *     dev.secupass.core.internal.crypto.Envelope#granter()} and {@link KeyPinning})
   * @throws dev.secupass.api.IntegrityException if the envelope is malformed, for another context
   *     or recipient, or does not open
   * @throws dev.secupass.api.InvalidSignatureException if it is not signed by {@code granter}
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown version or suite
   */
  public SymmetricKey openEnvelope(byte[] envelope, PublicKeys granter,
      EnvelopeContext expected) {
    return use(() -> {
      byte[] material = EnvelopeCodec.open(EnvelopeCodec.parse(envelope.clone()), privateKeys,
          publicKeys, granter, expected);
      try {
        return SymmetricKey.importBytes(material);
      } finally {
        Wipe.bytes(material);
      }
    });
  }

  /**
   * Signs {@code payload} as a statement of {@code type} by this user ({@code docs/format.md},
   * "Signed statement").
   */
  public byte[] sign(SignedType type, byte[] payload) {
    return use(() -> SignedStatementCodec.sign(privateKeys, user, version, type, payload));
  }

  /**
   * Signs a delivery manifest whose sender is this session's user and key version.
   *
   * @throws IllegalArgumentException if the manifest names another sender or key version
   */
  public byte[] signManifest(DeliveryManifest manifest) {
    if (!manifest.sender().equals(user) || !manifest.senderKeyVersion().equals(version)) {
      throw new IllegalArgumentException("the manifest's sender is " + manifest.sender() + " "
          + manifest.senderKeyVersion() + ", not this session's " + user + " " + version);
    }
    return sign(SignedType.DELIVERY_MANIFEST, ManifestCodec.encode(manifest));
  }

  /** Whether the private keys were overwritten (closed, or expired and found so). */
  public boolean isWiped() {
    return closed;
  }

  /**
   * Closes the session, overwriting its keys, if it was idle longer than the timeout at {@code now}
   * (what the session reaper calls); a later use throws {@link SessionExpiredException}.
   *
   * @return whether it is closed now
   */
  boolean closeIfIdle(Instant now) {
    if (!closed && idleTooLong(now)) {
      expire();
    }
    return closed;
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        privateKeys.close();
        Wipe.bytes(pinKey);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "SecuPassSession[user=" + user + ", version=" + version + "]";
  }

  /** Seals a pin this observer makes of {@code subject}'s keys (version 2). */
  byte[] pinSeal(UserId subject, KeyVersion subjectVersion, Fingerprint fingerprint,
      PinSeal.Trust trust, int suite, List<PinSeal.Earlier> history) {
    return use(() -> PinSeal.sealV2(pinKey, user, version, subject, subjectVersion, fingerprint,
        trust, suite, history));
  }

  /**
   * The MAC this user's SDK puts on its view of the key log ({@code docs/format.md}, "Key log
   * view"): HMAC-SHA-256 under the pin-seal key over a label, the user, the key version and {@code
   * body}. Only this user's private keys make or check it.
   */
  public byte[] sealKeyLogView(byte[] body) {
    return use(() -> Hashes.hmacSha256(pinKey, Labels.of(Labels.KEY_LOG_VIEW),
        new ByteWriter().string(user.value()).u32(version.value()).toByteArray(), body));
  }

  /** What the key log check at the start of this session found (set by the key service). */
  void keyLogAlarms(List<KeyLogAlarm> alarms) {
    this.keyLogAlarms = List.copyOf(alarms);
  }

  @Override
  public List<KeyLogAlarm> keyLogAlarms() {
    return keyLogAlarms;
  }

  /** Checks the seal of a pin this observer made. */
  PinSeal.Opened checkPin(KeyPin pin) {
    return use(() -> PinSeal.open(pin.seal(), pinKey, user, version, pin.subject(),
        pin.version(), pin.fingerprint()));
  }

  private <T> T use(Supplier<T> operation) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw closedException();
      }
      Instant now = clock.instant();
      if (!idleTooLong(now)) {
        lastUse = now;
        return operation.get();
      }
    } finally {
      lock.readLock().unlock();
    }
    expire();
    throw closedException();
  }

  private boolean idleTooLong(Instant now) {
    return Duration.between(lastUse, now).compareTo(idleTimeout) > 0;
  }

  private void expire() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        expired = true;
      }
    } finally {
      lock.writeLock().unlock();
    }
    close();
  }

  private SessionClosedException closedException() {
    return expired
        ? new SessionExpiredException("the SecuPass session of " + person.displayName()
            + " closed after " + Durations.words(idleTimeout) + " unused; unlock again")
        : new SessionClosedException("the SecuPass session of " + person.displayName()
            + " is closed; unlock again");
  }
}
