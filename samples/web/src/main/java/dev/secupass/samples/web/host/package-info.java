/**
 * The host's side around the SDK: its people (the shared user directory) and stand-in sign-in,
 * the mails it would send for the SDK's events, and its timers.
 */
@NullMarked
package dev.secupass.samples.web.host;

import org.jspecify.annotations.NullMarked;
