package dev.secupass.spring;

import dev.secupass.micrometer.MicrometerObserver;
import dev.secupass.micrometer.SecuPassCountsHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The SDK's observations on the application's Micrometer {@link ObservationRegistry}, with {@code
 * secupass-micrometer} on the class path and unless {@code secupass.observations.enabled=false}:
 *
 * <ul>
 *   <li>{@code secuPassObservationCustomizer}, a {@link SecuPassSdkBuilderCustomizer} that hands
 *       {@link MicrometerObserver#of(ObservationRegistry)} to the SDK's builder, when there is an
 *       {@code ObservationRegistry} bean. It runs before the application's customizers, so one of
 *       those can still set another observer.
 *   <li>{@code secuPassCountsHandler}, a {@link SecuPassCountsHandler} (bytes, files, grants as
 *       distribution summaries), when there is a {@link MeterRegistry} bean; Spring Boot registers
 *       {@code ObservationHandler} beans on its registry.
 * </ul>
 */
@AutoConfiguration(before = SecuPassAutoConfiguration.class, afterName = {
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple"
        + ".SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MicrometerObserver.class, ObservationRegistry.class})
@ConditionalOnBooleanProperty(name = "secupass.observations.enabled", matchIfMissing = true)
public class SecuPassObservationAutoConfiguration {

  /** The observer on the application's registry, as a builder customizer that runs first. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  @ConditionalOnBean(ObservationRegistry.class)
  @ConditionalOnMissingBean(name = "secuPassObservationCustomizer")
  public SecuPassSdkBuilderCustomizer secuPassObservationCustomizer(
      ObservationRegistry observationRegistry) {
    MicrometerObserver observer = MicrometerObserver.of(observationRegistry);
    return builder -> builder.observer(observer);
  }

  /** The counts handler, with Micrometer's meters on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, SecuPassCountsHandler.class})
  static class Counts {

    /** Bytes, files and grants of the SDK's observations as distribution summaries. */
    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnMissingBean
    SecuPassCountsHandler secuPassCountsHandler(MeterRegistry meterRegistry) {
      return new SecuPassCountsHandler(meterRegistry);
    }
  }
}
