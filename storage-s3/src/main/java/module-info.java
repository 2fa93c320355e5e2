/**
 * The SecuPass blob store on Amazon S3 and S3-compatible services, built on the AWS SDK for Java
 * v2. The public package holds {@link dev.secupass.storage.s3.S3BlobStore} and its builder; the
 * implementation lives in a package that is not exported.
 */
module dev.secupass.storage.s3 {
  requires transitive dev.secupass.api;
  requires transitive software.amazon.awssdk.services.s3;
  requires transitive software.amazon.awssdk.auth;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.apache5;
  requires software.amazon.awssdk.retries.api;
  requires software.amazon.awssdk.retries;
  requires org.slf4j;
  requires static transitive org.jspecify; // the nullness annotations are part of the API

  exports dev.secupass.storage.s3;
}
