package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.read;
import static dev.secupass.core.rooms.RoomFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.ContentEncryptor;
import dev.secupass.core.internal.crypto.EncryptedContent;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.rooms.RoomCiphers;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomEnvelope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: data rooms write files as version-2 content streams, and the writer signs the stream
 * digest in the entry (payload version 2), so every segment a ranged read releases is checked
 * against the writer's signature first. A viewer who colludes with the storage operator holds the
 * file key and can make other streams under it; the tests write them through the blob store and
 * show that no read, whole or ranged, releases any of their plaintext. Files written as version-1
 * streams still read.
 */
class RoomStreamsV2Test {
  private static final int SIZE = 40 * RoomFixture.SEGMENT + 17;

  private final RoomFixture fixture = new RoomFixture();
  private final DataRooms rooms = fixture.rooms();
  private final RoomCiphers ciphers = new RoomCiphers(new SecureRandom(), RoomFixture.SEGMENT);
  private final byte[] content = random(SIZE, 1);
  private final byte[] forged = random(SIZE, 2);

  private KeySession alice;
  private KeySession bob;
  private RoomId room;
  private RoomItem file;

  /** Alice (owner) uploads a file of 41 segments; Bob is a viewer. */
  @BeforeEach
  void setUp() {
    alice = fixture.activate("alice");
    bob = fixture.activate("bob");
    room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.VIEWER);
    file = fixture.upload(rooms, alice, room, null, "model.xlsx", content);
  }

  @Test
  void upload_writesAVersion2Stream_andRangesReadVerified() throws IOException {
    byte[] stored = blob(stored(file.id()).blob());
    assertThat(stored[3]).as("content stream version").isEqualTo((byte) 2);
    assertThat((long) stored.length).isEqualTo(
        ContentCipher.ciphertextSize(2, SIZE, RoomFixture.SEGMENT));

    assertThat(read(rooms.download(bob, room, file.id()))).isEqualTo(content);
    assertThat(read(rooms.download(bob, room, file.id(), 1000, 300)))
        .isEqualTo(Arrays.copyOfRange(content, 1000, 1300));
    assertThat(read(rooms.download(bob, room, file.id(), SIZE - 5, 100)))
        .isEqualTo(Arrays.copyOfRange(content, SIZE - 5, SIZE));
    assertThat(read(rooms.download(bob, room, file.id(), SIZE, 10))).isEmpty();
  }

  @Test
  void viewerSwapsInAnotherVersion2StreamUnderTheSameKey_noReadReleasesAByte() {
    RoomEntry entry = stored(file.id());
    try (SymmetricKey fileKey = fileKey(bob, entry)) {
      // Same blob id, same size, same file key and context: only the content differs.
      replaceBlob(entry.blob(), ciphers.content(fileKey, room, file.id()).seal(forged));
    }

    for (long offset : new long[] {0, 1000, SIZE - 5}) {
      assertThatThrownBy(() -> rooms.download(alice, room, file.id(), offset, 64))
          .as("range at %d", offset)
          .isInstanceOf(IntegrityException.class).hasMessageContaining("digest");
    }
    assertThatThrownBy(() -> rooms.download(alice, room, file.id()))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("digest");
  }

  @Test
  void viewerSwapsOneMiddleSegmentAndItsTableEntry_theRangeOverItFails() {
    RoomEntry entry = stored(file.id());
    byte[] stored = blob(entry.blob());
    byte[] other;
    try (SymmetricKey fileKey = fileKey(bob, entry)) {
      other = ciphers.content(fileKey, room, file.id()).seal(forged);
    }
    // Segment 20 of the forged stream, spliced in with its leaf in the table: the table no longer
    // hashes to the signed stream digest (and the forged segment is under another salt anyway).
    int segment = 20;
    int at = 49 + segment * (RoomFixture.SEGMENT + 16);
    System.arraycopy(other, at, stored, at, RoomFixture.SEGMENT + 16);
    int table = 49 + SIZE + 16 * 41;
    System.arraycopy(other, table + 32 * segment, stored, table + 32 * segment, 32);
    replaceBlob(entry.blob(), stored);

    assertThatThrownBy(() -> rooms.download(alice, room, file.id(),
        (long) segment * RoomFixture.SEGMENT, 10))
        .isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> rooms.download(alice, room, file.id(), 0, 10))
        .as("any range: the table is checked first")
        .isInstanceOf(IntegrityException.class);
  }

  @Test
  void viewerSwapsInAVersion1StreamUnderTheSameKey_refusedAsADowngrade() {
    RoomEntry entry = stored(file.id());
    try (SymmetricKey fileKey = fileKey(bob, entry)) {
      replaceBlob(entry.blob(), version1(fileKey, file.id()).seal(forged));
    }

    assertThatThrownBy(() -> rooms.download(alice, room, file.id(), 1000, 64))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("version 2");
    assertThatThrownBy(() -> rooms.download(alice, room, file.id()))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("version 2");
  }

  @Test
  void aFileWrittenAsAVersion1Stream_stillReadsWholeAndByRange() {
    // As the SDK wrote files before rooms wrote version 2: a version-1 stream, its ciphertext
    // digest signed by its writer in a payload of version 1.
    RoomEntry entry = stored(file.id());
    RoomEntry legacy;
    try (SymmetricKey epochKey = epochKey(alice, 1);
        SymmetricKey fileKey = SymmetricKey.generate(new SecureRandom())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      EncryptedContent written;
      try (ContentEncryptor encryptor = version1(fileKey, file.id()).encrypt(out)) {
        encryptor.write(content, 0, content.length);
        written = encryptor.finish();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      byte[] ciphertext = out.toByteArray();
      BlobId blob = BlobId.random(new SecureRandom());
      writeBlob(blob, ciphertext);
      byte[] statement = alice.sign(SignedType.ROOM_ENTRY, SignedEntriesTest.payload(1, room,
          file.id(), 1, fixture.log(room).size(), blob, SIZE, ciphertext.length, "model.xlsx",
          written.digest(), fileKey.commitment()));
      legacy = new RoomEntry(room, file.id(), null, RoomEntry.Kind.FILE, 1,
          ciphers.sealSignedEntry(epochKey, room, file.id(), 1, statement), blob, SIZE,
          ciphers.wrapFileKey(epochKey, room, file.id(), 1, fileKey), entry.createdAt(),
          entry.revision());
    }
    fixture.storage.views().entry = e -> e.id().equals(file.id()) ? legacy : e;

    assertThat(read(rooms.download(bob, room, file.id()))).isEqualTo(content);
    assertThat(read(rooms.download(bob, room, file.id(), 1000, 300)))
        .isEqualTo(Arrays.copyOfRange(content, 1000, 1300));
  }

  @Test
  void aVersion2PayloadForAFolder_isRefused() {
    RoomItem folder = rooms.createFolder(alice, room, null, "Drafts");
    RoomEntry entry = stored(folder.id());
    RoomEntry forged;
    try (SymmetricKey epochKey = epochKey(alice, 1)) {
      byte[] payload = new dev.secupass.core.internal.format.ByteWriter().u8(2)
          .string(room.value()).string(folder.id().value()).u32(1)
          .u64(fixture.log(room).size()).u8(1).string("").string("").u64(0).u64(0)
          .string("Drafts").bytes(new byte[32]).bytes(new byte[32]).toByteArray();
      byte[] statement = alice.sign(SignedType.ROOM_ENTRY, payload);
      forged = new RoomEntry(room, folder.id(), null, RoomEntry.Kind.FOLDER, 1,
          ciphers.sealSignedEntry(epochKey, room, folder.id(), 1, statement), null, 0,
          entry.header(), entry.createdAt(), entry.revision());
    }
    fixture.storage.views().entry = e -> e.id().equals(folder.id()) ? forged : e;

    assertThatThrownBy(() -> rooms.list(bob, room, null))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("version-2 stream");
  }

  private ContentCipher version1(SymmetricKey fileKey, FileId id) {
    return ContentCipher.builder(fileKey, ContentContext.roomFile(room, id))
        .segmentSize(RoomFixture.SEGMENT).version(1).computeDigest(true).build();
  }

  private RoomEntry stored(FileId id) {
    return fixture.memory.rooms().findEntry(room, id).orElseThrow();
  }

  private SymmetricKey fileKey(KeySession member, RoomEntry entry) {
    try (SymmetricKey epochKey = epochKey(member, 1)) {
      return ciphers.unwrapFileKey(epochKey, room, entry.id(), 1, entry.header());
    }
  }

  private SymmetricKey epochKey(KeySession member, int epoch) {
    for (RoomEnvelope envelope : fixture.memory.rooms().envelopes(room, member.user())) {
      if (envelope.epoch() == epoch) {
        return member.openEnvelope(envelope.envelope(), alice.publicKeys(),
            EnvelopeContext.roomEpoch(room, epoch));
      }
    }
    throw new AssertionError("no envelope of epoch " + epoch);
  }

  private byte[] blob(BlobId blob) {
    return read(fixture.blobs.open(blob));
  }

  private void replaceBlob(BlobId blob, byte[] ciphertext) {
    fixture.blobs.delete(blob);
    writeBlob(blob, ciphertext);
  }

  private void writeBlob(BlobId blob, byte[] ciphertext) {
    try (BlobOutput out = fixture.blobs.create(blob)) {
      out.write(ciphertext);
      out.commit();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
