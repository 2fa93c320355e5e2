package dev.secupass.core.fs;

import dev.secupass.spi.BlobStore;
import dev.secupass.tck.BlobStoreConformanceKit;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The blob contracts against {@link FileSystemBlobStore} in a fresh directory per test. */
class FileSystemBlobStoreConformanceTest extends BlobStoreConformanceKit {
  @TempDir Path root;

  @Override
  protected BlobStore createBlobStore() {
    return new FileSystemBlobStore(root);
  }
}
