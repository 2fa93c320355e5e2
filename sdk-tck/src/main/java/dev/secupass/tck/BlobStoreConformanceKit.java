package dev.secupass.tck;

import dev.secupass.spi.BlobStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * Every contract of the blob store in one class: an adapter's test subclasses it once,
 * implements {@link #createBlobStore()}, and runs every blob rule the kit has. A blob contract
 * added to the kit later is nested here, so it reaches every adapter without a change to the
 * adapter (the kit's own build fails if a contract is left out).
 *
 * <pre>{@code
 * class MyBlobStoreConformanceTest extends BlobStoreConformanceKit {
 *   @Override
 *   protected BlobStore createBlobStore() {
 *     return new MyBlobStore(bucket);
 *   }
 * }
 * }</pre>
 *
 * <p>A backend that offers both stores, as a database does, subclasses {@link
 * StorageConformanceKit} and nests a subclass of this one (see docs/conformance-kit.md).
 */
@DisplayName("Blob store conformance kit")
public abstract class BlobStoreConformanceKit {

  /**
   * Makes the blob store under test. Called before every test; it may return a new client of a
   * backend (bucket, directory) shared by all tests.
   */
  protected abstract BlobStore createBlobStore();

  /**
   * The most the large-blob test may write, in bytes. Unlimited by default; a store that holds
   * blobs in memory returns what the test JVM can spare.
   */
  protected long maxLargeBlobBytes() {
    return BlobStoreContractTest.UNLIMITED;
  }

  /**
   * The size of the blobs the rules on declared sizes write: 3 MiB by default. A store that sends
   * blobs of declared size differently above some size (the S3 store: above one part) returns a
   * size above it, so the rules reach that path.
   */
  protected int declaredBlobBytes() {
    return BlobStoreContractTest.DEFAULT_DECLARED_BLOB_BYTES;
  }

  @Nested
  @DisplayName("BlobStore")
  class BlobStoreRules extends BlobStoreContractTest {
    @Override
    protected BlobStore createBlobStore() {
      return BlobStoreConformanceKit.this.createBlobStore();
    }

    @Override
    protected long maxLargeBlobBytes() {
      return BlobStoreConformanceKit.this.maxLargeBlobBytes();
    }

    @Override
    protected int declaredBlobBytes() {
      return BlobStoreConformanceKit.this.declaredBlobBytes();
    }
  }
}
