package dev.secupass.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backlog gauges on a real registry over the embedded H2 storage: a first contact moves from
 * waiting (no SecuPass) to ready (held for the sender's confirmation) to fulfilled, and the
 * gauges follow, counted by the storage's summary query.
 */
class GrantBacklogMetricsTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId DAVE = UserId.of("dave");
  private static final KdfPolicy FAST = KdfPolicy.builder().memoryKiB(64).iterations(1)
      .parallelism(1).allowWeakParametersForTests().build();

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final StepClock clock = new StepClock(Instant.parse("2026-12-06T12:00:00Z"));

  @Test
  void gauges_followAFirstContactFromWaitingToHeldToFulfilled(@TempDir Path dir) {
    try (JdbcStorage storage = JdbcStorage.embedded(dir.resolve("db"));
        SecuPassSdk sdk = sdk(storage, dir)) {
      GrantBacklogMetrics.of(sdk.grants(), Duration.ZERO).bindTo(meters);
      assertBacklog(0, 0, 0, 0);

      try (SecuPass pass = SecuPass.of("Correct Horse Battery 4711")) {
        aliceSendsToDave(sdk, pass);
        clock.advance(Duration.ofMinutes(5));
        assertBacklog(1, 5, 0, 0);

        SafetyWords daveWords;
        try (SecuPassSession dave = sdk.secuPass().activate(DAVE, pass)) {
          daveWords = SafetyWords.of(dave.fingerprint());
        }
        clock.advance(Duration.ofMinutes(2));
        assertBacklog(0, 0, 1, 7);

        try (SecuPassSession alice = sdk.secuPass().unlock(ALICE, pass)) {
          GrantRun run = sdk.grants().fulfil(alice);
          // The default policy holds the release for alice's confirmation: still ready.
          assertThat(run.awaitingConfirmation()).hasSize(1);
          assertBacklog(0, 0, 1, 7);

          FirstContactHold hold = run.awaitingConfirmation().get(0);
          assertThat(sdk.grants().confirmFirstContact(alice, hold.grant(), daveWords)
              .fulfilled()).containsExactly(hold.grant());
        }
        assertBacklog(0, 0, 0, 0);
      }
    }
    // The storage is closed: the count fails, and the gauges say so rather than a stale number.
    assertThat(pending("waiting").value()).isNaN();
    assertThat(age("ready").value(TimeUnit.SECONDS)).isNaN();
  }

  @Test
  void oneCountServesAScrapeUntilTheRefreshInterval(@TempDir Path dir) {
    try (JdbcStorage storage = JdbcStorage.embedded(dir.resolve("db"));
        SecuPassSdk sdk = sdk(storage, dir)) {
      GrantBacklogMetrics.of(sdk.grants(), Duration.ofHours(1)).bindTo(meters);
      assertThat(pending("waiting").value()).isZero();
      try (SecuPass pass = SecuPass.of("Correct Horse Battery 4711")) {
        aliceSendsToDave(sdk, pass);
      }
      assertThat(pending("waiting").value()).isZero();
      assertThat(sdk.grants().backlog().orElseThrow().awaitingSecuPass()).isEqualTo(1);
    }
  }

  /** An SDK on {@code storage} whose grants are fulfilled on the caller's thread. */
  private SecuPassSdk sdk(JdbcStorage storage, Path dir) {
    return SecuPassSdk.builder()
        .storage(storage)
        .blobStore(new FileSystemBlobStore(dir.resolve("blobs")))
        .atRestKey(TinkAtRestKey.generate())
        .kdfPolicy(FAST)
        .clock(clock)
        .grantExecutor(Runnable::run)
        .build();
  }

  /** Alice activates and sends a level-3 delivery to Dave, who has no SecuPass: a grant waits. */
  private static void aliceSendsToDave(SecuPassSdk sdk, SecuPass pass) {
    try (SecuPassSession alice = sdk.secuPass().activate(ALICE, pass)) {
      sdk.deliveries().send(SignedInUser.employee(ALICE), alice, DeliveryDraft.builder()
          .level(SecurityLevel.SECRET).subject("terms")
          .file("terms.pdf", () -> new ByteArrayInputStream(new byte[10]), 10)
          .to(Addressee.employee(DAVE, "dave@example.org")).build());
    }
  }

  private void assertBacklog(long waiting, long waitingMinutes, long ready, long readyMinutes) {
    assertThat(pending("waiting").value()).isEqualTo(waiting);
    assertThat(pending("ready").value()).isEqualTo(ready);
    assertThat(age("waiting").value(TimeUnit.MINUTES)).isEqualTo(waitingMinutes);
    assertThat(age("ready").value(TimeUnit.MINUTES)).isEqualTo(readyMinutes);
    assertThat(pending("waiting").getId().getBaseUnit()).isEqualTo("grants");
  }

  private Gauge pending(String state) {
    return meters.get("secupass.grants.pending").tag("state", state).gauge();
  }

  private TimeGauge age(String state) {
    return meters.get("secupass.grants.oldest.age").tag("state", state).timeGauge();
  }

  /** A clock the test moves. */
  private static final class StepClock extends Clock {
    private volatile Instant now;

    StepClock(Instant start) {
      this.now = start;
    }

    void advance(Duration step) {
      now = now.plus(step);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
