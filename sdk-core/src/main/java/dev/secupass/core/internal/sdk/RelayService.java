package dev.secupass.core.internal.sdk;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.GrantId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.delivery.ClientDeliveries;
import dev.secupass.core.internal.keylog.KeyLogEntry;
import dev.secupass.core.internal.keylog.KeyLogService;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.internal.firstcontact.AccessCodes;
import dev.secupass.core.relay.ClientAccessCode;
import dev.secupass.core.relay.ClientCopy;
import dev.secupass.core.relay.ClientKeyLogEntries;
import dev.secupass.core.relay.ClientKeyLogProof;
import dev.secupass.core.relay.ClientPin;
import dev.secupass.core.relay.ClientDelivery;
import dev.secupass.core.relay.ClientGrant;
import dev.secupass.core.relay.ClientKeys;
import dev.secupass.core.relay.KdfCost;
import dev.secupass.core.relay.ClientRecipient;
import dev.secupass.core.relay.ClientRelay;
import dev.secupass.core.relay.ClientSeenCheckpoint;
import dev.secupass.core.relay.UploadedContent;
import dev.secupass.core.relay.ClientRoomCopy;
import dev.secupass.core.relay.ClientRoomEntry;
import dev.secupass.core.relay.ClientRoomFile;
import dev.secupass.core.relay.ClientRoomGrant;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.core.internal.rooms.ClientRooms;
import org.jspecify.annotations.Nullable;
import dev.secupass.spi.Grant;
import dev.secupass.spi.KdfParameters;
import dev.secupass.spi.Invitation;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import dev.secupass.spi.Storage;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ClientRelay}: the key records of clients that seal their own keys, with the grant
 * bookkeeping of {@link SecuPassService}'s key changes, and the deliveries of {@link
 * ClientDeliveries}.
 */
public final class RelayService implements ClientRelay {
  private final Storage storage;
  private final Clock clock;
  private final GrantEngine engine;
  private final ClientDeliveries deliveries;
  private final KeyLogService keyLog;
  private final ClientRooms rooms;

  public RelayService(Storage storage, Clock clock, GrantEngine engine,
      ClientDeliveries deliveries, KeyLogService keyLog, ClientRooms rooms) {
    this.rooms = rooms;
    this.storage = storage;
    this.clock = clock;
    this.engine = engine;
    this.deliveries = deliveries;
    this.keyLog = keyLog;
  }

  @Override
  public void activate(UserId user, ClientKeys keys) {
    Objects.requireNonNull(user, "user");
    if (!keys.version().equals(KeyVersion.FIRST)) {
      throw new IllegalArgumentException("a first activation stores key version 1");
    }
    KeyRecord record = checked(user, keys);
    List<Grant> ready = storage.inTransaction(tx -> {
      if (tx.keys().findActive(user).isPresent()) {
        throw new ConflictException(People.of(tx, user).displayName()
            + " has a SecuPass already; unlock, change or reset it");
      }
      tx.keys().create(record);
      return engine.markReady(tx, user, record.version());
    });
    logged(KeyLogEntry.Event.ACTIVATION, record);
    engine.dispatch(ready);
  }

  @Override
  public void activate(UserId user, ClientKeys keys, DeliveryId delivery, byte[] binding) {
    Objects.requireNonNull(user, "user");
    if (!keys.version().equals(KeyVersion.FIRST)) {
      throw new IllegalArgumentException("a first activation stores key version 1");
    }
    if (binding.length != AccessCodes.BINDING_SIZE || binding[0] != AccessCodes.VERSION
        || ByteBuffer.wrap(binding, 1, 4).getInt() != keys.version().value()) {
      throw new IntegrityException("the access code binding is malformed or binds another key"
          + " version than the keys activated");
    }
    KeyRecord record = checked(user, keys);
    List<Grant> ready = storage.inTransaction(tx -> {
      if (tx.keys().findActive(user).isPresent()) {
        throw new ConflictException(People.of(tx, user).displayName()
            + " has a SecuPass already; unlock, change or reset it");
      }
      Invitation invitation = codedInvitation(tx, user, delivery).orElseThrow(
          () -> new NotFoundException("no delivery to " + People.of(tx, user).displayName()
              + " waits for an access code here"));
      if (invitation.binding() != null) {
        throw new ConflictException("the access code of this delivery was used already");
      }
      tx.keys().create(record);
      tx.guests().saveBinding(invitation.tokenHash(), binding);
      return engine.markReady(tx, user, record.version());
    });
    logged(KeyLogEntry.Event.ACTIVATION, record);
    engine.dispatch(ready);
  }

  /** The guest's live invitation to {@code delivery} that carries an access code check. */
  private Optional<Invitation> codedInvitation(Storage on, UserId guest, DeliveryId delivery) {
    return on.guests().invitations(guest).stream()
        .filter(i -> i.delivery().equals(delivery) && i.accessCode() != null
            && i.expiresAt().isAfter(clock.instant()))
        .findFirst();
  }

  @Override
  public List<ClientAccessCode> accessCodes(UserId guest) {
    List<ClientAccessCode> out = new ArrayList<>();
    for (Invitation invitation : storage.guests().invitations(guest)) {
      byte[] check = invitation.accessCode();
      if (check != null && invitation.binding() == null
          && invitation.expiresAt().isAfter(clock.instant())) {
        out.add(new ClientAccessCode(invitation.delivery(), check));
      }
    }
    return out;
  }

  @Override
  public String keyLogVerifierKey() {
    return keyLog.verifierKey();
  }

  @Override
  public ClientKeyLogProof keyLogProof(UserId subject, KeyVersion version, long seenSize) {
    requireSize(seenSize);
    KeyRecord record = storage.keys().find(subject, version).orElseThrow(
        () -> new NotFoundException(People.of(storage, subject).displayName()
            + " has no keys of version " + version.value()));
    KeyLogService.ClientProof proof = keyLog.proof(storage, PublicKeys.of(record), seenSize);
    return new ClientKeyLogProof(proof.note(), proof.leaf(), proof.index(), proof.inclusion(),
        proof.consistency());
  }

  @Override
  public Optional<ClientPin> pin(UserId observer, UserId subject) {
    return storage.keys().findPin(observer, subject)
        .map(p -> new ClientPin(p.subject(), p.version(), p.fingerprint(), p.seal()));
  }

  @Override
  public void savePin(UserId observer, ClientPin pin) {
    if (pin.subject().equals(observer)) {
      throw new IllegalArgumentException("a user's own keys are not pinned");
    }
    if (storage.keys().findActive(observer).isEmpty()) {
      throw new SecuPassRequiredException(People.of(storage, observer));
    }
    byte[] seal = pin.seal();
    boolean version1 = seal.length == 36;
    boolean version2 = seal.length >= 41 && seal.length <= ClientPin.MAX_SEAL_SIZE && seal[0] == 2;
    if (!version1 && !version2) {
      throw new IntegrityException("the pin's seal is not a key-pin seal of version 1 or 2");
    }
    storage.keys().savePin(new KeyPin(observer, pin.subject(), pin.version(), pin.fingerprint(),
        clock.instant(), seal));
  }

  @Override
  public void reset(UserId user, ClientKeys next) {
    KeyRecord current = storage.keys().findActive(user)
        .orElseThrow(() -> new SecuPassRequiredException(People.of(storage, user)));
    if (next.version().value() != current.version().value() + 1) {
      throw new ConflictException("a reset's keys are version " + (current.version().value() + 1)
          + ", not " + next.version().value());
    }
    KeyRecord record = checked(user, next);
    List<Grant> ready = storage.inTransaction(tx -> {
      KeyRecord stored = tx.keys().rotate(current, record);
      return engine.regrantAfterReset(tx, user, stored.version());
    });
    logged(KeyLogEntry.Event.RESET, record);
    engine.dispatch(ready);
  }

  /** A client's key version goes into the key log as the Java SDK's own activations do. */
  private void logged(KeyLogEntry.Event event, KeyRecord stored) {
    keyLog.append(storage, KeyLogEntry.of(event, stored.user(), stored.version(),
        stored.publicKeys()));
  }

  @Override
  public void reseal(UserId user, ClientKeys keys) {
    KeyRecord current = storage.keys().findActive(user)
        .orElseThrow(() -> new SecuPassRequiredException(People.of(storage, user)));
    if (!keys.version().equals(current.version())
        || !Arrays.equals(keys.publicKeys(), current.publicKeys())) {
      throw new ConflictException("the keys to re-seal are not the active keys of "
          + People.of(storage, user).displayName());
    }
    checked(user, keys);
    storage.keys().update(current.withEncryptedPrivateKeys(keys.sealedPrivateKeys(),
        parameters(keys.kdf())));
  }

  /** The record to store, after every check that needs no SecuPass. */
  private KeyRecord checked(UserId user, ClientKeys keys) {
    PublicKeys bundle = PublicKeys.parse(keys.publicKeys());
    if (!bundle.user().equals(user) || !bundle.version().equals(keys.version())) {
      throw new IntegrityException("the public keys name " + bundle.user() + " "
          + bundle.version() + ", not " + user + " " + keys.version());
    }
    KdfParameters kdf = parameters(keys.kdf());
    KeyBlob.checkSealed(keys.sealedPrivateKeys(), user, keys.version(), kdf, bundle.suite());
    return new KeyRecord(user, keys.version(), KeyState.ACTIVE, keys.publicKeys(),
        keys.sealedPrivateKeys(), kdf, 0, clock.instant());
  }

  private static KdfParameters parameters(KdfCost cost) {
    return new KdfParameters("argon2id", cost.memoryKiB(), cost.iterations(),
        cost.parallelism());
  }

  @Override
  public Optional<ClientKeys> keys(UserId user) {
    return storage.keys().findActive(user).map(r -> new ClientKeys(r.version(), r.publicKeys(),
        r.encryptedPrivateKeys(),
        new KdfCost(r.kdf().memoryKiB(), r.kdf().iterations(), r.kdf().parallelism())));
  }

  @Override
  public List<ClientRecipient> recipients(List<Addressee> addressees) {
    return deliveries.recipients(addressees);
  }

  @Override
  public UploadedContent upload(SignedInUser sender, long storedSize, InputStream ciphertext) {
    return deliveries.upload(sender, storedSize, ciphertext);
  }

  @Override
  public void discard(List<UploadedContent> uploads) {
    deliveries.discard(uploads);
  }

  @Override
  public SentDelivery deliver(SignedInUser sender, ClientDelivery delivery) {
    return deliveries.deliver(sender, delivery);
  }

  @Override
  public ClientCopy open(SignedInUser reader, DeliveryId delivery) {
    return deliveries.open(reader, delivery);
  }

  @Override
  public InputStream read(SignedInUser reader, DeliveryId delivery, FileId file, long offset,
      long length) {
    return deliveries.read(reader, delivery, file, offset, length);
  }

  @Override
  public List<ClientGrant> pendingGrants(SignedInUser granter, int limit) {
    return deliveries.pendingGrants(granter, limit);
  }

  @Override
  public void fulfil(SignedInUser granter, GrantId grant, byte[] envelope) {
    deliveries.fulfil(granter, grant, envelope);
  }

  @Override
  public void withdraw(SignedInUser sender, DeliveryId delivery, byte[] statement) {
    deliveries.withdraw(sender, delivery, statement);
  }

  // ---- Data rooms ----

  @Override
  public RoomId createRoom(SignedInUser creator, byte[] entry, byte[] sealedName,
      byte[] envelope) {
    return rooms.create(creator, entry, sealedName, envelope);
  }

  @Override
  public ClientRoomCopy room(SignedInUser member, RoomId room) {
    return rooms.room(member, room);
  }

  @Override
  public MemberAccess addRoomMember(SignedInUser manager, RoomId room, PrincipalKind kind,
      byte[] entry, List<byte[]> envelopes) {
    return rooms.add(manager, room, kind, entry, envelopes);
  }

  @Override
  public void removeRoomMember(SignedInUser manager, RoomId room, byte[] entry,
      List<byte[]> envelopes) {
    rooms.remove(manager, room, entry, envelopes);
  }

  @Override
  public List<ClientRoomEntry> roomEntries(SignedInUser member, RoomId room,
      @Nullable FileId folder) {
    return rooms.entries(member, room, folder);
  }

  @Override
  public void addRoomFile(SignedInUser writer, RoomId room, ClientRoomFile file) {
    rooms.addFile(writer, room, file);
  }

  @Override
  public InputStream readRoomFile(SignedInUser member, RoomId room, FileId file, long offset,
      long length) {
    return rooms.read(member, room, file, offset, length);
  }

  @Override
  public List<ClientRoomGrant> pendingRoomGrants(SignedInUser granter, int limit) {
    return rooms.pendingGrants(granter, limit);
  }

  @Override
  public void fulfilRoomGrant(SignedInUser granter, GrantId grant, byte @Nullable [] keyEntry,
      List<byte[]> envelopes) {
    rooms.fulfil(granter, grant, keyEntry, envelopes);
  }

  // ---- The key transparency log: checkpoint exchange and self-monitoring.

  @Override
  public void publishKeyLogCheckpoint(UserId user, byte[] statement) {
    KeyRecord active = storage.keys().findActive(user)
        .orElseThrow(() -> new SecuPassRequiredException(People.of(storage, user)));
    keyLog.publishFromClient(storage, PublicKeys.of(active), statement);
  }

  @Override
  public Optional<ClientSeenCheckpoint> keyLogCheckpointOf(UserId subject, long heldSize) {
    requireSize(heldSize);
    return keyLog.published(storage, subject, heldSize);
  }

  @Override
  public List<byte[]> keyLogConsistency(long fromSize, long toSize) {
    requireSize(fromSize);
    requireSize(toSize);
    if (fromSize > toSize) {
      throw new IllegalArgumentException("no consistency proof from " + fromSize
          + " entries to fewer (" + toSize + ")");
    }
    return keyLog.consistency(storage, fromSize, toSize);
  }

  @Override
  public ClientKeyLogEntries keyLogEntries(UserId user, long seenSize, long monitoredSize) {
    requireSize(seenSize);
    requireSize(monitoredSize);
    return keyLog.entries(storage, user, seenSize, monitoredSize);
  }

  private static void requireSize(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("a checkpoint size must not be negative");
    }
  }
}
