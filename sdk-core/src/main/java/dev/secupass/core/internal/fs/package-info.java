/** Internal: paths, outputs and ranged reads of {@link dev.secupass.core.fs.FileSystemBlobStore}. */
@NullMarked
package dev.secupass.core.internal.fs;

import org.jspecify.annotations.NullMarked;
