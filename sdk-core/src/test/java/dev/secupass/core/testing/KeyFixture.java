package dev.secupass.core.testing;

import dev.secupass.api.UserId;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.keys.Sessions;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.UnlockAttemptListener;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.spi.KeyStore;
import dev.secupass.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;

/**
 * In-memory key storage, a clock tests move, and the SDK's internal key service with the fast test
 * policy: for tests of the key machinery beneath {@code SecuPasses}.
 */
public final class KeyFixture {
  /** The idle timeout of sessions made by {@link #keys()}. */
  public static final Duration IDLE = Duration.ofMinutes(10);

  public final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T09:00:00Z"));
  public final MemoryStorage storage = new MemoryStorage(clock);
  public final Sessions sessions = new Sessions(clock);

  public KeyStore store() {
    return storage.keys();
  }

  /** A key service on the fixture's store with the fast test policy. */
  public KeyService keys() {
    return keys(TestPolicies.FAST);
  }

  public KeyService keys(KdfPolicy policy) {
    return keys(policy, UnlockAttemptListener.NONE);
  }

  public KeyService keys(KdfPolicy policy, UnlockAttemptListener listener) {
    return TestKeys.builder(storage).clock(clock).kdfPolicy(policy).sessionIdleTimeout(IDLE)
        .unlockAttemptListener(listener).sessions(sessions).build();
  }

  /** Activates {@code user} with SecuPass {@code pass}. */
  public KeySession activate(UserId user, String pass) {
    try (SecuPass secuPass = SecuPass.of(pass)) {
      return keys().activate(user, secuPass);
    }
  }

  /** Unlocks {@code user} with SecuPass {@code pass}. */
  public KeySession unlock(UserId user, String pass) {
    try (SecuPass secuPass = SecuPass.of(pass)) {
      return keys().unlock(user, secuPass);
    }
  }
}
