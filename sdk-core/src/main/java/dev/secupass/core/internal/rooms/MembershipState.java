package dev.secupass.core.internal.rooms;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.MembershipLogException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a verified membership log establishes: the members and their roles, each member's recorded
 * key, every key any member ever had recorded (to check old signatures and envelopes), the key
 * epoch and each epoch key's commitment, and the chain head new entries must name. Immutable; made
 * by applying entries to a {@link Builder}, which enforces the rules of {@code docs/data-rooms.md}.
 */
public final class MembershipState {
  private final RoomId room;
  private final UserId creator;
  private final long sequence;
  private final byte[] head;
  private final int epoch;
  private final SortedMap<UserId, RoomRole> roles;
  private final Map<UserId, MemberKey> currentKeys;
  private final Map<UserId, Map<KeyVersion, MemberKey>> keyHistory;
  private final List<byte[]> commitments;
  private final Map<UserId, NavigableMap<Long, Optional<RoomRole>>> roleHistory;
  private final List<Long> epochStarts;

  private MembershipState(Builder b) {
    this.room = b.room;
    this.creator = java.util.Objects.requireNonNull(b.creator);
    this.sequence = b.sequence;
    this.head = b.head.clone();
    this.epoch = b.epoch;
    this.roles = Collections.unmodifiableSortedMap(new TreeMap<>(b.roles));
    this.currentKeys = Map.copyOf(b.currentKeys);
    Map<UserId, Map<KeyVersion, MemberKey>> history = new HashMap<>();
    b.keyHistory.forEach((user, keys) -> history.put(user, Map.copyOf(keys)));
    this.keyHistory = Map.copyOf(history);
    this.commitments = List.copyOf(b.commitments);
    this.roleHistory = copyRoles(b.roleHistory);
    this.epochStarts = List.copyOf(b.epochStarts);
  }

  private static Map<UserId, NavigableMap<Long, Optional<RoomRole>>> copyRoles(
      Map<UserId, NavigableMap<Long, Optional<RoomRole>>> from) {
    Map<UserId, NavigableMap<Long, Optional<RoomRole>>> copy = new HashMap<>();
    from.forEach((user, roles) -> copy.put(user, new TreeMap<>(roles)));
    return copy;
  }

  public RoomId room() {
    return room;
  }

  /** Who created the room. */
  public UserId creator() {
    return creator;
  }

  /** The sequence of the last entry applied. */
  public long sequence() {
    return sequence;
  }

  /** The chain hash of the last entry applied: the previous hash of the next entry. */
  public byte[] head() {
    return head.clone();
  }

  /** The room's current key epoch. */
  public int epoch() {
    return epoch;
  }

  /** The members and their roles, by user id. */
  public SortedMap<UserId, RoomRole> roles() {
    return roles;
  }

  /** The member's role, if they are a member. */
  public Optional<RoomRole> role(UserId user) {
    return Optional.ofNullable(roles.get(user));
  }

  /**
   * The user's role after the first {@code logLength} entries of the log (empty if they were no
   * member then), for checking who wrote a signed room entry.
   */
  public Optional<RoomRole> roleAt(UserId user, long logLength) {
    NavigableMap<Long, Optional<RoomRole>> history = roleHistory.get(user);
    if (history == null) {
      return Optional.empty();
    }
    Map.Entry<Long, Optional<RoomRole>> at = history.floorEntry(logLength);
    return at == null ? Optional.empty() : at.getValue();
  }

  /** The key epoch after the first {@code logLength} entries of the log (0 before the first). */
  public int epochAt(long logLength) {
    int at = 0;
    for (long start : epochStarts) {
      if (start <= logLength) {
        at++;
      }
    }
    return at;
  }

  /** The member's recorded key; empty for a non-member or a member still waiting for a grant. */
  public Optional<MemberKey> currentKey(UserId member) {
    return Optional.ofNullable(currentKeys.get(member));
  }

  /** The key of that user and version if the log ever recorded it. */
  public Optional<MemberKey> recordedKey(UserId user, KeyVersion version) {
    return Optional.ofNullable(keyHistory.getOrDefault(user, Map.of()).get(version));
  }

  /** The commitment of the key of {@code epoch}, 1 to {@link #epoch()}. */
  public byte[] commitment(int keyEpoch) {
    if (keyEpoch < 1 || keyEpoch > epoch) {
      throw new IllegalArgumentException("epoch " + keyEpoch + " is not 1-" + epoch);
    }
    return commitments.get(keyEpoch - 1).clone();
  }

  /** A builder that continues from this state. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public String toString() {
    return "MembershipState[room=" + room + ", sequence=" + sequence + ", epoch=" + epoch
        + ", members=" + roles.size() + "]";
  }

  /** Applies entries in order, checking each against the rules; one builder per verification. */
  public static final class Builder {
    private final RoomId room;
    private @Nullable UserId creator;
    private long sequence = -1;
    private byte[] head = ChainHash.genesis();
    private int epoch;
    private final Map<UserId, RoomRole> roles;
    private final Map<UserId, MemberKey> currentKeys;
    private final Map<UserId, Map<KeyVersion, MemberKey>> keyHistory;
    private final List<byte[]> commitments;
    private final Map<UserId, NavigableMap<Long, Optional<RoomRole>>> roleHistory;
    private final List<Long> epochStarts;

    /** A builder for an empty log. */
    public Builder(RoomId room) {
      this.room = room;
      this.roles = new HashMap<>();
      this.currentKeys = new HashMap<>();
      this.keyHistory = new HashMap<>();
      this.commitments = new ArrayList<>();
      this.roleHistory = new HashMap<>();
      this.epochStarts = new ArrayList<>();
    }

    private Builder(MembershipState state) {
      this.room = state.room;
      this.creator = state.creator;
      this.sequence = state.sequence;
      this.head = state.head.clone();
      this.epoch = state.epoch;
      this.roles = new HashMap<>(state.roles);
      this.currentKeys = new HashMap<>(state.currentKeys);
      this.keyHistory = new HashMap<>();
      state.keyHistory.forEach((user, keys) -> keyHistory.put(user, new HashMap<>(keys)));
      this.commitments = new ArrayList<>(state.commitments);
      this.roleHistory = copyRoles(state.roleHistory);
      this.epochStarts = new ArrayList<>(state.epochStarts);
    }

    /** The sequence the next entry must carry. */
    public long nextSequence() {
      return sequence + 1;
    }

    /** The signer's recorded key of {@code version}, if they are a member and it is current. */
    public Optional<MemberKey> signingKey(UserId signer, KeyVersion version) {
      return Optional.ofNullable(currentKeys.get(signer))
          .filter(key -> key.version().equals(version));
    }

    /**
     * Applies one entry after its signature was checked with {@code signerKey}.
     *
     * @param stored the stored entry (the signed statement), for the chain hash
     * @throws MembershipLogException if the entry breaks a rule
     */
    public Builder apply(MembershipRecord entry, UserId signer, MemberKey signerKey,
        byte[] stored) {
      long expected = sequence + 1;
      check(entry.room().equals(room), expected, "belongs to room " + entry.room());
      check(entry.sequence() == expected, expected, "names sequence " + entry.sequence());
      check(Arrays.equals(entry.previous(), head), expected,
          "does not chain to the entry before it");
      if (entry.action() == MembershipAction.CREATE) {
        create(entry, signer, signerKey, expected);
      } else {
        check(expected > 0, expected, "is not a CREATE entry");
        MembershipRules.Violation violation = MembershipRules.violation(roles, signer,
            entry.action(), entry.subject(), entry.role());
        check(violation == null, expected,
            violation == null ? "" : "breaks a rule: " + violation.reason());
        change(entry, expected);
      }
      sequence = expected;
      head = ChainHash.of(stored);
      recordRole(entry.subject(), expected + 1);
      if (entry.action() == MembershipAction.CREATE || entry.action().startsEpoch()) {
        epochStarts.add(expected + 1);
      }
      return this;
    }

    public MembershipState build() {
      if (creator == null) {
        throw new MembershipLogException("the membership log of room " + room + " is empty");
      }
      return new MembershipState(this);
    }

    private void create(MembershipRecord entry, UserId signer, MemberKey signerKey, long at) {
      check(at == 0, at, "creates the room again");
      check(entry.subject().equals(signer), at, "creates the room for someone else");
      check(entry.role() == RoomRole.OWNER, at, "does not make the creator owner");
      check(entry.epoch() == 1, at, "does not start at epoch 1");
      check(entry.commitment() != null, at, "has no epoch key commitment");
      check(signerKey.equals(entry.subjectKey()), at, "does not record the creator's key");
      creator = signer;
      epoch = 1;
      commitments.add(entry.commitment());
      roles.put(signer, RoomRole.OWNER);
      recordKey(signer, signerKey);
    }

    private void change(MembershipRecord entry, long at) {
      UserId subject = entry.subject();
      RoomRole role = entry.role();
      boolean newEpoch = entry.action().startsEpoch();
      int next = newEpoch ? epoch + 1 : epoch;
      check(entry.epoch() == next, at, "names epoch " + entry.epoch() + " where " + next
          + " follows");
      check(newEpoch == (entry.commitment() != null), at,
          newEpoch ? "has no epoch key commitment" : "has an unexpected commitment");
      MemberKey key = entry.subjectKey();
      switch (entry.action()) {
        case ADD -> {
          check(role != null, at, "adds a member without a role");
          roles.put(subject, role);
          if (key != null) {
            recordKey(subject, key);
          }
        }
        case REMOVE -> {
          check(role == null && key == null, at, "carries a role or a key");
          roles.remove(subject);
          currentKeys.remove(subject);
          epoch = next;
          commitments.add(entry.commitment());
        }
        case ROLE -> {
          check(key == null, at, "carries a key");
          roles.put(subject, role);
        }
        case KEY -> {
          check(key != null && role == null, at, "carries no key, or a role");
          MemberKey added = Objects.requireNonNull(key);
          MemberKey before = currentKeys.get(subject);
          check(before == null || added.version().compareTo(before.version()) > 0, at,
              "does not record a newer key version");
          recordKey(subject, added);
        }
        default -> throw new IllegalStateException("unreachable: " + entry.action());
      }
    }

    /** Records the subject's role after the entry that makes the log {@code length} long. */
    private void recordRole(UserId subject, long length) {
      roleHistory.computeIfAbsent(subject, u -> new TreeMap<>())
          .put(length, Optional.ofNullable(roles.get(subject)));
    }

    private void recordKey(UserId user, MemberKey key) {
      MemberKey known = keyHistory.getOrDefault(user, Map.of()).get(key.version());
      check(known == null || known.equals(key), sequence + 1,
          "records another key for " + user + " " + key.version() + " than recorded before");
      currentKeys.put(user, key);
      keyHistory.computeIfAbsent(user, u -> new HashMap<>()).put(key.version(), key);
    }

    private void check(boolean rule, long at, String violation) {
      if (!rule) {
        throw new MembershipLogException("membership entry " + at + " of room " + room + " "
            + violation);
      }
    }
  }
}
