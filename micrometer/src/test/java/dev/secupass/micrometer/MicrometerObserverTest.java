package dev.secupass.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed story on H2 observed through a real {@link ObservationRegistry} whose handlers publish
 * to a {@link SimpleMeterRegistry}: the timers and summaries a host's dashboard reads, with their
 * tags and counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicrometerObserverTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeAll
  void playSeedStory(@TempDir Path dir) {
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(meters))
        .observationHandler(new SecuPassCountsHandler(meters));
    new SeedStory().run(dir, MicrometerObserver.of(observations));
  }

  @Test
  void activations_eachTimedAsSuccess() {
    assertThat(timer("secupass.activation", "kind", "activate", "outcome", "success",
        "failure", "none").count()).isEqualTo(4);
  }

  @Test
  void unlock_wrongSecuPass_countedAsFailureOfThatKind() {
    assertThat(timer("secupass.unlock", "outcome", "failure", "failure", "wrong_secupass")
        .count()).isEqualTo(1);
    assertThat(timer("secupass.unlock", "outcome", "success", "failure", "none").count())
        .isEqualTo(2);
  }

  @Test
  void kdfWaits_eachDerivationPassesTheLimiter() {
    // 4 activations, 3 unlocks (one wrong) and a change; none waited with the default budget.
    assertThat(timer("secupass.kdf.wait", "waited", "false", "outcome", "success").count())
        .isGreaterThanOrEqualTo(8);
    assertThat(meters.find("secupass.kdf.wait").tags("waited", "true").timers()).isEmpty();
    assertThat(timer("secupass.change", "outcome", "success").count()).isEqualTo(1);
  }

  @Test
  void sends_byLevel_withBytesAndFiles() {
    assertThat(timer("secupass.delivery.send", "level", "secret", "outcome", "success").count())
        .isEqualTo(1);
    assertThat(timer("secupass.delivery.send", "level", "link", "outcome", "success").count())
        .isEqualTo(1);
    DistributionSummary bytes = summary("secupass.delivery.send.bytes", "level", "secret");
    assertThat(bytes.count()).isEqualTo(1);
    assertThat(bytes.totalAmount()).isEqualTo(SeedStory.FILE_SIZE);
    assertThat(bytes.getId().getBaseUnit()).isEqualTo("bytes");
    assertThat(summary("secupass.delivery.send.files", "level", "link").totalAmount())
        .isEqualTo(1);
  }

  @Test
  void opens_byRouteAndLevel_refusalsByKind() {
    assertThat(timer("secupass.delivery.open", "route", "secupass", "level", "secret",
        "outcome", "success").count()).isEqualTo(1);
    assertThat(timer("secupass.delivery.open", "route", "secupass", "level", "unknown",
        "outcome", "failure", "failure", "not_a_recipient").count()).isEqualTo(1);
    assertThat(timer("secupass.delivery.open", "route", "link", "level", "link",
        "outcome", "failure", "failure", "wrong_link_token").count()).isEqualTo(1);
    assertThat(timer("secupass.delivery.open", "route", "link", "level", "link",
        "outcome", "success").count()).isEqualTo(1);
    assertThat(summary("secupass.delivery.open.bytes", "route", "link", "outcome", "success")
        .totalAmount()).isEqualTo(SeedStory.FILE_SIZE);
  }

  @Test
  void grants_queuedWaiting_thenFulfilledByTheOpenSession() {
    assertThat(timer("secupass.grant.queue", "kind", "delivery", "state", "waiting").count())
        .isEqualTo(1);
    DistributionSummary fulfilled = summary("secupass.grant.run.fulfilled", "outcome", "success");
    assertThat(fulfilled.totalAmount()).isGreaterThanOrEqualTo(1);
    assertThat(summary("secupass.grant.run.oldest.age", "outcome", "success").getId()
        .getBaseUnit()).isEqualTo("milliseconds");
  }

  @Test
  void roomMemberRemoval_timedAsRotation() {
    assertThat(timer("secupass.room.rotation", "outcome", "success").count()).isEqualTo(1);
  }

  @Test
  void storageAndBlobCalls_timedByStoreAndCall() {
    assertThat(timer("secupass.storage", "store", "transaction", "call", "inTransaction",
        "outcome", "success").count()).isPositive();
    assertThat(timer("secupass.storage", "store", "keys", "call", "findActive", "outcome",
        "success").count()).isPositive();
    assertThat(timer("secupass.storage", "store", "deliveries", "call", "create").count())
        .isEqualTo(2);
    // Two delivery files and the room's key log: each blob committed once.
    assertThat(timer("secupass.blob", "call", "commit", "outcome", "success").count())
        .isGreaterThanOrEqualTo(2);
    assertThat(timer("secupass.blob", "call", "open", "outcome", "success").count()).isPositive();
  }

  @Test
  void sweep_timedWithWhatItExpired() {
    assertThat(timer("secupass.delivery.sweep", "outcome", "success").count()).isEqualTo(1);
    assertThat(summary("secupass.delivery.sweep.expired").totalAmount()).isZero();
  }

  @Test
  void everyMeterOfAName_hasTheSameTagKeys() {
    // Prometheus refuses a meter whose tag keys differ from an earlier one of the same name.
    for (Meter meter : meters.getMeters()) {
      String name = meter.getId().getName();
      var keys = meter.getId().getTags().stream().map(Tag::getKey).toList();
      for (Meter other : meters.find(name).meters()) {
        assertThat(other.getId().getTags().stream().map(Tag::getKey).toList())
            .as("tag keys of %s", name).isEqualTo(keys);
      }
    }
  }

  /** The number of runs the timers of {@code name} with these tags counted, whatever their other tags. */
  private Timed timer(String name, String... tags) {
    assertThat(meters.find(name).tags(tags).timers())
        .as("timers %s %s among %s", name, String.join(",", tags), names()).isNotEmpty();
    return new Timed(meters.find(name).tags(tags).timers().stream().mapToLong(Timer::count)
        .sum());
  }

  private record Timed(long count) {}

  private DistributionSummary summary(String name, String... tags) {
    DistributionSummary found = meters.find(name).tags(tags).summary();
    assertThat(found).as("summary %s %s among %s", name, String.join(",", tags), names())
        .isNotNull();
    return found;
  }

  private String names() {
    return meters.getMeters().stream().map(m -> m.getId().getName()).distinct().sorted().toList()
        .toString();
  }
}
