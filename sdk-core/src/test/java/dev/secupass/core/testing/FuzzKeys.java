package dev.secupass.core.testing;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.format.FormatPrefix;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.internal.keys.PublicKeyBundle;

/**
 * Fixed key pairs for fuzz targets: the same keys in every run, so that a committed corpus entry
 * (a valid envelope, statement or blob) stays valid.
 */
public final class FuzzKeys {
  public static final UserId ALICE = UserId.of("alice");
  public static final UserId BOB = UserId.of("bob");
  public static final KeyVersion ALICE_VERSION = KeyVersion.of(1);
  public static final KeyVersion BOB_VERSION = KeyVersion.of(2);

  private FuzzKeys() {}

  public static PrivateKeys alice() {
    return PrivateKeys.generate(new DeterministicRandom("fuzz alice"));
  }

  public static PrivateKeys bob() {
    return PrivateKeys.generate(new DeterministicRandom("fuzz bob"));
  }

  /** Bob's keys of suite 2 (with an X-Wing key). */
  public static PrivateKeys bobXWing() {
    return PrivateKeys.generate(new DeterministicRandom("fuzz bob x-wing"), FormatPrefix.SUITE_2);
  }

  public static PublicKeys bobXWingPublic() {
    return PublicKeys.parse(PublicKeyBundle.encode(BOB, BOB_VERSION, bobXWing()));
  }

  public static PublicKeys alicePublic() {
    return PublicKeys.parse(PublicKeyBundle.encode(ALICE, ALICE_VERSION, alice()));
  }

  public static PublicKeys bobPublic() {
    return PublicKeys.parse(PublicKeyBundle.encode(BOB, BOB_VERSION, bob()));
  }
}
