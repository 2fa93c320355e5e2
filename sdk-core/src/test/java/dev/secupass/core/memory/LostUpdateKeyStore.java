package dev.secupass.core.memory;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyStore;
import java.util.List;
import java.util.Optional;

/**
 * Broken on purpose: {@link #update} ignores the caller's revision (it re-reads the stored one), so
 * a stale writer silently overwrites a newer change: the lost update compare-and-set prevents.
 */
final class LostUpdateKeyStore implements KeyStore {
  private final KeyStore real;

  LostUpdateKeyStore(KeyStore real) {
    this.real = real;
  }

  @Override
  public KeyRecord update(KeyRecord record) {
    long stored = real.find(record.user(), record.version())
        .map(KeyRecord::revision)
        .orElse(record.revision());
    return real.update(record.withRevision(stored));
  }

  @Override
  public KeyRecord create(KeyRecord record) {
    return real.create(record);
  }

  @Override
  public Optional<KeyRecord> findActive(UserId user) {
    return real.findActive(user);
  }

  @Override
  public Optional<KeyRecord> find(UserId user, KeyVersion version) {
    return real.find(user, version);
  }

  @Override
  public List<KeyRecord> history(UserId user) {
    return real.history(user);
  }

  @Override
  public KeyRecord rotate(KeyRecord current, KeyRecord next) {
    return real.rotate(current, next);
  }

  @Override
  public Optional<KeyPin> findPin(UserId observer, UserId subject) {
    return real.findPin(observer, subject);
  }

  @Override
  public void savePin(KeyPin pin) {
    real.savePin(pin);
  }
}
