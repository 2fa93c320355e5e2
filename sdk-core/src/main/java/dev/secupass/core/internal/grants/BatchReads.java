package dev.secupass.core.internal.grants;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.keylog.MerkleTree;
import dev.secupass.core.internal.storage.StoreProxy;
import dev.secupass.spi.AuditLog;
import dev.secupass.spi.BlobJournal;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GuestAccount;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.Invitation;
import dev.secupass.spi.KeyLogCheckpoint;
import dev.secupass.spi.KeyLogLeaf;
import dev.secupass.spi.KeyLogNode;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.RoomStore;
import dev.secupass.spi.Storage;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A transaction's stores that answer the point reads of a batch of grants from what was read for
 * the whole batch at once (the SPI's batch reads, one statement each on the JDBC adapter), so the
 * code that fulfils one grant, with every check it makes, runs unchanged on a batch without a
 * round trip per read.
 *
 * <p>A batch read that answers a key with another key's row is an {@link IntegrityException}.
 * What it remembers: the reads named in {@link #REMEMBERED}, whether loaded in bulk beforehand
 * or read once through it. Pins saved through it are kept and written together by {@link
 * #flush} (one {@code savePins}); other writes go through to the transaction at once. A pin or a
 * key log view written through it is what it answers for that pin or view afterwards; any other
 * write to a store forgets what it remembered of that store, so a read never answers older than
 * the batch's own writes. Every call that is neither remembered nor a batch read counts as such
 * a write: a read that the checks make for each grant belongs in {@link #REMEMBERED}, or it makes
 * the batch read again everything it remembered of its store. Use it for one batch inside one
 * transaction, on one thread, and {@link #flush} it before the transaction commits.
 */
public final class BatchReads implements Storage {
  /** The reads answered from memory, by store and method name. */
  static final Map<String, Set<String>> REMEMBERED = Map.of(
      "deliveries", Set.of("find", "findEnvelope"),
      "keys", Set.of("findActive", "findPin"),
      "guests", Set.of("find", "invitations"),
      "keyLog", Set.of("leavesOf", "node", "latestCheckpoint", "view", "seenCheckpoint"));

  /** The SPI's batch reads: through the view they change nothing, so nothing is forgotten. */
  private static final Set<String> BATCH_READS = Set.of("findAll", "findEnvelopes",
      "findActiveAll", "findPins", "invitationsOf", "leavesOfAll", "nodes");

  private final Storage tx;
  private final Map<String, Map<List<Object>, Object>> memory = new HashMap<>();
  private final Map<List<UserId>, KeyPin> pins = new LinkedHashMap<>();
  private final KeyStore keys;
  private final DeliveryStore deliveries;
  private final GuestStore guests;
  private final KeyLogStore keyLog;

  private BatchReads(Storage tx) {
    this.tx = tx;
    this.keys = remembering(KeyStore.class, tx.keys(), "keys");
    this.deliveries = remembering(DeliveryStore.class, tx.deliveries(), "deliveries");
    this.guests = remembering(GuestStore.class, tx.guests(), "guests");
    this.keyLog = remembering(KeyLogStore.class, tx.keyLog(), "keyLog");
  }

  /** Reads through {@code tx}, nothing loaded yet. */
  public static BatchReads over(Storage tx) {
    return new BatchReads(tx);
  }

  /** Loads the deliveries {@code ids} with one batch read. */
  public BatchReads deliveries(Collection<DeliveryId> ids) {
    Map<DeliveryId, DeliveryRecord> found = tx.deliveries().findAll(ids);
    found.forEach((id, record) -> require(record.id().equals(id), "delivery", id));
    ids.forEach(id -> remember("deliveries", "find", Optional.ofNullable(found.get(id)), id));
    return this;
  }

  /** Loads {@code recipient}'s envelopes of key {@code version} in {@code ids}. */
  public BatchReads envelopes(Collection<DeliveryId> ids, UserId recipient, KeyVersion version) {
    Map<DeliveryId, DeliveryEnvelope> found = tx.deliveries()
        .findEnvelopes(ids, recipient, version);
    found.forEach((id, e) -> require(e.delivery().equals(id) && e.recipient().equals(recipient)
        && e.recipientKeyVersion().equals(version), "envelope of delivery", id));
    ids.forEach(id -> remember("deliveries", "findEnvelope", Optional.ofNullable(found.get(id)),
        id, recipient, version));
    return this;
  }

  /** Loads the active keys of {@code users} and {@code observer}'s pins of them. */
  public BatchReads keys(UserId observer, Collection<UserId> users) {
    Map<UserId, KeyRecord> active = tx.keys().findActiveAll(users);
    Map<UserId, KeyPin> pinned = tx.keys().findPins(observer, users);
    active.forEach((user, r) -> require(r.user().equals(user), "keys of user", user));
    pinned.forEach((user, pin) -> require(pin.subject().equals(user)
        && pin.observer().equals(observer), "pin of user", user));
    for (UserId user : users) {
      remember("keys", "findActive", Optional.ofNullable(active.get(user)), user);
      remember("keys", "findPin", Optional.ofNullable(pinned.get(user)), observer, user);
    }
    return this;
  }

  /** Loads the guest accounts among {@code users} and their invitations. */
  public BatchReads guests(Collection<UserId> users) {
    Map<UserId, GuestAccount> found = tx.guests().findAll(users);
    Map<UserId, List<Invitation>> invitations = tx.guests().invitationsOf(users);
    found.forEach((user, guest) -> require(guest.user().equals(user), "guest", user));
    invitations.forEach((user, list) -> list.forEach(i -> require(i.guest().equals(user),
        "invitation of guest", user)));
    for (UserId user : users) {
      remember("guests", "find", Optional.ofNullable(found.get(user)), user);
      remember("guests", "invitations", List.copyOf(invitations.getOrDefault(user, List.of())),
          user);
    }
    return this;
  }

  /**
   * Loads the latest checkpoint, the key log leaves of {@code users} and the tree nodes of their
   * inclusion proofs in that checkpoint (what vouching for their keys reads).
   */
  public BatchReads keyLogProofs(Collection<UserId> users) {
    Optional<KeyLogCheckpoint> checkpoint = keyLog.latestCheckpoint();
    Map<UserId, List<KeyLogLeaf>> leaves = tx.keyLog().leavesOfAll(users);
    leaves.forEach((user, list) -> list.forEach(leaf -> require(leaf.user().equals(user),
        "key log entry of user", user)));
    users.forEach(user -> remember("keyLog", "leavesOf",
        List.copyOf(leaves.getOrDefault(user, List.of())), user));
    if (checkpoint.isEmpty()) {
      return this;
    }
    long size = checkpoint.get().size();
    Set<KeyLogNode.Position> positions = new LinkedHashSet<>();
    leaves.values().forEach(list -> list.stream().filter(leaf -> leaf.index() < size)
        .forEach(leaf -> positions.addAll(MerkleTree.inclusionPositions(leaf.index(), size))));
    if (positions.isEmpty()) {
      return this;
    }
    Map<KeyLogNode.Position, byte[]> found = new HashMap<>();
    for (KeyLogNode node : tx.keyLog().nodes(positions)) {
      require(positions.contains(node.position()), "key log node", node.position());
      found.put(node.position(), node.hash());
    }
    positions.forEach(at -> remember("keyLog", "node", Optional.ofNullable(found.get(at)),
        at.level(), at.index()));
    return this;
  }

  /** Writes the pins saved through this view, with one batch call. */
  public void flush() {
    if (!pins.isEmpty()) {
      tx.keys().savePins(List.copyOf(pins.values()));
      pins.clear();
    }
  }

  /**
   * A batch read answered a key with a row of another: a storage that mixes rows (or an operator
   * who swaps them) fails the batch, which is then fulfilled grant by grant.
   */
  private static void require(boolean matches, String what, Object key) {
    if (!matches) {
      throw new IntegrityException("the storage answered a batch read of the " + what + " "
          + key + " with another row");
    }
  }

  @Override
  public KeyStore keys() {
    return keys;
  }

  @Override
  public DeliveryStore deliveries() {
    return deliveries;
  }

  @Override
  public GrantQueue grants() {
    return tx.grants();
  }

  @Override
  public RoomStore rooms() {
    return tx.rooms();
  }

  @Override
  public GuestStore guests() {
    return guests;
  }

  @Override
  public EventOutbox events() {
    return tx.events();
  }

  @Override
  public AuditLog audit() {
    return tx.audit();
  }

  @Override
  public KeyLogStore keyLog() {
    return keyLog;
  }

  @Override
  public BlobJournal blobJournal() {
    return tx.blobJournal();
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return tx.inTransaction(work);
  }

  @Override
  public String toString() {
    return tx.toString();
  }

  private void remember(String store, String method, Object value, Object... args) {
    memory.computeIfAbsent(store + "." + method, k -> new HashMap<>())
        .put(List.of(args), value);
  }

  private <S> S remembering(Class<S> type, S store, String name) {
    Set<String> reads = REMEMBERED.getOrDefault(name, Set.of());
    return StoreProxy.of(type, store, (method, given) -> {
      if (name.equals("keys") && method.getName().equals("savePin")) {
        KeyPin pin = (KeyPin) given[0];
        pins.put(List.of(pin.observer(), pin.subject()), pin);
        remember("keys", "findPin", Optional.of(pin), pin.observer(), pin.subject());
        return null;
      }
      if (reads.contains(method.getName())) {
        Map<List<Object>, Object> remembered =
            memory.computeIfAbsent(name + "." + method.getName(), k -> new HashMap<>());
        List<Object> key = List.of(given);
        Object value = remembered.get(key);
        if (value == null) {
          Object read = StoreProxy.invoke(store, method, given);
          if (read == null) {
            return null;
          }
          remembered.put(key, read);
          value = read;
        }
        return copied(value);
      }
      if (name.equals("keys") && !BATCH_READS.contains(method.getName())) {
        flush(); // the kept pins go first: another write of keys may depend on them
      }
      Object result = StoreProxy.invoke(store, method, given);
      wrote(name, method.getName(), given);
      return result;
    });
  }

  /** After a write through store {@code name}: what the batch reads afterwards. */
  private void wrote(String name, String method, Object[] args) {
    if (name.equals("keyLog") && method.equals("saveView")) {
      remember("keyLog", "view", Optional.of(((byte[]) args[1]).clone()), args[0]);
    } else if (!BATCH_READS.contains(method)) {
      memory.keySet().removeIf(key -> key.startsWith(name + "."));
    }
  }

  /** A remembered byte array is handed out as a copy, as a store would. */
  private static Object copied(Object value) {
    if (value instanceof Optional<?> optional && optional.isPresent()
        && optional.get() instanceof byte[] bytes) {
      return Optional.of(bytes.clone());
    }
    return value;
  }
}
