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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/** Round trips of random sizes (with 0 and exact multiples of the segment size) and chunkings. */
class ContentRoundTripPropertyTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(3);
  private static final SymmetricKey KEY = SymmetricKey.generate(new DeterministicRandom("props"));
  private static final ContentContext CONTEXT =
      ContentContext.deliveryFile(DeliveryId.of("d"), FileId.of("f"), SecurityLevel.TOP_SECRET);

  /** A plaintext size and a segment size. */
  record Shape(int size, int segmentSize) {}

  @AfterContainer
  static void stopPool() {
    POOL.shutdownNow();
  }

  @Provide
  Arbitrary<Shape> shapes() {
    Arbitrary<Integer> segments = Arbitraries.of(16, 17, 64, 100, 1024);
    return segments.flatMap(segment -> Arbitraries.oneOf(
            Arbitraries.integers().between(0, 5000),
            Arbitraries.integers().between(0, 40).map(k -> k * segment),
            Arbitraries.integers().between(1, 40).map(k -> k * segment - 1),
            Arbitraries.integers().between(0, 40).map(k -> k * segment + 1))
        .map(size -> new Shape(size, segment)));
  }

  private static ContentCipher cipher(Shape shape) {
    return ContentCipher.builder(KEY, CONTEXT).segmentSize(shape.segmentSize()).build();
  }

  @Property(tries = 300)
  void streamRoundTrip_returnsThePlaintext(@ForAll("shapes") Shape shape,
      @ForAll("chunks") int writeChunk, @ForAll("chunks") int readChunk) throws IOException {
    ContentCipher cipher = cipher(shape);
    byte[] plaintext = pattern(shape.size());

    byte[] ciphertext = Streams.encrypt(cipher, plaintext, writeChunk);

    assertThat(ciphertext).hasSize((int) ContentCipher.ciphertextSize(shape.size(),
        shape.segmentSize()));
    assertThat(Streams.decrypt(cipher, ciphertext, readChunk)).isEqualTo(plaintext);
    assertThat(Streams.decryptPushed(cipher, ciphertext, readChunk, new ByteArrayOutputStream()))
        .isEqualTo(plaintext);
  }

  @Provide
  Arbitrary<Integer> chunks() {
    return Arbitraries.oneOf(Arbitraries.integers().between(1, 200),
        Arbitraries.of(1024, 1040, 4096));
  }

  @Property(tries = 200)
  void rangedRead_returnsTheSlice(@ForAll("shapesWithRange") int[] shapeAndRange)
      throws IOException {
    Shape shape = new Shape(shapeAndRange[0], shapeAndRange[1]);
    int offset = shapeAndRange[2];
    int length = shapeAndRange[3];
    ContentCipher cipher = cipher(shape);
    byte[] plaintext = pattern(shape.size());
    CiphertextSource source = CiphertextSource.of(Streams.encrypt(cipher, plaintext));

    try (InputStream in = cipher.decryptRange(source, offset, length)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(plaintext, offset,
          (int) Math.min(plaintext.length, (long) offset + length)));
    }
  }

  @Provide
  Arbitrary<int[]> shapesWithRange() {
    return shapes().flatMap(shape -> Combinators.combine(
            Arbitraries.integers().between(0, shape.size()),
            Arbitraries.integers().between(0, shape.size() + 50))
        .as((offset, length) -> new int[] {shape.size(), shape.segmentSize(), offset, length}));
  }

  @Property(tries = 100)
  void parallelRoundTrip_matchesTheSequentialFormat(@ForAll("shapes") Shape shape,
      @ForAll("parallelism") int parallelism) throws IOException {
    ContentCipher cipher = ContentCipher.builder(KEY, CONTEXT).segmentSize(shape.segmentSize())
        .computeDigest(true).build();
    byte[] plaintext = pattern(shape.size());
    ByteArrayOutputStream encrypted = new ByteArrayOutputStream();

    EncryptedContent result = cipher.encryptParallel(Streams.source(plaintext), encrypted, POOL,
        parallelism);

    byte[] ciphertext = encrypted.toByteArray();
    assertThat(result.plaintextSize()).isEqualTo(plaintext.length);
    assertThat(result.ciphertextSize()).isEqualTo(ciphertext.length);
    try (InputStream in = cipher.decrypt(Streams.source(ciphertext), result.digest())) {
      assertThat(in.readAllBytes()).isEqualTo(plaintext);
    }
    ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
    cipher.decryptParallel(Streams.source(ciphertext), decrypted, POOL, parallelism,
        result.digest());
    assertThat(decrypted.toByteArray()).isEqualTo(plaintext);
  }

  @Provide
  Arbitrary<Integer> parallelism() {
    return Arbitraries.integers().between(1, 4);
  }

  @Property(tries = 100)
  void digest_isTheSameSequentialAndParallel(@ForAll("shapes") Shape shape) throws IOException {
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

    assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
    assertThat(two).isEqualTo(one);
  }
}
