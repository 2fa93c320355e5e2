package dev.secupass.core.internal.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.stream.StreamHeader;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.Fuzz;
import dev.secupass.spi.RoomEntry;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a room store holds: membership-log entry payloads and entry metadata decode only from their
 * one encoding (any bytes fail with a damage exception or encode back the same), and no changed
 * sealed field (room name, entry metadata, wrapped file key) opens.
 */
class RoomFormatsFuzzTest {
  private static final long SEGMENT_BUFFERS = 2L * (StreamHeader.MAX_SEGMENT_SIZE + 16);
  private static final RoomId ROOM = RoomId.of("room-1");
  private static final FileId ENTRY = FileId.of("entry-1");
  private static final int EPOCH = 3;
  private static final SymmetricKey EPOCH_KEY =
      SymmetricKey.generate(new DeterministicRandom("fuzz epoch"));
  private static final SymmetricKey FILE_KEY =
      SymmetricKey.generate(new DeterministicRandom("fuzz file"));
  private static final RoomCiphers CIPHERS = new RoomCiphers(new DeterministicRandom("seal"), 64);
  static final EntryMetadata METADATA = new EntryMetadata(RoomEntry.Kind.FILE,
      FileId.of("folder-1"), BlobId.of("blob-1"), 1234, 1300, "Quarterly report.pdf",
      new byte[32], new byte[0], null);
  static final MembershipRecord RECORD = new MembershipRecord(ROOM, 4,
      new DeterministicRandom("previous").generateSeed(ChainHash.SIZE),
      Instant.parse("2026-03-01T09:00:00Z"), MembershipAction.ADD, UserId.of("bob"),
      RoomRole.EDITOR, EPOCH, null,
      new MemberKey(KeyVersion.of(2), new DeterministicRandom("digest").generateSeed(32)));
  static final byte[] ENCODED_RECORD = MembershipCodec.encode(RECORD);
  static final byte[] ENCODED_METADATA = METADATA.encode();
  static final byte[] SEALED_NAME = CIPHERS.sealRoomName(EPOCH_KEY, ROOM, EPOCH, "Due diligence");
  static final byte[] SEALED_METADATA = CIPHERS.sealMetadata(EPOCH_KEY, ROOM, ENTRY, EPOCH,
      METADATA);
  static final byte[] WRAPPED_KEY = CIPHERS.wrapFileKey(EPOCH_KEY, ROOM, ENTRY, EPOCH, FILE_KEY);

  /** A sealed field of a room. */
  enum Field { NAME, METADATA, FILE_KEY }

  @FuzzTest(maxDuration = "24h")
  void anyMembershipEntry_failsOrEncodesBackTheSame(byte[] data) {
    Optional<MembershipRecord> record = Fuzz.decode(data.length,
        () -> MembershipCodec.decode(data));

    record.ifPresent(decoded -> assertThat(MembershipCodec.encode(decoded)).isEqualTo(data));
  }

  @FuzzTest(maxDuration = "24h")
  void anyEntryMetadata_failsOrEncodesBackTheSame(byte[] data) {
    Optional<EntryMetadata> metadata = Fuzz.decode(data.length, () -> EntryMetadata.decode(data));

    metadata.ifPresent(decoded -> assertThat(decoded.encode()).isEqualTo(data));
  }

  @FuzzTest(maxDuration = "24h")
  void changedSealedField_failsOrIsUnchanged(FuzzedDataProvider data) {
    Field field = data.pickValue(Field.values());
    byte[] valid = switch (field) {
      case NAME -> SEALED_NAME;
      case METADATA -> SEALED_METADATA;
      case FILE_KEY -> WRAPPED_KEY;
    };
    byte[] changed = Fuzz.mutate(valid, data);

    Optional<Object> opened = Fuzz.decode(changed.length, SEGMENT_BUFFERS, () -> switch (field) {
      case NAME -> CIPHERS.openRoomName(EPOCH_KEY, ROOM, EPOCH, changed);
      case METADATA -> CIPHERS.openMetadata(EPOCH_KEY, ROOM, ENTRY, EPOCH, changed);
      case FILE_KEY -> CIPHERS.unwrapFileKey(EPOCH_KEY, ROOM, ENTRY, EPOCH, changed)
          .commitment();
    }, Fuzz.damageOr());

    if (!Arrays.equals(changed, valid)) {
      assertThat(opened).as("a changed sealed %s opened", field).isEmpty();
    } else {
      assertThat(opened).isPresent();
    }
  }
}
