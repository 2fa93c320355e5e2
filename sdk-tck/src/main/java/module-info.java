/**
 * The storage conformance kit: abstract JUnit 5 contract tests for every SPI store. An adapter's
 * test is one subclass of an aggregate ({@code StorageConformanceKit}, {@code
 * BlobStoreConformanceKit}) with a factory hook.
 */
module dev.secupass.tck {
  requires transitive dev.secupass.api;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;
  requires static transitive org.jspecify; // the nullness annotations are part of the API

  exports dev.secupass.tck;
  // JUnit reads and runs the contract classes reflectively.
  opens dev.secupass.tck to org.junit.platform.commons;
}
