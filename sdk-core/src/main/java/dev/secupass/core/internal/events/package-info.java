/** Internal: event payloads, sealed event secrets, and the event and audit recorders. */
@NullMarked
package dev.secupass.core.internal.events;

import org.jspecify.annotations.NullMarked;
