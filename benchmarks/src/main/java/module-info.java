/**
 * The SDK's benchmarks. A named module so that the compiler holds it to what it may use: the
 * public API of the SDK and its adapters, and the internal packages that sdk-core exports to this
 * module alone (the content format, the key service and its sessions) for the benchmarks that
 * measure them. It also reads the class path, where the SDK's test support is (ForwardingStorage:
 * a storage with one store swapped). The benchmarks run from a shaded jar on the class path.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.secupass.benchmarks {
  requires dev.secupass.core;
  requires dev.secupass.storage.jdbc;
  requires dev.secupass.storage.s3;
  requires dev.secupass.micrometer;
  requires micrometer.core;
  requires com.google.crypto.tink;
  requires jmh.core;
  requires java.sql;
  requires java.management;
  requires jdk.management;
  requires org.postgresql.jdbc;
  requires com.h2database;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.services.s3;
}
