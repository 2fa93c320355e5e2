package dev.secupass.core.rooms;

import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.grants.GrantEngine;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassKeys;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.core.testing.TrackingBlobStore;
import dev.secupass.spi.Grant;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.Storage;
import dev.secupass.tck.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
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
  final TrackingBlobStore blobs = new TrackingBlobStore();
  final SecuPassKeys keys = SecuPassKeys.builder(storage.keys())
      .clock(clock)
      .kdfPolicy(TestPolicies.FAST)
      .sessionIdleTimeout(Duration.ofHours(1))
      .build();
  final GrantEngine grants = GrantEngine.builder(storage)
      .clock(clock)
      .handler(DataRooms.grantHandler(storage, keys, clock, new SecureRandom()))
      .build();

  DataRooms rooms() {
    return rooms(5);
  }

  DataRooms rooms(int attempts) {
    return DataRooms.builder(storage, blobs, keys, grants)
        .clock(clock)
        .segmentSize(SEGMENT)
        .attempts(attempts)
        .build();
  }

  /** Activates as the SDK's facade does: waiting grants become ready and open sessions fulfil. */
  SecuPassSession activate(String user) {
    return changeKeys(user, user + "-pass", keys::activate, grants::markReady);
  }

  SecuPassSession unlock(String user) {
    try (SecuPass pass = SecuPass.of(user + "-pass")) {
      return keys.unlock(UserId.of(user), pass);
    }
  }

  /** Resets as the SDK's facade does: every room the user was in is queued as a ready grant. */
  SecuPassSession reset(String user) {
    return changeKeys(user, user + "-pass2", keys::reset, grants::regrantAfterReset);
  }

  /** A key change and what the grant engine does with it, then the ready grants dispatched. */
  private SecuPassSession changeKeys(String user, String pass,
      BiFunction<UserId, SecuPass, SecuPassSession> change, GrantStep step) {
    SecuPassSession session;
    try (SecuPass secuPass = SecuPass.of(pass)) {
      session = change.apply(UserId.of(user), secuPass);
    }
    grants.dispatch(storage.inTransaction(tx ->
        step.run(tx, session.user(), session.keyVersion())));
    return session;
  }

  /** {@link GrantEngine#markReady} or {@link GrantEngine#regrantAfterReset}. */
  @FunctionalInterface
  private interface GrantStep {
    List<Grant> run(Storage tx, UserId user, KeyVersion version);
  }

  /** The creator as the host signed them in. */
  static SignedInUser employee(SecuPassSession session) {
    return SignedInUser.employee(session.user());
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

  static UserId user(String name) {
    return UserId.of(name);
  }

  static final PrincipalKind EMPLOYEE = PrincipalKind.EMPLOYEE;
}
