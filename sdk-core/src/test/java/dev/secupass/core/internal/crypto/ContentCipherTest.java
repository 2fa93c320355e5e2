package dev.secupass.core.internal.crypto;

import static dev.secupass.core.testing.Streams.decrypt;
import static dev.secupass.core.testing.Streams.encrypt;
import static dev.secupass.core.testing.Streams.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.RoomId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.Streams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContentCipherTest {
  private static final int SEGMENT = 32;
  private static final DeliveryId DELIVERY = DeliveryId.of("d1");
  private static final FileId FILE = FileId.of("f1");
  private static final ContentContext CONTEXT =
      ContentContext.deliveryFile(DELIVERY, FILE, SecurityLevel.SECRET);

  private final SymmetricKey key = SymmetricKey.generate(new DeterministicRandom("key"));

  private ContentCipher cipher(ContentContext context) {
    return ContentCipher.builder(key, context).segmentSize(SEGMENT)
        .random(new DeterministicRandom("salt")).build();
  }

  private final ContentCipher cipher = cipher(CONTEXT);

  @Test
  void encrypt_emptyContent_isHeaderAndOneTagAndDecryptsToNothing() throws IOException {
    byte[] ciphertext = encrypt(cipher, new byte[0]);

    assertThat(ciphertext).hasSize(49 + 16);
    assertThat(decrypt(cipher, ciphertext, 7)).isEmpty();
  }

  @Test
  void encrypt_exactMultipleOfSegment_endsWithEmptyFinalSegment() throws IOException {
    byte[] plaintext = pattern(3 * SEGMENT);

    byte[] ciphertext = encrypt(cipher, plaintext, 5);

    assertThat(ciphertext).hasSize(49 + 3 * SEGMENT + 4 * 16);
    assertThat(decrypt(cipher, ciphertext, 1000)).isEqualTo(plaintext);
  }

  @Test
  void ciphertextSize_predictsTheBytesWritten() {
    for (int size : new int[] {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 5 * SEGMENT + 3}) {
      assertThat(encrypt(cipher, pattern(size), 3))
          .hasSize((int) ContentCipher.ciphertextSize(size, SEGMENT));
    }
  }

  @Test
  void encrypt_sameInputTwice_givesDifferentCiphertextThroughFreshSaltAndNonces() {
    ContentCipher random = ContentCipher.builder(key, CONTEXT).segmentSize(SEGMENT).build();

    assertThat(encrypt(random, pattern(100))).isNotEqualTo(encrypt(random, pattern(100)));
  }

  @Test
  void decrypt_withWholeSegmentBuffers_decryptsStraightIntoTheCallersArray() throws IOException {
    byte[] plaintext = pattern(10 * SEGMENT + 7);
    byte[] ciphertext = encrypt(cipher, plaintext, SEGMENT);

    assertThat(decrypt(cipher, ciphertext, SEGMENT)).isEqualTo(plaintext);
    assertThat(decrypt(cipher, ciphertext, 4 * SEGMENT)).isEqualTo(plaintext);
    assertThat(decrypt(cipher, ciphertext, 1)).isEqualTo(plaintext);
  }

  @Test
  void transferTo_writesThePlaintext() throws IOException {
    byte[] plaintext = pattern(4 * SEGMENT + 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try (InputStream in = cipher.decrypt(Streams.source(encrypt(cipher, plaintext)))) {
      assertThat(in.transferTo(out)).isEqualTo(plaintext.length);
    }

    assertThat(out.toByteArray()).isEqualTo(plaintext);
  }

  @Test
  void decryptTo_pushedInAnyChunks_writesThePlaintext() throws IOException {
    byte[] plaintext = pattern(6 * SEGMENT);
    byte[] ciphertext = encrypt(cipher, plaintext);

    for (int chunk : new int[] {1, 17, SEGMENT + 16, 2 * (SEGMENT + 16), ciphertext.length}) {
      assertThat(Streams.decryptPushed(cipher, ciphertext, chunk, new ByteArrayOutputStream()))
          .as("chunk %d", chunk).isEqualTo(plaintext);
    }
  }

  @Test
  void decryptTo_viaTransferTo_checksTheDigestBeforeTheFinalSegment() throws IOException {
    ContentCipher digesting = ContentCipher.builder(key, CONTEXT).segmentSize(SEGMENT)
        .computeDigest(true).build();
    byte[] plaintext = pattern(2 * SEGMENT + 3);
    ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
    EncryptedContent result = Streams.encrypt(digesting, plaintext, encrypted);
    ByteArrayOutputStream good = new ByteArrayOutputStream();
    ByteArrayOutputStream bad = new ByteArrayOutputStream();

    try (ContentDecryptor decryptor = digesting.decryptTo(good, result.digest())) {
      Streams.source(encrypted.toByteArray()).transferTo(decryptor);
      decryptor.finish();
    }
    ContentDecryptor wrongDigest = digesting.decryptTo(bad, new byte[32]);
    wrongDigest.write(encrypted.toByteArray());

    assertThat(good.toByteArray()).isEqualTo(plaintext);
    assertThatThrownBy(wrongDigest::finish).isInstanceOf(IntegrityException.class);
    assertThat(bad.toByteArray()).isEqualTo(Arrays.copyOf(plaintext, 2 * SEGMENT));
    assertThatThrownBy(() -> wrongDigest.write(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void decrypt_withAnotherKey_throwsIntegrity() {
    byte[] ciphertext = encrypt(cipher, pattern(50));
    ContentCipher other = ContentCipher.builder(
        SymmetricKey.generate(new DeterministicRandom("other")), CONTEXT).build();

    assertThatThrownBy(() -> decrypt(other, ciphertext, 64))
        .isInstanceOf(IntegrityException.class);
  }

  @Test
  void decrypt_inAnotherContext_throwsIntegrity() {
    byte[] ciphertext = encrypt(cipher, pattern(50));
    ContentContext[] others = {
        ContentContext.deliveryFile(DELIVERY, FileId.of("f2"), SecurityLevel.SECRET),
        ContentContext.deliveryFile(DeliveryId.of("d2"), FILE, SecurityLevel.SECRET),
        ContentContext.deliveryFile(DELIVERY, FILE, SecurityLevel.LOGIN),
        ContentContext.deliveryFile(DELIVERY, FILE, SecurityLevel.TOP_SECRET),
        ContentContext.deliveryFileName(DELIVERY, FILE, SecurityLevel.SECRET),
        ContentContext.roomFile(RoomId.of("d1"), FILE),
    };
    for (ContentContext other : others) {
      assertThatThrownBy(() -> decrypt(cipher(other), ciphertext, 64))
          .as(other.toString())
          .isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  void decrypt_truncatedAtASegmentBoundary_throwsIntegrityInsteadOfEnding() throws IOException {
    byte[] plaintext = pattern(3 * SEGMENT + 5);
    byte[] ciphertext = encrypt(cipher, plaintext);
    byte[] cut = Arrays.copyOf(ciphertext, 49 + 2 * (SEGMENT + 16));
    ByteArrayOutputStream released = new ByteArrayOutputStream();

    try (InputStream in = cipher.decrypt(Streams.source(cut))) {
      assertThatThrownBy(() -> Streams.readAll(in, 8, released))
          .isInstanceOf(IntegrityException.class)
          .hasMessageContaining("truncated");
      assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }
    assertThat(released.toByteArray()).isEqualTo(Arrays.copyOf(plaintext, 2 * SEGMENT));
  }

  @Test
  void decrypt_withMatchingDigest_succeeds() throws IOException {
    ContentCipher digesting = ContentCipher.builder(key, CONTEXT).segmentSize(SEGMENT)
        .computeDigest(true).build();
    byte[] plaintext = pattern(3 * SEGMENT + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EncryptedContent result = Streams.encrypt(digesting, plaintext, out);

    assertThat(result.plaintextSize()).isEqualTo(plaintext.length);
    assertThat(result.ciphertextSize()).isEqualTo(out.size());
    assertThat(result.digest()).hasSize(32);
    try (InputStream in = digesting.decrypt(Streams.source(out.toByteArray()), result.digest())) {
      assertThat(in.readAllBytes()).isEqualTo(plaintext);
    }
  }

  @Test
  void decrypt_withOtherDigest_withholdsTheFinalSegmentAndThrowsIntegrity() throws IOException {
    byte[] plaintext = pattern(3 * SEGMENT + 1);
    byte[] ciphertext = encrypt(cipher, plaintext);
    ByteArrayOutputStream released = new ByteArrayOutputStream();

    try (InputStream in = cipher.decrypt(Streams.source(ciphertext), new byte[32])) {
      assertThatThrownBy(() -> Streams.readAll(in, 5, released))
          .isInstanceOf(IntegrityException.class)
          .hasMessageContaining("digest");
    }
    assertThat(released.toByteArray()).isEqualTo(Arrays.copyOf(plaintext, 3 * SEGMENT));
  }

  @Test
  void encryptor_closedWithoutFinish_leavesAStreamNoReaderAccepts() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ContentEncryptor encryptor = cipher.encrypt(out)) {
      encryptor.write(pattern(2 * SEGMENT + 9));
    }

    assertThatThrownBy(() -> decrypt(cipher, out.toByteArray(), 100))
        .isInstanceOf(IntegrityException.class);
  }

  @Test
  void encryptor_neverClosesTheSink() throws IOException {
    boolean[] closed = {false};
    OutputStream sink = new ByteArrayOutputStream() {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    try (ContentEncryptor encryptor = cipher.encrypt(sink)) {
      encryptor.write(1);
      encryptor.finish();
    }

    assertThat(closed[0]).isFalse();
  }

  @Test
  void encryptor_afterFinish_refusesWrites() throws IOException {
    ContentEncryptor encryptor = cipher.encrypt(new ByteArrayOutputStream());
    encryptor.finish();

    assertThatThrownBy(() -> encryptor.write(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(encryptor::finish).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void decrypt_unknownVersionOrSuite_throwsUnsupportedFormat() {
    byte[] ciphertext = encrypt(cipher, pattern(10));
    byte[] version = ciphertext.clone();
    version[3] = 3;
    byte[] suite = ciphertext.clone();
    suite[5] = 9;

    assertThatThrownBy(() -> decrypt(cipher, version, 64))
        .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("version 3");
    assertThatThrownBy(() -> decrypt(cipher, suite, 64))
        .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("suite 9");
  }

  @Test
  void decrypt_notAContentStream_throwsIntegrity() {
    assertThatThrownBy(() -> decrypt(cipher, pattern(200), 64))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("magic");
    assertThatThrownBy(() -> decrypt(cipher, new byte[10], 64))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("header");
  }

  @Test
  void sealAndOpen_roundTripSmallValues() {
    ContentCipher names = cipher(ContentContext.deliveryFileName(DELIVERY, FILE,
        SecurityLevel.TOP_SECRET));
    byte[] name = "Quartalsbericht Ü3.pdf".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(names.open(names.seal(name))).isEqualTo(name);
  }

  @Test
  void wrap_roomFileKeyUnderEpochKey_unwrapsOnlyInItsContext() {
    RoomId room = RoomId.of("r1");
    SymmetricKey fileKey = SymmetricKey.generate(new DeterministicRandom("file key"));
    ContentCipher epoch1 = ContentCipher.builder(key, ContentContext.roomFileKey(room, FILE, 1))
        .build();
    ContentCipher epoch2 = ContentCipher.builder(key, ContentContext.roomFileKey(room, FILE, 2))
        .build();

    byte[] wrapped = epoch1.wrap(fileKey);

    assertThat(epoch1.unwrap(wrapped).exportBytes()).isEqualTo(fileKey.exportBytes());
    assertThatThrownBy(() -> epoch2.unwrap(wrapped)).isInstanceOf(IntegrityException.class);
  }

  @Test
  void builder_segmentSizeOutOfRange_isRejected() {
    ContentCipher.Builder builder = ContentCipher.builder(key, CONTEXT);

    assertThatThrownBy(() -> builder.segmentSize(15)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.segmentSize((8 << 20) + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cipher_afterItsKeyWasClosed_refusesToWork() {
    SymmetricKey closing = SymmetricKey.generate(new DeterministicRandom("closing"));
    ContentCipher doomed = ContentCipher.builder(closing, CONTEXT).build();
    closing.close();

    assertThat(closing.isDestroyed()).isTrue();
    assertThatThrownBy(() -> doomed.seal(new byte[1])).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void context_fieldsMustFitThePurpose() {
    assertThatThrownBy(() -> new ContentContext(ContentContext.Purpose.DELIVERY_FILE, "d", "",
        3, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ContentContext(ContentContext.Purpose.ROOM_NAME, "r", "", 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ContentContext(ContentContext.Purpose.ROOM_FILE, "r", "f", 3, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decryptRange_readsOnlyTheSegmentsItNeeds() throws IOException {
    byte[] plaintext = pattern(10 * SEGMENT + 5);
    byte[] ciphertext = encrypt(cipher, plaintext);
    long[] opened = {0};
    CiphertextSource source = CiphertextSource.of(ciphertext.length, (offset, length) -> {
      opened[0] += Math.min(length, ciphertext.length - offset);
      return new ByteArrayInputStream(ciphertext, (int) offset,
          (int) Math.min(length, ciphertext.length - offset));
    });

    try (InputStream in = cipher.decryptRange(source, 4 * SEGMENT + 3, SEGMENT)) {
      assertThat(in.readAllBytes())
          .isEqualTo(Arrays.copyOfRange(plaintext, 4 * SEGMENT + 3, 5 * SEGMENT + 3));
    }
    assertThat(opened[0]).isEqualTo(49 + 2 * (SEGMENT + 16));
  }

  @Test
  void decryptRange_pastTheEnd_isClampedAndAtTheEndIsEmpty() throws IOException {
    byte[] plaintext = pattern(3 * SEGMENT);
    CiphertextSource source = CiphertextSource.of(encrypt(cipher, plaintext));

    try (InputStream in = cipher.decryptRange(source, 2 * SEGMENT + 30, 1000)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(plaintext, 2 * SEGMENT + 30,
          3 * SEGMENT));
    }
    try (InputStream in = cipher.decryptRange(source, 3 * SEGMENT, 10)) {
      assertThat(in.readAllBytes()).isEmpty();
    }
    assertThatThrownBy(() -> cipher.decryptRange(source, 3 * SEGMENT + 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decryptRange_blobShorterThanItsRecordedSize_throwsIntegrity() {
    byte[] ciphertext = encrypt(cipher, pattern(5 * SEGMENT));
    byte[] stored = Arrays.copyOf(ciphertext, ciphertext.length - 20);
    CiphertextSource claimsFullSize = CiphertextSource.of(ciphertext.length,
        (offset, length) -> new ByteArrayInputStream(stored, (int) offset,
            (int) Math.max(0, Math.min(length, stored.length - offset))));

    assertThatThrownBy(() -> {
      try (InputStream in = cipher.decryptRange(claimsFullSize, 4 * SEGMENT, SEGMENT)) {
        in.readAllBytes();
      }
    }).isInstanceOf(IntegrityException.class).hasMessageContaining("truncated");
  }

  @Test
  void decryptRange_sizeCutAtASegmentBoundary_failsOnTheLastSegment() {
    byte[] ciphertext = encrypt(cipher, pattern(5 * SEGMENT + 4));
    int cut = 49 + 3 * (SEGMENT + 16);
    CiphertextSource lying = CiphertextSource.of(Arrays.copyOf(ciphertext, cut));

    assertThatThrownBy(() -> {
      try (InputStream in = cipher.decryptRange(lying, 2 * SEGMENT, SEGMENT)) {
        in.readAllBytes();
      }
    }).isInstanceOf(IntegrityException.class);
  }
}
