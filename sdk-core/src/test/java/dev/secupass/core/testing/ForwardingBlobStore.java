package dev.secupass.core.testing;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import java.io.InputStream;
import java.util.Optional;

/** A blob store that forwards every call to another; subclasses change what they test. */
public abstract class ForwardingBlobStore implements BlobStore {
  protected final BlobStore delegate;

  protected ForwardingBlobStore(BlobStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public BlobOutput create(BlobId id) {
    return delegate.create(id);
  }

  @Override
  public BlobOutput create(BlobId id, long size) {
    return delegate.create(id, size);
  }

  @Override
  public Optional<BlobInfo> stat(BlobId id) {
    return delegate.stat(id);
  }

  @Override
  public InputStream open(BlobId id, long offset, long length) {
    return delegate.open(id, offset, length);
  }

  @Override
  public boolean delete(BlobId id) {
    return delegate.delete(id);
  }
}
