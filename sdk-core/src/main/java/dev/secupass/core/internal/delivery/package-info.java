/**
 * Internal: sending and opening deliveries, their host-sealed manifests and details, the delivery
 * grant handler, expiry and withdrawal.
 */
@NullMarked
package dev.secupass.core.internal.delivery;

import org.jspecify.annotations.NullMarked;
