package dev.secupass.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.api.NotFoundException;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.tck.Samples;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Direct checks of the in-memory blob store's chunking (the kit checks the contract). */
class MemoryBlobStoreTest {
  private final MemoryBlobStore blobs = new MemoryBlobStore();

  @Test
  void open_rangeAcrossChunkBoundaries_returnsExactlyThoseBytes() throws IOException {
    BlobId id = Samples.blobId();
    byte[] content = Samples.bytes(200_000);
    try (BlobOutput out = blobs.create(id)) {
      out.write(content, 0, 70_000);
      out.write(content, 70_000, content.length - 70_000);
      assertThat(out.commit()).isEqualTo(new BlobInfo(id, content.length));
    }

    try (InputStream in = blobs.open(id, 65_000, 70_000)) {
      byte[] expected = java.util.Arrays.copyOfRange(content, 65_000, 135_000);
      assertThat(in.readAllBytes()).isEqualTo(expected);
    }
  }

  @Test
  void create_abandonedWithoutCommit_leavesNothing() throws IOException {
    BlobId id = Samples.blobId();
    try (BlobOutput out = blobs.create(id)) {
      out.write(Samples.bytes(10));
    }

    assertThat(blobs.stat(id)).isEmpty();
    assertThatThrownBy(() -> blobs.open(id)).isInstanceOf(NotFoundException.class);
  }
}
