/**
 * SecuPass SDK core: SecuPass key pairs, the content format, deliveries, grants and data rooms,
 * and the in-memory and filesystem reference stores.
 */
module dev.secupass.core {
  requires transitive dev.secupass.api;
  requires static transitive org.jspecify; // the nullness annotations are part of the API
  requires org.slf4j;
  requires transitive com.google.crypto.tink;
  requires org.bouncycastle.provider;

  exports dev.secupass.core.keys;
  exports dev.secupass.core.keylog;
  exports dev.secupass.core.memory;
  exports dev.secupass.core.fs;
  exports dev.secupass.core;
  exports dev.secupass.core.delivery;
  exports dev.secupass.core.events;
  exports dev.secupass.core.grants;
  exports dev.secupass.core.guests;
  exports dev.secupass.core.rooms;
  exports dev.secupass.core.observe;
  exports dev.secupass.core.relay;

  // Not API: for the benchmarks that measure the content format and the key service.
  exports dev.secupass.core.internal.crypto to dev.secupass.benchmarks;
  exports dev.secupass.core.internal.keys to dev.secupass.benchmarks;
  exports dev.secupass.core.internal.keylog to dev.secupass.benchmarks;
}
