package dev.secupass.core.internal.keylog;

import java.util.Arrays;
import java.util.Base64;

/**
 * The text of a C2SP {@code tlog-checkpoint} (v1.0.0): origin line, tree size in decimal without
 * leading zeroes, base64 root hash, each ending in a newline; no extension lines.
 *
 * @param origin the log's origin
 * @param size the tree size
 * @param root the 32-byte root hash
 */
public record Checkpoint(String origin, long size, byte[] root) {

  public Checkpoint {
    root = root.clone();
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  public String text() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
  }

  /**
   * Parses a checkpoint's text (extension lines are accepted and ignored, as the spec allows).
   *
   * @throws dev.secupass.api.KeyLogException of kind BAD_CHECKPOINT if it is not one
   */
  public static Checkpoint parse(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length < 4 || !lines[lines.length - 1].isEmpty()) {
      throw SignedNote.bad("a checkpoint needs an origin, a size and a root hash");
    }
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].isEmpty()) {
        throw SignedNote.bad("a checkpoint line is empty");
      }
    }
    String size = lines[1];
    if (!size.matches("0|[1-9][0-9]{0,18}")) {
      throw SignedNote.bad("the tree size is not a decimal number");
    }
    long n;
    try {
      n = Long.parseLong(size);
    } catch (NumberFormatException e) {
      throw SignedNote.bad("the tree size is too large");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw SignedNote.bad("the root hash is not base64");
    }
    if (root.length != MerkleTree.HASH_SIZE
        || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
      throw SignedNote.bad("the root hash is not 32 bytes of canonical base64");
    }
    return new Checkpoint(lines[0], n, root);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c && origin.equals(c.origin) && size == c.size
        && Arrays.equals(root, c.root);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(root);
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + ", size " + size + "]";
  }
}
