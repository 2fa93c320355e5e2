/**
 * Events for the host: {@link dev.secupass.core.events.Events the outbox} with at-least-once
 * delivery, {@link dev.secupass.core.events.HostEvent decoded events} whose secrets stay sealed
 * until asked for, and {@link dev.secupass.core.events.EventTypes their types}.
 */
@NullMarked
package dev.secupass.core.events;

import org.jspecify.annotations.NullMarked;
