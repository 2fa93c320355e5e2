package dev.secupass.core.internal.rooms;

import dev.secupass.api.ConflictException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.MembershipLogException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.keys.KeyPinning;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomMember;
import dev.secupass.spi.RoomStore;
import dev.secupass.spi.Storage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads a room's membership as an observer verifies it: the log (verified, {@link
 * MembershipVerifier}), and the stored room and member list, which must agree with the log.
 *
 * <p>States verified from committed reads are remembered per room and observer, so the next read
 * verifies only new entries; it also checks that the entry the remembered state ends with is
 * unchanged (a rewritten history) and, outside transactions, that the log is not shorter than
 * already seen (a rolled-back log). Safe for use by many threads.
 */
public final class VerifiedMembership {
  private static final int ATTEMPTS = 3;

  private final Function<Storage, KeyPinning> pinning;
  private final MembershipVerifier verifier = new MembershipVerifier();
  private final int cacheLimit;
  private final ConcurrentHashMap<CacheKey, MembershipState> verified = new ConcurrentHashMap<>();

  /**
   * @param pinning key pinning through the given stores (for the creator's key, the log's root)
   * @param cacheLimit how many verified states to remember before forgetting them all
   */
  public VerifiedMembership(Function<Storage, KeyPinning> pinning, int cacheLimit) {
    this.pinning = pinning;
    this.cacheLimit = cacheLimit;
  }

  /** Key pinning whose pins are read and written through {@code storage}. */
  KeyPinning pinning(Storage storage) {
    return pinning.apply(storage);
  }

  private record CacheKey(RoomId room, UserId observer, KeyVersion version) {}

  /**
   * The verified membership, read with committed reads (outside any transaction).
   *
   * @throws NotFoundException if there is no such room
   * @throws MembershipLogException if the log fails verification or the stored room disagrees
   * @throws ConflictException if the membership kept changing while it was read
   */
  public MembershipState read(KeySession observer, RoomId room, Storage storage) {
    return read(observer, room, storage, true);
  }

  /**
   * As {@link #read}, through a transaction's stores: a transaction may read an older snapshot, so a
   * log shorter than one seen before is verified afresh, and nothing read is remembered.
   */
  public MembershipState readInTransaction(KeySession observer, RoomId room, Storage tx) {
    return read(observer, room, tx, false);
  }

  private MembershipState read(KeySession observer, RoomId room, Storage storage,
      boolean committed) {
    CacheKey key = new CacheKey(room, observer.user(), observer.keyVersion());
    return read(room, storage, log -> verifier.verify(observer, room, log, storage.keys(),
        pinning.apply(storage), continueFrom(verified.get(key), log, committed)), state -> {
          if (committed) {
            remember(key, state);
          }
        });
  }

  /**
   * The membership as a server that holds no key verifies it ({@code ClientRelay}): the log's
   * chain, signatures and rules, and the stored room and member list against it, but not the
   * creator's key against anyone's pin (each member's endpoint checks that). Nothing is
   * remembered.
   *
   * @throws NotFoundException if there is no such room
   * @throws MembershipLogException if the log fails verification or the stored room disagrees
   */
  public MembershipState readUnanchored(RoomId room, Storage storage) {
    return read(room, storage, log -> verifier.verifyUnanchored(room, log, storage.keys()),
        state -> {});
  }

  private MembershipState read(RoomId room, Storage storage,
      Function<List<MembershipEntry>, MembershipState> verify,
      java.util.function.Consumer<MembershipState> verifiedState) {
    RoomStore rooms = storage.rooms();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Room stored = rooms.find(room).orElseThrow(() -> new NotFoundException("no room " + room));
      List<MembershipEntry> log = rooms.membershipLog(room);
      List<RoomMember> members = rooms.members(room);
      MembershipState state = verify.apply(log);
      String mismatch = mismatch(state, stored, members);
      if (mismatch == null) {
        verifiedState.accept(state);
        return state;
      }
      if (sameLog(log, rooms.membershipLog(room))) {
        throw new MembershipLogException("room " + room + ": " + mismatch);
      }
    }
    throw new ConflictException("the membership of room " + room
        + " kept changing while it was read; try again");
  }

  /** The remembered state to continue from, after checking the log still extends it. */
  private static @Nullable MembershipState continueFrom(@Nullable MembershipState known,
      List<MembershipEntry> log, boolean committed) {
    if (known == null) {
      return null;
    }
    if (log.size() <= known.sequence()) {
      if (committed) {
        throw new MembershipLogException("the membership log of room " + known.room()
            + " has " + log.size() + " entries, but " + (known.sequence() + 1)
            + " were verified before: it was rolled back");
      }
      return null;
    }
    byte[] head = ChainHash.of(log.get((int) known.sequence()).entry());
    if (!Arrays.equals(head, known.head())) {
      throw new MembershipLogException("membership entry " + known.sequence() + " of room "
          + known.room() + " differs from the one verified before: the history was rewritten");
    }
    return known;
  }

  private static @Nullable String mismatch(MembershipState state, Room stored,
      List<RoomMember> members) {
    if (stored.epoch() != state.epoch()) {
      return "the stored room is at key epoch " + stored.epoch() + ", the membership log at "
          + state.epoch();
    }
    if (!stored.createdBy().equals(state.creator())) {
      return "the stored room names another creator than the membership log";
    }
    Map<UserId, RoomRole> listed = new TreeMap<>();
    members.forEach(member -> listed.put(member.user(), member.role()));
    if (!listed.equals(state.roles())) {
      return "the stored member list differs from the one the membership log establishes";
    }
    return null;
  }

  private static boolean sameLog(List<MembershipEntry> first, List<MembershipEntry> second) {
    return first.size() == second.size()
        && Arrays.equals(first.get(first.size() - 1).entry(),
            second.get(second.size() - 1).entry());
  }

  private void remember(CacheKey key, MembershipState state) {
    if (verified.size() >= cacheLimit) {
      verified.clear();
    }
    verified.merge(key, state, (old, fresh) -> fresh.sequence() >= old.sequence() ? fresh : old);
  }
}
