/**
 * Micrometer for the SecuPass SDK. {@link dev.secupass.micrometer.MicrometerObserver} turns each
 * {@link dev.secupass.core.observe.Operation operation} into an {@code Observation} named as the
 * operation, with its low-cardinality tags: the registry's handlers make a timer of it (Micrometer's
 * {@code DefaultMeterObservationHandler}) and a span (a tracing handler). {@link
 * dev.secupass.micrometer.SecuPassCountsHandler} adds the counts (bytes, files, grants) as
 * distribution summaries, and {@link dev.secupass.micrometer.GrantBacklogMetrics} the backlog of
 * the whole grant queue as gauges. See {@code docs/observability.md} for every name and tag.
 */
@NullMarked
package dev.secupass.micrometer;

import org.jspecify.annotations.NullMarked;
