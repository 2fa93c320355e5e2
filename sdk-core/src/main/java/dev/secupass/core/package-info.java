/**
 * The SDK's entry point, {@link dev.secupass.core.SecuPassSdk}, built from the host's stores,
 * clock, random source, policies and {@link dev.secupass.core.AtRestKey at-rest key}.
 */
@NullMarked
package dev.secupass.core;

import org.jspecify.annotations.NullMarked;
