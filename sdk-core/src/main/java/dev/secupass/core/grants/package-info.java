/**
 * The grant queue's engine: the first-contact round trip in which a granter's unlocked session
 * wraps a delivery's or room's key to a recipient who activated a SecuPass after it was sent.
 * {@link dev.secupass.core.grants.GrantHandler Handlers} fulfil grants of one target kind; the
 * {@link dev.secupass.core.grants.GrantEngine engine} marks grants ready on activation and reset,
 * claims and fulfils them for open sessions, and never grants twice.
 */
@NullMarked
package dev.secupass.core.grants;

import org.jspecify.annotations.NullMarked;
