/**
 * The storage conformance kit: abstract JUnit 5 contract tests for every store of the SPI. An
 * adapter proves itself with one subclass of {@link dev.secupass.tck.StorageConformanceKit} (the
 * metadata stores) or {@link dev.secupass.tck.BlobStoreConformanceKit} (the blob store), or both,
 * each with one factory hook; see {@code docs/conformance-kit.md}. {@link dev.secupass.tck.MutableClock} drives leases and expiry
 * without sleeping, and {@link dev.secupass.tck.Samples} makes fresh records for tests of one's
 * own.
 */
@NullMarked
package dev.secupass.tck;

import org.jspecify.annotations.NullMarked;
