package dev.secupass.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyChangedException;
import dev.secupass.api.KeyDowngradeException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.keys.KeyPinning;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.testing.KeyFixture;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import dev.secupass.tck.Samples;
import org.junit.jupiter.api.Test;

class KeyPinningTest {
  private final KeyFixture fixture = new KeyFixture();
  private final KeyPinning pinning = fixture.keys().pinning();
  private final UserId alice = Samples.user();
  private final UserId bob = Samples.user();

  @Test
  void firstUse_pinsTheKeysWithASeal() {
    Fingerprint bobs;
    try (KeySession bobSession = fixture.activate(bob, "b")) {
      bobs = bobSession.publicKeys().fingerprint();
    }
    try (KeySession observer = fixture.activate(alice, "a")) {
      PublicKeys keys = pinning.verifiedKeys(observer, bob);

      assertThat(keys.fingerprint()).isEqualTo(bobs);
      KeyPin pin = fixture.store().findPin(alice, bob).orElseThrow();
      assertThat(pin.fingerprint()).isEqualTo(bobs);
      assertThat(pin.version()).isEqualTo(KeyVersion.FIRST);
      // u32 observer key version, u8 suite 2 (bob's keys have an X-Wing key), HMAC-SHA256
      assertThat(pin.seal()).hasSize(37);
      assertThat(pin.seal()[4]).isEqualTo((byte) 2);
      assertThat(pinning.pinnedFingerprint(observer, bob)).contains(bobs);
      assertThat(pinning.verifiedKeys(observer, bob)).isEqualTo(keys);
    }
  }

  @Test
  void pinOfXWingKeys_withTheSuiteStrippedFromTheSeal_isIntegrityException() {
    fixture.activate(bob, "b").close();
    try (KeySession observer = fixture.activate(alice, "a")) {
      pinning.verifiedKeys(observer, bob);
      KeyPin pin = fixture.store().findPin(alice, bob).orElseThrow();
      byte[] seal = pin.seal();
      byte[] stripped = new byte[36];
      System.arraycopy(seal, 0, stripped, 0, 4);
      System.arraycopy(seal, 5, stripped, 4, 32);
      fixture.store().savePin(new KeyPin(alice, bob, pin.version(), pin.fingerprint(),
          pin.pinnedAt(), stripped));

      assertThatThrownBy(() -> pinning.verifiedKeys(observer, bob))
          .isInstanceOf(IntegrityException.class)
          .isNotInstanceOf(KeyDowngradeException.class);
    }
  }

  @Test
  void fingerprint_isEightGroupsOfFiveDigitsAndStable() {
    fixture.activate(bob, "b").close();
    try (KeySession observer = fixture.activate(alice, "a")) {
      Fingerprint first = pinning.verifiedKeys(observer, bob).fingerprint();

      assertThat(first.digits()).matches("[0-9]{5}( [0-9]{5}){7}");
      assertThat(fixture.keys().activeKeys(bob).orElseThrow().fingerprint()).isEqualTo(first);
    }
  }

  @Test
  void subjectWithoutSecuPass_throwsSecuPassRequired() {
    try (KeySession observer = fixture.activate(alice, "a")) {
      assertThatThrownBy(() -> pinning.verifiedKeys(observer, bob))
          .isInstanceOf(SecuPassRequiredException.class);
    }
  }

  @Test
  void keysReplacedInStorage_throwKeyChanged() {
    fixture.activate(bob, "b").close();
    try (KeySession observer = fixture.activate(alice, "a")) {
      Fingerprint pinned = pinning.verifiedKeys(observer, bob).fingerprint();
      replaceActiveKeys(bob);

      assertThatThrownBy(() -> pinning.verifiedKeys(observer, bob))
          .isInstanceOf(KeyChangedException.class)
          .satisfies(e -> assertThat(((KeyChangedException) e).pinned()).isEqualTo(pinned));
    }
  }

  @Test
  void subjectReset_throwsKeyChangedUntilReverified() {
    fixture.activate(bob, "b").close();
    try (KeySession observer = fixture.activate(alice, "a")) {
      pinning.verifiedKeys(observer, bob);
      Fingerprint fresh;
      try (KeySession reset = fixture.keys().reset(bob, SecuPass.of("new"))) {
        fresh = reset.publicKeys().fingerprint();
      }

      KeyChangedException changed = org.junit.jupiter.api.Assertions.assertThrows(
          KeyChangedException.class, () -> pinning.verifiedKeys(observer, bob));
      assertThat(changed.presented()).isEqualTo(fresh);

      PublicKeys reverified = pinning.reverify(observer, bob, fresh);
      assertThat(reverified.version()).isEqualTo(KeyVersion.of(2));
      assertThat(pinning.verifiedKeys(observer, bob)).isEqualTo(reverified);
    }
  }

  @Test
  void reverify_withAFingerprintThatDoesNotMatch_throwsKeyChangedAndPinsNothing() {
    fixture.activate(bob, "b").close();
    try (KeySession observer = fixture.activate(alice, "a")) {
      Fingerprint wrong = Fingerprint.of("11111 22222 33333 44444 55555 66666 77777 88888");

      assertThatThrownBy(() -> pinning.reverify(observer, bob, wrong))
          .isInstanceOf(KeyChangedException.class);
      assertThat(fixture.store().findPin(alice, bob)).isEmpty();
    }
  }

  @Test
  void pinRewrittenInStorage_throwsIntegrity() {
    fixture.activate(bob, "b").close();
    try (KeySession observer = fixture.activate(alice, "a")) {
      pinning.verifiedKeys(observer, bob);
      KeyPin pin = fixture.store().findPin(alice, bob).orElseThrow();
      PublicKeys replaced = replaceActiveKeys(bob);
      fixture.store().savePin(new KeyPin(alice, bob, pin.version(), replaced.fingerprint(),
          pin.pinnedAt(), pin.seal()));

      assertThatThrownBy(() -> pinning.verifiedKeys(observer, bob))
          .isInstanceOf(IntegrityException.class).hasMessageContaining("altered");
      assertThat(pinning.pinnedFingerprint(observer, bob)).isEmpty();
    }
  }

  @Test
  void observersOwnReset_resealsMatchingPinsAndStillCatchesChangedKeys() {
    fixture.activate(bob, "b").close();
    try (KeySession before = fixture.activate(alice, "a")) {
      pinning.verifiedKeys(before, bob);
    }
    try (KeySession after = fixture.keys().reset(alice, SecuPass.of("a2"))) {
      pinning.verifiedKeys(after, bob);

      assertThat(pinning.pinnedFingerprint(after, bob)).isPresent();
      replaceActiveKeys(bob);
      assertThatThrownBy(() -> pinning.verifiedKeys(after, bob))
          .isInstanceOf(KeyChangedException.class);
    }
  }

  @Test
  void verifiedKeysOfAnOtherVersionThanPinned_throwKeyChanged() {
    fixture.activate(bob, "b").close();
    try (KeySession observer = fixture.activate(alice, "a")) {
      pinning.verifiedKeys(observer, bob);
      fixture.keys().reset(bob, SecuPass.of("new")).close();

      assertThat(pinning.verifiedKeys(observer, bob, KeyVersion.FIRST).version())
          .isEqualTo(KeyVersion.FIRST);
      assertThatThrownBy(() -> pinning.verifiedKeys(observer, bob, KeyVersion.of(2)))
          .isInstanceOf(KeyChangedException.class);
    }
  }

  /** What a storage operator can do: put a fresh key pair in place of the subject's. */
  private PublicKeys replaceActiveKeys(UserId subject) {
    KeyFixture elsewhere = new KeyFixture();
    elsewhere.activate(subject, "mallory").close();
    KeyRecord fake = elsewhere.store().findActive(subject).orElseThrow();
    KeyRecord current = fixture.store().findActive(subject).orElseThrow();
    KeyRecord next = new KeyRecord(subject, current.version().next(), KeyState.ACTIVE,
        rebundle(fake, current.version().next()), fake.encryptedPrivateKeys(), fake.kdf(), 0,
        fake.createdAt());
    fixture.store().rotate(current, next);
    return PublicKeys.of(next);
  }

  private byte[] rebundle(KeyRecord fake, KeyVersion version) {
    KeyFixture again = new KeyFixture();
    UserId subject = fake.user();
    again.activate(subject, "mallory").close();
    for (int v = 2; v <= version.value(); v++) {
      again.keys().reset(subject, SecuPass.of("mallory")).close();
    }
    return again.store().findActive(subject).orElseThrow().publicKeys();
  }
}
