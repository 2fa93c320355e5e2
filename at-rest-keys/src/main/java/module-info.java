/**
 * The host's at-rest key (levels 1 and 2) kept in a key service: {@link
 * dev.secupass.atrest.AwsKmsAtRestKey} in AWS KMS (envelope encryption: a data key per record,
 * wrapped by the KMS key) and {@link dev.secupass.atrest.Pkcs11AtRestKey} in an HSM over PKCS#11;
 * and, where neither is at hand, {@link dev.secupass.atrest.TinkKeysetFile} in an owner-only file.
 * Both plug into {@code SecuPassSdk.builder().atRestKey(...)}, alone or in an {@link
 * dev.secupass.core.AtRestKeyRing} for rotation.
 */
module dev.secupass.atrest {
  requires transitive dev.secupass.core;
  requires static transitive software.amazon.awssdk.services.kms;
  requires static software.amazon.awssdk.core;
  requires static software.amazon.awssdk.awscore;
  requires static transitive org.jspecify; // the nullness annotations are part of the API

  exports dev.secupass.atrest;
}
