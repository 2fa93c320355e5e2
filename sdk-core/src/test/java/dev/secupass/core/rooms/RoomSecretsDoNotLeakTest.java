package dev.secupass.core.rooms;

import static dev.secupass.core.rooms.RoomFixture.EMPLOYEE;
import static dev.secupass.core.rooms.RoomFixture.user;

import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.keys.KeyPinning;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.rooms.Keyring;
import dev.secupass.core.internal.rooms.MembershipState;
import dev.secupass.core.internal.rooms.RoomCiphers;
import dev.secupass.core.internal.rooms.VerifiedMembership;
import dev.secupass.core.testing.LeakWitness;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomEnvelope;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs room operations, good and refused and tampered, and checks that no SecuPass, room key, file
 * key, room name, file name or file content appears in a log line, exception message, stack trace
 * or {@code toString()}.
 */
class RoomSecretsDoNotLeakTest {
  private static final String ROOM_NAME = "Project Nightingale acquisition";
  private static final String FILE_NAME = "nightingale-valuation.xlsx";
  private static final String CONTENT = "valuation: 412 million, walk away below 380";

  private final RoomFixture fixture = new RoomFixture();
  private final DataRooms rooms = fixture.rooms();
  private final LeakWitness witness = new LeakWitness();

  @Test
  void noSecretReachesLogsExceptionsOrToString() {
    KeySession alice = fixture.activate("alice");
    KeySession bob = fixture.activate("bob");
    RoomId room = rooms.create(RoomFixture.employee(alice), alice, ROOM_NAME);
    rooms.addMember(alice, room, user("bob"), EMPLOYEE, RoomRole.VIEWER);
    RoomItem file = fixture.upload(rooms, alice, room, null, FILE_NAME,
        CONTENT.getBytes(StandardCharsets.UTF_8));
    List<SymmetricKey> keys = keysOf(alice, room, file);
    MembershipState state = new VerifiedMembership(on -> new KeyPinning(on, fixture.clock, null), 10)
        .read(alice, room, fixture.storage);
    witness.note(rooms, file, rooms.open(bob, room), rooms.roomsOf(user("bob")), state,
        new Keyring(alice, state, fixture.storage), rooms.list(bob, room, null));

    witness.refused(() -> fixture.upload(rooms, bob, room, null, FILE_NAME, new byte[1]));
    witness.refused(() -> rooms.rename(bob, room, file.id(), FILE_NAME + " (2)"));
    rooms.removeMember(alice, room, user("bob"));
    witness.refused(() -> rooms.download(bob, room, file.id()));
    fixture.storage.views().entry = e -> new RoomEntry(e.room(), e.id(), e.parent(), e.kind(),
        e.epoch(), e.header(), e.blob(), e.size(), e.name(), e.createdAt(), e.revision());
    witness.attempt(() -> rooms.list(alice, room, null));
    witness.attempt(() -> rooms.download(alice, room, file.id()));
    fixture.storage.views().log = log -> log.subList(0, 1);
    witness.refused(() -> fixture.rooms().open(alice, room));

    witness.noteLogs();
    witness.assertContainsNone(representations(keys));
    keys.forEach(SymmetricKey::close);
  }

  /** Alice's epoch-1 key and the file's content key, as a thief would want them. */
  private List<SymmetricKey> keysOf(KeySession alice, RoomId room, RoomItem file) {
    RoomEnvelope envelope = fixture.memory.rooms()
        .findEnvelope(room, 1, alice.user(), alice.keyVersion()).orElseThrow();
    SymmetricKey epochKey = alice.openEnvelope(envelope.envelope(), alice.publicKeys(),
        EnvelopeContext.roomEpoch(room, 1));
    RoomEntry entry = fixture.memory.rooms().findEntry(room, file.id()).orElseThrow();
    SymmetricKey fileKey = new RoomCiphers(new SecureRandom(), RoomFixture.SEGMENT)
        .unwrapFileKey(epochKey, room, file.id(), 1, entry.header());
    return List.of(epochKey, fileKey);
  }

  private List<String> representations(List<SymmetricKey> keys) {
    List<String> secrets = new ArrayList<>(List.of("alice-pass", "bob-pass", ROOM_NAME,
        FILE_NAME, CONTENT, "Nightingale", "412 million"));
    for (SymmetricKey key : keys) {
      secrets.addAll(LeakWitness.encodings(key.exportBytes()));
    }
    return secrets;
  }
}
