package dev.secupass.core.fs;

import dev.secupass.spi.BlobStore;
import dev.secupass.tck.BlobStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The blob contract against {@link FileSystemBlobStore} in a fresh directory per test. */
class FileSystemBlobStoreContractTest extends BlobStoreContractTest {
  @TempDir Path root;

  @Override
  protected BlobStore createBlobStore() {
    return new FileSystemBlobStore(root);
  }
}
