package dev.secupass.core.internal.rooms;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.MembershipLogException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.spi.KeyStore;

/**
 * Public keys of members as the membership log records them: loaded from the key store by user
 * and version, then compared with the digest the log recorded, so a key record replaced in storage
 * is refused.
 */
final class RecordedKeys {
  private RecordedKeys() {}

  /**
   * The stored keys of {@code user} and {@code version}, unchecked.
   *
   * @throws MembershipLogException if there are none or they are damaged
   */
  static PublicKeys load(KeyStore store, UserId user, KeyVersion version) {
    try {
      return PublicKeys.of(store.find(user, version).orElseThrow(() ->
          new MembershipLogException("the key store has no keys of " + user + " " + version
              + ", which the room's records name")));
    } catch (MembershipLogException e) {
      throw e;
    } catch (IntegrityException e) {
      throw new MembershipLogException("the stored keys of " + user + " " + version
          + " are damaged: " + e.getMessage(), e);
    }
  }

  /**
   * The stored keys of {@code user} and {@code version}, which must be the ones {@code recorded}.
   *
   * @throws MembershipLogException if they are not
   */
  static PublicKeys load(KeyStore store, UserId user, MemberKey recorded) {
    PublicKeys keys = load(store, user, recorded.version());
    if (!recorded.matches(keys)) {
      throw new MembershipLogException("the stored keys of " + user + " " + recorded.version()
          + " are not the ones the membership log records");
    }
    return keys;
  }
}
