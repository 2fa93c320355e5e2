package dev.secupass.core.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassKeys;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantFilter;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.tck.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Data rooms on the in-memory stores, seen through a storage operator ({@link OperatorStorage}),
 * with the fast test KDF and small content segments so files span several segments.
 */
final class RoomFixture {
  static final int SEGMENT = 64;

  final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T09:00:00Z"));
  final MemoryStorage memory = new MemoryStorage(clock);
  final OperatorStorage storage = new OperatorStorage(memory);
  final RecordingBlobStore blobs = new RecordingBlobStore();
  final SecuPassKeys keys = SecuPassKeys.builder(storage.keys())
      .clock(clock)
      .kdfPolicy(TestPolicies.FAST)
      .sessionIdleTimeout(Duration.ofHours(1))
      .build();

  DataRooms rooms() {
    return rooms(5);
  }

  DataRooms rooms(int attempts) {
    return DataRooms.builder(storage, blobs, keys)
        .clock(clock)
        .segmentSize(SEGMENT)
        .attempts(attempts)
        .build();
  }

  SecuPassSession activate(String user) {
    try (SecuPass pass = SecuPass.of(user + "-pass")) {
      return keys.activate(UserId.of(user), pass);
    }
  }

  SecuPassSession unlock(String user) {
    try (SecuPass pass = SecuPass.of(user + "-pass")) {
      return keys.unlock(UserId.of(user), pass);
    }
  }

  SecuPassSession reset(String user) {
    try (SecuPass pass = SecuPass.of(user + "-pass")) {
      return keys.reset(UserId.of(user), pass);
    }
  }

  RoomItem upload(DataRooms rooms, SecuPassSession editor, RoomId room, @Nullable FileId folder,
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

  List<MembershipEntry> log(RoomId room) {
    return memory.rooms().membershipLog(room);
  }

  /**
   * What the grant engine does on a manager's unlock: claims the ready room grants the manager may
   * fulfil and fulfils each in a transaction.
   *
   * @return how many were fulfilled
   */
  int fulfilReadyGrants(DataRooms rooms, SecuPassSession manager) {
    GrantFilter filter = new GrantFilter(Set.of(), rooms.managedTargets(manager.user()));
    List<Grant> claimed = memory.grants().claim(filter, 100, Duration.ofMinutes(1));
    for (Grant grant : claimed) {
      String lease = grant.lease().token();
      try {
        storage.inTransaction(tx -> {
          rooms.fulfilGrant(manager, grant, tx);
          tx.grants().complete(grant.id(), lease);
          return null;
        });
      } catch (RuntimeException e) {
        memory.grants().release(grant.id(), lease);
        throw e;
      }
    }
    return claimed.size();
  }

  static UserId user(String name) {
    return UserId.of(name);
  }

  static final PrincipalKind EMPLOYEE = PrincipalKind.EMPLOYEE;
}
