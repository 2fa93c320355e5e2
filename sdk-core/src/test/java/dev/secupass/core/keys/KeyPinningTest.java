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
import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.keys.PinSeal;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.testing.KeyFixture;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import dev.secupass.tck.Samples;
import java.nio.charset.StandardCharsets;
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
      // u8 2, u32 observer key version, u8 trust, u8 suite 2 (bob's keys have an X-Wing key),
      // u16 no earlier pins, HMAC-SHA256
      assertThat(pin.seal()).hasSize(41).startsWith(2);
      assertThat(pin.seal()[6]).isEqualTo((byte) 2);
      assertThat(pinning.pinnedFingerprint(observer, bob)).contains(bobs);
      assertThat(pinning.verifiedKeys(observer, bob)).isEqualTo(keys);
    }
  }

  @Test
  void pinOfXWingKeys_withTheSuiteLoweredInTheSeal_isIntegrityException() {
    fixture.activate(bob, "b").close();
    try (KeySession observer = fixture.activate(alice, "a")) {
      pinning.verifiedKeys(observer, bob);
      KeyPin pin = fixture.store().findPin(alice, bob).orElseThrow();
      byte[] lowered = pin.seal();
      lowered[6] = 1; // u8 suite 2 -> 1
      fixture.store().savePin(new KeyPin(alice, bob, pin.version(), pin.fingerprint(),
          pin.pinnedAt(), lowered));

      assertThatThrownBy(() -> pinning.verifiedKeys(observer, bob))
          .isInstanceOf(IntegrityException.class)
          .isNotInstanceOf(KeyDowngradeException.class);
    }
  }

  @Test
  void pinOfXWingKeys_sealedAsVersionOne_isIntegrityException() {
    fixture.activate(bob, "b").close();
    try (KeySession observer = fixture.activate(alice, "a")) {
      pinning.verifiedKeys(observer, bob);
      KeyPin pin = fixture.store().findPin(alice, bob).orElseThrow();
      // the 37-byte seal an earlier draft of suite 2 wrote: not a format any reader accepts
      byte[] draft = new byte[PinSeal.V1_SIZE + 1];
      draft[3] = 1;
      draft[4] = 2;
      fixture.store().savePin(new KeyPin(alice, bob, pin.version(), pin.fingerprint(),
          pin.pinnedAt(), draft));

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

  @Test
  void pinRewrittenWithAnEmptySeal_isAnIntegrityFailure_andIsNotResealed() {
    fixture.activate(bob, "b").close();
    try (KeySession observer = fixture.activate(alice, "a")) {
      pinning.verifiedKeys(observer, bob);
      KeyPin pin = fixture.store().findPin(alice, bob).orElseThrow();
      fixture.store().savePin(new KeyPin(alice, bob, pin.version(), pin.fingerprint(),
          pin.pinnedAt(), new byte[0]));

      assertThatThrownBy(() -> pinning.verifiedKeys(observer, bob))
          .isInstanceOf(IntegrityException.class).hasMessageContaining("altered");
      assertThat(pinning.pinnedFingerprint(observer, bob)).isEmpty();
      assertThat(fixture.store().findPin(alice, bob).orElseThrow().seal()).isEmpty();
    }
  }

  @Test
  void sealClaimingANewerKeyVersionOfTheObserver_isAnIntegrityFailure() {
    fixture.activate(bob, "b").close();
    try (KeySession observer = fixture.activate(alice, "a")) {
      pinning.verifiedKeys(observer, bob);
      KeyPin pin = fixture.store().findPin(alice, bob).orElseThrow();
      byte[] v2 = pin.seal();
      v2[4] = 2; // u32 observer key version 1 -> 2
      byte[] v1 = new byte[PinSeal.V1_SIZE];
      v1[3] = 2;
      for (byte[] seal : new byte[][] {v2, v1}) {
        fixture.store().savePin(new KeyPin(alice, bob, pin.version(), pin.fingerprint(),
            pin.pinnedAt(), seal));

        assertThatThrownBy(() -> pinning.verifiedKeys(observer, bob))
            .isInstanceOf(IntegrityException.class);
        assertThat(fixture.store().findPin(alice, bob).orElseThrow().seal()).isEqualTo(seal);
      }
    }
  }

  @Test
  void versionOnePin_stillChecks_andIsResealedAsVersionTwo() {
    fixture.activate(bob, "b").close();
    try (KeySession observer = fixture.activate(alice, "a")) {
      PublicKeys bobs = pinning.verifiedKeys(observer, bob);
      KeyRecord record = fixture.store().findActive(alice).orElseThrow();
      byte[] v1;
      try (PrivateKeys keys = KeyBlob.open(record.encryptedPrivateKeys(), alice,
          record.version(), record.kdf(), "a".getBytes(StandardCharsets.UTF_8))) {
        v1 = PinSeal.seal(PinSeal.deriveKey(keys, alice, record.version()), alice,
            record.version(), bob, bobs.version(), bobs.fingerprint());
      }
      KeyPin pin = fixture.store().findPin(alice, bob).orElseThrow();
      fixture.store().savePin(new KeyPin(alice, bob, pin.version(), pin.fingerprint(),
          pin.pinnedAt(), v1));

      assertThat(pinning.verifiedKeys(observer, bob)).isEqualTo(bobs);
      byte[] resealed = fixture.store().findPin(alice, bob).orElseThrow().seal();
      assertThat(resealed).hasSize(41).startsWith(2);
      assertThat(resealed[6]).as("suite").isEqualTo((byte) 2);
      v1[10] ^= 1;
      fixture.store().savePin(new KeyPin(alice, bob, pin.version(), pin.fingerprint(),
          pin.pinnedAt(), v1));
      assertThatThrownBy(() -> pinning.verifiedKeys(observer, bob))
          .isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  void reverifiedSubject_keepsTheEarlierVersionInThePinHistory() {
    fixture.activate(bob, "b").close();
    try (KeySession observer = fixture.activate(alice, "a")) {
      PublicKeys first = pinning.verifiedKeys(observer, bob);
      Fingerprint fresh;
      try (KeySession reset = fixture.keys().reset(bob, SecuPass.of("new"))) {
        fresh = reset.publicKeys().fingerprint();
      }
      pinning.reverify(observer, bob, fresh);

      assertThat(pinning.standing(observer, first)).isEqualTo(KeyPinning.Standing.PINNED);
      assertThat(pinning.verifiedKeys(observer, bob, KeyVersion.FIRST)).isEqualTo(first);
      assertThat(pinning.verifiedKeys(observer, bob).fingerprint()).isEqualTo(fresh);
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
