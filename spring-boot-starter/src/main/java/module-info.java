/**
 * The SecuPass SDK's Spring Boot 4.0 auto-configuration: {@link
 * dev.secupass.spring.SecuPassAutoConfiguration}, its {@code secupass.*} properties, the grant
 * poller and the event relay as lifecycle beans, health indicators and Micrometer observations.
 * The S3 blob store, the KMS and HSM at-rest keys, the health indicators and the observations
 * configure themselves only when their modules are present.
 */
module dev.secupass.spring {
  requires transitive dev.secupass.core;
  requires transitive dev.secupass.storage.jdbc;
  requires static dev.secupass.storage.s3;
  requires transitive dev.secupass.atrest;
  requires static dev.secupass.micrometer;
  requires static micrometer.observation;
  requires static micrometer.core;
  requires static software.amazon.awssdk.services.kms;
  requires static software.amazon.awssdk.services.s3;
  requires static software.amazon.awssdk.regions;
  requires static software.amazon.awssdk.core;
  requires static software.amazon.awssdk.awscore;
  requires transitive spring.boot.autoconfigure;
  requires transitive spring.boot;
  requires transitive spring.context;
  requires spring.beans;
  requires spring.core;
  requires static transitive spring.boot.health;
  requires com.google.crypto.tink;
  requires java.sql;
  requires org.slf4j;
  requires static transitive org.jspecify; // the nullness annotations are part of the API

  exports dev.secupass.spring;
  // Spring reads the configuration classes and binds the properties by reflection.
  opens dev.secupass.spring to spring.core, spring.beans, spring.context;
}
