/**
 * The SDK's one door, {@link dev.secupass.core.SecuPassSdk}, built from the host's stores, clock,
 * random source, policies and {@link dev.secupass.core.AtRestKey at-rest key}; the {@link
 * dev.secupass.core.SignedInUser signed-in user} a host hands it; and {@link
 * dev.secupass.core.SecretAccess}, the token for the few deliberate ways to take a secret out.
 */
@NullMarked
package dev.secupass.core;

import org.jspecify.annotations.NullMarked;
