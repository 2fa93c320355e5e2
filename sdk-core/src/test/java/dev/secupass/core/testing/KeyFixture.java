package dev.secupass.core.testing;

import dev.secupass.api.UserId;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassKeys;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.spi.KeyStore;
import dev.secupass.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;

/** In-memory key storage, a clock tests move, and key services with the fast test policy. */
public final class KeyFixture {
  /** The idle timeout of sessions made by {@link #keys()}. */
  public static final Duration IDLE = Duration.ofMinutes(10);

  public final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T09:00:00Z"));
  public final MemoryStorage storage = new MemoryStorage(clock);

  public KeyStore store() {
    return storage.keys();
  }

  /** A key service on the fixture's store with the fast test policy. */
  public SecuPassKeys keys() {
    return keys(TestPolicies.FAST);
  }

  public SecuPassKeys keys(KdfPolicy policy) {
    return SecuPassKeys.builder(storage.keys())
        .clock(clock)
        .kdfPolicy(policy)
        .sessionIdleTimeout(IDLE)
        .build();
  }

  /** Activates {@code user} with SecuPass {@code pass}. */
  public SecuPassSession activate(UserId user, String pass) {
    try (SecuPass secuPass = SecuPass.of(pass)) {
      return keys().activate(user, secuPass);
    }
  }

  /** Unlocks {@code user} with SecuPass {@code pass}. */
  public SecuPassSession unlock(UserId user, String pass) {
    try (SecuPass secuPass = SecuPass.of(pass)) {
      return keys().unlock(user, secuPass);
    }
  }
}
