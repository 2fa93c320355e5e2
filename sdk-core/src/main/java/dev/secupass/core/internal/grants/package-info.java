/**
 * Internal: the grant engine that queues, marks ready, claims and fulfils grants for the flows, and
 * the {@link dev.secupass.core.internal.grants.GrantHandler handler} interface of each target kind.
 */
@NullMarked
package dev.secupass.core.internal.grants;

import org.jspecify.annotations.NullMarked;
