package dev.secupass.core.firstcontact;

import dev.secupass.api.UserId;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.internal.keylog.KeyLogEntry;
import dev.secupass.core.internal.keylog.KeyLogService;
import dev.secupass.core.keylog.KeyTransparency;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.TestKeys;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.KeyRecord;
import dev.secupass.tck.MutableClock;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * A storage operator's key substitution: a user's stored keys replaced by a well-formed,
 * self-signed bundle of the operator's own for the same user id and version (whose SecuPass the
 * operator chose, so it can also unlock them), and the real keys put back later.
 */
final class OperatorKeys {
  private final MemoryStorage storage;
  private final KeyRecord real;
  private final KeyRecord forged;

  private OperatorKeys(MemoryStorage storage, KeyRecord real, KeyRecord forged) {
    this.storage = storage;
    this.real = real;
    this.forged = forged;
  }

  /** Replaces {@code user}'s active keys in {@code storage} with keys unlocked by {@code pass}. */
  static OperatorKeys substitute(MemoryStorage storage, UserId user, String pass) {
    KeyRecord real = storage.keys().findActive(user).orElseThrow();
    MemoryStorage operators = new MemoryStorage(MutableClock.at(Instant.now()));
    try (SecuPass secuPass = SecuPass.of(pass)) {
      TestKeys.builder(operators.keys()).kdfPolicy(TestPolicies.FAST).build()
          .activate(user, secuPass).close();
    }
    KeyRecord forged = operators.keys().findActive(user).orElseThrow();
    storage.keys().update(new KeyRecord(real.user(), real.version(), real.state(),
        forged.publicKeys(), forged.encryptedPrivateKeys(), forged.kdf(), real.revision(),
        real.createdAt()));
    return new OperatorKeys(storage, real, forged);
  }

  /**
   * Appends the substituted keys to the host's key log as well, so that senders' inclusion checks
   * pass: the operator holds the at-rest key, under which the SDK keeps the checkpoint key.
   */
  OperatorKeys logged(AtRestKey atRestKey, Clock clock) {
    new KeyLogService(storage, clock, new SecureRandom(), atRestKey, KeyTransparency.defaults())
        .append(storage, KeyLogEntry.of(KeyLogEntry.Event.ACTIVATION, real.user(),
            real.version(), forged.publicKeys()));
    return this;
  }

  /** Puts the user's real keys back. */
  void restore() {
    KeyRecord now = storage.keys().findActive(real.user()).orElseThrow();
    storage.keys().update(new KeyRecord(real.user(), real.version(), real.state(),
        real.publicKeys(), real.encryptedPrivateKeys(), real.kdf(), now.revision(),
        real.createdAt()));
  }
}
