package dev.secupass.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.micrometer.GrantBacklogMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The grant backlog gauges as a Spring Boot application has them: Spring Boot's metrics
 * auto-configuration binds the starter's {@link GrantBacklogMetrics} bean to its registry, and the
 * gauges count the SDK's queue on H2.
 */
class GrantBacklogTest {
  @TempDir Path dir;

  private ApplicationContextRunner withMeters() {
    return TestHost.embedded(dir).withConfiguration(AutoConfigurations.of(
        MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
        SimpleMetricsExportAutoConfiguration.class, SecuPassMetricsAutoConfiguration.class));
  }

  @Test
  void aWaitingFirstContactShowsInTheGauges() {
    withMeters().run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(GrantBacklogMetrics.class);
      SecuPassSdk sdk = context.getBean(SecuPassSdk.class);
      String run = TestHost.run();
      sendToSomeoneWithoutSecuPass(sdk, run);

      // The first read of the gauges counts (the bean keeps that count for 10 seconds).
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      assertThat(meters.get("secupass.grants.pending").tag("state", "waiting").gauge().value())
          .isEqualTo(1);
      assertThat(meters.get("secupass.grants.pending").tag("state", "ready").gauge().value())
          .isZero();
      assertThat(meters.get("secupass.grants.oldest.age").tag("state", "waiting").timeGauge()
          .value(TimeUnit.SECONDS)).isBetween(0.0, 60.0);
      assertThat(meters.get("secupass.grants.oldest.age").tag("state", "ready").timeGauge()
          .value(TimeUnit.SECONDS)).isZero();
    });
  }

  @Test
  void theApplicationsOwnBinderWins() {
    withMeters().withUserConfiguration(OwnBacklog.class).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(GrantBacklogMetrics.class)
          .hasBean("ownBacklog");
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      assertThat(meters.get("secupass.grants.pending").tag("state", "waiting").gauge().value())
          .isZero();
      sendToSomeoneWithoutSecuPass(context.getBean(SecuPassSdk.class), TestHost.run());
      // The application's binder counts at every read.
      assertThat(meters.get("secupass.grants.pending").tag("state", "waiting").gauge().value())
          .isEqualTo(1);
    });
  }

  @Test
  void thePropertyFalseBindsNoGauges() {
    withMeters().withPropertyValues("secupass.observations.enabled=false").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(GrantBacklogMetrics.class);
      assertThat(context.getBean(MeterRegistry.class).find("secupass.grants.pending").gauges())
          .isEmpty();
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBacklog {
    @Bean
    GrantBacklogMetrics ownBacklog(SecuPassSdk sdk) {
      return GrantBacklogMetrics.of(sdk.grants(), Duration.ZERO);
    }
  }

  private static void sendToSomeoneWithoutSecuPass(SecuPassSdk sdk, String run) {
    UserId alice = UserId.of("alice-" + run);
    try (SecuPass pass = SecuPass.of("alice's long SecuPass " + run);
        SecuPassSession session = sdk.secuPass().activate(alice, pass)) {
      sdk.deliveries().send(SignedInUser.employee(alice), session, DeliveryDraft.builder()
          .level(SecurityLevel.SECRET).subject("Contract").message("Please sign.")
          .to(Addressee.employee(UserId.of("dave-" + run), "dave@example.com"))
          .file("contract.pdf", new ByteArrayInputStream(new byte[100])).build());
    }
  }
}
