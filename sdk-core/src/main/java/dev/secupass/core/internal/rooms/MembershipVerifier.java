package dev.secupass.core.internal.rooms;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.MembershipLogException;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import dev.secupass.core.internal.keys.KeyPinning;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.MembershipEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a room's membership log entry by entry ({@code docs/data-rooms.md}, "Verifying the
 * log"): gap-free sequences, the hash chain, each signature under the key the log recorded for the
 * signer, the rules of each action, and the creator's key against the observer's pin; then the
 * key-log checkpoint bound into the last version-2 entry of each signer against the observer's
 * ({@code docs/key-log.md}, "Checkpoint exchange").
 */
final class MembershipVerifier {

  /**
   * Verifies {@code log} from where {@code verified} ends (from the start if {@code null}).
   *
   * @param verified a state verified earlier whose head the log's entry at its sequence has
   * @throws MembershipLogException if an entry breaks the chain, a signature or a rule
   * @throws dev.secupass.api.KeyChangedException if the creator's key differs from the observer's
   *     pin
   * @throws dev.secupass.api.KeyLogException FORKED if a signer's last version-2 entry (of those
   *     verified now) binds a key-log checkpoint that is not of one history with the observer's
   */
  MembershipState verify(KeySession observer, RoomId room, List<MembershipEntry> log,
      KeyStore keys, KeyPinning pinning, @Nullable MembershipState verified) {
    MembershipState result = verify(room, log, keys, verified, new Anchoring() {
      @Override
      public boolean anchors(PublicKeys creatorKeys) {
        return anchor(observer, creatorKeys, keys, pinning);
      }

      @Override
      public boolean vouches(PublicKeys signerKeys) {
        return MembershipVerifier.vouches(observer, signerKeys, keys, pinning);
      }

      @Override
      public String observer() {
        return observer.user().toString();
      }

      @Override
      public void compare(UserId signer, BoundCheckpoint seen) {
        pinning.compareBound(observer, signer, seen);
      }
    });
    result.currentKey(observer.user())
        .filter(key -> key.version().equals(observer.keyVersion()))
        .filter(key -> !key.matches(observer.publicKeys()))
        .ifPresent(key -> {
          throw new MembershipLogException("the membership log of room " + room
              + " records another key for " + observer.user() + " than their own");
        });
    return result;
  }

  /**
   * Verifies {@code log} as a server that holds no key verifies it ({@code ClientRelay}): every
   * check of {@link #verify(KeySession, RoomId, List, KeyStore, KeyPinning, MembershipState)}
   * except the anchoring of the creator's key on an observer's pin, which only the members'
   * own endpoints can do.
   */
  MembershipState verifyUnanchored(RoomId room, List<MembershipEntry> log, KeyStore keys) {
    return verify(room, log, keys, null, null);
  }

  /** How an observer trusts the log's root: {@link #anchor} and {@link #vouches}. */
  private interface Anchoring {
    boolean anchors(PublicKeys creatorKeys);

    boolean vouches(PublicKeys signerKeys);

    String observer();

    /** The reader rule for the checkpoint {@code signer} bound into their last entry. */
    void compare(UserId signer, BoundCheckpoint seen);
  }

  private MembershipState verify(RoomId room, List<MembershipEntry> log, KeyStore keys,
      @Nullable MembershipState verified, @Nullable Anchoring anchoring) {
    if (log.isEmpty()) {
      throw new MembershipLogException("room " + room + " has no membership log");
    }
    if (verified != null && verified.sequence() == log.size() - 1) {
      return verified;
    }
    MembershipState.Builder state = verified == null
        ? new MembershipState.Builder(room) : verified.toBuilder();
    @Nullable PublicKeys unvouched = null;
    // An honest signer's later checkpoints extend its earlier ones: its last one is compared.
    Map<UserId, BoundCheckpoint> lastSeen = new LinkedHashMap<>();
    for (int i = (int) state.nextSequence(); i < log.size(); i++) {
      MembershipEntry stored = log.get(i);
      if (stored.sequence() != i || !stored.room().equals(room)) {
        throw new MembershipLogException("the membership log of room " + room
            + " has a gap or a foreign entry at position " + i);
      }
      byte[] bytes = stored.entry();
      SignedStatement statement = parse(bytes, room, i);
      UserId signer = statement.signer();
      KeyVersion version = statement.signerKeyVersion();
      PublicKeys signerKeys;
      if (i == 0) {
        signerKeys = RecordedKeys.load(keys, signer, version);
      } else {
        MemberKey recorded = state.signingKey(signer, version).orElseThrow(() ->
            new MembershipLogException("membership entry " + stored.sequence() + " of room "
                + room + " is signed by " + signer + " " + version
                + ", a key the log does not record for a current member"));
        signerKeys = RecordedKeys.load(keys, signer, recorded);
      }
      MembershipRecord entry = MembershipCodec.decode(verifiedPayload(statement, signerKeys,
          room, i));
      state.apply(entry, signer, MemberKey.of(signerKeys), bytes);
      if (anchoring == null) {
        continue;
      }
      BoundCheckpoint seen = entry.seen();
      if (seen != null) {
        lastSeen.put(signer, seen);
      }
      if (i == 0) {
        unvouched = anchoring.anchors(signerKeys) ? null : signerKeys;
      } else if (unvouched != null && anchoring.vouches(signerKeys)) {
        unvouched = null;
      }
    }
    if (unvouched != null) {
      throw new MembershipLogException("room " + room + " was created with retired keys of "
          + unvouched.user() + " (version " + unvouched.version().value() + ") that "
          + java.util.Objects.requireNonNull(anchoring).observer() + " never verified, and no"
          + " entry of its membership log is signed by keys they verified");
    }
    if (anchoring != null) {
      lastSeen.forEach(anchoring::compare);
    }
    return state.build();
  }

  /**
   * Checks the creator's key, the root of the log's trust ({@code docs/data-rooms.md}, "Trust"):
   * a version above the creator's active one is refused; a version the observer pinned (now or
   * earlier, as the pin's seal keeps it) must be the pinned keys; the active version is checked
   * against the pin (pinned on first use). A retired version the observer never pinned is trusted
   * only if a later entry is signed by keys the observer verified ({@link #vouches}), since that
   * signer verified the log up to it and its entry chains to entry 0.
   *
   * @return whether the creator's key is trusted by itself; {@code false}: a later entry must
   *     vouch for it
   */
  private static boolean anchor(KeySession observer, PublicKeys creatorKeys, KeyStore keys,
      KeyPinning pinning) {
    UserId creator = creatorKeys.user();
    KeyVersion version = creatorKeys.version();
    int active = creator.equals(observer.user()) ? observer.keyVersion().value()
        : keys.findActive(creator).map(record -> record.version().value()).orElse(0);
    if (version.value() > active) {
      throw new MembershipLogException("the room was created with keys of " + creator
          + " of version " + version.value() + ", newer than their current keys (version "
          + active + "): no reset made them");
    }
    KeyPinning.Standing standing = pinning.standing(observer, creatorKeys);
    if (standing == KeyPinning.Standing.PINNED) {
      return true;
    }
    if (creator.equals(observer.user())) {
      if (standing == KeyPinning.Standing.DIFFERENT) {
        throw new MembershipLogException("the room was created with a key of " + creator
            + " " + version + " that is not the observer's own");
      }
      return false;
    }
    if (standing == KeyPinning.Standing.DIFFERENT || version.value() == active) {
      PublicKeys trusted = pinning.verifiedKeys(observer, creator, version);
      if (!MemberKey.of(trusted).matches(creatorKeys)) {
        throw new MembershipLogException("the creator's key changed while it was checked");
      }
      return true;
    }
    return false;
  }

  /**
   * Whether an entry signed with {@code signerKeys} (keys the log recorded) vouches for the entries
   * before it: keys the observer pinned (now or earlier), its own, or the signer's active keys when
   * the observer has no pin of the signer yet (pinned now, on first use).
   */
  private static boolean vouches(KeySession observer, PublicKeys signerKeys, KeyStore keys,
      KeyPinning pinning) {
    KeyPinning.Standing standing = pinning.standing(observer, signerKeys);
    if (standing != KeyPinning.Standing.UNKNOWN) {
      return standing == KeyPinning.Standing.PINNED;
    }
    UserId signer = signerKeys.user();
    if (signer.equals(observer.user())
        || keys.findPin(observer.user(), signer).isPresent()
        || !keys.findActive(signer).map(KeyRecord::version)
            .filter(signerKeys.version()::equals).isPresent()) {
      return false;
    }
    return MemberKey.of(pinning.verifiedKeys(observer, signer)).matches(signerKeys);
  }

  private static SignedStatement parse(byte[] bytes, RoomId room, int at) {
    try {
      return SignedStatement.parse(bytes);
    } catch (IntegrityException e) {
      throw new MembershipLogException("membership entry " + at + " of room " + room
          + " is malformed: " + e.getMessage(), e);
    }
  }

  private static byte[] verifiedPayload(SignedStatement statement, PublicKeys signer, RoomId room,
      int at) {
    try {
      return statement.verifiedPayload(signer, SignedType.MEMBERSHIP_ENTRY);
    } catch (IntegrityException e) {
      throw new MembershipLogException("membership entry " + at + " of room " + room
          + " fails its signature: " + e.getMessage(), e);
    }
  }
}
