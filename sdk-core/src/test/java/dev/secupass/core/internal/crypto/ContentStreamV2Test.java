package dev.secupass.core.internal.crypto;

import static dev.secupass.core.testing.Streams.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.internal.stream.SegmentTable;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.Streams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The version-2 content stream ({@code docs/format.md}, "Content stream, version 2"): segments as
 * version 1, then a table of leaf hashes whose Merkle root the signed stream digest commits to.
 * Every reader that was given the digest releases a segment only after it matched the table and
 * the table matched the digest, in any order and range.
 */
class ContentStreamV2Test {
  private static final int SEGMENT = 32;
  private static final ContentContext CONTEXT = ContentContext.deliveryFile(DeliveryId.of("d1"),
      FileId.of("f1"), SecurityLevel.SECRET);

  private final SymmetricKey key = SymmetricKey.generate(new DeterministicRandom("key"));
  private final ContentCipher cipher = fresh();

  private ContentCipher fresh() {
    return ContentCipher.builder(key, CONTEXT).segmentSize(SEGMENT).version(2)
        .random(new DeterministicRandom("salt")).build();
  }

  private record Written(byte[] bytes, EncryptedContent content) {}

  private Written write(ContentCipher c, byte[] plaintext) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EncryptedContent content = Streams.encrypt(c, plaintext, out);
    return new Written(out.toByteArray(), content);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  @Test
  void encrypt_storesSegmentsThenOneLeafPerSegment_andTheDigestIsTheSpecsFormula()
      throws IOException {
    byte[] plaintext = pattern(3 * SEGMENT + 5);

    Written w = write(cipher, plaintext);

    int n = 4;
    assertThat(w.bytes()).hasSize(49 + plaintext.length + 48 * n);
    assertThat(w.content().ciphertextSize()).isEqualTo(w.bytes().length);
    assertThat(w.bytes()[3]).isEqualTo((byte) 2);
    int tableOffset = 49 + plaintext.length + 16 * n;
    byte[][] leaves = new byte[n][];
    int offset = 49;
    for (int i = 0; i < n; i++) {
      int length = i < n - 1 ? SEGMENT + 16 : 5 + 16;
      leaves[i] = Hashes.sha256(new byte[] {0}, Arrays.copyOfRange(w.bytes(), offset,
          offset + length));
      assertThat(Arrays.copyOfRange(w.bytes(), tableOffset + 32 * i, tableOffset + 32 * i + 32))
          .isEqualTo(leaves[i]);
      offset += length;
    }
    // RFC 9162: four leaves split 2 + 2.
    byte[] root = Hashes.sha256(new byte[] {1},
        Hashes.sha256(new byte[] {1}, leaves[0], leaves[1]),
        Hashes.sha256(new byte[] {1}, leaves[2], leaves[3]));
    byte[] expected = Hashes.sha256(Labels.of("SecuPass stream digest v2"),
        Arrays.copyOf(w.bytes(), 49), new byte[] {0, 0, 0, 0, 0, 0, 0, 4}, root);
    assertThat(w.content().digest()).isEqualTo(expected);
  }

  @Test
  void merkleRoot_ofThreeLeaves_splitsAtTheLargestPowerOfTwoBelow() throws IOException {
    Written w = write(cipher, pattern(2 * SEGMENT + 1));
    int tableOffset = 49 + 2 * SEGMENT + 1 + 16 * 3;
    byte[][] l = new byte[3][];
    for (int i = 0; i < 3; i++) {
      l[i] = Arrays.copyOfRange(w.bytes(), tableOffset + 32 * i, tableOffset + 32 * i + 32);
    }
    byte[] root = Hashes.sha256(new byte[] {1}, Hashes.sha256(new byte[] {1}, l[0], l[1]), l[2]);

    assertThat(w.content().digest()).isEqualTo(Hashes.sha256(
        Labels.of("SecuPass stream digest v2"), Arrays.copyOf(w.bytes(), 49),
        new byte[] {0, 0, 0, 0, 0, 0, 0, 3}, root));
  }

  @Test
  void everyReader_returnsThePlaintext_wholeRangedParallelAndSealed() throws IOException {
    Random random = new Random(14);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int size : new int[] {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 7 * SEGMENT,
          9 * SEGMENT + 11}) {
        byte[] plaintext = pattern(size);
        Written w = write(fresh(), plaintext);
        byte[] digest = w.content().digest();
        CiphertextSource source = CiphertextSource.of(w.bytes());

        assertThat(readAll(cipher.decrypt(source, digest))).isEqualTo(plaintext);
        assertThat(readAll(cipher.decrypt(source, null))).isEqualTo(plaintext);
        assertThat(cipher.open(w.bytes())).isEqualTo(plaintext);
        ByteArrayOutputStream parallel = new ByteArrayOutputStream();
        cipher.decryptParallel(source, parallel, pool, 2, digest);
        assertThat(parallel.toByteArray()).isEqualTo(plaintext);
        for (int i = 0; i < 20; i++) {
          int from = random.nextInt(size + 1);
          int length = random.nextInt(3 * SEGMENT);
          assertThat(readAll(cipher.decryptVerified(source, from, length, digest)))
              .isEqualTo(Arrays.copyOfRange(plaintext, from, Math.min(size, from + length)));
        }
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        EncryptedContent parallelContent = fresh().encryptParallel(new java.io.ByteArrayInputStream(plaintext), encrypted, pool, 2);
        assertThat(encrypted.toByteArray()).isEqualTo(w.bytes());
        assertThat(parallelContent).isEqualTo(w.content());
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * The attack of issue 14, gap 4: a co-recipient who knows the content key encrypts other
   * content under it and swaps the blob. Every reader given the signed digest refuses before any
   * plaintext, whatever range it reads.
   */
  @Test
  void swappedStreamUnderTheSameKey_isRefusedByEveryReaderBeforeAnyPlaintext()
      throws IOException {
    byte[] original = pattern(6 * SEGMENT + 3);
    Written signed = write(cipher, original);
    byte[] forgedPlaintext = new byte[original.length];
    Arrays.fill(forgedPlaintext, (byte) 'X');
    Written forged = write(ContentCipher.builder(key, CONTEXT).segmentSize(SEGMENT).version(2)
        .build(), forgedPlaintext);
    CiphertextSource source = CiphertextSource.of(forged.bytes());
    byte[] digest = signed.content().digest();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (long from = 0; from <= original.length; from += 17) {
        long offset = from;
        assertThatThrownBy(() -> cipher.decryptVerified(source, offset, SEGMENT, digest))
            .isInstanceOf(IntegrityException.class).hasMessageContaining("digest");
      }
      assertThatThrownBy(() -> cipher.decrypt(source, digest))
          .isInstanceOf(IntegrityException.class);
      ByteArrayOutputStream released = new ByteArrayOutputStream();
      assertThatThrownBy(() -> cipher.decryptParallel(source, released, pool, 2, digest))
          .isInstanceOf(IntegrityException.class);
      assertThat(released.size()).isZero();
    } finally {
      pool.shutdown();
    }
  }

  /** The forger keeps the signed table and swaps one segment: that segment is never released. */
  @Test
  void swappedSegmentUnderTheSignedTable_isRefusedBeforeItsPlaintext() throws IOException {
    byte[] original = pattern(6 * SEGMENT + 3);
    Written signed = write(cipher, original);
    Written forged = write(ContentCipher.builder(key, CONTEXT).segmentSize(SEGMENT).version(2)
        .random(new DeterministicRandom("salt")).build(), new byte[original.length]);
    // Same salt and nonce prefix (same header), so segment 2 of the forgery authenticates under
    // GCM at index 2; only the table can tell.
    byte[] mixed = signed.bytes().clone();
    int at = 49 + 2 * (SEGMENT + 16);
    System.arraycopy(forged.bytes(), at, mixed, at, SEGMENT + 16);
    CiphertextSource source = CiphertextSource.of(mixed);
    byte[] digest = signed.content().digest();

    assertThat(readAll(cipher.decryptVerified(source, 0, 2 * SEGMENT, digest)))
        .isEqualTo(Arrays.copyOf(original, 2 * SEGMENT));
    assertThatThrownBy(() -> readAll(cipher.decryptVerified(source, 2 * SEGMENT, 1, digest)))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("segment 2");
    ByteArrayOutputStream released = new ByteArrayOutputStream();
    assertThatThrownBy(() -> {
      try (InputStream in = cipher.decrypt(source, digest)) {
        in.transferTo(released);
      }
    }).isInstanceOf(IntegrityException.class);
    assertThat(released.toByteArray()).isEqualTo(Arrays.copyOf(original, 2 * SEGMENT));
  }

  @Test
  void tableDamage_swappedEntriesOrCutShort_isRefused() throws IOException {
    byte[] plaintext = pattern(4 * SEGMENT + 1);
    Written w = write(cipher, plaintext);
    byte[] digest = w.content().digest();
    int table = 49 + plaintext.length + 16 * 5;
    byte[] swapped = w.bytes().clone();
    System.arraycopy(w.bytes(), table, swapped, table + 32, 32);
    System.arraycopy(w.bytes(), table + 32, swapped, table, 32);

    assertThatThrownBy(() -> cipher.decryptVerified(CiphertextSource.of(swapped), 0, 1, digest))
        .isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> readAll(cipher.decrypt(CiphertextSource.of(swapped), null)))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("table");
    byte[] cut = Arrays.copyOf(w.bytes(), w.bytes().length - 32);
    assertThatThrownBy(() -> cipher.decrypt(CiphertextSource.of(cut), digest))
        .isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> cipher.open(cut)).isInstanceOf(IntegrityException.class);
  }

  @Test
  void storedSizeWhoseLastSegmentWouldBeFull_isRefused() {
    // m - 48 = S + 48 + S: r = S, which no writer makes.
    byte[] bytes = new byte[49 + 48 + (SEGMENT + 48) + SEGMENT];
    System.arraycopy(write2Header(), 0, bytes, 0, 49);

    assertThatThrownBy(() -> cipher.decrypt(CiphertextSource.of(bytes), null))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("cannot end");
  }

  private byte[] write2Header() {
    return Arrays.copyOf(cipher.seal(new byte[0]), 49);
  }

  @Test
  void sequentialAndPushedReaders_refuseVersion2WithATypedError() throws IOException {
    Written w = write(cipher, pattern(40));

    assertThatThrownBy(() -> Streams.decrypt(cipher, w.bytes(), 8))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("by range");
    assertThatThrownBy(() -> Streams.decryptPushed(cipher, w.bytes(), 8,
        new ByteArrayOutputStream())).isInstanceOf(IntegrityException.class);
  }

  @Test
  void version1Stream_whereTheSignedDigestRequiresVersion2_isRefused() throws IOException {
    ContentCipher v1 = ContentCipher.builder(key, CONTEXT).segmentSize(SEGMENT)
        .computeDigest(true).build();
    Written w = write(v1, pattern(40));

    assertThatThrownBy(() -> cipher.decryptVerified(CiphertextSource.of(w.bytes()), 0, 1,
        w.content().digest())).isInstanceOf(IntegrityException.class)
        .hasMessageContaining("version 1");
  }

  @Test
  void leaf_isSha256OfZeroThenTheSegment() {
    byte[] segment = pattern(48);
    MessageDigest sha = Hashes.sha256();

    assertThat(SegmentTable.leaf(sha, segment, 0, 48))
        .isEqualTo(Hashes.sha256(new byte[] {0}, segment));
  }

}
