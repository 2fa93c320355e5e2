package dev.secupass.core.internal.keylog;

import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The "seen checkpoint" field a signer binds into what a reader must have to read at all: the
 * delivery manifest from payload version 3 and the membership-log entry from payload version 2
 * ({@code docs/format.md}, "Seen checkpoint field"). It is the key-log checkpoint the signer's SDK
 * last relied on when it signed, so a reader compares it with its own ({@link
 * KeyLogService#compareBound}) and a storage operator cannot withhold or replay it without
 * withholding the statement itself.
 *
 * <pre>
 * u64     seen size   the checkpoint's tree size; 0 when the signer relied on none yet
 * u8[32]  seen root   its RFC 9162 root hash; 32 zero bytes when the size is 0
 * </pre>
 *
 * @param size the tree size, 0 for none
 * @param root the root hash, all zeros for none
 */
public record BoundCheckpoint(long size, byte[] root) {
  /** Encoded length of the field. */
  public static final int LENGTH = 40;
  /** No checkpoint relied on yet. */
  public static final BoundCheckpoint NONE = new BoundCheckpoint(0, new byte[32]);

  public BoundCheckpoint {
    if (size < 0) {
      throw new IllegalArgumentException("a seen checkpoint's size is not negative");
    }
    if (root.length != 32) {
      throw new IllegalArgumentException("a seen checkpoint's root is 32 bytes");
    }
    if (size == 0 && !MessageDigest.isEqual(root, new byte[32])) {
      throw new IllegalArgumentException("a seen checkpoint of size 0 has a zero root");
    }
    root = root.clone();
  }

  /** The checkpoint a key-log view relied on last ({@link #NONE} for a view of size 0). */
  public static BoundCheckpoint of(KeyLogView view) {
    return view.seenSize() == 0 ? NONE : new BoundCheckpoint(view.seenSize(), view.seenRoot());
  }

  /** Whether the signer relied on no checkpoint (nothing to compare). */
  public boolean none() {
    return size == 0;
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  public ByteWriter write(ByteWriter out) {
    return out.u64(size).bytes(root);
  }

  /**
   * Reads the field; a size above 2^63-1 or a size of 0 with a non-zero root is the reader's
   * malformed error ({@code IntegrityException} for a manifest, {@code MembershipLogException}
   * for a membership entry).
   */
  public static BoundCheckpoint read(ByteReader in) {
    long size = in.u64("the seen checkpoint's size");
    byte[] root = in.bytes(32, "the seen checkpoint's root");
    if (size == 0 && !MessageDigest.isEqual(root, new byte[32])) {
      throw in.malformed("a seen checkpoint of size 0 has a non-zero root");
    }
    return new BoundCheckpoint(size, root);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BoundCheckpoint c && size == c.size && Arrays.equals(root, c.root);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(size) * 31 + Arrays.hashCode(root);
  }

  @Override
  public String toString() {
    return "BoundCheckpoint[" + size + ", " + HexFormat.of().formatHex(root, 0, 4) + "...]";
  }
}
