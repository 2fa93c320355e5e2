/**
 * The key transparency log: every public key version of every user in an append-only Merkle log
 * whose checkpoints the host signs ({@link CheckpointKey}) and witnesses cosign ({@link Witness}),
 * set up with {@link KeyTransparency} and read through {@link KeyLog}. See {@code
 * docs/key-log.md}.
 */
@NullMarked
package dev.secupass.core.keylog;

import org.jspecify.annotations.NullMarked;
