/**
 * The grant queue as a host sees it: {@link dev.secupass.core.grants.Grants pending grants,
 * fulfilment and polling}, {@link dev.secupass.core.grants.PendingGrant pending grants} as host
 * values, {@link dev.secupass.core.grants.GrantBacklog the backlog of the whole queue} for
 * metrics, and {@link dev.secupass.core.grants.GrantRun what a run did}. The engine that queues,
 * marks ready and claims grants is internal: the flows drive it.
 */
@NullMarked
package dev.secupass.core.grants;

import org.jspecify.annotations.NullMarked;
