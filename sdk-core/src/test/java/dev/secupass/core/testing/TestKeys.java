package dev.secupass.core.testing;

import dev.secupass.core.internal.keys.KdfLimiter;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.internal.keys.Sessions;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.UnlockAttemptListener;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.spi.AuditLog;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.RoomStore;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds the SDK's internal key service for tests of the key machinery (the SDK itself builds it
 * from its settings). Defaults: system clock, a new random source, the fast test policy, a 15
 * minute idle timeout, no listener, a 256 MiB KDF budget, a registry of its own.
 */
public final class TestKeys {
  private final Storage storage;
  private Clock clock = Clock.systemUTC();
  private SecureRandom random = new SecureRandom();
  private KdfPolicy policy = TestPolicies.FAST;
  private KeySuite suite = KeySuite.X_WING;
  private Duration idleTimeout = Duration.ofMinutes(15);
  private UnlockAttemptListener listener = UnlockAttemptListener.NONE;
  private Sessions sessions;

  private TestKeys(Storage storage) {
    this.storage = storage;
  }

  /** A key service on {@code storage}'s key and guest stores. */
  public static TestKeys builder(Storage storage) {
    return new TestKeys(storage);
  }

  /** A key service on {@code store}, with empty in-memory stores for the rest. */
  public static TestKeys builder(KeyStore store) {
    return new TestKeys(onKeyStore(store));
  }

  public TestKeys clock(Clock value) {
    this.clock = value;
    return this;
  }

  public TestKeys random(SecureRandom value) {
    this.random = value;
    return this;
  }

  public TestKeys kdfPolicy(KdfPolicy value) {
    this.policy = value;
    return this;
  }

  public TestKeys sessionIdleTimeout(Duration value) {
    this.idleTimeout = value;
    return this;
  }

  public TestKeys unlockAttemptListener(UnlockAttemptListener value) {
    this.listener = value;
    return this;
  }

  public TestKeys keySuite(KeySuite value) {
    this.suite = value;
    return this;
  }

  public TestKeys sessions(Sessions value) {
    this.sessions = value;
    return this;
  }

  public KeyService build() {
    return new KeyService(storage, clock, random, policy, suite, idleTimeout, listener,
        new KdfLimiter(256L << 20, Duration.ofSeconds(30)),
        Objects.requireNonNullElseGet(sessions, () -> new Sessions(clock)));
  }

  /** In-memory stores whose key store is {@code keys}. */
  public static Storage onKeyStore(KeyStore keys) {
    MemoryStorage rest = new MemoryStorage(Clock.systemUTC());
    return new Storage() {
      @Override
      public KeyStore keys() {
        return keys;
      }

      @Override
      public DeliveryStore deliveries() {
        return rest.deliveries();
      }

      @Override
      public dev.secupass.spi.KeyLogStore keyLog() {
        return rest.keyLog();
      }

      @Override
      public GrantQueue grants() {
        return rest.grants();
      }

      @Override
      public RoomStore rooms() {
        return rest.rooms();
      }

      @Override
      public GuestStore guests() {
        return rest.guests();
      }

      @Override
      public EventOutbox events() {
        return rest.events();
      }

      @Override
      public AuditLog audit() {
        return rest.audit();
      }

      @Override
      public dev.secupass.spi.BlobJournal blobJournal() {
        return rest.blobJournal();
      }

      @Override
      public <T> T inTransaction(TransactionWork<T> work) {
        return work.run(this);
      }
    };
  }
}
