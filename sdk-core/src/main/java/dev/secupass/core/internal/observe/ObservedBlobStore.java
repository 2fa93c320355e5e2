package dev.secupass.core.internal.observe;

import dev.secupass.api.BlobId;
import dev.secupass.core.observe.ObservationTag;
import dev.secupass.core.observe.Operation;
import dev.secupass.core.observe.SecuPassObserver;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The host's {@link BlobStore} with every call measured as {@link Operation#BLOB_STORE}, and the
 * commit of each blob written: the upload's last step, where an S3 multipart upload completes.
 * The bytes streamed in between are the send's. Installed only with an observer.
 */
public final class ObservedBlobStore implements BlobStore {
  private final BlobStore delegate;
  private final SecuPassObserver observer;

  private ObservedBlobStore(BlobStore delegate, SecuPassObserver observer) {
    this.delegate = delegate;
    this.observer = observer;
  }

  /** {@code blobs} measured, or itself with {@link SecuPassObserver#NONE}. */
  public static BlobStore of(BlobStore blobs, SecuPassObserver observer) {
    return observer == SecuPassObserver.NONE ? blobs : new ObservedBlobStore(blobs, observer);
  }

  @Override
  public BlobOutput create(BlobId id) {
    return new Output(measure("create", run -> delegate.create(id)));
  }

  @Override
  public BlobOutput create(BlobId id, long size) {
    return new Output(measure("create", run -> delegate.create(id, size)));
  }

  @Override
  public Optional<BlobInfo> stat(BlobId id) {
    return measure("stat", run -> delegate.stat(id));
  }

  @Override
  public InputStream open(BlobId id, long offset, long length) {
    return measure("open", run -> delegate.open(id, offset, length));
  }

  @Override
  public InputStream open(BlobId id) {
    return measure("open", run -> delegate.open(id));
  }

  @Override
  public boolean delete(BlobId id) {
    return measure("delete", run -> delegate.delete(id));
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  private <T> T measure(String call, Run.Work<T> work) {
    return Run.measure(observer, Operation.BLOB_STORE, run -> {
      run.tag(ObservationTag.CALL, call);
      return work.run(run);
    });
  }

  /** A blob being written, its commit measured. */
  private final class Output extends BlobOutput {
    private final BlobOutput out;

    Output(BlobOutput out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public BlobInfo commit() {
      return measure("commit", run -> out.commit());
    }

    @Override
    public void abort() {
      out.abort();
    }

    @Override
    public void close() {
      out.close();
    }
  }
}
