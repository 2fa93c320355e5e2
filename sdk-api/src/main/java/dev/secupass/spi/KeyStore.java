package dev.secupass.spi;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users' SecuPass key records and the key pins observers keep of each other.
 *
 * <p>Every change is conditional: of two concurrent changes to the same user's keys exactly one
 * wins and the other gets {@link dev.secupass.api.ConflictException} with nothing changed. A
 * user has at most one {@link KeyState#ACTIVE} record at any moment.
 */
public interface KeyStore {

  /**
   * Stores a user's first key record (first activation).
   *
   * @param record a record with {@code revision == 0}, state {@code ACTIVE}
   * @return the record as stored, with revision {@code 1}
   * @throws IllegalArgumentException if the record's revision is not 0 or its state not ACTIVE
   * @throws dev.secupass.api.ConflictException if the user already has any key record
   */
  KeyRecord create(KeyRecord record);

  /**
   * The user's active key record.
   *
   * @return empty if the user has never activated a SecuPass
   */
  Optional<KeyRecord> findActive(UserId user);

  /**
   * One version of the user's keys, active or retired.
   *
   * @return empty if that version does not exist
   */
  Optional<KeyRecord> find(UserId user, KeyVersion version);

  /** Every version of the user's keys, oldest first; empty if the user has none. */
  List<KeyRecord> history(UserId user);

  /**
   * Replaces the public keys, the encrypted private-key blob and the KDF cost of the record with
   * the same user and version (a changed SecuPass, a re-wrap under a stronger KDF, or a
   * post-quantum key added to the same key version at an unlock). The state and the creation time
   * of the stored record are kept.
   *
   * @param record the new contents, carrying the revision it was read at
   * @return the record as stored, with the revision incremented
   * @throws dev.secupass.api.NotFoundException if no such record exists
   * @throws dev.secupass.api.ConflictException if the stored revision is not {@code
   *     record.revision()} (someone else changed it first), or the stored record is retired
   */
  KeyRecord update(KeyRecord record);

  /**
   * Retires {@code current} and stores {@code next} as the active record, in one atomic step (a
   * reset after a forgotten SecuPass).
   *
   * @param current the active record as read, carrying its revision
   * @param next the new record: same user, a higher version, revision 0, state ACTIVE
   * @return {@code next} as stored, with revision 1
   * @throws IllegalArgumentException if {@code next} is not of that shape
   * @throws dev.secupass.api.NotFoundException if {@code current} does not exist
   * @throws dev.secupass.api.ConflictException if {@code current} is no longer active at that
   *     revision, or {@code next}'s version already exists
   */
  KeyRecord rotate(KeyRecord current, KeyRecord next);

  /**
   * The pin {@code observer} keeps of {@code subject}'s key.
   *
   * @return empty if the observer has never pinned the subject
   */
  Optional<KeyPin> findPin(UserId observer, UserId subject);

  /**
   * Stores a pin, replacing any earlier pin of the same observer and subject (an explicit
   * re-verification).
   */
  void savePin(KeyPin pin);

  /**
   * Stores each of {@code pins} as {@link #savePin} would, in order (a later pin of the same
   * observer and subject replaces an earlier one). Called in a transaction it is all or nothing
   * with it. The default calls {@link #savePin} for each; an adapter may use fewer round trips.
   */
  default void savePins(List<KeyPin> pins) {
    pins.forEach(this::savePin);
  }

  // Batch reads: one call for what a batch of grants reads one by one. The defaults call the
  // single read for each; an adapter may answer with one statement. Each returns the rows found,
  // keyed as asked (absent keys: nothing found), never a row that was not asked for.

  /** {@link #findActive} of each of {@code users}: the active key records, by user. */
  default Map<UserId, KeyRecord> findActiveAll(Collection<UserId> users) {
    Map<UserId, KeyRecord> found = new LinkedHashMap<>();
    for (UserId user : users) {
      findActive(user).ifPresent(record -> found.put(user, record));
    }
    return found;
  }

  /** {@link #findPin} of {@code observer} on each of {@code subjects}: the pins, by subject. */
  default Map<UserId, KeyPin> findPins(UserId observer, Collection<UserId> subjects) {
    Map<UserId, KeyPin> found = new LinkedHashMap<>();
    for (UserId subject : subjects) {
      findPin(observer, subject).ifPresent(pin -> found.put(subject, pin));
    }
    return found;
  }
}
