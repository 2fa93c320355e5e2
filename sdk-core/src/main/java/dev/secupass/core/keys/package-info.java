/**
 * SecuPasses: {@link dev.secupass.core.keys.SecuPasses activation, unlock, change and reset}, the
 * {@link dev.secupass.core.keys.SecuPassSession session} that stands for a user's unlocked keys,
 * the {@link dev.secupass.core.keys.SecuPass typed SecuPass}, the {@link
 * dev.secupass.core.keys.KdfPolicy Argon2id policy} and the {@link
 * dev.secupass.core.keys.UnlockAttemptListener unlock hook} for rate limiting.
 */
@NullMarked
package dev.secupass.core.keys;

import org.jspecify.annotations.NullMarked;
