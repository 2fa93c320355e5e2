/**
 * The SecuPass {@link dev.secupass.spi.BlobStore} on Amazon S3 and S3-compatible services.
 *
 * <p>{@link dev.secupass.storage.s3.S3BlobStore#builder()} configures the bucket, an optional key
 * prefix per host or tenant, the multipart part size and the parts in flight (which bound the
 * memory an upload holds), and either an {@code S3Client} the host built or the endpoint, region,
 * credentials and addressing style for one the store builds itself. {@code docs/storage-s3.md}
 * explains the settings for AWS and for S3-compatible servers.
 */
@NullMarked
package dev.secupass.storage.s3;

import org.jspecify.annotations.NullMarked;
