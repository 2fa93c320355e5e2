/**
 * First contact: one-time access codes and their key bindings ({@code docs/format.md}, "Access
 * code"), safety words, and {@link dev.secupass.core.internal.firstcontact.FirstContactRelease},
 * the one place that decides whether a sender's SDK may wrap a delivery's key to a recipient's
 * first keys.
 */
@NullMarked
package dev.secupass.core.internal.firstcontact;

import org.jspecify.annotations.NullMarked;
