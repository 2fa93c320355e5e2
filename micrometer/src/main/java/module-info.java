/**
 * The SDK's operations as Micrometer observations: {@link
 * dev.secupass.micrometer.MicrometerObserver} plugs into {@code
 * SecuPassSdk.builder().observer(...)}; the registry's handlers make metrics (and spans where a
 * tracer is present), {@link dev.secupass.micrometer.SecuPassCountsHandler} publishes the bytes,
 * files and grants counted, and {@link dev.secupass.micrometer.GrantBacklogMetrics} shows the
 * backlog of the whole grant queue as gauges.
 */
module dev.secupass.micrometer {
  requires transitive dev.secupass.core;
  requires transitive micrometer.observation;
  requires transitive micrometer.commons;
  requires static transitive micrometer.core; // SecuPassCountsHandler and GrantBacklogMetrics only
  requires static transitive org.jspecify; // the nullness annotations are part of the API

  exports dev.secupass.micrometer;
}
