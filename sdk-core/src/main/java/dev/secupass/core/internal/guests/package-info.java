/** Internal: guest invitations, registration and sign-in, and their Argon2id password hashes. */
@NullMarked
package dev.secupass.core.internal.guests;

import org.jspecify.annotations.NullMarked;
