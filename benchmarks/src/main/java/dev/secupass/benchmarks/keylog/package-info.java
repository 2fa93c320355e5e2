/**
 * The cost of the key transparency log at scale ({@code docs/key-log.md}, "Costs"): proof sizes
 * and verification time per send at a million users and ten million entries, and the storage per
 * key version.
 */
@NullMarked
package dev.secupass.benchmarks.keylog;

import org.jspecify.annotations.NullMarked;
