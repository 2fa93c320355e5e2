/**
 * Guests: {@link dev.secupass.core.guests.Guests invitations, registration and sign-in} with a
 * {@link dev.secupass.core.guests.Password password} hashed with Argon2id.
 */
@NullMarked
package dev.secupass.core.guests;

import org.jspecify.annotations.NullMarked;
