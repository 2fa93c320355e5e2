package dev.secupass.core.internal.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.RoomEntry;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Room entries signed by their writer ({@code docs/format.md}, "Signed room entries"): the writer
 * signs the entry's metadata, the log position it had verified, the digest of a file's
 * blob and the commitment of its content key; a reader checks the signature under the key the
 * verified membership log records, and that the writer could write at that log position.
 */
final class SignedEntries {
  /** The payload of folders and of files whose content is a version-1 stream. */
  static final int PAYLOAD_VERSION = 1;
  /** The payload of files whose content is a version-2 stream: the digest is its stream digest. */
  static final int PAYLOAD_VERSION_2 = 2;

  private SignedEntries() {}

  /**
   * The signed statement of {@code metadata} for entry {@code id}, by {@code writer}, at the
   * membership {@code state} (its epoch and length).
   *
   * @param commitment the key commitment of a file's content key, {@code null} for a folder
   */
  static byte[] sign(KeySession writer, MembershipState state, FileId id, EntryMetadata metadata,
      byte @Nullable [] commitment) {
    ByteWriter out = new ByteWriter(200 + metadata.name().length() * 3)
        .u8(metadata.contentVersion() == 2 ? PAYLOAD_VERSION_2 : PAYLOAD_VERSION)
        .string(state.room().value())
        .string(id.value())
        .u32(state.epoch())
        .u64(state.sequence() + 1);
    metadata.encodeFields(out)
        .bytes(metadata.digest())
        .bytes(commitment == null ? new byte[EntryMetadata.HASH] : commitment);
    return writer.sign(SignedType.ROOM_ENTRY, out.toByteArray());
  }

  /**
   * The metadata of a signed entry, after checking the signature, the writer's role and the
   * fields against {@code entry}.
   *
   * @throws IntegrityException (or its subtypes) if anything does not hold
   */
  static EntryMetadata verify(byte[] statementBytes, RoomEntry entry, MembershipState state,
      KeyStore keys) {
    RoomId room = entry.room();
    SignedStatement statement = SignedStatement.parse(statementBytes);
    UserId writer = statement.signer();
    MemberKey recorded = state.recordedKey(writer, statement.signerKeyVersion())
        .orElseThrow(() -> new IntegrityException("entry " + entry.id() + " of room " + room
            + " is signed by " + writer + ", whose key the membership log never recorded"));
    PublicKeys writerKeys = RecordedKeys.load(keys, writer, recorded);
    byte[] payload = statement.verifiedPayload(writerKeys, SignedType.ROOM_ENTRY);
    ByteReader in = new ByteReader(payload, m -> new IntegrityException("malformed signed entry "
        + entry.id() + " of room " + room + ": " + m));
    int version = in.u8();
    if (version != PAYLOAD_VERSION && version != PAYLOAD_VERSION_2) {
      throw new UnsupportedFormatException("unsupported signed room entry version " + version);
    }
    String roomId = in.string("room");
    String entryId = in.string("entry");
    long epoch = in.u32();
    long logLength = in.u64("log length");
    EntryMetadata fields = EntryMetadata.decodeFields(in, new byte[EntryMetadata.HASH], new byte[0],
        writer);
    byte[] digest = in.bytes(EntryMetadata.HASH, "digest");
    byte[] commitment = in.bytes(EntryMetadata.HASH, "key commitment");
    in.end("signed entry");
    if (!roomId.equals(room.value()) || !entryId.equals(entry.id().value())
        || epoch != entry.epoch()) {
      throw new IntegrityException("entry " + entry.id() + " of room " + room + " holds the"
          + " signed metadata of another entry, room or key epoch");
    }
    if (logLength < 1 || logLength > state.sequence() + 1) {
      throw new IntegrityException("entry " + entry.id() + " of room " + room + " claims a"
          + " membership log of " + logLength + " entries; the verified log has "
          + (state.sequence() + 1));
    }
    RoomRole role = state.roleAt(writer, logLength).orElseThrow(() -> new IntegrityException(
        "entry " + entry.id() + " of room " + room + " is signed by " + writer
            + ", who was not a member of the room when it was written"));
    if (!role.writes()) {
      throw new IntegrityException("entry " + entry.id() + " of room " + room + " is signed by "
          + writer + ", who was a " + role + " and may not write when it was written");
    }
    if (state.epochAt(logLength) != epoch) {
      throw new IntegrityException("entry " + entry.id() + " of room " + room + " is sealed"
          + " under key epoch " + epoch + ", but the room was at epoch "
          + state.epochAt(logLength) + " where its writer signed it");
    }
    boolean file = fields.kind() == RoomEntry.Kind.FILE;
    byte[] zeros = new byte[EntryMetadata.HASH];
    if (version == PAYLOAD_VERSION_2 && (!file || Arrays.equals(digest, zeros))) {
      throw new IntegrityException("entry " + entry.id() + " of room " + room + " is signed as"
          + " a file of a version-2 stream but is not a file with a stream digest");
    }
    if (!file && (!Arrays.equals(digest, zeros)
        || !Arrays.equals(commitment, zeros))) {
      throw new IntegrityException("folder " + entry.id() + " of room " + room
          + " carries a file's digest or key commitment");
    }
    return new EntryMetadata(fields.kind(), fields.parent(), fields.blob(), fields.size(),
        fields.ciphertextSize(), fields.name(), digest, file ? commitment : new byte[0], writer,
        version == PAYLOAD_VERSION_2 ? 2 : 1)
        .checkAgainst(entry);
  }
}
