package dev.secupass.core.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.PageRequest;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.grants.Grants;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.sdk.Parts;
import dev.secupass.core.keylog.CheckpointKey;
import dev.secupass.core.keylog.KeyTransparency;
import java.security.SecureRandom;
import dev.secupass.core.internal.sdk.Settings;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.keys.SecuPasses;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.core.testing.TrackingBlobStore;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.tck.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Data rooms of one SDK instance on the in-memory stores, seen through a storage operator ({@link
 * OperatorStorage}), with the fast test KDF and small content segments so files span several
 * segments. Sessions come from the SDK's own {@code SecuPasses} (so activation and reset do their
 * grant bookkeeping, and open sessions fulfil grants as they become ready), handed to tests as the
 * internal session so they can forge what a storage operator with some user's keys could.
 */
final class RoomFixture {
  static final int SEGMENT = 64;

  final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T09:00:00Z"));
  final MemoryStorage memory = new MemoryStorage(clock);
  final OperatorStorage storage = new OperatorStorage(memory);
  final TrackingBlobStore blobs = new TrackingBlobStore();
  /** The checkpoint key of this fixture's key log (a lab that forges can log what it likes). */
  final CheckpointKey logKey = CheckpointKey.generate("rooms.example/keys", new SecureRandom());
  private @Nullable Parts parts;
  private int attempts;

  RoomFixture() {
    this(5);
  }

  /** Rooms that try a change that lost a race {@code attempts} times in all. */
  RoomFixture(int attempts) {
    this.attempts = attempts;
  }

  /** The SDK's parts, made at first use with the attempts asked for so far. */
  Parts parts() {
    if (parts == null) {
      parts = new Parts(new Settings().storage(storage).blobStore(blobs)
          .atRestKey(TinkAtRestKey.generate()).clock(clock).kdfPolicy(TestPolicies.FAST)
          .sessionIdleTimeout(Duration.ofHours(1)).roomSegmentSize(SEGMENT)
          .roomAttempts(attempts)
          // Trust on first use, chosen explicitly: these tests are about rooms, not the
          // first-contact release policy (UnverifiedRecipientsTest holds room grants under it).
          .firstContactPolicy(FirstContactPolicy.trustOnFirstUse())
          .keyTransparency(KeyTransparency.builder().checkpointKey(logKey).build()));
    }
    return parts;
  }

  DataRooms rooms() {
    return parts().rooms();
  }

  /** The rooms, trying a change that lost a race {@code attempts} times in all. */
  DataRooms rooms(int attempts) {
    if (parts != null && attempts != this.attempts) {
      throw new IllegalStateException("ask for the attempts before the first session, or make"
          + " the fixture with them");
    }
    this.attempts = attempts;
    return rooms();
  }

  Grants grants() {
    return parts().grants();
  }

  SecuPasses secuPass() {
    return parts().secuPass();
  }

  KeySession activate(String user) {
    try (SecuPass pass = SecuPass.of(user + "-pass")) {
      return own(secuPass().activate(UserId.of(user), pass));
    }
  }

  KeySession unlock(String user) {
    try (SecuPass pass = SecuPass.of(user + "-pass")) {
      return own(secuPass().unlock(UserId.of(user), pass));
    }
  }

  /** A forgotten SecuPass: every room the user was in is queued as a ready grant. */
  KeySession reset(String user) {
    try (SecuPass pass = SecuPass.of(user + "-pass2")) {
      return own(secuPass().reset(UserId.of(user), pass));
    }
  }

  KeySession own(SecuPassSession session) {
    return parts().sessions().own(session);
  }

  /** The creator as the host signed them in. */
  static SignedInUser employee(SecuPassSession session) {
    return SignedInUser.employee(session.user());
  }

  RoomItem upload(DataRooms rooms, KeySession editor, RoomId room, @Nullable FileId folder,
      String name, byte[] content) {
    return rooms.upload(editor, room, folder, name, new ByteArrayInputStream(content));
  }

  static byte[] read(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The events of {@code type} for each of {@code audiences}, in that order, newest first each. */
  <T extends HostEvent> List<T> events(Class<T> type, String... audiences) {
    List<T> events = new ArrayList<>();
    for (String audience : audiences) {
      parts().events().forUser(user(audience), PageRequest.first(1000)).items().stream()
          .filter(type::isInstance).map(type::cast).forEach(events::add);
    }
    return events;
  }

  List<MembershipEntry> log(RoomId room) {
    return memory.rooms().membershipLog(room);
  }

  static UserId user(String name) {
    return UserId.of(name);
  }

  static final PrincipalKind EMPLOYEE = PrincipalKind.EMPLOYEE;
}
