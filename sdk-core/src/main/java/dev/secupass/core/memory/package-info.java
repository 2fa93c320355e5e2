/**
 * In-memory reference stores: {@link dev.secupass.core.memory.MemoryStorage}, every metadata store
 * of the SPI with real transactions, and {@link dev.secupass.core.memory.MemoryBlobStore}. They
 * are thread-safe, keep everything on the heap and lose it when the JVM exits: use them for tests,
 * quick starts and benchmarks.
 */
@NullMarked
package dev.secupass.core.memory;

import org.jspecify.annotations.NullMarked;
