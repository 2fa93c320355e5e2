package dev.secupass.core.internal.crypto;

import static dev.secupass.core.testing.Streams.pattern;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.Streams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized round trips: random plaintext sizes (with 0 and exact multiples of the segment
 * size, and one byte either side), segment sizes, chunkings, ranges and parallelism. Each case's
 * description names its seed and number, so a failure is reproduced by running the same case. The
 * coverage-guided counterpart is {@link ContentStreamFuzzTest}.
 */
class ContentRoundTripTest {
  private static final long SEED = 0x5EC0_9A55L;
  private static final int[] SEGMENTS = {16, 17, 64, 100, 1024};
  private static final ExecutorService POOL = Executors.newFixedThreadPool(3);
  private static final SymmetricKey KEY = SymmetricKey.generate(new DeterministicRandom("props"));
  private static final ContentContext CONTEXT =
      ContentContext.deliveryFile(DeliveryId.of("d"), FileId.of("f"), SecurityLevel.TOP_SECRET);

  /** A plaintext size and a segment size. */
  record Shape(int size, int segmentSize) {}

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  private static Shape shape(Random random) {
    int segment = SEGMENTS[random.nextInt(SEGMENTS.length)];
    int size = switch (random.nextInt(4)) {
      case 0 -> random.nextInt(5001);
      case 1 -> random.nextInt(41) * segment;
      case 2 -> (1 + random.nextInt(40)) * segment - 1;
      default -> random.nextInt(41) * segment + 1;
    };
    return new Shape(size, segment);
  }

  private static int chunk(Random random) {
    return random.nextInt(4) == 0 ? new int[] {1024, 1040, 4096}[random.nextInt(3)]
        : 1 + random.nextInt(200);
  }

  private static ContentCipher cipher(Shape shape) {
    return ContentCipher.builder(KEY, CONTEXT).segmentSize(shape.segmentSize()).build();
  }

  @Test
  void streamRoundTrip_returnsThePlaintext() throws IOException {
    Random random = new Random(SEED);
    for (int run = 0; run < 300; run++) {
      Shape shape = shape(random);
      int writeChunk = chunk(random);
      int readChunk = chunk(random);
      String described = "seed " + SEED + " run " + run + ": " + shape + ", write " + writeChunk
          + ", read " + readChunk;
      ContentCipher cipher = cipher(shape);
      byte[] plaintext = pattern(shape.size());

      byte[] ciphertext = Streams.encrypt(cipher, plaintext, writeChunk);

      assertThat(ciphertext).as(described).hasSize((int) ContentCipher.ciphertextSize(
          shape.size(), shape.segmentSize()));
      assertThat(Streams.decrypt(cipher, ciphertext, readChunk)).as(described)
          .isEqualTo(plaintext);
      assertThat(Streams.decryptPushed(cipher, ciphertext, readChunk,
          new ByteArrayOutputStream())).as(described).isEqualTo(plaintext);
    }
  }

  @Test
  void rangedRead_returnsTheSlice() throws IOException {
    Random random = new Random(SEED + 1);
    for (int run = 0; run < 200; run++) {
      Shape shape = shape(random);
      int offset = random.nextInt(shape.size() + 1);
      int length = random.nextInt(shape.size() + 51);
      ContentCipher cipher = cipher(shape);
      byte[] plaintext = pattern(shape.size());
      CiphertextSource source = CiphertextSource.of(Streams.encrypt(cipher, plaintext));

      try (InputStream in = cipher.decryptRange(source, offset, length)) {
        assertThat(in.readAllBytes())
            .as("seed %d run %d: %s, offset %d, length %d", SEED + 1, run, shape, offset, length)
            .isEqualTo(Arrays.copyOfRange(plaintext, offset,
                (int) Math.min(plaintext.length, (long) offset + length)));
      }
    }
  }

  @Test
  void parallelRoundTrip_matchesTheSequentialFormat() throws IOException {
    Random random = new Random(SEED + 2);
    for (int run = 0; run < 100; run++) {
      Shape shape = shape(random);
      int parallelism = 1 + random.nextInt(4);
      String described = "seed " + (SEED + 2) + " run " + run + ": " + shape + ", parallelism "
          + parallelism;
      ContentCipher cipher = ContentCipher.builder(KEY, CONTEXT).segmentSize(shape.segmentSize())
          .computeDigest(true).build();
      byte[] plaintext = pattern(shape.size());
      ByteArrayOutputStream encrypted = new ByteArrayOutputStream();

      EncryptedContent result = cipher.encryptParallel(Streams.source(plaintext), encrypted, POOL,
          parallelism);

      byte[] ciphertext = encrypted.toByteArray();
      assertThat(result.plaintextSize()).as(described).isEqualTo(plaintext.length);
      assertThat(result.ciphertextSize()).as(described).isEqualTo(ciphertext.length);
      try (InputStream in = cipher.decrypt(Streams.source(ciphertext), result.digest())) {
        assertThat(in.readAllBytes()).as(described).isEqualTo(plaintext);
      }
      ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
      cipher.decryptParallel(Streams.source(ciphertext), decrypted, POOL, parallelism,
          result.digest());
      assertThat(decrypted.toByteArray()).as(described).isEqualTo(plaintext);
    }
  }

  @Test
  void digest_isTheSameSequentialAndParallel() throws IOException {
    Random random = new Random(SEED + 3);
    for (int run = 0; run < 100; run++) {
      Shape shape = shape(random);
      byte[] plaintext = pattern(shape.size());
      ContentCipher sequential = ContentCipher.builder(KEY, CONTEXT)
          .segmentSize(shape.segmentSize()).computeDigest(true)
          .random(new DeterministicRandom("same")).build();
      ContentCipher parallel = ContentCipher.builder(KEY, CONTEXT)
          .segmentSize(shape.segmentSize()).computeDigest(true)
          .random(new DeterministicRandom("same")).build();
      ByteArrayOutputStream first = new ByteArrayOutputStream();
      ByteArrayOutputStream second = new ByteArrayOutputStream();

      EncryptedContent one = Streams.encrypt(sequential, plaintext, first);
      EncryptedContent two = parallel.encryptParallel(Streams.source(plaintext), second, POOL, 2);

      String described = "seed " + (SEED + 3) + " run " + run + ": " + shape;
      assertThat(second.toByteArray()).as(described).isEqualTo(first.toByteArray());
      assertThat(two).as(described).isEqualTo(one);
    }
  }
}
