/** JMH benchmarks of the content stream and the key derivation, beside their baselines. */
@NullMarked
package dev.secupass.benchmarks;

import org.jspecify.annotations.NullMarked;
