package dev.secupass.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.SessionExpiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.grants.GrantPolling;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.sdk.Parts;
import dev.secupass.core.internal.sdk.Settings;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.memory.MemoryBlobStore;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions are wiped when abandoned: the SDK's own background thread closes a session idle past its
 * timeout (time from the injected clock) without waiting for it to be used again, and {@code
 * SecuPassSdk.close()} closes every session still open and stops the background work.
 */
class SessionLifecycleTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T09:00:00Z"));
  private final Parts parts = new Parts(new Settings().storage(new MemoryStorage(clock))
      .blobStore(new MemoryBlobStore()).atRestKey(TinkAtRestKey.generate()).clock(clock)
      .kdfPolicy(TestPolicies.FAST).sessionIdleTimeout(Duration.ofSeconds(5)));

  @AfterEach
  void close() {
    parts.close();
  }

  private KeySession activate(String user) {
    try (SecuPass pass = SecuPass.of(user + " pass")) {
      return parts.sessions().own(parts.secuPass().activate(UserId.of(user), pass));
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 seconds").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void abandonedSession_isWipedByTheReaper_withoutBeingUsedAgain() throws Exception {
    KeySession abandoned = activate("alice");
    KeySession used = activate("bob");

    clock.advance(Duration.ofSeconds(4));
    assertThat(used.isOpen()).isTrue();
    clock.advance(Duration.ofSeconds(2));

    await(abandoned::isWiped);
    assertThat(used.isWiped()).isTrue();
    assertThatThrownBy(() -> parts.rooms().create(SignedInUser.employee(UserId.of("alice")),
        abandoned, "room"))
        .isInstanceOf(SessionExpiredException.class)
        .hasMessageContaining("closed after 5 seconds unused");
  }

  @Test
  void reaperInterval_isATenthOfTheIdleTimeout_fromOneToThirtySeconds() {
    assertThat(Parts.reaperInterval(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(1));
    assertThat(Parts.reaperInterval(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(12));
    assertThat(Parts.reaperInterval(Duration.ofMinutes(15))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void sdkClose_wipesEveryOpenSession_andStopsPolling() {
    KeySession open = activate("alice");
    KeySession closed = activate("bob");
    closed.close();
    GrantPolling polling = parts.grants().startPolling(Duration.ofMinutes(1));
    assertThat(polling.isRunning()).isTrue();

    parts.close();

    assertThat(open.isWiped()).isTrue();
    assertThat(polling.isRunning()).isFalse();
    assertThatThrownBy(() -> parts.grants().startPolling(Duration.ofMinutes(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void publicDoor_isAutoCloseable_andClosesItsSessions() {
    SecuPassSession session;
    try (SecuPassSdk sdk = SecuPassSdk.builder().storage(new MemoryStorage(clock))
        .blobStore(new MemoryBlobStore()).atRestKey(TinkAtRestKey.generate()).clock(clock)
        .kdfPolicy(TestPolicies.FAST).build();
        SecuPass pass = SecuPass.of("pass")) {
      session = sdk.secuPass().activate(UserId.of("alice"), pass);
      assertThat(session.isOpen()).isTrue();
    }

    assertThat(session.isOpen()).isFalse();
  }
}
