package dev.secupass.core.internal.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.format.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A room entry's sealed metadata names its folder and blob by id; ids outside the grammar of
 * {@code docs/format.md} ("Identifiers") are damage, as in every other format.
 */
class EntryMetadataIdentifiersTest {
  private static final List<byte[]> INVALID = List.of(utf8("a..b"), utf8("-a"),
      utf8("d\u00e9j\u00e0"), utf8("x".repeat(65)), utf8("a/b"), HexFormat.of().parseHex("ff"));

  @Test
  @DisplayName("Sealed entry metadata with a folder or blob id outside the grammar is damage")
  void decode_idsOutsideTheGrammar_throwIntegrityException() {
    EntryMetadata valid = EntryMetadata.decode(metadata(utf8("folder-1"), utf8("blob.2")));
    assertThat(valid.parent()).isEqualTo(FileId.of("folder-1"));
    assertThat(valid.blob()).isEqualTo(BlobId.of("blob.2"));
    for (byte[] invalid : INVALID) {
      assertThatThrownBy(() -> EntryMetadata.decode(metadata(invalid, utf8("blob-1"))))
          .isInstanceOf(IntegrityException.class);
      assertThatThrownBy(() -> EntryMetadata.decode(metadata(utf8("folder-1"), invalid)))
          .isInstanceOf(IntegrityException.class);
    }
  }

  /** A file's metadata as data-rooms.md lays it out. */
  private static byte[] metadata(byte[] parent, byte[] blob) {
    return new ByteWriter().u8(2).u16(parent.length).bytes(parent).u16(blob.length).bytes(blob)
        .u64(3).u64(49 + 3 + 16).u16(5).bytes(utf8("a.txt")).toByteArray();
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
