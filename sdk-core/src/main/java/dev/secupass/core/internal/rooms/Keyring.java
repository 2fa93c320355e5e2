package dev.secupass.core.internal.rooms;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.RoomId;
import dev.secupass.core.internal.crypto.Envelope;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.spi.RoomEnvelope;
import dev.secupass.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A member's room keys for the length of one operation: opens the member's envelope of an epoch
 * once, checks that it is wrapped by someone the membership log recorded and that the key is the one
 * the log commits to, and wipes every key on {@link #close()}.
 *
 * <p>For one thread.
 */
public final class Keyring implements AutoCloseable {
  private final KeySession session;
  private final MembershipState state;
  private final Storage storage;
  private final Map<Integer, SymmetricKey> opened = new HashMap<>();
  private final List<SymmetricKey> held = new ArrayList<>();

  public Keyring(KeySession session, MembershipState state, Storage storage) {
    this.session = session;
    this.state = state;
    this.storage = storage;
  }

  /** The member whose keys these are. */
  KeySession session() {
    return session;
  }

  /** The membership the keys are checked against. */
  public MembershipState state() {
    return state;
  }

  /** The key of the room's current epoch. */
  public SymmetricKey current() {
    return epoch(state.epoch());
  }

  /**
   * The room key of {@code epoch}.
   *
   * @throws IntegrityException if the epoch is beyond the log's, or the envelope or key is not
   *     authentic
   * @throws NotPermittedException if the member has no envelope of that epoch yet (waiting for a
   *     grant)
   */
  public SymmetricKey epoch(int epoch) {
    RoomId room = state.room();
    if (epoch < 1 || epoch > state.epoch()) {
      throw new IntegrityException("room " + room + " names key epoch " + epoch
          + ", but its membership log is at epoch " + state.epoch());
    }
    SymmetricKey known = opened.get(epoch);
    if (known != null) {
      return known;
    }
    RoomEnvelope stored = storage.rooms()
        .findEnvelope(room, epoch, session.user(), session.keyVersion())
        .orElseThrow(() -> new NotPermittedException(session.user() + " " + session.keyVersion()
            + " has no key of epoch " + epoch + " of room " + room
            + " yet; an owner or manager grants it"));
    byte[] envelope = stored.envelope();
    Envelope header = Envelope.parse(envelope);
    MemberKey granter = state.recordedKey(header.granter(), header.granterKeyVersion())
        .orElseThrow(() -> new IntegrityException("the envelope of epoch " + epoch + " of room "
            + room + " is wrapped by " + header.granter()
            + ", whose key the membership log never recorded"));
    PublicKeys granterKeys = RecordedKeys.load(storage.keys(), header.granter(), granter);
    SymmetricKey key = session.openEnvelope(envelope, granterKeys,
        EnvelopeContext.roomEpoch(room, epoch));
    if (!key.matchesCommitment(state.commitment(epoch))) {
      key.close();
      throw new IntegrityException("the key of epoch " + epoch + " of room " + room
          + " is not the one its membership log commits to");
    }
    opened.put(epoch, key);
    return key;
  }

  /** The keys of every epoch so far, wrapped to {@code recipient} and signed by this member. */
  public List<RoomEnvelope> wrapAll(PublicKeys recipient, Instant now) {
    List<RoomEnvelope> envelopes = new ArrayList<>();
    for (int epoch = 1; epoch <= state.epoch(); epoch++) {
      envelopes.add(wrap(session, state.room(), epoch, epoch(epoch), recipient, now));
    }
    return envelopes;
  }

  /** {@code key}, the room key of {@code epoch}, wrapped to {@code recipient} by {@code granter}. */
  public static RoomEnvelope wrap(KeySession granter, RoomId room, int epoch,
      SymmetricKey key, PublicKeys recipient, Instant now) {
    byte[] envelope = granter.sealEnvelope(key, recipient, EnvelopeContext.roomEpoch(room, epoch));
    return new RoomEnvelope(room, epoch, recipient.user(), recipient.version(), granter.user(),
        envelope, now);
  }

  /** Keeps {@code key} (a new epoch or file key) until this keyring closes, then wipes it. */
  public SymmetricKey hold(SymmetricKey key) {
    held.add(key);
    return key;
  }

  @Override
  public void close() {
    opened.values().forEach(SymmetricKey::close);
    opened.clear();
    held.forEach(SymmetricKey::close);
    held.clear();
  }

  @Override
  public String toString() {
    return "Keyring[room=" + state.room() + ", member=" + session.user() + "]";
  }
}
