/**
 * SecuPass key pairs: {@link dev.secupass.core.keys.SecuPassKeys activation, unlock, change and
 * reset}, {@link dev.secupass.core.keys.SecuPassSession sessions} that hold the private keys and
 * open and seal envelopes and sign, the {@link dev.secupass.core.keys.KdfPolicy Argon2id policy},
 * the {@link dev.secupass.core.keys.UnlockAttemptListener unlock hook} for rate limiting, and
 * {@link dev.secupass.core.keys.KeyPinning key pinning} of other users' keys.
 */
@NullMarked
package dev.secupass.core.keys;

import org.jspecify.annotations.NullMarked;
