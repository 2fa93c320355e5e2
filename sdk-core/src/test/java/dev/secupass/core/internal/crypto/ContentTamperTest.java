package dev.secupass.core.internal.crypto;

import static dev.secupass.core.testing.Streams.encrypt;
import static dev.secupass.core.testing.Streams.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.Streams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every byte flipped, every truncation, reordered and duplicated segments of a small multi-segment
 * ciphertext: each must fail, and no plaintext of a segment that failed may ever be released.
 */
class ContentTamperTest {
  private static final int SEGMENT = 32;
  private static final int HEADER = 49;
  private static final int STRIDE = SEGMENT + 16;
  private static final byte[] PLAINTEXT = pattern(3 * SEGMENT + 11);
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  private final ContentCipher cipher = ContentCipher.builder(
          SymmetricKey.generate(new DeterministicRandom("tamper key")),
          ContentContext.deliveryFile(DeliveryId.of("d"), FileId.of("f"), SecurityLevel.SECRET))
      .segmentSize(SEGMENT)
      .random(new DeterministicRandom("tamper salt"))
      .build();
  private final byte[] ciphertext = encrypt(cipher, PLAINTEXT, 7);

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  @Test
  void everyFlippedByte_failsAndReleasesOnlySegmentsBeforeIt() throws IOException {
    for (int position = 0; position < ciphertext.length; position++) {
      for (int bit : new int[] {0x01, 0x80}) {
        byte[] tampered = ciphertext.clone();
        tampered[position] ^= (byte) bit;
        int firstBadSegment = position < HEADER ? 0 : (position - HEADER) / STRIDE;

        assertFailsReleasingAtMost(tampered, firstBadSegment * SEGMENT, "flip at " + position);
        assertPushedFailsWritingAtMost(tampered, firstBadSegment * SEGMENT);
        assertParallelFailsWritingAtMost(tampered, firstBadSegment * SEGMENT);
      }
    }
  }

  @Test
  void everyTruncation_failsIncludingExactlyAtSegmentBoundaries() throws IOException {
    for (int length = 0; length < ciphertext.length; length++) {
      byte[] cut = Arrays.copyOf(ciphertext, length);
      int completeSegments = Math.max(0, (length - HEADER) / STRIDE);

      assertFailsReleasingAtMost(cut, completeSegments * SEGMENT, "cut to " + length);
      assertPushedFailsWritingAtMost(cut, completeSegments * SEGMENT);
      assertParallelFailsWritingAtMost(cut, completeSegments * SEGMENT);
    }
  }

  @Test
  void reorderedSegments_fail() throws IOException {
    byte[] swapped = ciphertext.clone();
    System.arraycopy(ciphertext, HEADER + STRIDE, swapped, HEADER, STRIDE);
    System.arraycopy(ciphertext, HEADER, swapped, HEADER + STRIDE, STRIDE);

    assertFailsReleasingAtMost(swapped, 0, "segments 0 and 1 swapped");
    assertPushedFailsWritingAtMost(swapped, 0);
  }

  @Test
  void duplicatedOrDroppedSegments_fail() throws IOException {
    byte[] duplicated = new byte[ciphertext.length + STRIDE];
    System.arraycopy(ciphertext, 0, duplicated, 0, HEADER + STRIDE);
    System.arraycopy(ciphertext, HEADER, duplicated, HEADER + STRIDE, ciphertext.length - HEADER);
    byte[] dropped = new byte[ciphertext.length - STRIDE];
    System.arraycopy(ciphertext, 0, dropped, 0, HEADER + STRIDE);
    System.arraycopy(ciphertext, HEADER + 2 * STRIDE, dropped, HEADER + STRIDE,
        ciphertext.length - HEADER - 2 * STRIDE);

    assertFailsReleasingAtMost(duplicated, SEGMENT, "segment 0 duplicated");
    assertFailsReleasingAtMost(dropped, SEGMENT, "segment 1 dropped");
    assertPushedFailsWritingAtMost(duplicated, SEGMENT);
    assertPushedFailsWritingAtMost(dropped, SEGMENT);
  }

  @Test
  void flippedByteInOneSegment_failsRangedReadsOfThatSegmentOnly() throws IOException {
    byte[] tampered = ciphertext.clone();
    tampered[HEADER + STRIDE + 5] ^= 1;
    CiphertextSource source = CiphertextSource.of(tampered);

    try (InputStream in = cipher.decryptRange(source, 2 * SEGMENT, SEGMENT)) {
      assertThat(in.readAllBytes())
          .isEqualTo(Arrays.copyOfRange(PLAINTEXT, 2 * SEGMENT, 3 * SEGMENT));
    }
    try (InputStream in = cipher.decryptRange(source, SEGMENT + 1, 2)) {
      in.readAllBytes();
      fail("a ranged read of the tampered segment succeeded");
    } catch (IntegrityException expected) {
      // the tampered segment is never released
    }
  }

  private void assertFailsReleasingAtMost(byte[] damaged, int releasable, String what)
      throws IOException {
    ByteArrayOutputStream released = new ByteArrayOutputStream();
    try (InputStream in = cipher.decrypt(Streams.source(damaged))) {
      Streams.readAll(in, 5, released);
      fail(what + ": decryption succeeded");
    } catch (IntegrityException | UnsupportedFormatException expected) {
      // what was released must be verified plaintext from before the damage
    }
    assertThat(released.size()).as(what).isLessThanOrEqualTo(releasable);
    assertThat(released.toByteArray()).as(what)
        .isEqualTo(Arrays.copyOf(PLAINTEXT, released.size()));
  }

  private void assertPushedFailsWritingAtMost(byte[] damaged, int releasable)
      throws IOException {
    for (int chunk : new int[] {3, STRIDE, 1000}) {
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      try {
        Streams.decryptPushed(cipher, damaged, chunk, written);
        fail("pushed decryption succeeded");
      } catch (IntegrityException | UnsupportedFormatException expected) {
        // as above
      }
      assertThat(written.size()).isLessThanOrEqualTo(releasable);
      assertThat(written.toByteArray()).isEqualTo(Arrays.copyOf(PLAINTEXT, written.size()));
    }
  }

  private void assertParallelFailsWritingAtMost(byte[] damaged, int releasable)
      throws IOException {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    try {
      cipher.decryptParallel(Streams.source(damaged), written, POOL, 2, null);
      fail("parallel decryption succeeded");
    } catch (IntegrityException | UnsupportedFormatException expected) {
      // as above
    }
    assertThat(written.size()).isLessThanOrEqualTo(releasable);
    assertThat(written.toByteArray()).isEqualTo(Arrays.copyOf(PLAINTEXT, written.size()));
  }
}
