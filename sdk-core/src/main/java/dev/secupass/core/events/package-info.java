/**
 * Events for the host: {@link dev.secupass.core.events.Events the outbox}, claimed under a lease
 * and handed out at least once, and {@link dev.secupass.core.events.HostEvent the typed events},
 * one record per kind.
 */
@NullMarked
package dev.secupass.core.events;

import org.jspecify.annotations.NullMarked;
