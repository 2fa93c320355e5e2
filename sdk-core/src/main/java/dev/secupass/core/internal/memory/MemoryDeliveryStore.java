package dev.secupass.core.internal.memory;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.DownloadOutcome;
import dev.secupass.spi.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory {@link DeliveryStore}. Inboxes and outboxes are sorted indexes paged by keyset
 * cursors; active deliveries are indexed by expiry.
 */
public final class MemoryDeliveryStore implements DeliveryStore {
  private final Access access;
  private final State state;

  public MemoryDeliveryStore(Access access) {
    this(access, new State());
  }

  private MemoryDeliveryStore(Access access, State state) {
    this.access = access;
    this.state = state;
  }

  /** A view of the same data through another access (a transaction's). */
  public MemoryDeliveryStore bind(Access other) {
    return new MemoryDeliveryStore(other, state);
  }

  @Override
  public void create(DeliveryRecord delivery) {
    access.write(journal -> {
      if (state.byId.containsKey(delivery.id())) {
        throw new ConflictException("delivery " + delivery.id() + " exists");
      }
      byte[] tokenHash = delivery.linkTokenHash();
      if (tokenHash != null) {
        if (state.byTokenHash.containsKey(hex(tokenHash))) {
          throw new ConflictException("another delivery has the same link-token hash");
        }
        journal.put(state.byTokenHash, hex(tokenHash), delivery.id());
      }
      journal.put(state.byId, delivery.id(), delivery);
      TimeKey<DeliveryId> byCreation = new TimeKey<>(delivery.createdAt(), delivery.id());
      state.outbox.add(journal, delivery.sender(), byCreation);
      for (Recipient recipient : delivery.recipients()) {
        state.inbox.add(journal, recipient.user(), byCreation);
      }
      indexExpiry(journal, null, delivery);
      return null;
    });
  }

  @Override
  public Optional<DeliveryRecord> find(DeliveryId id) {
    return access.read(() -> Optional.ofNullable(state.byId.get(id)));
  }

  @Override
  public Optional<DeliveryRecord> findByLinkTokenHash(byte[] tokenHash) {
    return access.read(() -> {
      DeliveryId id = state.byTokenHash.get(hex(tokenHash));
      return id == null ? Optional.empty() : Optional.ofNullable(state.byId.get(id));
    });
  }

  @Override
  public Page<DeliveryRecord> inbox(UserId recipient, PageRequest page) {
    return access.read(() -> newestFirst(state.inbox.get(recipient), page));
  }

  @Override
  public Page<DeliveryRecord> outbox(UserId sender, PageRequest page) {
    return access.read(() -> newestFirst(state.outbox.get(sender), page));
  }

  @Override
  public List<DeliveryRecord> findExpired(Instant now, int limit) {
    Pages.requireLimit(limit);
    return access.read(() -> {
      List<DeliveryRecord> expired = new ArrayList<>();
      for (TimeKey<DeliveryId> key : state.activeByExpiry) {
        if (key.at().isAfter(now) || expired.size() == limit) {
          break;
        }
        expired.add(state.byId.get(key.id()));
      }
      return expired;
    });
  }

  @Override
  public List<DeliveryRecord> hostSealed(@Nullable DeliveryId after, int limit) {
    Pages.requireLimit(limit);
    return access.read(() -> {
      List<DeliveryRecord> page = new ArrayList<>();
      for (DeliveryRecord record : state.byId.values()) {
        if (record.level().number() <= 2
            && (after == null || record.id().value().compareTo(after.value()) > 0)) {
          page.add(record);
        }
      }
      page.sort(java.util.Comparator.comparing(r -> r.id().value()));
      return List.copyOf(page.subList(0, Math.min(limit, page.size())));
    });
  }

  @Override
  public boolean replaceManifest(DeliveryId id, byte[] expected, byte[] replacement) {
    byte[] next = replacement.clone();
    return access.write(journal -> {
      DeliveryRecord stored = stored(id);
      if (!java.util.Arrays.equals(stored.manifest(), expected)) {
        return false;
      }
      journal.put(state.byId, id, stored.withManifest(next));
      return true;
    });
  }

  @Override
  public DeliveryRecord updateState(DeliveryId id, DeliveryState expected, DeliveryState next) {
    return access.write(journal -> {
      DeliveryRecord stored = stored(id);
      if (stored.state() != expected) {
        throw new ConflictException(
            "delivery " + id + " is " + stored.state() + ", not " + expected);
      }
      DeliveryRecord updated = stored.withState(next);
      journal.put(state.byId, id, updated);
      indexExpiry(journal, stored, updated);
      return updated;
    });
  }

  @Override
  public DeliveryRecord withdraw(DeliveryId id, byte[] withdrawal) {
    if (withdrawal.length == 0) {
      throw new IllegalArgumentException("a withdrawal statement must not be empty");
    }
    return access.write(journal -> {
      DeliveryRecord stored = stored(id);
      if (stored.state() != DeliveryState.ACTIVE) {
        throw new ConflictException(
            "delivery " + id + " is " + stored.state() + ", not " + DeliveryState.ACTIVE);
      }
      DeliveryRecord updated = stored.withWithdrawal(withdrawal);
      journal.put(state.byId, id, updated);
      indexExpiry(journal, stored, updated);
      journal.remove(state.envelopes, id);
      return updated;
    });
  }

  @Override
  public DownloadOutcome recordDownload(DeliveryId id, FileId file, String reader) {
    if (reader.isEmpty() || reader.length() > MAX_READER_LENGTH) {
      throw new IllegalArgumentException("a reader is named by 1-" + MAX_READER_LENGTH
          + " characters");
    }
    return access.write(journal -> {
      DeliveryRecord stored = stored(id);
      Download download = new Download(id, file, reader);
      if (state.downloads.contains(download)) {
        return DownloadOutcome.ALREADY_COUNTED;
      }
      if (stored.downloadLimit() > 0 && stored.downloadCount() >= stored.downloadLimit()) {
        return DownloadOutcome.LIMIT_REACHED;
      }
      state.downloads.add(download);
      journal.onUndo(() -> state.downloads.remove(download));
      journal.put(state.byId, id, stored.withDownloadCount(stored.downloadCount() + 1));
      return DownloadOutcome.COUNTED;
    });
  }

  @Override
  public void putEnvelope(DeliveryEnvelope envelope) {
    access.write(journal -> {
      stored(envelope.delivery());
      Map<Slot, DeliveryEnvelope> envelopes =
          state.envelopes.computeIfAbsent(envelope.delivery(), d -> new HashMap<>());
      return journal.put(envelopes,
          new Slot(envelope.recipient(), envelope.recipientKeyVersion()), envelope);
    });
  }

  @Override
  public Optional<DeliveryEnvelope> findEnvelope(
      DeliveryId delivery, UserId recipient, KeyVersion keyVersion) {
    return access.read(() -> Optional.ofNullable(
        state.envelopes.getOrDefault(delivery, Map.of()).get(new Slot(recipient, keyVersion))));
  }

  @Override
  public List<DeliveryEnvelope> envelopes(DeliveryId delivery) {
    return access.read(() ->
        List.copyOf(state.envelopes.getOrDefault(delivery, Map.of()).values()));
  }

  private Page<DeliveryRecord> newestFirst(NavigableSet<TimeKey<DeliveryId>> index,
      PageRequest page) {
    NavigableSet<TimeKey<DeliveryId>> newestFirst = index.descendingSet();
    Iterator<TimeKey<DeliveryId>> items = page.after()
        .map(cursor -> newestFirst.tailSet(TimeKey.parse(cursor, DeliveryId::of), false))
        .orElse(newestFirst)
        .iterator();
    return Pages.of(items, page.limit(), key -> state.byId.get(key.id()), TimeKey::cursor);
  }

  private void indexExpiry(
      Journal journal, @Nullable DeliveryRecord before, DeliveryRecord after) {
    if (before != null && before.state() == DeliveryState.ACTIVE) {
      TimeKey<DeliveryId> key = new TimeKey<>(before.expiresAt(), before.id());
      if (state.activeByExpiry.remove(key)) {
        journal.onUndo(() -> state.activeByExpiry.add(key));
      }
    }
    if (after.state() == DeliveryState.ACTIVE) {
      TimeKey<DeliveryId> key = new TimeKey<>(after.expiresAt(), after.id());
      if (state.activeByExpiry.add(key)) {
        journal.onUndo(() -> state.activeByExpiry.remove(key));
      }
    }
  }

  private DeliveryRecord stored(DeliveryId id) {
    DeliveryRecord stored = state.byId.get(id);
    if (stored == null) {
      throw new NotFoundException("no delivery " + id);
    }
    return stored;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private record Slot(UserId recipient, KeyVersion keyVersion) {}

  private record Download(DeliveryId delivery, FileId file, String reader) {}

  private static final class State {
    final Map<DeliveryId, DeliveryRecord> byId = new HashMap<>();
    final Map<String, DeliveryId> byTokenHash = new HashMap<>();
    final SetIndex<UserId, TimeKey<DeliveryId>> inbox = new SetIndex<>();
    final SetIndex<UserId, TimeKey<DeliveryId>> outbox = new SetIndex<>();
    final NavigableSet<TimeKey<DeliveryId>> activeByExpiry = new TreeSet<>();
    final Map<DeliveryId, Map<Slot, DeliveryEnvelope>> envelopes = new HashMap<>();
    final Set<Download> downloads = new HashSet<>();
  }
}
