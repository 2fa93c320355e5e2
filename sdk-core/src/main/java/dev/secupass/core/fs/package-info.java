/**
 * The filesystem {@link dev.secupass.spi.BlobStore}:
 * {@link dev.secupass.core.fs.FileSystemBlobStore}, the blob store of the embedded default.
 */
@NullMarked
package dev.secupass.core.fs;

import org.jspecify.annotations.NullMarked;
