package dev.secupass.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.observe.SecuPassObserver;
import dev.secupass.micrometer.SecuPassCountsHandler;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The SDK's observations in a Spring Boot application with Micrometer: Spring Boot's own
 * ObservationRegistry with its DefaultMeterObservationHandler on a SimpleMeterRegistry, the SDK on
 * embedded H2, a level-3 delivery and unlocks played through it.
 */
class ObservationsTest {
  @TempDir Path dir;

  /** The embedded host with Spring Boot's observation and metrics auto-configurations. */
  private ApplicationContextRunner withMicrometer() {
    return TestHost.embedded(dir).withConfiguration(AutoConfigurations.of(
        ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
        CompositeMeterRegistryAutoConfiguration.class,
        SimpleMetricsExportAutoConfiguration.class, SecuPassObservationAutoConfiguration.class));
  }

  @Test
  void aSendAndAnUnlockBecomeObservationsAndMeters() {
    withMicrometer().run(context -> {
      assertThat(context).hasNotFailed()
          .hasBean("secuPassObservationCustomizer")
          .hasSingleBean(SecuPassCountsHandler.class);
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      assertThat(meters).isInstanceOf(SimpleMeterRegistry.class);
      SecuPassSdk sdk = context.getBean(SecuPassSdk.class);
      String run = TestHost.run();

      byte[] contract = Story.play(sdk, run);
      UserId bob = UserId.of("bob-" + run);
      try (SecuPass wrong = SecuPass.of("not bob's SecuPass at all " + run)) {
        assertThatThrownBy(() -> sdk.secuPass().unlock(bob, wrong).close())
            .isInstanceOf(RuntimeException.class);
      }

      // Timers: Spring Boot's DefaultMeterObservationHandler on the SDK's observations.
      assertThat(timer(meters, "secupass.delivery.send", "level", "secret", "outcome", "success")
          .count()).isEqualTo(1);
      assertThat(timer(meters, "secupass.delivery.send", "level", "link", "outcome", "success")
          .count()).isEqualTo(1);
      assertThat(timer(meters, "secupass.delivery.open", "level", "secret", "outcome", "success")
          .count()).isEqualTo(1);
      assertThat(timer(meters, "secupass.unlock", "outcome", "success", "failure", "none")
          .count()).isGreaterThanOrEqualTo(1);
      assertThat(timer(meters, "secupass.unlock", "outcome", "failure", "failure",
          "wrong_secupass").count()).isEqualTo(1);
      assertThat(timer(meters, "secupass.unlock", "outcome", "success", "failure", "none")
          .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
      // Distribution summaries: the starter's SecuPassCountsHandler bean on Boot's registry.
      DistributionSummary bytes = meters.find("secupass.delivery.send.bytes")
          .tags("level", "secret").summary();
      assertThat(bytes).isNotNull();
      assertThat(bytes.count()).isEqualTo(1);
      assertThat(bytes.totalAmount()).isEqualTo(contract.length);
      DistributionSummary files = meters.find("secupass.delivery.send.files")
          .tags("level", "link").summary();
      assertThat(files).isNotNull();
      assertThat(files.totalAmount()).isEqualTo(1);
      // Nothing the story used (ids, addresses) became a meter's name or tag.
      for (Meter meter : meters.getMeters()) {
        assertThat(meter.getId().toString()).doesNotContain(run);
      }
    });
  }

  @Test
  void thePropertyFalseSetsNoObserver() {
    withMicrometer().withPropertyValues("secupass.observations.enabled=false").run(context -> {
      assertThat(context).hasNotFailed()
          .hasSingleBean(ObservationRegistry.class)
          .doesNotHaveBean("secuPassObservationCustomizer")
          .doesNotHaveBean(SecuPassCountsHandler.class);
      Story.play(context.getBean(SecuPassSdk.class), TestHost.run());
      assertThat(secuPassMeters(context.getBean(MeterRegistry.class))).isEmpty();
    });
  }

  @Test
  void withoutARegistryNoObserverIsSet() {
    TestHost.embedded(dir)
        .withConfiguration(AutoConfigurations.of(SecuPassObservationAutoConfiguration.class))
        .run(context -> {
          assertThat(context).hasNotFailed()
              .doesNotHaveBean(ObservationRegistry.class)
              .doesNotHaveBean("secuPassObservationCustomizer")
              .doesNotHaveBean(SecuPassCountsHandler.class);
          Story.play(context.getBean(SecuPassSdk.class), TestHost.run());
        });
  }

  @Test
  void theApplicationsOwnBeansWin() {
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    SecuPassCountsHandler ownHandler = new SecuPassCountsHandler(own);
    SecuPassSdkBuilderCustomizer ownCustomizer = builder -> { };
    withMicrometer()
        .withBean(SecuPassCountsHandler.class, () -> ownHandler)
        .withBean("secuPassObservationCustomizer", SecuPassSdkBuilderCustomizer.class,
            () -> ownCustomizer)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(SecuPassCountsHandler.class)).isSameAs(ownHandler);
          assertThat(context.getBean("secuPassObservationCustomizer")).isSameAs(ownCustomizer);
          // The application's customizer sets no observer: the SDK reports nothing.
          Story.play(context.getBean(SecuPassSdk.class), TestHost.run());
          assertThat(secuPassMeters(context.getBean(MeterRegistry.class))).isEmpty();
        });
  }

  @Test
  void anApplicationsCustomizerRunsAfterTheStartersAndCanSetAnotherObserver() {
    withMicrometer()
        .withBean("noObserver", SecuPassSdkBuilderCustomizer.class,
            () -> builder -> builder.observer(SecuPassObserver.NONE))
        .run(context -> {
          assertThat(context).hasNotFailed().hasBean("secuPassObservationCustomizer");
          Story.play(context.getBean(SecuPassSdk.class), TestHost.run());
          assertThat(secuPassMeters(context.getBean(MeterRegistry.class))).isEmpty();
        });
  }

  private static Timer timer(MeterRegistry meters, String name, String... tags) {
    Timer timer = meters.find(name).tags(tags).timer();
    assertThat(timer).as(name + " " + String.join(",", tags)).isNotNull();
    return timer;
  }

  private static java.util.List<String> secuPassMeters(MeterRegistry meters) {
    return meters.getMeters().stream().map(m -> m.getId().getName())
        .filter(name -> name.startsWith("secupass")).toList();
  }
}
