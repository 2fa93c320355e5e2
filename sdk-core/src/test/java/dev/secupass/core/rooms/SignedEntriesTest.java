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
import dev.secupass.core.internal.crypto.ContentEncryptor;
import dev.secupass.core.internal.crypto.EncryptedContent;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.rooms.RoomCiphers;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomEnvelope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 gap 3: room entries are signed by their writer. A viewer who colludes with the storage
 * operator holds the epoch key and can unwrap every file key, so they can re-seal an owner's entry
 * with other content; the owner's reads refuse every such entry with a typed integrity failure
 * and release none of the forged content. Everything forged here is written through the storage
 * SPI (rows and blobs) with the viewer's real keys.
 */
class SignedEntriesTest {
  private static final byte[] OFFER = bytes("Offer: 1.2 million, signed by Alice.");
  private static final byte[] FORGED = bytes("Offer: 0.2 million, signed by Alice.");

  private final RoomFixture fixture = new RoomFixture();
  private final DataRooms rooms = fixture.rooms();
  private final RoomCiphers ciphers = new RoomCiphers(new SecureRandom(), RoomFixture.SEGMENT);

  private KeySession alice;
  private KeySession bob;
  private RoomId room;
  private RoomItem offer;

  /** Alice (owner) uploads offer.pdf; Bob is a viewer. */
  private void setUp() {
    alice = fixture.activate("alice");
    bob = fixture.activate("bob");
    room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.VIEWER);
    offer = fixture.upload(rooms, alice, room, null, "offer.pdf", OFFER);
    assertThat(OFFER.length).isEqualTo(FORGED.length).isLessThan(RoomFixture.SEGMENT);
  }

  @Test
  void viewerReplacesTheContentUnderTheSameKey_ownerGetsIntegrityFailureAndNoForgedBytes()
      throws Exception {
    setUp();
    RoomEntry entry = stored(offer.id());
    try (SymmetricKey epochKey = epochKey(bob, 1);
        SymmetricKey fileKey = ciphers.unwrapFileKey(epochKey, room, offer.id(), 1,
            entry.header())) {
      // Same blob id, same size, same file key: only the content differs.
      replaceBlob(entry.blob(), ciphers.content(fileKey, room, offer.id()).seal(FORGED));
    }
    assertThat(rooms.list(alice, room, null)).extracting(RoomItem::name)
        .containsExactly("offer.pdf");
    // A version-2 stream: its table is checked against the signed stream digest before the
    // download hands out a stream at all, so no forged byte is released.
    assertThatThrownBy(() -> rooms.download(alice, room, offer.id()))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("digest");
    assertThatThrownBy(() -> rooms.download(alice, room, offer.id(), 3, 5))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("digest");
  }

  @Test
  void viewerSignsAReplacementEntryThemselves_refusedBecauseAViewerMayNotWrite() {
    setUp();
    RoomEntry entry = stored(offer.id());
    RoomEntry forged;
    try (SymmetricKey epochKey = epochKey(bob, 1);
        SymmetricKey newKey = SymmetricKey.generate(new SecureRandom())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      EncryptedContent written;
      try (ContentEncryptor encryptor = ciphers.content(newKey, room, offer.id()).encrypt(out)) {
        encryptor.write(FORGED, 0, FORGED.length);
        written = encryptor.finish();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      byte[] ciphertext = out.toByteArray();
      BlobId blob = BlobId.random(new SecureRandom());
      writeBlob(blob, ciphertext);
      byte[] statement = bob.sign(SignedType.ROOM_ENTRY, payload(room, offer.id(), 1,
          fixture.log(room).size(), blob, FORGED.length, ciphertext.length, "offer.pdf",
          written.digest(), newKey.commitment()));
      forged = new RoomEntry(room, offer.id(), null, RoomEntry.Kind.FILE, 1,
          ciphers.sealSignedEntry(epochKey, room, offer.id(), 1, statement), blob,
          FORGED.length, ciphers.wrapFileKey(epochKey, room, offer.id(), 1, newKey),
          entry.createdAt(), entry.revision());
    }
    fixture.storage.views().entry = e -> e.id().equals(offer.id()) ? forged : e;

    assertThatThrownBy(() -> rooms.list(alice, room, null))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("bob")
        .hasMessageContaining("may not write");
    assertThatThrownBy(() -> rooms.download(alice, room, offer.id()))
        .isInstanceOf(IntegrityException.class);
  }

  @Test
  void viewerKeepsTheOwnersSignatureButSwapsTheFileKey_refusedByTheKeyCommitment() {
    setUp();
    RoomEntry entry = stored(offer.id());
    RoomEntry forged;
    try (SymmetricKey epochKey = epochKey(bob, 1);
        SymmetricKey newKey = SymmetricKey.generate(new SecureRandom())) {
      replaceBlob(entry.blob(), ciphers.content(newKey, room, offer.id()).seal(FORGED));
      forged = new RoomEntry(room, offer.id(), null, RoomEntry.Kind.FILE, 1, entry.name(),
          entry.blob(), entry.size(), ciphers.wrapFileKey(epochKey, room, offer.id(), 1, newKey),
          entry.createdAt(), entry.revision());
    }
    fixture.storage.views().entry = e -> e.id().equals(offer.id()) ? forged : e;

    assertThat(rooms.list(alice, room, null)).extracting(RoomItem::name)
        .containsExactly("offer.pdf");
    assertThatThrownBy(() -> rooms.download(alice, room, offer.id()))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("not the one its writer");
    assertThatThrownBy(() -> rooms.download(alice, room, offer.id(), 0, 10))
        .isInstanceOf(IntegrityException.class);
  }

  @Test
  void removedEditorsEntryAfterTheRemoval_refused() {
    KeySession alice = fixture.activate("alice");
    KeySession carol = fixture.activate("carol");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, "Deal");
    rooms.addMember(alice, room, user("carol"), EMPLOYEE, RoomRole.EDITOR);
    RoomItem hers = fixture.upload(rooms, carol, room, null, "notes.txt", bytes("by carol"));
    assertThat(read(rooms.download(alice, room, hers.id()))).isEqualTo(bytes("by carol"));
    SymmetricKey kept = epochKey(room, carol, alice, 1);
    rooms.removeMember(alice, room, user("carol"));
    long length = fixture.log(room).size();

    // Carol, removed, signs a new folder with her old epoch key at the log she can still read
    // (and, as a second try, at a log longer than the real one).
    for (long claimed : new long[] {length, length + 1}) {
      FileId id = FileId.random(new SecureRandom());
      byte[] statement = carol.sign(SignedType.ROOM_ENTRY, folderPayload(room, id, 1, claimed,
          "Read me"));
      fixture.memory.rooms().createEntry(new RoomEntry(room, id, null, RoomEntry.Kind.FOLDER, 1,
          ciphers.sealSignedEntry(kept, room, id, 1, statement), null, 0, new byte[0],
          fixture.clock.instant(), 0));
      assertThatThrownBy(() -> rooms.list(alice, room, null))
          .isInstanceOf(IntegrityException.class);
      fixture.memory.rooms().deleteEntry(room, id);
    }
    kept.close();
    // Her entry from while she was an editor still opens.
    assertThat(read(rooms.download(alice, room, hers.id()))).isEqualTo(bytes("by carol"));
  }

  @Test
  void viewerPlantsAnUnsignedVersion1Entry_shownAsUnsignedNotAsTheOwners() {
    setUp();
    RoomEntry entry = stored(offer.id());
    RoomEntry forged;
    try (SymmetricKey epochKey = epochKey(bob, 1);
        SymmetricKey fileKey = ciphers.unwrapFileKey(epochKey, room, offer.id(), 1,
            entry.header())) {
      byte[] ciphertext = ciphers.content(fileKey, room, offer.id()).seal(FORGED);
      BlobId blob = BlobId.random(new SecureRandom());
      writeBlob(blob, ciphertext);
      forged = new RoomEntry(room, offer.id(), null, RoomEntry.Kind.FILE, 1,
          ciphers.sealMetadata(epochKey, room, offer.id(), 1,
              new dev.secupass.core.internal.rooms.EntryMetadata(RoomEntry.Kind.FILE, null, blob,
                  FORGED.length, ciphertext.length, "offer.pdf", new byte[32], new byte[0],
                  null)),
          blob, FORGED.length, entry.header(), entry.createdAt(), entry.revision());
    }
    fixture.storage.views().entry = e -> e.id().equals(offer.id()) ? forged : e;

    RoomItem listed = rooms.list(alice, room, null).get(0);
    assertThat(listed.name()).isEqualTo("offer.pdf");
    assertThat(listed.signedBy()).as("a version-1 entry is shown unsigned").isEmpty();
    assertThat(offer.signedBy()).contains(user("alice"));
  }

  @Test
  void entriesAreWrittenSignedAndRenamesKeepTheirContentChecks() {
    setUp();
    assertThat(stored(offer.id()).name()[0]).isEqualTo((byte) 2);
    assertThat(rooms.list(bob, room, null).get(0).signedBy()).contains(user("alice"));
    rooms.rename(alice, room, offer.id(), "offer-final.pdf");
    assertThat(read(rooms.download(alice, room, offer.id()))).isEqualTo(OFFER);
    assertThat(read(rooms.download(bob, room, offer.id()))).isEqualTo(OFFER);
  }

  private RoomEntry stored(FileId id) {
    return fixture.memory.rooms().findEntry(room, id).orElseThrow();
  }

  /** The room key of {@code epoch} as {@code member} keeps it (all granted by Alice here). */
  private SymmetricKey epochKey(RoomId of, KeySession member, KeySession granter, int epoch) {
    for (RoomEnvelope envelope : fixture.memory.rooms().envelopes(of, member.user())) {
      if (envelope.epoch() == epoch) {
        return member.openEnvelope(envelope.envelope(), granter.publicKeys(),
            EnvelopeContext.roomEpoch(of, epoch));
      }
    }
    throw new AssertionError("no envelope of epoch " + epoch);
  }

  private SymmetricKey epochKey(KeySession member, int epoch) {
    return epochKey(room, member, alice, epoch);
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

  static byte[] payload(RoomId room, FileId id, int epoch, long logLength, BlobId blob,
      long size, long storedSize, String name, byte[] digest, byte[] commitment) {
    return payload(1, room, id, epoch, logLength, blob, size, storedSize, name, digest,
        commitment);
  }

  /** A file's signed-entry payload of {@code version} (2: the digest is a stream digest). */
  static byte[] payload(int version, RoomId room, FileId id, int epoch, long logLength,
      BlobId blob, long size, long storedSize, String name, byte[] digest, byte[] commitment) {
    return new ByteWriter().u8(version).string(room.value()).string(id.value()).u32(epoch)
        .u64(logLength).u8(2).string("").string(blob.value()).u64(size).u64(storedSize)
        .string(name).bytes(digest).bytes(commitment).toByteArray();
  }

  static byte[] folderPayload(RoomId room, FileId id, int epoch, long logLength, String name) {
    return new ByteWriter().u8(1).string(room.value()).string(id.value()).u32(epoch)
        .u64(logLength).u8(1).string("").string("").u64(0).u64(0).string(name)
        .bytes(new byte[32]).bytes(new byte[32]).toByteArray();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

}
