/**
 * SecuPass SDK API: the domain values, the exception hierarchy and the storage SPI that adapters
 * implement. Depends on the JDK only.
 */
module dev.secupass.api {
  requires static transitive org.jspecify; // the nullness annotations are part of the API

  exports dev.secupass.api;
  exports dev.secupass.spi;
}
