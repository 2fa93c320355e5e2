/**
 * Internal: how the SDK reports its operations to a {@link
 * dev.secupass.core.observe.SecuPassObserver}: {@link dev.secupass.core.internal.observe.Run one
 * measured run}, the failure kinds, and the decorators that measure the public parts and the
 * host's stores only when an observer is configured.
 */
@NullMarked
package dev.secupass.core.internal.observe;

import org.jspecify.annotations.NullMarked;
