package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.api.NotFoundException;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link BlobStore}: blobs visible only once committed and never overwritten,
 * streamed both ways whatever their size, read whole or by range, deleted whole.
 *
 * <p>The large-blob test streams {@link #LARGE_BLOB_PROPERTY} MiB (default 64) through the store,
 * generating the bytes as it writes and comparing digests as it reads, so the test itself holds
 * no more than a buffer. {@link #maxLargeBlobBytes()} lets a store that keeps blobs in memory cap
 * it.
 */
@DisplayName("BlobStore contract")
public abstract class BlobStoreContractTest {
  /** The system property that sizes the large-blob test, in MiB. */
  public static final String LARGE_BLOB_PROPERTY = "secupass.tck.largeBlobMiB";

  /** {@link #maxLargeBlobBytes()}'s default: no limit. */
  static final long UNLIMITED = Long.MAX_VALUE;
  /** {@link #declaredBlobBytes()}'s default: a little over 3 MiB. */
  static final int DEFAULT_DECLARED_BLOB_BYTES = 3 * 1024 * 1024 + 17;

  /** The store under test, fresh from {@link #createBlobStore()} for each test. */
  BlobStore blobs;

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
    return UNLIMITED;
  }

  /**
   * The size of the blobs the rules on declared sizes ({@link BlobStore#create(BlobId, long)})
   * write: 3 MiB by default. A store that sends blobs of declared size differently above some
   * size (the S3 store: above one part) returns a size above it, so the rules reach that path.
   */
  protected int declaredBlobBytes() {
    return DEFAULT_DECLARED_BLOB_BYTES;
  }

  @BeforeEach
  final void setUpBlobStore() {
    blobs = createBlobStore();
  }

  BlobInfo committed(BlobId id, byte[] content) {
    try (BlobOutput out = blobs.create(id)) {
      out.write(content);
      return out.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  BlobId stored(byte[] content) {
    BlobId id = Samples.blobId();
    committed(id, content);
    return id;
  }

  /** Writes a whole blob into a new output and leaves it uncommitted. */
  interface Writer {
    BlobOutput write(BlobId id, byte[] content) throws IOException;
  }

  /** {@link BlobStore#create(BlobId)}, written in one call. */
  BlobOutput unsized(BlobId id, byte[] content) throws IOException {
    BlobOutput out = blobs.create(id);
    out.write(content);
    return out;
  }

  /**
   * {@link BlobStore#create(BlobId, long)} with the content's size, written in odd-sized chunks
   * and a last single byte, with empty writes before the first and after the last byte.
   */
  BlobOutput declared(BlobId id, byte[] content) throws IOException {
    BlobOutput out = blobs.create(id, content.length);
    out.write(content, 0, 0);
    int chunk = 65_537;
    int at = 0;
    for (; at + chunk < content.length - 1; at += chunk) {
      out.write(content, at, chunk);
    }
    out.write(content, at, content.length - 1 - at);
    out.write(content[content.length - 1]);
    out.write(content, content.length / 2, 0);
    return out;
  }

  /**
   * A second writer of a committed id gets {@link ConflictException} from {@code create}, a write
   * or at the latest {@code commit}, and the first blob stays.
   */
  void assertCommittedIdConflicts(Writer writer, int size) {
    byte[] content = Samples.bytes(64);
    BlobId id = stored(content);

    assertThatThrownBy(() -> {
      try (BlobOutput out = writer.write(id, Samples.bytes(size))) {
        out.commit();
      }
    }).isInstanceOf(ConflictException.class);
    assertThat(readAll(id)).isEqualTo(content);
  }

  void assertLateCommitConflicts(Writer writer, int size) throws IOException {
    BlobId id = Samples.blobId();
    BlobOutput late = writer.write(id, Samples.bytes(size));
    byte[] first = Samples.bytes(40);
    committed(id, first);

    assertThatThrownBy(late::commit).isInstanceOf(ConflictException.class);
    late.close();
    assertThat(readAll(id)).isEqualTo(first);
  }

  void assertExactlyOneRacerWins(Writer writer, int size) {
    BlobId id = Samples.blobId();
    List<Race.Outcome<byte[]>> outcomes = Race.run(i -> {
      byte[] content = Samples.bytes(size + i);
      try (BlobOutput out = writer.write(id, content)) {
        out.commit();
        return content;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });

    byte[] winner = Race.exactlyOneWinner(outcomes);

    assertThat(readAll(id)).isEqualTo(winner);
  }

  byte[] read(BlobId id, long offset, long length) {
    try (InputStream in = blobs.open(id, offset, length)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] readAll(BlobId id) {
    try (InputStream in = blobs.open(id)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void assertInvisible(BlobId id) {
    assertThat(blobs.stat(id)).as("stat of %s", id).isEmpty();
    assertThatThrownBy(() -> blobs.open(id)).isInstanceOf(NotFoundException.class);
  }

  /** Nothing is visible, and a new blob can still be committed under the id. */
  void assertInvisibleAndFree(BlobId id) {
    assertInvisible(id);
    byte[] content = Samples.bytes(10);
    committed(id, content);
    assertThat(readAll(id)).isEqualTo(content);
  }

  @Nested
  @DisplayName("BlobStore visibility")
  class Visibility {
    @Test
    @DisplayName("a blob being written is invisible until commit, then visible whole")
    void create_beforeCommit_isInvisible() throws IOException {
      BlobId id = Samples.blobId();
      byte[] content = Samples.bytes(100_000);
      try (BlobOutput out = blobs.create(id)) {
        out.write(content);
        out.flush();

        assertInvisible(id);
        assertThat(out.commit()).isEqualTo(new BlobInfo(id, content.length));
      }

      assertThat(blobs.stat(id)).contains(new BlobInfo(id, content.length));
      assertThat(readAll(id)).isEqualTo(content);
    }

    @Test
    @DisplayName("abort leaves nothing, and aborting again does nothing")
    void abort_leavesNothing() throws IOException {
      BlobId id = Samples.blobId();
      BlobOutput out = blobs.create(id);
      out.write(Samples.bytes(5000));

      out.abort();
      out.abort();

      assertInvisible(id);
    }

    @Test
    @DisplayName("closing without a commit leaves nothing, and the id stays free")
    void close_withoutCommit_leavesNothing() throws IOException {
      BlobId id = Samples.blobId();
      try (BlobOutput out = blobs.create(id)) {
        out.write(Samples.bytes(5000));
      }

      assertInvisibleAndFree(id);
    }

    @Test
    @DisplayName("abort and close after a commit keep the blob")
    void abortAfterCommit_keepsBlob() throws IOException {
      BlobId id = Samples.blobId();
      byte[] content = Samples.bytes(300);
      BlobOutput out = blobs.create(id);
      out.write(content);
      out.commit();

      out.abort();
      out.close();

      assertThat(readAll(id)).isEqualTo(content);
    }

    @Test
    @DisplayName("commit after a commit or an abort throws IllegalState")
    void commit_twiceOrAfterAbort_throwsIllegalState() {
      BlobOutput committed = blobs.create(Samples.blobId());
      committed.commit();
      BlobOutput aborted = blobs.create(Samples.blobId());
      aborted.abort();

      assertThatThrownBy(committed::commit).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(aborted::commit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("writing after a commit or an abort fails")
    void write_afterCommitOrAbort_fails() {
      BlobId id = Samples.blobId();
      BlobOutput committed = blobs.create(id);
      committed.commit();
      BlobOutput aborted = blobs.create(Samples.blobId());
      aborted.abort();

      for (BlobOutput out : List.of(committed, aborted)) {
        assertThatThrownBy(() -> out.write(new byte[] {1, 2}))
            .isInstanceOfAny(IOException.class, IllegalStateException.class);
        assertThatThrownBy(() -> out.write(7))
            .isInstanceOfAny(IOException.class, IllegalStateException.class);
      }
      assertThat(blobs.stat(id)).contains(new BlobInfo(id, 0));
    }

    @Test
    @DisplayName("an empty blob commits with size 0 and reads empty")
    void commit_empty_sizeZero() {
      BlobId id = Samples.blobId();

      assertThat(committed(id, new byte[0])).isEqualTo(new BlobInfo(id, 0));

      assertThat(blobs.stat(id)).contains(new BlobInfo(id, 0));
      assertThat(readAll(id)).isEmpty();
      assertThat(read(id, 0, 10)).isEmpty();
    }

    @Test
    @DisplayName("single bytes and slices of arrays are stored in the order written")
    void write_bytesAndSlices_inOrder() throws IOException {
      BlobId id = Samples.blobId();
      byte[] content = Samples.bytes(1000);
      try (BlobOutput out = blobs.create(id)) {
        out.write(content[0]);
        out.write(content, 1, 499);
        out.write(content, 500, 0);
        for (int i = 500; i < 1000; i++) {
          out.write(content[i]);
        }
        out.commit();
      }

      assertThat(readAll(id)).isEqualTo(content);
    }
  }

  @Nested
  @DisplayName("BlobStore conflicts")
  class Conflicts {
    @Test
    @DisplayName("writing the id of a committed blob conflicts at create or at the latest at"
        + " commit; the first blob stays")
    void create_committedId_conflicts() {
      assertCommittedIdConflicts(BlobStoreContractTest.this::unsized, 80);
    }

    @Test
    @DisplayName("commit conflicts when another writer committed the id meanwhile;"
        + " the first blob stays")
    void commit_afterAnotherCommitted_conflicts() throws IOException {
      assertLateCommitConflicts(BlobStoreContractTest.this::unsized, 80);
    }

    @Test
    @DisplayName("of many racing writers of one id exactly one commits, and its bytes are kept")
    void commit_racingWriters_exactlyOneWins() {
      assertExactlyOneRacerWins(BlobStoreContractTest.this::unsized, 20_000);
    }
  }

  @Nested
  @DisplayName("BlobStore writes of declared size")
  class DeclaredSize {
    @Test
    @DisplayName("a blob of declared size is invisible until commit, then reads back whole and"
        + " by range")
    void declaredSize_committed_readsBack() throws IOException {
      BlobId id = Samples.blobId();
      byte[] content = Samples.bytes(declaredBlobBytes());
      try (BlobOutput out = declared(id, content)) {
        assertInvisible(id);
        assertThat(out.commit()).isEqualTo(new BlobInfo(id, content.length));
      }

      assertThat(blobs.stat(id)).contains(new BlobInfo(id, content.length));
      assertThat(readAll(id)).isEqualTo(content);
      int offset = content.length / 2 - 3;
      assertThat(read(id, offset, 70_000))
          .isEqualTo(Arrays.copyOfRange(content, offset, offset + 70_000));
    }

    @Test
    @DisplayName("declared sizes of 0, 1 and a few bytes work like any other")
    void declaredSize_smallAndEmpty_commit() throws IOException {
      for (int size : new int[] {0, 1, 100}) {
        BlobId id = Samples.blobId();
        byte[] content = Samples.bytes(size);
        try (BlobOutput out = blobs.create(id, size)) {
          out.write(content);
          assertThat(out.commit()).isEqualTo(new BlobInfo(id, size));
        }
        assertThat(readAll(id)).as("blob of %s bytes", size).isEqualTo(content);
      }
    }

    @Test
    @DisplayName("a write past the declared size throws IllegalState, leaves nothing, and the id"
        + " stays free")
    void declaredSize_writtenPast_failsAndLeavesNothing() throws IOException {
      BlobId id = Samples.blobId();
      byte[] content = Samples.bytes(declaredBlobBytes());
      BlobOutput out = blobs.create(id, content.length - 1);
      out.write(content, 0, content.length - 10);

      assertThatThrownBy(() -> out.write(content, content.length - 10, 10))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(out::commit).isInstanceOf(IllegalStateException.class);
      out.close();

      assertInvisibleAndFree(id);
    }

    @Test
    @DisplayName("a commit short of the declared size throws IllegalState, leaves nothing, and"
        + " the id stays free")
    void declaredSize_commitShort_failsAndLeavesNothing() throws IOException {
      BlobId id = Samples.blobId();
      byte[] content = Samples.bytes(declaredBlobBytes());
      BlobOutput out = blobs.create(id, content.length + 1);
      out.write(content);

      assertThatThrownBy(out::commit).isInstanceOf(IllegalStateException.class);
      out.close();

      assertInvisibleAndFree(id);
    }

    @Test
    @DisplayName("closing without a commit after all declared bytes leaves nothing, and the id"
        + " stays free")
    void declaredSize_allWrittenButClosed_leavesNothing() throws IOException {
      BlobId id = Samples.blobId();
      declared(id, Samples.bytes(declaredBlobBytes())).close();

      assertInvisibleAndFree(id);
    }

    @Test
    @DisplayName("a negative declared size is refused")
    void declaredSize_negative_isRefused() {
      assertThatThrownBy(() -> blobs.create(Samples.blobId(), -1))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("writing a blob of declared size under the id of a committed blob conflicts at"
        + " create or at the latest at commit; the first blob stays")
    void declaredSize_committedId_conflicts() {
      assertCommittedIdConflicts(BlobStoreContractTest.this::declared, declaredBlobBytes());
    }

    @Test
    @DisplayName("commit of declared size conflicts when another writer committed the id"
        + " meanwhile; the first blob stays")
    void declaredSize_afterAnotherCommitted_conflicts() throws IOException {
      assertLateCommitConflicts(BlobStoreContractTest.this::declared, declaredBlobBytes());
    }

    @Test
    @DisplayName("of racing writers of declared size exactly one commits, and its bytes are kept")
    void declaredSize_racingWriters_exactlyOneWins() {
      assertExactlyOneRacerWins(BlobStoreContractTest.this::declared, declaredBlobBytes());
    }
  }

  @Nested
  @DisplayName("BlobStore reads")
  class Reads {
    final byte[] content = Samples.bytes(10_000);

    @Test
    @DisplayName("reads a range from the middle exactly")
    void open_middleRange_exactBytes() {
      BlobId id = stored(content);

      assertThat(read(id, 1234, 5000)).isEqualTo(Arrays.copyOfRange(content, 1234, 6234));
    }

    @Test
    @DisplayName("stops at the blob's end when the range runs past it")
    void open_rangePastEnd_stopsAtEnd() {
      BlobId id = stored(content);

      assertThat(read(id, 9000, 5000)).isEqualTo(Arrays.copyOfRange(content, 9000, 10_000));
      assertThat(read(id, 1, Long.MAX_VALUE)).isEqualTo(Arrays.copyOfRange(content, 1, 10_000));
    }

    @Test
    @DisplayName("gives an empty stream at offset == size and for length 0")
    void open_atEndOrZeroLength_empty() {
      BlobId id = stored(content);

      assertThat(read(id, content.length, 100)).isEmpty();
      assertThat(read(id, 500, 0)).isEmpty();
    }

    @Test
    @DisplayName("rejects an offset beyond the end and a negative offset or length")
    void open_badRange_throwsIllegalArgument() {
      BlobId id = stored(content);

      assertThatThrownBy(() -> blobs.open(id, content.length + 1, 1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> blobs.open(id, -1, 1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> blobs.open(id, 0, -1))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("throws NotFound when opening, and stats empty, a blob that does not exist")
    void open_unknown_throwsNotFound() {
      assertInvisible(Samples.blobId());
    }

    @Test
    @DisplayName("serves byte-by-byte reads and random ranges alike")
    void open_byteByByteAndRandomRanges_match() throws IOException {
      BlobId id = stored(content);
      ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
      try (InputStream in = blobs.open(id, 100, 300)) {
        for (int b; (b = in.read()) != -1; ) {
          oneByOne.write(b);
        }
      }
      assertThat(oneByOne.toByteArray()).isEqualTo(Arrays.copyOfRange(content, 100, 400));

      for (int i = 0; i < 20; i++) {
        int offset = ThreadLocalRandom.current().nextInt(content.length + 1);
        int length = ThreadLocalRandom.current().nextInt(3000);
        assertThat(read(id, offset, length)).as("range %d+%d", offset, length).isEqualTo(
            Arrays.copyOfRange(content, offset, Math.min(content.length, offset + length)));
      }
    }
  }

  @Nested
  @DisplayName("BlobStore.delete")
  class Delete {
    @Test
    @DisplayName("deletes a committed blob once; afterwards it is gone")
    void delete_committed_thenGone() {
      BlobId id = stored(Samples.bytes(100));

      assertThat(blobs.delete(id)).isTrue();

      assertInvisible(id);
      assertThat(blobs.delete(id)).isFalse();
    }

    @Test
    @DisplayName("returns false for a blob that never existed or was never committed")
    void delete_unknownOrUncommitted_false() throws IOException {
      BlobId writing = Samples.blobId();
      try (BlobOutput out = blobs.create(writing)) {
        out.write(1);

        assertThat(blobs.delete(Samples.blobId())).isFalse();
        assertThat(blobs.delete(writing)).isFalse();
      }
    }
  }

  @Nested
  @DisplayName("BlobStore large blobs")
  class LargeBlobs {
    @Test
    @DisplayName("streams a large blob through in bounded memory, whole and by range")
    void largeBlob_streamedThrough_digestsMatch() throws IOException {
      long size = Math.min(
          Long.getLong(LARGE_BLOB_PROPERTY, 64) * 1024 * 1024, maxLargeBlobBytes());
      PatternBytes pattern = new PatternBytes(ThreadLocalRandom.current().nextLong());
      BlobId id = Samples.blobId();

      byte[] written;
      try (BlobOutput out = blobs.create(id)) {
        written = pattern.writeTo(out, size);
        assertThat(out.commit()).isEqualTo(new BlobInfo(id, size));
      }

      assertThat(blobs.stat(id)).contains(new BlobInfo(id, size));
      try (InputStream in = blobs.open(id)) {
        PatternBytes.Read whole = PatternBytes.read(in);
        assertThat(whole.length()).isEqualTo(size);
        assertThat(whole.sha256()).as("digest of the whole blob").isEqualTo(written);
      }
      long offset = Math.max(0, size / 2 - 12_345);
      long length = Math.min(3L * 1024 * 1024, size - offset);
      try (InputStream in = blobs.open(id, offset, length)) {
        PatternBytes.Read range = PatternBytes.read(in);
        assertThat(range.length()).isEqualTo(length);
        assertThat(range.sha256()).as("digest of a range").isEqualTo(
            pattern.digest(offset, length));
      }
      blobs.delete(id);
    }
  }
}
