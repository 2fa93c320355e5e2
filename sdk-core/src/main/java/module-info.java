/**
 * SecuPass SDK core: SecuPass key pairs, the content format, deliveries, grants and data rooms,
 * and the in-memory and filesystem reference stores.
 */
module dev.secupass.core {
  requires transitive dev.secupass.api;
  requires static org.jspecify;
  requires org.slf4j;

  exports dev.secupass.core.memory;
  exports dev.secupass.core.fs;
}
