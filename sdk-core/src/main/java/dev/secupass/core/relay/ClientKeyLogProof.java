package dev.secupass.core.relay;

import java.util.List;
import java.util.Objects;

/**
 * What a client checks before it wraps a key to someone ({@link ClientRelay#keyLogProof}, {@code
 * docs/key-log.md}): the key log's current checkpoint as the host signed it, the log entry of the
 * subject's keys with its inclusion proof, and the consistency proof from the checkpoint the
 * client relied on before. The client verifies all of it with the log's verifier key; the server
 * only serves it.
 *
 * @param checkpoint the current checkpoint, a C2SP signed note (with any witness cosignatures)
 * @param leaf the log entry of the subject's keys (format.md, "Key log leaf")
 * @param index the entry's index in the log
 * @param inclusion the RFC 9162 inclusion proof of the entry in the checkpoint's tree
 * @param consistency the RFC 9162 consistency proof from the size the client saw before to the
 *     checkpoint's (empty when it saw none, or the same size)
 */
public record ClientKeyLogProof(String checkpoint, byte[] leaf, long index,
    List<byte[]> inclusion, List<byte[]> consistency) {
  public ClientKeyLogProof {
    Objects.requireNonNull(checkpoint, "checkpoint");
    leaf = Objects.requireNonNull(leaf, "leaf").clone();
    inclusion = ByteLists.copy(inclusion);
    consistency = ByteLists.copy(consistency);
  }

  @Override
  public byte[] leaf() {
    return leaf.clone();
  }

  @Override
  public List<byte[]> inclusion() {
    return ByteLists.copy(inclusion);
  }

  @Override
  public List<byte[]> consistency() {
    return ByteLists.copy(consistency);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientKeyLogProof p && checkpoint.equals(p.checkpoint)
        && java.util.Arrays.equals(leaf, p.leaf) && index == p.index
        && ByteLists.equal(inclusion, p.inclusion)
        && ByteLists.equal(consistency, p.consistency);
  }

  @Override
  public int hashCode() {
    return Objects.hash(checkpoint, index);
  }

  @Override
  public String toString() {
    return "ClientKeyLogProof[index=" + index + ", inclusion=" + inclusion.size()
        + ", consistency=" + consistency.size() + "]";
  }
}
