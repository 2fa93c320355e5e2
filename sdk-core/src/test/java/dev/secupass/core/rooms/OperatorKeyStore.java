package dev.secupass.core.rooms;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key store as a storage operator serves it: rows the operator planted (a retired key version
 * of their own making, or a replacement for a real retired row) are handed out beside, or instead
 * of, the real ones.
 */
final class OperatorKeyStore implements KeyStore {
  /** A planted row's place. */
  record Row(UserId user, KeyVersion version) {}

  private final KeyStore real;
  private final Map<Row, KeyRecord> planted;

  OperatorKeyStore(KeyStore real, Map<Row, KeyRecord> planted) {
    this.real = real;
    this.planted = planted;
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
    KeyRecord row = planted.get(new Row(user, version));
    return row != null ? Optional.of(row) : real.find(user, version);
  }

  @Override
  public List<KeyRecord> history(UserId user) {
    List<KeyRecord> rows = new ArrayList<>();
    real.history(user).stream()
        .filter(record -> !planted.containsKey(new Row(user, record.version())))
        .forEach(rows::add);
    planted.values().stream().filter(record -> record.user().equals(user)).forEach(rows::add);
    rows.sort(Comparator.comparing(KeyRecord::version));
    return rows;
  }

  @Override
  public KeyRecord update(KeyRecord record) {
    return real.update(record);
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
