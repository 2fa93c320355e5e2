package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.UserId;
import dev.secupass.spi.KdfParameters;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import dev.secupass.spi.KeyStore;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract of {@link KeyStore}: key records under compare-and-set, and key pins. */
@DisplayName("KeyStore contract")
// Rules are tests: they dereference what the store under test returned, and a null there fails
// the rule. Like the SDK's own tests, they are not null-checked.
@SuppressWarnings("NullAway")
public abstract class KeyStoreContractTest extends StorageContract {

  KeyStore keys() {
    return storage.keys();
  }

  KeyRecord newRecord(UserId user, KeyVersion version) {
    return Samples.keyRecord(user, version, clock.instant());
  }

  KeyRecord created(UserId user) {
    return keys().create(newRecord(user, KeyVersion.FIRST));
  }

  @Nested
  @DisplayName("KeyStore.create")
  class Create {
    @Test
    @DisplayName("stores a first record at revision 1, found as the active record")
    void create_storesAtRevisionOne() {
      UserId user = Samples.user();
      KeyRecord record = newRecord(user, KeyVersion.FIRST);

      KeyRecord stored = keys().create(record);

      assertThat(stored).isEqualTo(record.withRevision(1));
      assertThat(keys().findActive(user)).contains(stored);
      assertThat(keys().find(user, KeyVersion.FIRST)).contains(stored);
    }

    @Test
    @DisplayName("rejects a record whose revision is not 0")
    void create_nonZeroRevision_throwsIllegalArgument() {
      KeyRecord record = newRecord(Samples.user(), KeyVersion.FIRST).withRevision(3);

      assertThatThrownBy(() -> keys().create(record)).isInstanceOf(IllegalArgumentException.class);
      assertThat(keys().history(record.user())).isEmpty();
    }

    @Test
    @DisplayName("rejects a record that is not ACTIVE")
    void create_retired_throwsIllegalArgument() {
      KeyRecord record = newRecord(Samples.user(), KeyVersion.FIRST).withState(KeyState.RETIRED);

      assertThatThrownBy(() -> keys().create(record)).isInstanceOf(IllegalArgumentException.class);
      assertThat(keys().history(record.user())).isEmpty();
    }

    @Test
    @DisplayName("conflicts when the user already has a key record, changing nothing")
    void create_userHasRecord_conflicts() {
      UserId user = Samples.user();
      KeyRecord first = created(user);

      assertThatThrownBy(() -> keys().create(newRecord(user, KeyVersion.of(2))))
          .isInstanceOf(ConflictException.class);
      assertThat(keys().history(user)).containsExactly(first);
    }

    @Test
    @DisplayName("of many racing first activations of one user exactly one wins")
    void create_racing_exactlyOneWins() {
      UserId user = Samples.user();

      KeyRecord winner = Race.exactlyOneWinner(
          Race.run(i -> keys().create(newRecord(user, KeyVersion.FIRST))));

      assertThat(keys().history(user)).containsExactly(winner);
    }
  }

  @Nested
  @DisplayName("KeyStore reads")
  class Reads {
    @Test
    @DisplayName("finds nothing for a user who never activated")
    void reads_unknownUser_areEmpty() {
      UserId user = Samples.user();

      assertThat(keys().findActive(user)).isEmpty();
      assertThat(keys().find(user, KeyVersion.FIRST)).isEmpty();
      assertThat(keys().history(user)).isEmpty();
    }

    @Test
    @DisplayName("finds nothing for a version the user does not have")
    void find_unknownVersion_isEmpty() {
      UserId user = Samples.user();
      created(user);

      assertThat(keys().find(user, KeyVersion.of(2))).isEmpty();
    }

    @Test
    @DisplayName("lists a user's history oldest first, with only the newest version active")
    void history_afterRotations_isOldestFirst() {
      UserId user = Samples.user();
      KeyRecord v1 = created(user);
      KeyRecord v2 = keys().rotate(v1, newRecord(user, KeyVersion.of(2)));
      KeyRecord v3 = keys().rotate(v2, newRecord(user, KeyVersion.of(3)));

      List<KeyRecord> history = keys().history(user);

      assertThat(history).extracting(KeyRecord::version)
          .containsExactly(KeyVersion.FIRST, KeyVersion.of(2), KeyVersion.of(3));
      assertThat(history).extracting(KeyRecord::state)
          .containsExactly(KeyState.RETIRED, KeyState.RETIRED, KeyState.ACTIVE);
      assertThat(keys().findActive(user)).contains(v3);
    }

    @Test
    @DisplayName("keeps every byte of the public keys and the encrypted private keys")
    void create_opaqueBytes_roundTripExactly() {
      UserId user = Samples.user();
      KeyRecord record = new KeyRecord(user, KeyVersion.FIRST, KeyState.ACTIVE,
          new byte[] {0, -1, 127, -128, 0}, new byte[] {0, 0, -2}, Samples.KDF, 0,
          clock.instant());

      keys().create(record);

      KeyRecord read = keys().find(user, KeyVersion.FIRST).orElseThrow();
      assertThat(read.publicKeys()).containsExactly(0, -1, 127, -128, 0);
      assertThat(read.encryptedPrivateKeys()).containsExactly(0, 0, -2);
      assertThat(read.createdAt()).isEqualTo(record.createdAt());
    }
  }

  @Nested
  @DisplayName("KeyStore.update")
  class Update {
    @Test
    @DisplayName("replaces the encrypted private keys and KDF cost and increments the revision")
    void update_replacesPrivateKeysAndIncrementsRevision() {
      KeyRecord stored = created(Samples.user());
      KdfParameters stronger = new KdfParameters("argon2id", 262144, 4, 2);
      byte[] rewrapped = Samples.bytes(100);

      KeyRecord updated = keys().update(stored.withEncryptedPrivateKeys(rewrapped, stronger));

      assertThat(updated.revision()).isEqualTo(stored.revision() + 1);
      assertThat(updated.encryptedPrivateKeys()).isEqualTo(rewrapped);
      assertThat(updated.kdf()).isEqualTo(stronger);
      assertThat(keys().findActive(stored.user())).contains(updated);
    }

    @Test
    @DisplayName("replaces the public keys and private keys, keeps the state and creation time")
    void update_replacesKeys_keepsStateAndCreation() {
      KeyRecord stored = created(Samples.user());
      KeyRecord tampered = new KeyRecord(stored.user(), stored.version(), KeyState.RETIRED,
          Samples.bytes(64), Samples.bytes(96), Samples.KDF, stored.revision(),
          stored.createdAt().plusSeconds(5));

      KeyRecord updated = keys().update(tampered);

      assertThat(updated.publicKeys()).isEqualTo(tampered.publicKeys());
      assertThat(updated.state()).isEqualTo(KeyState.ACTIVE);
      assertThat(updated.createdAt()).isEqualTo(stored.createdAt());
      assertThat(updated.encryptedPrivateKeys()).isEqualTo(tampered.encryptedPrivateKeys());
    }

    @Test
    @DisplayName("conflicts on a stale revision, changing nothing")
    void update_staleRevision_conflicts() {
      KeyRecord stored = created(Samples.user());
      KeyRecord current = keys().update(stored.withEncryptedPrivateKeys(Samples.bytes(96),
          Samples.KDF));

      assertThatThrownBy(() -> keys().update(
          stored.withEncryptedPrivateKeys(Samples.bytes(96), Samples.KDF)))
          .isInstanceOf(ConflictException.class);
      assertThat(keys().findActive(stored.user())).contains(current);
    }

    @Test
    @DisplayName("conflicts on a retired record")
    void update_retiredRecord_conflicts() {
      UserId user = Samples.user();
      KeyRecord v1 = created(user);
      keys().rotate(v1, newRecord(user, KeyVersion.of(2)));
      KeyRecord retired = keys().find(user, KeyVersion.FIRST).orElseThrow();

      assertThatThrownBy(() -> keys().update(
          retired.withEncryptedPrivateKeys(Samples.bytes(96), Samples.KDF)))
          .isInstanceOf(ConflictException.class);
      assertThat(keys().find(user, KeyVersion.FIRST)).contains(retired);
    }

    @Test
    @DisplayName("throws NotFound for a record that does not exist")
    void update_unknownRecord_throwsNotFound() {
      KeyRecord never = newRecord(Samples.user(), KeyVersion.FIRST).withRevision(1);

      assertThatThrownBy(() -> keys().update(never)).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("of many racing updates at one revision exactly one wins")
    void update_racing_exactlyOneWins() {
      KeyRecord stored = created(Samples.user());

      KeyRecord winner = Race.exactlyOneWinner(Race.run(i -> keys().update(
          stored.withEncryptedPrivateKeys(Samples.bytes(96), Samples.KDF))));

      assertThat(winner.revision()).isEqualTo(stored.revision() + 1);
      assertThat(keys().findActive(stored.user())).contains(winner);
    }
  }

  @Nested
  @DisplayName("KeyStore.rotate")
  class Rotate {
    @Test
    @DisplayName("retires the current record and stores the next one active at revision 1")
    void rotate_retiresCurrentAndActivatesNext() {
      UserId user = Samples.user();
      KeyRecord v1 = created(user);
      KeyRecord next = newRecord(user, KeyVersion.of(2));

      KeyRecord v2 = keys().rotate(v1, next);

      assertThat(v2).isEqualTo(next.withRevision(1));
      assertThat(keys().findActive(user)).contains(v2);
      KeyRecord retired = keys().find(user, KeyVersion.FIRST).orElseThrow();
      assertThat(retired.state()).isEqualTo(KeyState.RETIRED);
      assertThat(retired.publicKeys()).isEqualTo(v1.publicKeys());
    }

    @Test
    @DisplayName("rejects a next record of another user, a version not higher, a revision not 0"
        + " or a state not ACTIVE")
    void rotate_malformedNext_throwsIllegalArgument() {
      UserId user = Samples.user();
      KeyRecord v1 = created(user);
      KeyRecord good = newRecord(user, KeyVersion.of(2));

      for (KeyRecord bad : List.of(newRecord(Samples.user(), KeyVersion.of(2)),
          newRecord(user, KeyVersion.FIRST), good.withRevision(1),
          good.withState(KeyState.RETIRED))) {
        assertThatThrownBy(() -> keys().rotate(v1, bad))
            .as("next = %s", bad).isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(keys().history(user)).containsExactly(v1);
    }

    @Test
    @DisplayName("throws NotFound when the current record does not exist")
    void rotate_unknownCurrent_throwsNotFound() {
      UserId user = Samples.user();
      KeyRecord ghost = newRecord(user, KeyVersion.FIRST).withRevision(1);

      assertThatThrownBy(() -> keys().rotate(ghost, newRecord(user, KeyVersion.of(2))))
          .isInstanceOf(NotFoundException.class);
      assertThat(keys().history(user)).isEmpty();
    }

    @Test
    @DisplayName("conflicts when the current record changed since it was read")
    void rotate_staleCurrent_conflicts() {
      UserId user = Samples.user();
      KeyRecord v1 = created(user);
      KeyRecord changed = keys().update(v1.withEncryptedPrivateKeys(Samples.bytes(96),
          Samples.KDF));

      assertThatThrownBy(() -> keys().rotate(v1, newRecord(user, KeyVersion.of(2))))
          .isInstanceOf(ConflictException.class);
      assertThat(keys().history(user)).containsExactly(changed);
    }

    @Test
    @DisplayName("conflicts when the current record was already retired")
    void rotate_retiredCurrent_conflicts() {
      UserId user = Samples.user();
      KeyRecord v1 = created(user);
      KeyRecord v2 = keys().rotate(v1, newRecord(user, KeyVersion.of(2)));
      KeyRecord retired = keys().find(user, KeyVersion.FIRST).orElseThrow();

      assertThatThrownBy(() -> keys().rotate(retired, newRecord(user, KeyVersion.of(3))))
          .isInstanceOf(ConflictException.class);
      assertThat(keys().findActive(user)).contains(v2);
      assertThat(keys().find(user, KeyVersion.of(3))).isEmpty();
    }

    @Test
    @DisplayName("of many racing resets exactly one wins and one record stays active")
    void rotate_racing_exactlyOneWins() {
      UserId user = Samples.user();
      KeyRecord v1 = created(user);

      KeyRecord winner = Race.exactlyOneWinner(
          Race.run(i -> keys().rotate(v1, newRecord(user, KeyVersion.of(2 + i)))));

      assertThat(keys().findActive(user)).contains(winner);
      assertThat(keys().history(user)).hasSize(2)
          .filteredOn(r -> r.state() == KeyState.ACTIVE).containsExactly(winner);
    }
  }

  @Nested
  @DisplayName("KeyStore pins")
  class Pins {
    @Test
    @DisplayName("finds no pin the observer never saved")
    void findPin_neverPinned_isEmpty() {
      assertThat(keys().findPin(Samples.user(), Samples.user())).isEmpty();
    }

    @Test
    @DisplayName("finds a saved pin exactly as saved")
    void savePin_thenFind_returnsIt() {
      KeyPin pin = Samples.pin(Samples.user(), Samples.user(), clock.instant());

      keys().savePin(pin);

      assertThat(keys().findPin(pin.observer(), pin.subject())).contains(pin);
    }

    @Test
    @DisplayName("replaces the earlier pin of the same observer and subject")
    void savePin_again_replaces() {
      UserId observer = Samples.user();
      UserId subject = Samples.user();
      keys().savePin(Samples.pin(observer, subject, clock.instant()));
      KeyPin reverified = new KeyPin(observer, subject, KeyVersion.of(2), Samples.fingerprint(),
          clock.advance(java.time.Duration.ofMinutes(1)), Samples.bytes(32));

      keys().savePin(reverified);

      assertThat(keys().findPin(observer, subject)).contains(reverified);
    }

    @Test
    @DisplayName("keeps pins per direction: A's pin of B is not B's pin of A")
    void pins_arePerObserverAndSubject() {
      UserId a = Samples.user();
      UserId b = Samples.user();
      KeyPin aOfB = Samples.pin(a, b, clock.instant());

      keys().savePin(aOfB);

      assertThat(keys().findPin(b, a)).isEmpty();
      assertThat(keys().findPin(a, b)).contains(aOfB);
    }
  }
}
