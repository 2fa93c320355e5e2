/**
 * Observing the SDK: a host hands a {@link dev.secupass.core.observe.SecuPassObserver} to {@code
 * SecuPassSdk.builder().observer(...)} and is told of each {@link
 * dev.secupass.core.observe.Operation operation} the SDK runs (activation, unlock, sends, opens,
 * grants, room rotations, storage and blob store calls, sweeps) with its {@link
 * dev.secupass.core.observe.ObservationTag tags} and {@link dev.secupass.core.observe.Count
 * counts}. The module {@code secupass-micrometer} turns them into Micrometer observations (metrics,
 * and spans where a tracer is present); without an observer the SDK measures nothing.
 *
 * <p>Every tag value comes from a fixed, small set the SDK chooses (see {@code
 * docs/observability.md}): never a SecuPass, a user's name or address, a file name, or an id a
 * level hides.
 */
@NullMarked
package dev.secupass.core.observe;

import org.jspecify.annotations.NullMarked;
