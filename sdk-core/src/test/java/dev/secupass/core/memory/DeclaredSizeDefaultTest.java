package dev.secupass.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import dev.secupass.tck.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The SPI's default {@code create(id, size)} over a store whose output fails a write: the blob is
 * aborted at once, so the size count never runs ahead of the bytes the store holds.
 */
class DeclaredSizeDefaultTest {
  private final MemoryBlobStore memory = new MemoryBlobStore();

  /** The memory store, with outputs whose second write fails like a full disk. */
  private final BlobStore secondWriteFails = new BlobStore() {
    @Override
    public BlobOutput create(BlobId id) {
      BlobOutput real = memory.create(id);
      return new BlobOutput() {
        private int writes;

        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          if (++writes == 2) {
            throw new IOException("disk full");
          }
          real.write(b, off, len);
        }

        @Override
        public BlobInfo commit() {
          return real.commit();
        }

        @Override
        public void abort() {
          real.abort();
        }
      };
    }

    @Override
    public Optional<BlobInfo> stat(BlobId id) {
      return memory.stat(id);
    }

    @Override
    public InputStream open(BlobId id, long offset, long length) {
      return memory.open(id, offset, length);
    }

    @Override
    public boolean delete(BlobId id) {
      return memory.delete(id);
    }
  };

  @Test
  void failedWrite_abortsTheBlob_soThatNoShortBlobCommits() throws IOException {
    BlobId id = Samples.blobId();
    BlobOutput out = secondWriteFails.create(id, 30);
    out.write(new byte[10]);

    assertThatThrownBy(() -> out.write(new byte[10])).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> out.write(new byte[10]))
        .isInstanceOfAny(IOException.class, IllegalStateException.class);
    assertThatThrownBy(out::commit).isInstanceOf(IllegalStateException.class);

    assertThat(memory.stat(id)).isEmpty();
  }
}
