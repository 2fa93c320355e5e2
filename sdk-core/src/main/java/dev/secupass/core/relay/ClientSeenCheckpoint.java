package dev.secupass.core.relay;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A correspondent's published key log checkpoint ({@link ClientRelay#keyLogCheckpointOf}): the
 * statement of type 6 they signed ({@code docs/format.md}, "Key log checkpoint statement"), as
 * stored, and the RFC 9162 consistency proof between the checkpoint the asking client holds and
 * the one in the statement (from the smaller to the larger), from the server's tree. The client
 * checks the statement with the keys it verified for the correspondent and the proof against both
 * checkpoints; two that are not one history are a split view.
 *
 * @param statement the signed statement, as the correspondent's client or SDK published it
 * @param proof the consistency proof between the two sizes (empty for one size, or when the
 *     server cannot make it: the client's check then fails)
 */
public record ClientSeenCheckpoint(byte[] statement, List<byte[]> proof) {
  public ClientSeenCheckpoint {
    statement = Objects.requireNonNull(statement, "statement").clone();
    proof = ByteLists.copy(proof);
  }

  @Override
  public byte[] statement() {
    return statement.clone();
  }

  @Override
  public List<byte[]> proof() {
    return ByteLists.copy(proof);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientSeenCheckpoint c && Arrays.equals(statement, c.statement)
        && ByteLists.equal(proof, c.proof);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(statement);
  }

  @Override
  public String toString() {
    return "ClientSeenCheckpoint[" + statement.length + " bytes, proof=" + proof.size() + "]";
  }
}
