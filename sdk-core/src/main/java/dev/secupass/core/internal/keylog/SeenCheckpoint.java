package dev.secupass.core.internal.keylog;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The payload of a signed statement of type {@code KEY_LOG_CHECKPOINT} ({@code docs/format.md},
 * "Key log checkpoint statement"), payload version 1: the key-log checkpoint a user's SDK last
 * relied on, as the host signed it, published so that the users who read what this user signs
 * can compare it with the checkpoint they hold.
 *
 * <pre>
 * u8   0x01      payload version
 * i64  time      milliseconds since 1970-01-01T00:00:00Z, the signer's clock (informative)
 * str  note      the checkpoint, a C2SP signed note (UTF-8), with the host's signature
 * </pre>
 *
 * @param at when the signer's SDK relied on it
 * @param note the signed note
 */
public record SeenCheckpoint(Instant at, String note) {
  /** The payload version written now. */
  public static final int VERSION = 0x01;

  public SeenCheckpoint {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(note, "note");
  }

  /**
   * A reader's check of a published statement ({@code docs/format.md}, "Key log checkpoint
   * statement"): a signed statement of type KEY_LOG_CHECKPOINT by {@code signer}'s keys, whose
   * note carries a valid signature of the host's checkpoint key {@code host} over a checkpoint of
   * the host's origin.
   *
   * @return the checkpoint the signer relied on
   * @throws IntegrityException if the statement or its payload is malformed, or of another type
   * @throws dev.secupass.api.InvalidSignatureException if it is not signed by {@code signer}
   * @throws UnsupportedFormatException for an unknown statement or payload version
   * @throws dev.secupass.api.KeyLogException BAD_CHECKPOINT if the note is not the host's
   */
  public static Checkpoint open(byte[] statement, PublicKeys signer,
      SignedNote.VerifierKey host) {
    SeenCheckpoint seen = decode(SignedStatement.parse(statement)
        .verifiedPayload(signer, SignedType.KEY_LOG_CHECKPOINT));
    return KeyLogService.verify(seen.note(), host).checkpoint();
  }

  /**
   * Whether the checkpoint a reader holds ({@code size}, {@code root}) and the one it received
   * are of one history: the smaller is a prefix of the larger, by {@code proof}, the RFC 9162
   * consistency proof from the smaller to the larger (empty if they are of one size).
   */
  public static boolean oneHistory(long size, byte[] root, Checkpoint received,
      List<byte[]> proof) {
    return oneHistory(size, root, received.size(), received.root(), proof);
  }

  /**
   * Whether the checkpoints ({@code size}, {@code root}) and ({@code otherSize}, {@code
   * otherRoot}) are of one history by {@code proof}, the consistency proof from the smaller to
   * the larger (empty if they are of one size, whose roots must then be equal).
   */
  public static boolean oneHistory(long size, byte[] root, long otherSize, byte[] otherRoot,
      List<byte[]> proof) {
    return size <= otherSize
        ? MerkleTree.verifyConsistency(size, otherSize, root, otherRoot, proof)
        : MerkleTree.verifyConsistency(otherSize, size, otherRoot, root, proof);
  }

  public byte[] encode() {
    return new ByteWriter(16 + note.length()).u8(VERSION).i64(at.toEpochMilli()).string(note)
        .toByteArray();
  }

  /**
   * Decodes a payload.
   *
   * @throws UnsupportedFormatException for another payload version
   * @throws IntegrityException if it is malformed or has trailing bytes
   */
  public static SeenCheckpoint decode(byte[] payload) {
    ByteReader in = new ByteReader(payload,
        message -> new IntegrityException("a key log checkpoint statement is malformed: "
            + message));
    int version = in.u8();
    if (version != VERSION) {
      throw new UnsupportedFormatException("unsupported key log checkpoint statement version "
          + version);
    }
    long millis = in.i64();
    String note = in.string("the checkpoint note");
    in.end("the key log checkpoint statement");
    return new SeenCheckpoint(Instant.ofEpochMilli(millis), note);
  }
}
