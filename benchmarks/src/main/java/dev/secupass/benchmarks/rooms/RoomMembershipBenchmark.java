package dev.secupass.benchmarks.rooms;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.rooms.MemberAccess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of the two membership changes whose cost could grow with a room, against its size: adding a
 * member who has a SecuPass (verify the log's new entries, check the new member's key against the
 * pin, wrap every epoch's key, sign, commit) and removing one (a new epoch: its key wrapped to every
 * remaining member, each key checked against the pin). The room is built once per trial with
 * {@code members} members and {@code files} files of 1 KiB, metadata in {@link MemoryStorage} and
 * blobs in a {@link FileSystemBlobStore} in a temporary directory (so thousands of blobs do not
 * crowd the heap the measured calls allocate in); each measured
 * call changes it by one member (and removal by one epoch), which {@code docs/data-rooms.md} takes
 * into account. SecuPass keys use a weak Argon2id cost only so the setup's hundreds of activations
 * are quick: no measured operation derives a key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = RoomMembershipBenchmark.WARMUP, batchSize = 1)
@Measurement(iterations = RoomMembershipBenchmark.MEASURED, batchSize = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RoomMembershipBenchmark {
  static final int WARMUP = 10;
  static final int MEASURED = 30;
  private static final int SCRATCH_ROUNDS = 200;
  private static final KdfPolicy SETUP_ONLY = KdfPolicy.builder().memoryKiB(64).iterations(1)
      .parallelism(1).allowWeakParametersForTests().build();

  /** Members in the room before the first call. */
  @Param({"50", "200", "500"})
  public int members;

  /** Files in the room (1 KiB each). */
  @Param({"0", "5000"})
  public int files;

  private final SecureRandom random = new SecureRandom();
  private Path blobDirectory;
  private SecuPassSdk sdk;
  private DataRooms rooms;
  private SecuPassSession owner;
  private RoomId room;
  private final Deque<UserId> outsiders = new ArrayDeque<>();
  private final Deque<UserId> removable = new ArrayDeque<>();

  @Setup(Level.Trial)
  public void buildRoom() throws IOException {
    blobDirectory = Files.createTempDirectory("room-benchmark");
    sdk = SecuPassSdk.builder()
        // It measures wrapping a room's keys to members, not the confirmation of safety words.
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse())
        .storage(new MemoryStorage(Clock.systemUTC()))
        .blobStore(new FileSystemBlobStore(blobDirectory))
        .atRestKey(TinkAtRestKey.generate())
        .random(random)
        .kdfPolicy(SETUP_ONLY)
        .build();
    rooms = sdk.rooms();
    owner = activate(UserId.of("owner"));
    room = rooms.create(SignedInUser.employee(owner.user()), owner, "benchmark room");
    for (int i = 1; i < members; i++) {
      UserId member = UserId.of("member-" + i);
      activate(member).close();
      rooms.addMember(owner, room, member, PrincipalKind.EMPLOYEE, RoomRole.VIEWER);
      removable.add(member);
    }
    byte[] content = new byte[1024];
    for (int i = 0; i < files; i++) {
      rooms.upload(owner, room, null, "file-" + i, new ByteArrayInputStream(content));
    }
    for (int i = 0; i < WARMUP + MEASURED; i++) {
      UserId outsider = UserId.of("new-" + i);
      activate(outsider).close();
      outsiders.add(outsider);
    }
    warmUpOnAnotherRoom();
  }

  /**
   * Adds and removes members of a scratch room until the JIT has compiled both paths, so every
   * trial starts equally warm however much its own set-up ran.
   */
  private void warmUpOnAnotherRoom() {
    RoomId scratch = rooms.create(SignedInUser.employee(owner.user()), owner, "warm-up");
    for (int round = 0; round < SCRATCH_ROUNDS; round++) {
      UserId member = UserId.of("scratch-" + round);
      activate(member).close();
      rooms.addMember(owner, scratch, member, PrincipalKind.EMPLOYEE, RoomRole.VIEWER);
      if (round % 2 == 1) {
        rooms.removeMember(owner, scratch, member);
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    owner.close();
    sdk.close();
    try (Stream<Path> paths = Files.walk(blobDirectory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Adds a member who has a SecuPass: their key is wrapped at once. */
  @Benchmark
  public MemberAccess addMember() {
    return rooms.addMember(owner, room, outsiders.remove(), PrincipalKind.EMPLOYEE,
        RoomRole.VIEWER);
  }

  /** Removes a member: the next epoch's key is wrapped to every remaining member. */
  @Benchmark
  public void removeMember() {
    rooms.removeMember(owner, room, removable.remove());
  }

  private SecuPassSession activate(UserId user) {
    try (SecuPass pass = SecuPass.of("benchmark pass")) {
      return sdk.secuPass().activate(user, pass);
    }
  }
}
