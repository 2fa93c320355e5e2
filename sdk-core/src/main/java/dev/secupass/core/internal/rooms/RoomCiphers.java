package dev.secupass.core.internal.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The sealed fields of a data room ({@code docs/data-rooms.md}, "Sealed fields"), each the version
 * byte then a content stream bound to its context: the room's name under the key of the epoch it
 * was last named in (1 until a rename), an entry's metadata and a file's content key under the key of the entry's epoch, and a file's content
 * under its own content key. Safe for use by many threads.
 */
public final class RoomCiphers {
  /** Segment size of the small sealed fields: names and keys fit one segment, buffers stay small. */
  private static final int FIELD_SEGMENT = 4096;

  private final SecureRandom random;
  private final int segmentSize;

  /**
   * @param segmentSize plaintext bytes per segment of file content
   */
  public RoomCiphers(SecureRandom random, int segmentSize) {
    this.random = random;
    this.segmentSize = segmentSize;
  }

  public byte[] sealRoomName(SymmetricKey epochKey, RoomId room, int epoch, String name) {
    return SealedFormat.prefix(cipher(epochKey, ContentContext.roomName(room, epoch))
        .seal(name.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Opens a sealed room name; {@link dev.secupass.api.IntegrityException} if not sealed for this
   * room and epoch, or altered.
   */
  public String openRoomName(SymmetricKey epochKey, RoomId room, int epoch, byte[] sealed) {
    return Names.decode(cipher(epochKey, ContentContext.roomName(room, epoch))
        .open(SealedFormat.body(sealed, "room name")), "room name");
  }

  /**
   * Seals unsigned version-1 metadata; the SDK writes signed entries ({@link #sealSignedEntry}),
   * this remains for the version-1 vectors and tests that a version-1 entry still opens.
   */
  public byte[] sealMetadata(SymmetricKey epochKey, RoomId room, FileId entry, int epoch,
      EntryMetadata metadata) {
    return SealedFormat.prefix(cipher(epochKey, ContentContext.roomEntryName(room, entry, epoch))
        .seal(metadata.encode()));
  }

  /** Seals a signed room entry (a signed statement, version 2) as the entry's metadata field. */
  public byte[] sealSignedEntry(SymmetricKey epochKey, RoomId room, FileId entry, int epoch,
      byte[] statement) {
    return SealedFormat.prefix(SealedFormat.SIGNED,
        cipher(epochKey, ContentContext.roomEntryName(room, entry, epoch)).seal(statement));
  }

  /**
   * An opened metadata field: version 1 holds the metadata, version 2 a signed statement whose
   * signature is not checked yet.
   */
  public record SealedEntry(int version, byte[] plaintext) {}

  /**
   * Opens a sealed entry metadata field of version 1 or 2 without checking a signature; {@link
   * dev.secupass.api.IntegrityException} if not sealed for this entry, or altered.
   */
  public SealedEntry openEntry(SymmetricKey epochKey, RoomId room, FileId entry, int epoch,
      byte[] sealed) {
    int version = SealedFormat.version(sealed, "entry metadata", SealedFormat.SIGNED);
    return new SealedEntry(version, cipher(epochKey,
        ContentContext.roomEntryName(room, entry, epoch))
        .open(SealedFormat.body(sealed, "entry metadata", SealedFormat.SIGNED)));
  }

  /**
   * Opens unsigned version-1 entry metadata; {@link dev.secupass.api.IntegrityException} if not
   * sealed for this entry, altered, or signed (version 2, which only a reader with the room's
   * verified membership opens).
   */
  public EntryMetadata openMetadata(SymmetricKey epochKey, RoomId room, FileId entry, int epoch,
      byte[] sealed) {
    SealedEntry opened = openEntry(epochKey, room, entry, epoch, sealed);
    if (opened.version() != SealedFormat.VERSION) {
      throw new dev.secupass.api.IntegrityException("entry " + entry + " of room " + room
          + " is signed and opens only with the room's verified membership");
    }
    return EntryMetadata.decode(opened.plaintext());
  }

  public byte[] wrapFileKey(SymmetricKey epochKey, RoomId room, FileId file, int epoch,
      SymmetricKey fileKey) {
    return SealedFormat.prefix(cipher(epochKey, ContentContext.roomFileKey(room, file, epoch))
        .wrap(fileKey));
  }

  /**
   * Unwraps a file key; {@link dev.secupass.api.IntegrityException} if not wrapped for this file,
   * or altered.
   */
  public SymmetricKey unwrapFileKey(SymmetricKey epochKey, RoomId room, FileId file, int epoch,
      byte[] header) {
    return cipher(epochKey, ContentContext.roomFileKey(room, file, epoch))
        .unwrap(SealedFormat.body(header, "wrapped file key"));
  }

  /**
   * The cipher of a file's content: it writes version-2 streams, whose stream digest it computes,
   * and reads either version.
   */
  public ContentCipher content(SymmetricKey fileKey, RoomId room, FileId file) {
    return ContentCipher.builder(fileKey, ContentContext.roomFile(room, file))
        .segmentSize(segmentSize)
        .version(2)
        .random(random)
        .build();
  }

  private ContentCipher cipher(SymmetricKey key, ContentContext context) {
    return ContentCipher.builder(key, context).segmentSize(FIELD_SEGMENT).random(random).build();
  }
}
