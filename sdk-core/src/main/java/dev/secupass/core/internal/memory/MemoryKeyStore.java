package dev.secupass.core.internal.memory;

import dev.secupass.api.ConflictException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.UserId;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import dev.secupass.spi.KeyStore;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** The in-memory {@link KeyStore}: each user's key versions in a sorted map, pins by pair. */
public final class MemoryKeyStore implements KeyStore {
  private final Access access;
  private final State state;

  public MemoryKeyStore(Access access) {
    this(access, new State());
  }

  private MemoryKeyStore(Access access, State state) {
    this.access = access;
    this.state = state;
  }

  /** A view of the same data through another access (a transaction's). */
  public MemoryKeyStore bind(Access other) {
    return new MemoryKeyStore(other, state);
  }

  @Override
  public KeyRecord create(KeyRecord record) {
    if (record.revision() != 0 || record.state() != KeyState.ACTIVE) {
      throw new IllegalArgumentException("a first key record must be ACTIVE with revision 0");
    }
    return access.write(journal -> {
      if (!versions(record.user()).isEmpty()) {
        throw new ConflictException("user " + record.user() + " already has key records");
      }
      return store(journal, record.withRevision(1));
    });
  }

  @Override
  public Optional<KeyRecord> findActive(UserId user) {
    return access.read(() -> versions(user).values().stream()
        .filter(r -> r.state() == KeyState.ACTIVE)
        .reduce((first, second) -> second));
  }

  @Override
  public Optional<KeyRecord> find(UserId user, KeyVersion version) {
    return access.read(() -> Optional.ofNullable(versions(user).get(version)));
  }

  @Override
  public List<KeyRecord> history(UserId user) {
    return access.read(() -> List.copyOf(versions(user).values()));
  }

  @Override
  public KeyRecord update(KeyRecord record) {
    return access.write(journal -> {
      KeyRecord stored = versions(record.user()).get(record.version());
      if (stored == null) {
        throw new NotFoundException(
            "no key record " + record.version() + " of user " + record.user());
      }
      if (stored.revision() != record.revision() || stored.state() != KeyState.ACTIVE) {
        throw new ConflictException("key record " + record.version() + " of user "
            + record.user() + " changed or was retired");
      }
      return store(journal, stored
          .withKeys(record.publicKeys(), record.encryptedPrivateKeys(), record.kdf())
          .withRevision(stored.revision() + 1));
    });
  }

  @Override
  public KeyRecord rotate(KeyRecord current, KeyRecord next) {
    if (!next.user().equals(current.user())
        || next.version().compareTo(current.version()) <= 0
        || next.revision() != 0
        || next.state() != KeyState.ACTIVE) {
      throw new IllegalArgumentException(
          "the next key record must be the same user's, of a higher version, ACTIVE, revision 0");
    }
    return access.write(journal -> {
      NavigableMap<KeyVersion, KeyRecord> versions = versions(current.user());
      KeyRecord stored = versions.get(current.version());
      if (stored == null) {
        throw new NotFoundException(
            "no key record " + current.version() + " of user " + current.user());
      }
      if (stored.state() != KeyState.ACTIVE || stored.revision() != current.revision()) {
        throw new ConflictException("key record " + current.version() + " of user "
            + current.user() + " is no longer active at that revision");
      }
      if (versions.containsKey(next.version())) {
        throw new ConflictException(
            "key record " + next.version() + " of user " + next.user() + " exists");
      }
      store(journal, stored.withState(KeyState.RETIRED).withRevision(stored.revision() + 1));
      return store(journal, next.withRevision(1));
    });
  }

  @Override
  public Optional<KeyPin> findPin(UserId observer, UserId subject) {
    return access.read(() -> Optional.ofNullable(state.pins.get(new Pair(observer, subject))));
  }

  @Override
  public void savePin(KeyPin pin) {
    access.write(journal -> journal.put(state.pins, new Pair(pin.observer(), pin.subject()), pin));
  }

  private NavigableMap<KeyVersion, KeyRecord> versions(UserId user) {
    NavigableMap<KeyVersion, KeyRecord> versions = state.records.get(user);
    return versions == null ? Collections.emptyNavigableMap() : versions;
  }

  private KeyRecord store(Journal journal, KeyRecord record) {
    NavigableMap<KeyVersion, KeyRecord> versions =
        state.records.computeIfAbsent(record.user(), u -> new TreeMap<>());
    journal.put(versions, record.version(), record);
    return record;
  }

  private record Pair(UserId observer, UserId subject) {}

  private static final class State {
    final Map<UserId, NavigableMap<KeyVersion, KeyRecord>> records = new HashMap<>();
    final Map<Pair, KeyPin> pins = new HashMap<>();
  }
}
