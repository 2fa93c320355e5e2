/**
 * The storage SPI: one interface per store, each method's contract in its javadoc, and the plain
 * records the stores hold. Everything an adapter receives is ciphertext, a public key, a hash or
 * metadata that the security level lets the host see; adapters never interpret the opaque byte
 * arrays.
 *
 * <p>Common rules for every store:
 * <ul>
 *   <li>Arguments are never {@code null}; an {@code Optional} return means "may be absent".
 *   <li>Records are immutable values; byte arrays are copied on the way in and out.
 *   <li>Vendor failures surface as {@link dev.secupass.api.StorageException}, with
 *       {@link dev.secupass.api.StorageException#retryable()} set for transient ones; nothing
 *       half-written is visible afterwards.
 *   <li>Lost compare-and-set updates and taken identifiers surface as
 *       {@link dev.secupass.api.ConflictException}; missing rows as
 *       {@link dev.secupass.api.NotFoundException} where the method says so.
 *   <li>Stores are safe for concurrent use by many threads (and, for shared backends, many
 *       processes).
 *   <li>Changes that belong together are grouped with {@link dev.secupass.spi.Storage#inTransaction}.
 * </ul>
 *
 * <p>The conformance kit ({@code secupass-sdk-tck}) checks each rule.
 */
@NullMarked
package dev.secupass.spi;

import org.jspecify.annotations.NullMarked;
