package dev.secupass.core.internal.stream;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.format.ByteWriter;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The table of a version-2 content stream ({@code docs/format.md}, "Content stream, version 2"):
 * one leaf hash {@code SHA-256(0x00 || segment)} per segment (ciphertext and tag), the RFC 9162
 * Merkle tree hash over them, and the stream digest {@code SHA-256("SecuPass stream digest v2\0" ||
 * header || u64 n || root)} that manifests sign.
 *
 * <p>A writer adds each segment's leaf as it goes (32 bytes per segment stay in memory: 128 KiB
 * for 4 GiB at 1 MiB segments). A reader {@link #read reads} the stored table, {@link
 * #checkDigest checks} it against the signed digest, and {@link #checkSegment checks} each segment
 * against its leaf before the segment's plaintext is released.
 */
public final class SegmentTable {
  /** Bytes per leaf hash. */
  public static final int LEAF_SIZE = 32;

  private static final byte[] DIGEST_LABEL = Labels.of(Labels.STREAM_DIGEST_V2);
  private static final byte[] LEAF_PREFIX = {0};
  private static final byte[] NODE_PREFIX = {1};

  private byte[] leaves;
  private int count;

  private SegmentTable(byte[] leaves, int count) {
    this.leaves = leaves;
    this.count = count;
  }

  /** An empty table for a writer. */
  public static SegmentTable forWriting() {
    return new SegmentTable(new byte[LEAF_SIZE * 64], 0);
  }

  /** The stored table of {@code segments} leaves (not copied). */
  public static SegmentTable read(byte[] table, long segments) {
    if (table.length != segments * LEAF_SIZE) {
      throw new IntegrityException("content stream is truncated: its table is incomplete");
    }
    return new SegmentTable(table, (int) segments);
  }

  /** {@code SHA-256(0x00 || ciphertext[offset, offset + length))} with {@code sha256}. */
  public static byte[] leaf(MessageDigest sha256, byte[] ciphertext, int offset, int length) {
    sha256.update(LEAF_PREFIX);
    sha256.update(ciphertext, offset, length);
    return sha256.digest();
  }

  /** Appends the next segment's leaf. */
  public void add(byte[] leaf) {
    if (leaves.length < (count + 1) * LEAF_SIZE) {
      leaves = Arrays.copyOf(leaves, leaves.length * 2);
    }
    System.arraycopy(leaf, 0, leaves, count * LEAF_SIZE, LEAF_SIZE);
    count++;
  }

  /** The number of leaves. */
  public int size() {
    return count;
  }

  /** The table's bytes as stored: the leaves in order. */
  public byte[] encoded() {
    return Arrays.copyOf(leaves, count * LEAF_SIZE);
  }

  /** The stream digest over {@code header} (the stream's 49 header bytes) and this table. */
  public byte[] streamDigest(byte[] header) {
    if (count == 0) {
      throw new IllegalStateException("a stream has one segment or more");
    }
    byte[] root = root(Hashes.sha256(), 0, count);
    return Hashes.sha256(DIGEST_LABEL, header,
        new ByteWriter(8).u64(count).toByteArray(), root);
  }

  /**
   * @throws IntegrityException unless this table, under {@code header}, has the stream digest
   *     {@code expected}
   */
  public void checkDigest(byte[] header, byte[] expected) {
    if (!Hashes.constantTimeEquals(streamDigest(header), expected)) {
      throw new IntegrityException("content stream does not match its expected digest");
    }
  }

  /**
   * @throws IntegrityException unless segment {@code index}, whose ciphertext and tag are {@code
   *     segment[offset, offset + length)}, has the leaf the table holds for it
   */
  public void checkSegment(MessageDigest sha256, long index, byte[] segment, int offset,
      int length) {
    checkLeaf(index, leaf(sha256, segment, offset, length));
  }

  /** @throws IntegrityException unless {@code leaf} is the table's leaf of segment {@code index} */
  public void checkLeaf(long index, byte[] leaf) {
    if (index >= count || !MessageDigest.isEqual(leaf,
        Arrays.copyOfRange(leaves, (int) index * LEAF_SIZE, (int) (index + 1) * LEAF_SIZE))) {
      throw new IntegrityException("content segment " + index
          + " does not match the stream's table");
    }
  }

  /** RFC 9162 section 2.1.1: the tree hash of leaves {@code [from, from + n)}. */
  private byte[] root(MessageDigest sha256, int from, int n) {
    if (n == 1) {
      return Arrays.copyOfRange(leaves, from * LEAF_SIZE, (from + 1) * LEAF_SIZE);
    }
    int k = Integer.highestOneBit(n - 1);
    byte[] left = root(sha256, from, k);
    byte[] right = root(sha256, from + k, n - k);
    sha256.update(NODE_PREFIX);
    sha256.update(left);
    sha256.update(right);
    return sha256.digest();
  }
}
