package dev.secupass.core.internal.rooms;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.api.FileId;
import dev.secupass.api.GrantId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.StaleEpochException;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.internal.content.UploadJournal;
import dev.secupass.core.internal.crypto.Envelope;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import dev.secupass.core.internal.delivery.ClientDeliveries;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.relay.ClientRoomCopy;
import dev.secupass.core.relay.ClientRoomEntry;
import dev.secupass.core.relay.ClientRoomFile;
import dev.secupass.core.relay.ClientRoomGrant;
import dev.secupass.core.relay.UploadedContent;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.MembershipEntry;
import dev.secupass.spi.Room;
import dev.secupass.spi.RoomEntry;
import dev.secupass.spi.RoomEnvelope;
import dev.secupass.spi.RoomMember;
import dev.secupass.spi.Storage;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Data rooms for clients that hold their own keys ({@code ClientRelay}, {@code
 * docs/client-exchange.md}, "Rooms"): the server's side, which holds no key. Each change arrives
 * signed and sealed by the member's client; it is checked with the room code's own verifiers
 * (the membership log replayed by {@link MembershipVerifier} and {@link MembershipState}, the
 * rules of {@link MembershipRules}, envelopes as the delivery relay checks them) and stored with
 * the bookkeeping of {@link MembershipChanges} and {@link RoomWrites} (index, envelopes, grants,
 * events, audit) in one transaction; nothing is stored when a check fails.
 */
public final class ClientRooms {
  /** How far a membership entry's time may be from the server's clock. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final RoomContext context;
  private final GrantEngine grants;
  private final UploadJournal journal;
  private final UnaryOperator<Grant> claim;

  /** @param claim claims a grant under a lease ({@link ClientDeliveries#claim}) */
  public ClientRooms(RoomContext context, GrantEngine grants, UploadJournal journal,
      UnaryOperator<Grant> claim) {
    this.context = context;
    this.grants = grants;
    this.journal = journal;
    this.claim = claim;
  }

  // ---- membership ----

  /**
   * Creates the room entry 0 founds: signed by the creator's active keys, a {@code CREATE} of a
   * new room with the creator's key recorded; the name sealed; the creator's envelope of epoch 1.
   */
  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  public RoomId create(SignedInUser creator, byte[] entry, byte[] sealedName, byte[] envelope) {
    Storage storage = context.storage();
    Actors.requireRegistered(storage, creator.user(), creator.kind());
    PublicKeys keys = activeKeys(creator.user());
    Signed signed = Signed.of(entry, creator.user(), keys);
    requireOfThisLog(signed.record());
    RoomId room = signed.record().room();
    new MembershipState.Builder(room)
        .apply(signed.record(), creator.user(), MemberKey.of(keys), entry).build();
    checkTime(signed.record());
    SealedFormat.version(sealedName, "the sealed room name", SealedFormat.VERSION);
    Instant now = context.now();
    RoomEnvelope own = roomEnvelope(room, 1, envelope, keys, keys, now);
    audited(creator.user(), "room.create", room, () -> storage.inTransaction(tx -> {
      if (tx.rooms().find(room).isPresent()) {
        throw new ConflictException("room " + room + " exists already");
      }
      tx.rooms().create(Room.created(room, creator.user(), now, sealedName));
      tx.rooms().appendMembership(new MembershipEntry(room, 0, entry, signed.record().time()));
      tx.rooms().putMember(new RoomMember(room, creator.user(), RoomRole.OWNER, now));
      tx.rooms().putEnvelope(own);
      context.audit().ok(tx, creator.user(), "room.create", room, null);
      return null;
    }));
    return room;
  }

  /**
   * Adds the member an {@code ADD} entry names: with their key recorded, every epoch's key must be
   * wrapped to it; without, a room grant is queued (waiting for their SecuPass, or ready for an
   * owner or manager to confirm their never-verified keys).
   */
  public MemberAccess add(SignedInUser manager, RoomId room, PrincipalKind kind, byte[] entry,
      List<byte[]> envelopes) {
    return audited(manager.user(), "room.member.add", room, () -> {
      Change change = change(manager, room, entry, MembershipAction.ADD);
      UserId member = change.record().subject();
      Actors.requireRegistered(context.storage(), member, kind);
      MemberKey recorded = change.record().subjectKey();
      Optional<KeyRecord> memberKeys = context.storage().keys().findActive(member);
      Instant now = context.now();
      List<RoomEnvelope> wrapped = new ArrayList<>();
      if (recorded != null) {
        PublicKeys keys = memberKeys.map(PublicKeys::of)
            .filter(recorded::matches).orElseThrow(() -> new ConflictException("the entry"
                + " records keys of " + People.of(context.storage(), member).displayName()
                + " that are not their active keys"));
        wrapped.addAll(everyEpoch(room, change.after().epoch(), envelopes, keys,
            change.signer(), now));
      } else if (!envelopes.isEmpty()) {
        throw new IntegrityException("envelopes to a member whose key the entry does not record");
      }
      RoomRole role = Objects.requireNonNull(change.record().role(), "role");
      Added added = context.storage().inTransaction(tx -> {
        change.append(tx);
        if (recorded != null && !tx.keys().findActive(member).map(KeyRecord::version)
            .equals(Optional.of(recorded.version()))) {
          throw new ConflictException("the SecuPass keys of " + member
              + " changed while they were being added");
        }
        tx.rooms().putMember(new RoomMember(room, member, role, now));
        wrapped.forEach(tx.rooms()::putEnvelope);
        Grant queued = recorded != null ? null
            : grants.queue(tx, GrantTarget.room(room), member, null);
        RoomEvents.memberAdded(context.events(), tx, room, member, kind, role, manager.user(),
            recorded != null);
        context.audit().ok(tx, manager.user(), "room.member.add", room, null);
        MemberAccess access = recorded != null ? MemberAccess.GRANTED
            : memberKeys.isPresent() ? MemberAccess.AWAITING_CONFIRMATION : MemberAccess.QUEUED;
        return new Added(access, ready(queued == null ? List.of() : List.of(queued)));
      });
      grants.dispatch(added.ready());
      return added.access();
    });
  }

  private record Added(MemberAccess access, List<Grant> ready) {}

  /**
   * Removes the member a {@code REMOVE} entry names and starts the next epoch: its key wrapped (by
   * the client) to remaining members at the keys the log records for them, which are their active
   * keys, the remover's own included; every other remaining member gets a room grant.
   */
  public void remove(SignedInUser manager, RoomId room, byte[] entry, List<byte[]> envelopes) {
    audited(manager.user(), "room.member.remove", room, () -> {
      Change change = change(manager, room, entry, MembershipAction.REMOVE);
      UserId removed = change.record().subject();
      MembershipState after = change.after();
      int epoch = after.epoch();
      Instant now = context.now();
      Map<UserId, RoomEnvelope> byMember = new LinkedHashMap<>();
      for (byte[] bytes : envelopes) {
        UserId to = Envelope.parse(bytes).recipient();
        if (after.role(to).isEmpty()) {
          throw new IntegrityException("an envelope of the new epoch is addressed to " + to
              + ", who is not a remaining member of room " + room);
        }
        PublicKeys keys = recordedActive(after, to).orElseThrow(() -> new ConflictException(
            "an envelope of the new epoch is addressed to " + to + ", whose active keys are not"
                + " the ones the membership log records; their access is granted later"));
        if (byMember.put(to, roomEnvelope(room, epoch, bytes, keys, change.signer(), now))
            != null) {
          throw new IntegrityException("two envelopes of the new epoch are addressed to " + to);
        }
      }
      if (!byMember.containsKey(manager.user())) {
        throw new IntegrityException("the new epoch's key is not wrapped to the member who"
            + " removes: their own envelope is missing");
      }
      List<UserId> waiting = after.roles().keySet().stream()
          .filter(member -> !byMember.containsKey(member)).toList();
      GrantTarget target = GrantTarget.room(room);
      List<Grant> ready = context.storage().inTransaction(tx -> {
        change.append(tx);
        tx.rooms().advanceEpoch(room, change.before().epoch());
        tx.rooms().removeMember(room, removed);
        tx.rooms().deleteEnvelopes(room, removed);
        grants.cancel(tx, target, removed);
        byMember.values().forEach(tx.rooms()::putEnvelope);
        List<Grant> queued = waiting.stream()
            .map(member -> grants.queue(tx, target, member, null)).toList();
        RoomEvents.memberRemoved(context.events(), tx, room, removed, manager.user());
        context.audit().ok(tx, manager.user(), "room.member.remove", room, null);
        return ready(queued);
      });
      grants.dispatch(ready);
      return null;
    });
  }

  /**
   * One envelope of each epoch 1 to {@code epochs}, to {@code member}'s keys, signed by {@code
   * granter}: what a member who joins, or gets a grant, holds.
   */
  private static List<RoomEnvelope> everyEpoch(RoomId room, int epochs, List<byte[]> envelopes,
      PublicKeys member, PublicKeys granter, Instant now) {
    Map<Integer, RoomEnvelope> byEpoch = new java.util.TreeMap<>();
    for (byte[] bytes : envelopes) {
      RoomEnvelope e = roomEnvelope(room, epochOf(bytes), bytes, member, granter, now);
      if (byEpoch.put(e.epoch(), e) != null) {
        throw new IntegrityException("two envelopes are of key epoch " + e.epoch());
      }
    }
    for (int epoch = 1; epoch <= epochs; epoch++) {
      if (!byEpoch.containsKey(epoch)) {
        throw new IntegrityException("the member's key of epoch " + epoch + " is missing: a"
            + " member with keys holds every epoch's key");
      }
    }
    if (byEpoch.size() != epochs) {
      throw new IntegrityException("a member gets one envelope per key epoch of the room ("
          + epochs + "), not " + byEpoch.size());
    }
    return List.copyOf(byEpoch.values());
  }

  /** The member's active keys if they are the ones the log records as their current key. */
  private Optional<PublicKeys> recordedActive(MembershipState state, UserId member) {
    return state.currentKey(member).flatMap(recorded -> context.storage().keys()
        .findActive(member).map(PublicKeys::of).filter(recorded::matches));
  }

  private static List<Grant> ready(List<Grant> queued) {
    return queued.stream().filter(grant -> grant.state() == GrantState.READY).toList();
  }

  /** A verified entry that continues the room's verified log: what a change appends. */
  private record Change(MembershipState before, MembershipState after, MembershipRecord record,
      PublicKeys signer, byte[] entry) {
    /** Appends the entry at its sequence (compare-and-append: a lost race is a conflict). */
    void append(Storage tx) {
      tx.rooms().appendMembership(new MembershipEntry(record.room(), record.sequence(), entry,
          record.time()));
    }
  }

  /**
   * The checks of a membership change, in order: the room's log verifies; the actor is a member
   * whose active keys the log records; the entry is signed by them; it is of this room and
   * action; the actor's role allows it (the typed error of {@link MembershipRules}); it continues
   * the log (sequence, chain, epoch, commitment) as {@link MembershipState.Builder} replays it.
   */
  private Change change(SignedInUser actor, RoomId room, byte[] entry,
      MembershipAction action) {
    PublicKeys keys = activeKeys(actor.user());
    MembershipState state = context.membership().readUnanchored(room, context.storage());
    Actors.requireManager(state, actor.user());
    if (state.currentKey(actor.user()).filter(k -> k.matches(keys)).isEmpty()) {
      throw new NotPermittedException(actor.user() + " has no key the membership log of room "
          + room + " records yet; an owner or manager grants it first");
    }
    Signed signed = Signed.of(entry, actor.user(), keys);
    requireOfThisLog(signed.record());
    MembershipRecord record = signed.record();
    if (!record.room().equals(room)) {
      throw new IntegrityException("the membership entry belongs to room " + record.room()
          + ", not " + room);
    }
    if (record.action() != action) {
      throw new IntegrityException("the membership entry is a " + record.action() + ", not a "
          + action);
    }
    MembershipRules.Violation violation = MembershipRules.violation(state.roles(),
        actor.user(), action, record.subject(), record.role());
    if (violation != null) {
      throw violation.toException();
    }
    checkTime(record);
    MembershipState after = state.toBuilder().apply(record, actor.user(), MemberKey.of(keys),
        entry).build();
    return new Change(state, after, record, keys, entry);
  }

  /** A membership entry whose signature verified under the signer's active keys. */
  private record Signed(MembershipRecord record) {
    static Signed of(byte[] entry, UserId signer, PublicKeys keys) {
      SignedStatement statement = SignedStatement.parse(entry);
      if (!statement.signer().equals(signer)
          || !statement.signerKeyVersion().equals(keys.version())) {
        throw new InvalidSignatureException("the membership entry is signed by "
            + statement.signer() + " " + statement.signerKeyVersion() + ", not by the active"
            + " keys of " + signer);
      }
      return new Signed(MembershipCodec.decode(
          statement.verifiedPayload(keys, SignedType.MEMBERSHIP_ENTRY)));
    }
  }

  /** A version-2 entry's seen checkpoint must be one of this host's log. */
  private void requireOfThisLog(MembershipRecord record) {
    BoundCheckpoint seen = record.seen();
    if (seen != null) {
      context.keys().requireOfThisLog(seen);
    }
  }

  private void checkTime(MembershipRecord record) {
    if (Duration.between(record.time(), context.now()).abs().compareTo(CLOCK_SKEW) > 0) {
      throw new IntegrityException("the membership entry's time is more than "
          + CLOCK_SKEW.toMinutes() + " minutes from the server's clock");
    }
  }

  /** The epoch an envelope's context names (a room-epoch context is checked afterwards). */
  private static int epochOf(byte[] envelope) {
    EnvelopeContext context = Envelope.parse(envelope).context();
    return context.epoch();
  }

  /**
   * A room envelope after the relay's checks ({@link ClientDeliveries#checkEnvelope}): the
   * context of this room and epoch, to {@code recipient}'s keys in their suite, signed by {@code
   * granter}.
   */
  private static RoomEnvelope roomEnvelope(RoomId room, int epoch, byte[] bytes,
      PublicKeys recipient, PublicKeys granter, Instant now) {
    Envelope envelope = Envelope.parse(bytes);
    if (!envelope.recipient().equals(recipient.user())) {
      throw new IntegrityException("an envelope is addressed to " + envelope.recipient()
          + ", not to " + recipient.user());
    }
    ClientDeliveries.checkEnvelope(envelope, EnvelopeContext.roomEpoch(room, epoch), recipient,
        granter);
    return new RoomEnvelope(room, epoch, recipient.user(), recipient.version(), granter.user(),
        bytes, now);
  }

  // ---- grants ----

  /** The ready room grants of rooms {@code granter} owns or manages, with the members' keys. */
  public List<ClientRoomGrant> pendingGrants(SignedInUser granter, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more");
    }
    Storage storage = context.storage();
    List<ClientRoomGrant> out = new ArrayList<>();
    for (Grant grant : grants.pending(granter.user(), limit)) {
      if (grant.target().kind() != GrantTarget.Kind.ROOM || grant.state() != GrantState.READY) {
        continue;
      }
      storage.keys().findActive(grant.recipient()).ifPresent(keys -> out.add(
          new ClientRoomGrant(grant.id(), RoomId.of(grant.target().id()),
              grants.recipient(storage, grant), keys.publicKeys())));
    }
    return out;
  }

  /**
   * Fulfils a room grant as {@code RoomGrantHandler} does in Java: the granter is an owner or
   * manager whose active keys the log records; the member still is one and has keys; unless the
   * log records those keys already, {@code keyEntry} is the {@code KEY} entry that records them,
   * signed by the granter; {@code envelopes} wrap every epoch's key to them, signed by the
   * granter. The entry, the envelopes, the grant's completion, the member's {@code
   * room.access_granted} event and the audit line are one transaction.
   */
  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  public void fulfil(SignedInUser granter, GrantId id, byte @Nullable [] keyEntry,
      List<byte[]> envelopes) {
    Storage storage = context.storage();
    Grant grant = storage.grants().find(id)
        .orElseThrow(() -> new NotFoundException("there is no such grant"));
    if (grant.target().kind() != GrantTarget.Kind.ROOM) {
      throw new NotPermittedException("this grant is not a room's; it is fulfilled as a"
          + " delivery's");
    }
    RoomId room = RoomId.of(grant.target().id());
    audited(granter.user(), "room.grant", room, () -> {
      if (grant.state() != GrantState.READY) {
        throw new ConflictException("the grant is not ready to be fulfilled (it is "
            + grant.state().name().toLowerCase(java.util.Locale.ROOT) + ")");
      }
      UserId member = grant.recipient();
      PublicKeys memberKeys = storage.keys().findActive(member).map(PublicKeys::of)
          .orElseThrow(() -> new ConflictException(People.of(storage, member).displayName()
              + " has no SecuPass any more"));
      PublicKeys granterKeys = activeKeys(granter.user());
      Change change = null;
      MembershipState state;
      if (keyEntry == null) {
        state = context.membership().readUnanchored(room, storage);
        Actors.requireManager(state, granter.user());
        if (state.currentKey(member).filter(k -> k.matches(memberKeys)).isEmpty()) {
          throw new IntegrityException("the membership log of room " + room + " does not record"
              + " the keys of " + member + " yet: a KEY entry must record them");
        }
      } else {
        change = change(granter, room, keyEntry, MembershipAction.KEY);
        MemberKey recorded = change.record().subjectKey();
        if (!change.record().subject().equals(member) || recorded == null
            || !recorded.matches(memberKeys)) {
          throw new IntegrityException("the KEY entry does not record the active keys of the"
              + " grant's member");
        }
        state = change.after();
      }
      if (state.role(member).isEmpty()) {
        throw new ConflictException(member + " is no longer a member of room " + room);
      }
      List<RoomEnvelope> wrapped = everyEpoch(room, state.epoch(), envelopes, memberKeys,
          granterKeys, context.now());
      Grant claimed = claim.apply(grant);
      var held = Objects.requireNonNull(claimed.lease());
      Change append = change;
      try {
        storage.inTransaction(tx -> {
          if (append != null) {
            append.append(tx);
          } else if (tx.rooms().membershipLog(room).size() != state.sequence() + 1) {
            throw new ConflictException("the membership of room " + room
                + " changed meanwhile; read it again");
          }
          wrapped.forEach(tx.rooms()::putEnvelope);
          tx.grants().complete(grant.id(), held.token());
          RoomEvents.accessGranted(context.events(), tx, room, member, granter.user());
          context.audit().ok(tx, granter.user(), "room.grant", room, null);
          return null;
        });
      } catch (RuntimeException e) {
        storage.grants().release(grant.id(), held.token());
        throw e;
      }
      return null;
    });
  }

  // ---- reading ----

  /** The verified log with what a member's client needs to check it and open its keys. */
  public ClientRoomCopy room(SignedInUser member, RoomId room) {
    Storage storage = context.storage();
    KeyRecord own = storage.keys().findActive(member.user())
        .orElseThrow(() -> new SecuPassRequiredException(People.of(storage, member.user())));
    return audited(member.user(), "room.open", room, () -> {
      MembershipState state = context.membership().readUnanchored(room, storage);
      Actors.requireMember(state, member.user());
      Room stored = storage.rooms().find(room).orElseThrow();
      List<byte[]> log = new ArrayList<>();
      Set<Map.Entry<UserId, KeyVersion>> named = new LinkedHashSet<>();
      for (MembershipEntry entry : storage.rooms().membershipLog(room)) {
        log.add(entry.entry());
        SignedStatement statement = SignedStatement.parse(entry.entry());
        named.add(Map.entry(statement.signer(), statement.signerKeyVersion()));
        MembershipRecord record = MembershipCodec.decode(statement.verifiedPayload(
            RecordedKeys.load(storage.keys(), statement.signer(), statement.signerKeyVersion()),
            SignedType.MEMBERSHIP_ENTRY));
        MemberKey key = record.subjectKey();
        if (key != null) {
          named.add(Map.entry(record.subject(), key.version()));
        }
      }
      List<byte[]> envelopes = new ArrayList<>();
      for (RoomEnvelope envelope : storage.rooms().envelopes(room, member.user())) {
        if (envelope.memberKeyVersion().equals(own.version())) {
          envelopes.add(envelope.envelope());
          Envelope parsed = Envelope.parse(envelope.envelope());
          named.add(Map.entry(parsed.granter(), parsed.granterKeyVersion()));
        }
      }
      List<byte[]> keys = new ArrayList<>();
      for (Map.Entry<UserId, KeyVersion> key : named) {
        storage.keys().find(key.getKey(), key.getValue())
            .ifPresent(record -> keys.add(record.publicKeys()));
      }
      return new ClientRoomCopy(room, state.epoch(), stored.nameEpoch(), stored.name(), log,
          keys, envelopes, state.roles());
    });
  }

  /** The entries of {@code folder} ({@code null}: the top), as stored, for a member. */
  public List<ClientRoomEntry> entries(SignedInUser member, RoomId room,
      @Nullable FileId folder) {
    Storage storage = context.storage();
    return audited(member.user(), "room.list", room, () -> {
      requireMember(member, room);
      Entries.requireFolder(storage, room, folder);
      List<ClientRoomEntry> out = new ArrayList<>();
      RoomReads.forEach(request -> storage.rooms().entriesIn(room, folder, request), entry -> {
        if (!Objects.equals(entry.parent(), folder)) {
          throw new IntegrityException("storage listed entry " + entry.id() + " of room " + room
              + " in a folder it is not in");
        }
        out.add(clientEntry(entry));
      });
      return List.copyOf(out);
    });
  }

  private ClientRoomEntry clientEntry(RoomEntry entry) {
    BlobId blob = entry.blob();
    long storedSize = blob == null ? 0 : journal.blobs().stat(blob).map(BlobInfo::size)
        .orElseThrow(() -> new IntegrityException("the ciphertext of file " + entry.id()
            + " of room " + entry.room() + " is missing"));
    return new ClientRoomEntry(entry.id(), entry.parent(), entry.kind() == RoomEntry.Kind.FOLDER
        ? RoomItem.Kind.FOLDER : RoomItem.Kind.FILE, entry.epoch(), blob, entry.size(),
        storedSize, entry.name(), entry.header(), entry.createdAt());
  }

  /**
   * Bytes {@code [offset, offset + length)} of a file's ciphertext, cut at its end; a read that
   * reaches the end is audited as the member's download.
   */
  public InputStream read(SignedInUser member, RoomId room, FileId file, long offset,
      long length) {
    if (offset < 0 || length < 1) {
      throw new IllegalArgumentException("a range starts at 0 or later and has 1 byte or more");
    }
    return audited(member.user(), "room.file.download", room, () -> {
      requireMember(member, room);
      RoomEntry entry = Entries.requireFile(context.storage(), room, file);
      BlobId blob = Objects.requireNonNull(entry.blob(), "blob");
      BlobStore blobs = journal.blobs();
      long size = blobs.stat(blob).map(BlobInfo::size).orElseThrow(() -> new IntegrityException(
          "the ciphertext of file " + file + " of room " + room + " is missing"));
      if (offset >= size) {
        throw new IllegalArgumentException("the range starts after the file's end");
      }
      long cut = Math.min(length, size - offset);
      if (offset + cut == size) {
        context.audit().ok(context.storage(), member.user(), "room.file.download", room, file);
      }
      return blobs.open(blob, offset, cut);
    });
  }

  private void requireMember(SignedInUser member, RoomId room) {
    activeKeys(member.user());
    Actors.requireMember(context.membership().readUnanchored(room, context.storage()),
        member.user());
  }

  // ---- writing ----

  /**
   * Adds a file whose ciphertext the writer's client uploaded: the writer is an editor or above
   * with an active SecuPass; the room is at the epoch the client sealed the fields under (checked
   * again in the transaction; a file sealed under an earlier epoch would be stored unreadable); the folder exists; the id is new; the upload is a version-2 stream
   * of its stated sizes, still waiting in the upload journal; the sealed fields have the shapes of
   * a signed entry and a wrapped key.
   */
  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  public void addFile(SignedInUser editor, RoomId room, ClientRoomFile file) {
    Storage storage = context.storage();
    audited(editor.user(), "room.file.upload", room, () -> {
      activeKeys(editor.user());
      MembershipState state = context.membership().readUnanchored(room, storage);
      Actors.requireWriter(state, editor.user());
      if (file.epoch() != state.epoch()) {
        throw new StaleEpochException(room, file.epoch(), state.epoch());
      }
      Entries.requireFolder(storage, room, file.folder());
      UploadedContent content = file.content();
      BlobInfo info = journal.blobs().stat(content.blob()).orElseThrow(() ->
          new IntegrityException("the ciphertext of file " + file.id() + " was not uploaded"));
      if (info.size() != content.storedSize()) {
        throw new IntegrityException("the stored ciphertext of file " + file.id()
            + " is not the size its upload had");
      }
      if (content.streamVersion() != FileContent.STREAM_VERSION) {
        throw new IntegrityException("room files are version-" + FileContent.STREAM_VERSION
            + " content streams; file " + file.id() + " is version " + content.streamVersion());
      }
      if (SealedFormat.version(file.sealedEntry(), "the sealed entry", SealedFormat.SIGNED)
          != SealedFormat.SIGNED) {
        throw new IntegrityException("a client's room entry is signed (sealed field version "
            + SealedFormat.SIGNED + ")");
      }
      SealedFormat.version(file.wrappedKey(), "the wrapped file key", SealedFormat.VERSION);
      Instant now = context.now();
      RoomEntry entry = new RoomEntry(room, file.id(), file.folder(), RoomEntry.Kind.FILE,
          file.epoch(), file.sealedEntry(), content.blob(), content.size(), file.wrappedKey(),
          now, 0);
      storage.inTransaction(tx -> {
        ContentGuard.check(tx, room, editor.user(), file.epoch());
        if (tx.rooms().findEntry(room, file.id()).isPresent()) {
          throw new ConflictException("room " + room + " has an entry " + file.id()
              + " already");
        }
        tx.rooms().createEntry(entry);
        UploadJournal.adopt(tx, content.blob());
        context.audit().ok(tx, editor.user(), "room.file.upload", room, file.id());
        return null;
      });
      return null;
    });
  }

  private PublicKeys activeKeys(UserId user) {
    Storage storage = context.storage();
    return storage.keys().findActive(user).map(PublicKeys::of)
        .orElseThrow(() -> new SecuPassRequiredException(People.of(storage, user)));
  }

  /** Runs {@code operation}, recording an attempt beyond the caller's role in the audit log. */
  private <T> T audited(UserId actor, String action, RoomId room, Supplier<T> operation) {
    try {
      return operation.get();
    } catch (NotPermittedException e) {
      try {
        context.audit().refused(context.storage(), actor, action, room);
      } catch (RuntimeException failure) {
        e.addSuppressed(failure);
      }
      throw e;
    }
  }
}
