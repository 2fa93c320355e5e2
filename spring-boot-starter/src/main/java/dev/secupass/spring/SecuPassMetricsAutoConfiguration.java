package dev.secupass.spring;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.micrometer.GrantBacklogMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Gauges of the SDK's state that no single operation shows, with {@code secupass-micrometer} and
 * Micrometer's meters on the class path and unless {@code secupass.observations.enabled=false}:
 * {@code secuPassGrantBacklogMetrics}, a {@link GrantBacklogMetrics} ({@code
 * secupass.grants.pending} and {@code secupass.grants.oldest.age} by {@code state}), a {@code
 * MeterBinder} that Spring Boot binds to its registry.
 */
@AutoConfiguration(after = SecuPassAutoConfiguration.class)
@ConditionalOnClass({GrantBacklogMetrics.class, MeterRegistry.class})
@ConditionalOnBooleanProperty(name = "secupass.observations.enabled", matchIfMissing = true)
public class SecuPassMetricsAutoConfiguration {

  /** The backlog of the whole grant queue, counted at most every 10 seconds. */
  @Bean
  @ConditionalOnBean(SecuPassSdk.class)
  @ConditionalOnMissingBean
  public GrantBacklogMetrics secuPassGrantBacklogMetrics(SecuPassSdk sdk) {
    return GrantBacklogMetrics.of(sdk.grants());
  }
}
