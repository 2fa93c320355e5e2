/**
 * Internal: the stores, transactions, undo journal and indexes behind {@link
 * dev.secupass.core.memory.MemoryStorage} and {@link dev.secupass.core.memory.MemoryBlobStore}.
 */
@NullMarked
package dev.secupass.core.internal.memory;

import org.jspecify.annotations.NullMarked;
