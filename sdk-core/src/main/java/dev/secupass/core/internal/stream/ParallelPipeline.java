package dev.secupass.core.internal.stream;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Wipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts or decrypts one content stream on several cores. The calling thread reads segments and
 * writes results in order; the executor's threads run AES-GCM (and the segment hashes of the
 * digest) on up to {@code 2 * parallelism} segments at once, each in its own buffer with its own
 * {@code Cipher}. Memory is bounded by that window. The bytes produced are exactly those of the
 * single-threaded path.
 *
 * <p>Decryption writes a segment's plaintext only after that segment verified and every earlier
 * segment was written; a failure stops the pipeline with nothing of the failed segment written.
 */
public final class ParallelPipeline {
  private final Executor executor;
  private final List<Slot> slots = new ArrayList<>();

  /** One segment in flight: its buffer, cipher, digest and what was done to it. */
  private static final class Slot {
    final byte[] buffer;
    final SegmentCipher cipher;
    final @Nullable MessageDigest sha256;
    final boolean leaf;
    long index;
    int length;
    boolean last;
    int resultLength;
    byte @Nullable [] hash;

    Slot(int segmentSize, SegmentCipher cipher, Hashing hashing) {
      this.buffer = new byte[segmentSize + SegmentCipher.TAG_SIZE];
      this.cipher = cipher;
      this.sha256 = hashing == Hashing.NONE ? null : Hashes.sha256();
      this.leaf = hashing == Hashing.LEAVES;
    }
  }

  /** What each segment's hash is: none, version 1's segment hash, or version 2's leaf. */
  public enum Hashing {
    NONE,
    CIPHERTEXT_DIGEST,
    LEAVES
  }

  /** A unit of work on a slot, run on the executor. */
  private interface SlotWork {
    void run(Slot slot);
  }

  /** Fills a free slot with the next segment; returns false once the final segment was read. */
  private interface SlotReader {
    boolean read(Slot slot) throws IOException;
  }

  /** Writes a finished slot's result in order. */
  private interface SlotWriter {
    void write(Slot slot) throws IOException;
  }

  /**
   * @param fileKey the per-file key (copied into each slot's cipher; wipe yours afterwards)
   * @param noncePrefix the header's nonce prefix
   */
  public ParallelPipeline(byte[] fileKey, byte[] noncePrefix, int segmentSize, Hashing hashing,
      Executor executor, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be 1 or more");
    }
    this.executor = executor;
    for (int i = 0; i < 2 * parallelism; i++) {
      slots.add(new Slot(segmentSize, new SegmentCipher(fileKey, noncePrefix), hashing));
    }
  }

  /**
   * Encrypts {@code source} to {@code sink} (the header already written), feeding segment hashes to
   * {@code digester} (version 1) or leaves to {@code table} (version 2) if given.
   *
   * @return the plaintext size
   */
  public long encrypt(InputStream source, OutputStream sink, int segmentSize,
      @Nullable CiphertextDigester digester, @Nullable SegmentTable table) throws IOException {
    long[] plaintext = {0};
    long[] next = {0};
    run(slot -> {
      int n = source.readNBytes(slot.buffer, 0, segmentSize);
      plaintext[0] += n;
      slot.index = next[0]++;
      slot.length = n;
      slot.last = n < segmentSize;
      return !slot.last;
    }, slot -> {
      slot.resultLength = slot.cipher.encrypt(slot.index, slot.last, slot.buffer, 0, slot.length,
          slot.buffer, 0);
      hash(slot, slot.resultLength);
    }, slot -> {
      if (digester != null) {
        digester.segmentHash(Objects.requireNonNull(slot.hash));
      }
      if (table != null) {
        table.add(Objects.requireNonNull(slot.hash));
      }
      sink.write(slot.buffer, 0, slot.resultLength);
    });
    return plaintext[0];
  }

  /**
   * Decrypts the segments of {@code source} (positioned after the header) to {@code sink}; if
   * {@code digester} is given, {@code expectedDigest} is checked before the final segment is
   * written.
   */
  public void decrypt(InputStream source, OutputStream sink, int segmentSize,
      @Nullable CiphertextDigester digester, byte @Nullable [] expectedDigest) throws IOException {
    decrypt(SegmentSource.sequential(source, segmentSize), sink, digester, expectedDigest, null);
  }

  /**
   * Decrypts the segments of a version-2 stream laid out as {@code layout} ({@code source}
   * positioned after the header) to {@code sink}; each segment must have its leaf in {@code table}
   * (already checked against the signed digest) before it is decrypted.
   */
  public void decrypt(InputStream source, OutputStream sink, SegmentLayout layout,
      SegmentTable table) throws IOException {
    decrypt(SegmentSource.byLayout(source, layout, 0), sink, null, null, table);
  }

  private void decrypt(SegmentSource segments, OutputStream sink,
      @Nullable CiphertextDigester digester, byte @Nullable [] expectedDigest,
      @Nullable SegmentTable table) throws IOException {
    run(slot -> {
      SegmentSource.Segment segment = segments.next(slot.buffer);
      slot.index = segment.index();
      slot.length = segment.length();
      slot.last = segment.last();
      return !slot.last;
    }, slot -> {
      hash(slot, slot.length);
      if (table != null) {
        table.checkLeaf(slot.index, Objects.requireNonNull(slot.hash));
      }
      slot.resultLength = slot.cipher.decrypt(slot.index, slot.last, slot.buffer, 0, slot.length,
          slot.buffer, 0);
    }, slot -> {
      if (digester != null) {
        digester.segmentHash(Objects.requireNonNull(slot.hash));
        if (slot.last && !Hashes.constantTimeEquals(digester.finish(),
            Objects.requireNonNull(expectedDigest))) {
          throw new IntegrityException("content stream does not match its expected digest");
        }
      }
      sink.write(slot.buffer, 0, slot.resultLength);
    });
  }

  private void run(SlotReader reader, SlotWork work, SlotWriter writer) throws IOException {
    ArrayDeque<Slot> free = new ArrayDeque<>(slots);
    ArrayDeque<CompletableFuture<Slot>> inFlight = new ArrayDeque<>();
    boolean more = true;
    try {
      while (more || !inFlight.isEmpty()) {
        if (more && !free.isEmpty()) {
          Slot slot = free.poll();
          more = reader.read(slot);
          inFlight.add(CompletableFuture.supplyAsync(() -> {
            work.run(slot);
            return slot;
          }, executor));
        } else {
          Slot slot = join(inFlight.poll());
          writer.write(slot);
          free.add(slot);
        }
      }
    } finally {
      for (CompletableFuture<Slot> pending : inFlight) {
        pending.handle((slot, failure) -> slot).join();
      }
      for (Slot slot : slots) {
        Wipe.bytes(slot.buffer);
        slot.cipher.destroy();
      }
    }
  }

  private static void hash(Slot slot, int length) {
    if (slot.sha256 != null) {
      slot.hash = slot.leaf
          ? SegmentTable.leaf(slot.sha256, slot.buffer, 0, length)
          : CiphertextDigester.hashSegment(slot.sha256, slot.buffer, 0, length);
    }
  }

  private static Slot join(CompletableFuture<Slot> future) throws IOException {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new UncheckedIOException(new IOException(cause));
    }
  }
}
