/**
 * Internal: the assembly of one {@link dev.secupass.core.SecuPassSdk} (its parts, its background
 * thread) and the parts that tie keys and grants together.
 */
@NullMarked
package dev.secupass.core.internal.sdk;

import org.jspecify.annotations.NullMarked;
