package dev.secupass.core.relay;

import java.util.List;
import java.util.Objects;

/**
 * What a user's client checks at unlock ({@link ClientRelay#keyLogEntries}, {@code
 * docs/key-log.md}, "At unlock"): the key log's current checkpoint, every entry the log holds for
 * the user with its inclusion proof, the consistency proof from the checkpoint the client relied
 * on before, and every entry added since the size the client last read the whole log to (with the
 * compact range at that size, so the client folds them into the checkpoint's root: none can be
 * left out). The client compares the entries with the keys it made and raises the Java SDK's
 * alarms ({@code FOREIGN_KEY}, {@code LOG_REWRITTEN}, {@code CHECK_FAILED}).
 *
 * @param checkpoint the current checkpoint, a C2SP signed note (with any witness cosignatures)
 * @param entries the user's entries in index order, each with its inclusion proof
 * @param consistency the RFC 9162 consistency proof from the size the client saw before to the
 *     checkpoint's (empty when it saw none, or the same size)
 * @param frontier the roots of the perfect subtrees of the tree at the size the client read to
 *     (largest first; empty at a first look)
 * @param added every entry from that size to the checkpoint's, in index order (empty at a first
 *     look)
 */
public record ClientKeyLogEntries(String checkpoint, List<ClientKeyLogEntry> entries,
    List<byte[]> consistency, List<byte[]> frontier, List<byte[]> added) {
  public ClientKeyLogEntries {
    Objects.requireNonNull(checkpoint, "checkpoint");
    entries = List.copyOf(entries);
    consistency = ByteLists.copy(consistency);
    frontier = ByteLists.copy(frontier);
    added = ByteLists.copy(added);
  }

  @Override
  public List<byte[]> consistency() {
    return ByteLists.copy(consistency);
  }

  @Override
  public List<byte[]> frontier() {
    return ByteLists.copy(frontier);
  }

  @Override
  public List<byte[]> added() {
    return ByteLists.copy(added);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientKeyLogEntries e && checkpoint.equals(e.checkpoint)
        && entries.equals(e.entries) && ByteLists.equal(consistency, e.consistency)
        && ByteLists.equal(frontier, e.frontier) && ByteLists.equal(added, e.added);
  }

  @Override
  public int hashCode() {
    return Objects.hash(checkpoint, entries);
  }

  @Override
  public String toString() {
    return "ClientKeyLogEntries[entries=" + entries.size() + ", consistency="
        + consistency.size() + ", added=" + added.size() + "]";
  }
}
