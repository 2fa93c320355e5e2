/**
 * Implementation of the S3 blob store: multipart writes, verified ranged reads, the translation of
 * AWS SDK failures and the sweep of abandoned uploads. Not exported; nothing here is API.
 */
@NullMarked
package dev.secupass.storage.s3.internal;

import org.jspecify.annotations.NullMarked;
