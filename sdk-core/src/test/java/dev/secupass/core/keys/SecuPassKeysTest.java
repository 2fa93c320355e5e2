package dev.secupass.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.InvalidKeyBlobException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongSecuPassException;
import dev.secupass.core.internal.keys.KdfPolicies;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.testing.KeyFixture;
import dev.secupass.core.testing.TestKeys;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import dev.secupass.tck.Samples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecuPassKeysTest {
  private final KeyFixture fixture = new KeyFixture();
  private final UserId alice = Samples.user();

  @Test
  void activate_storesPublicKeysAndOnlyAnEncryptedBlob() {
    try (KeySession session = fixture.activate(alice, "correct horse battery")) {
      KeyRecord record = fixture.store().findActive(alice).orElseThrow();

      assertThat(record.version()).isEqualTo(KeyVersion.FIRST);
      assertThat(record.kdf()).isEqualTo(KdfPolicies.parameters(TestPolicies.FAST));
      assertThat(session.publicKeys().encoded()).isEqualTo(record.publicKeys());
      assertThat(session.keyVersion()).isEqualTo(KeyVersion.FIRST);
    }
  }

  @Test
  void unlock_rightSecuPass_givesTheActivatedKeys() {
    String fingerprint;
    try (KeySession activated = fixture.activate(alice, "correct horse battery")) {
      fingerprint = activated.publicKeys().fingerprint().digits();
    }

    try (KeySession unlocked = fixture.unlock(alice, "correct horse battery")) {
      assertThat(unlocked.publicKeys().fingerprint().digits()).isEqualTo(fingerprint);
    }
  }

  @Test
  void activate_twice_throwsConflict() {
    fixture.activate(alice, "first").close();

    assertThatThrownBy(() -> fixture.activate(alice, "second"))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void unlock_withoutActivation_throwsSecuPassRequired() {
    assertThatThrownBy(() -> fixture.unlock(alice, "anything"))
        .isInstanceOf(SecuPassRequiredException.class)
        .satisfies(e -> assertThat(((SecuPassRequiredException) e).user()).isEqualTo(alice));
    assertThat(fixture.keys().hasSecuPass(alice)).isFalse();
    assertThatThrownBy(() -> fixture.keys().requireSecuPass(alice))
        .isInstanceOf(SecuPassRequiredException.class);
  }

  @Test
  void unlock_wrongSecuPass_throwsWrongSecuPassAndTellsTheListener() {
    fixture.activate(alice, "correct horse battery").close();
    List<String> calls = new ArrayList<>();
    KeyService keys = TestKeys.builder(fixture.store())
        .kdfPolicy(TestPolicies.FAST)
        .unlockAttemptListener(new UnlockAttemptListener() {
          @Override
          public void beforeAttempt(UserId user) {
            calls.add("before " + user);
          }

          @Override
          public void wrongSecuPass(UserId user) {
            calls.add("wrong " + user);
          }

          @Override
          public void succeeded(UserId user) {
            calls.add("ok " + user);
          }
        })
        .build();

    assertThatThrownBy(() -> keys.unlock(alice, SecuPass.of("correct horse battery!")))
        .isInstanceOf(WrongSecuPassException.class)
        .hasMessageNotContaining("horse");
    keys.unlock(alice, SecuPass.of("correct horse battery")).close();

    assertThat(calls).containsExactly("before " + alice, "wrong " + alice, "before " + alice,
        "ok " + alice);
  }

  @Test
  void unlock_listenerRefuses_propagatesItsExceptionBeforeAnyCheck() {
    fixture.activate(alice, "pass").close();
    List<String> calls = new ArrayList<>();
    KeyService locked = TestKeys.builder(fixture.store())
        .kdfPolicy(TestPolicies.FAST)
        .unlockAttemptListener(new UnlockAttemptListener() {
          @Override
          public void beforeAttempt(UserId user) {
            throw new IllegalStateException("locked out");
          }

          @Override
          public void wrongSecuPass(UserId user) {
            calls.add("wrong");
          }
        })
        .build();

    assertThatThrownBy(() -> locked.unlock(alice, SecuPass.of("wrong")))
        .isInstanceOf(IllegalStateException.class).hasMessage("locked out");
    assertThat(calls).isEmpty();
  }

  @Test
  void unlock_blobWithAnyByteFlipped_throwsInvalidKeyBlobNeverWrongSecuPass() {
    fixture.activate(alice, "pass").close();
    KeyRecord record = fixture.store().findActive(alice).orElseThrow();
    byte[] blob = record.encryptedPrivateKeys();

    for (int i = 0; i < blob.length; i++) {
      byte[] damaged = blob.clone();
      damaged[i] ^= 0x10;
      KeyRecord current = fixture.store().findActive(alice).orElseThrow();
      fixture.store().update(current.withEncryptedPrivateKeys(damaged, current.kdf()));

      assertThatThrownBy(() -> fixture.unlock(alice, "pass"))
          .as("byte %d flipped", i)
          .isInstanceOfAny(InvalidKeyBlobException.class,
              dev.secupass.api.UnsupportedFormatException.class);
    }
  }

  @Test
  void unlock_blobOfAnotherUser_throwsInvalidKeyBlob() {
    UserId bob = Samples.user();
    fixture.activate(alice, "pass").close();
    fixture.activate(bob, "pass").close();
    KeyRecord aliceRecord = fixture.store().findActive(alice).orElseThrow();
    KeyRecord bobRecord = fixture.store().findActive(bob).orElseThrow();
    fixture.store().update(bobRecord.withEncryptedPrivateKeys(aliceRecord.encryptedPrivateKeys(),
        aliceRecord.kdf()));

    assertThatThrownBy(() -> fixture.unlock(bob, "pass"))
        .isInstanceOf(InvalidKeyBlobException.class)
        .hasMessageContaining("another user");
  }

  @Test
  void unlock_blobNotMatchingThePublicKeys_throwsInvalidKeyBlob() {
    KeyFixture elsewhere = new KeyFixture();
    elsewhere.activate(alice, "pass").close();
    fixture.activate(alice, "pass").close();
    KeyRecord here = fixture.store().findActive(alice).orElseThrow();
    KeyRecord there = elsewhere.store().findActive(alice).orElseThrow();
    fixture.store().update(here.withEncryptedPrivateKeys(there.encryptedPrivateKeys(),
        there.kdf()));

    assertThatThrownBy(() -> fixture.unlock(alice, "pass"))
        .isInstanceOf(InvalidKeyBlobException.class)
        .hasMessageContaining("public keys");
  }

  @Test
  void unlock_kdfParametersDifferingFromTheRecord_throwsInvalidKeyBlob() {
    fixture.activate(alice, "pass").close();
    KeyRecord record = fixture.store().findActive(alice).orElseThrow();
    fixture.store().update(record.withEncryptedPrivateKeys(record.encryptedPrivateKeys(),
        KdfPolicies.parameters(TestPolicies.FAST_RAISED)));

    assertThatThrownBy(() -> fixture.unlock(alice, "pass"))
        .isInstanceOf(InvalidKeyBlobException.class)
        .hasMessageContaining("KDF parameters");
  }

  @Test
  void unlock_underARaisedPolicy_resealsTheBlobUnderIt() {
    fixture.activate(alice, "pass").close();

    try (SecuPass pass = SecuPass.of("pass")) {
      fixture.keys(TestPolicies.FAST_RAISED).unlock(alice, pass).close();
    }

    KeyRecord record = fixture.store().findActive(alice).orElseThrow();
    assertThat(record.kdf()).isEqualTo(KdfPolicies.parameters(TestPolicies.FAST_RAISED));
    assertThat(record.revision()).isEqualTo(2);
    fixture.unlock(alice, "pass").close();
  }

  @Test
  void secuPass_composedAndDecomposedAccents_unlockTheSameKeys() {
    fixture.activate(alice, "Kennwort f\u00fcr \u00c5sa").close();

    fixture.unlock(alice, "Kennwort fu\u0308r A\u030asa").close();
  }

  @Test
  void change_keepsTheKeysAndOnlyTheNewSecuPassUnlocks() {
    String fingerprint;
    try (KeySession session = fixture.activate(alice, "old pass")) {
      fingerprint = session.publicKeys().fingerprint().digits();
    }

    fixture.keys().change(alice, SecuPass.of("old pass"), SecuPass.of("new pass"));

    assertThatThrownBy(() -> fixture.unlock(alice, "old pass"))
        .isInstanceOf(WrongSecuPassException.class);
    try (KeySession session = fixture.unlock(alice, "new pass")) {
      assertThat(session.publicKeys().fingerprint().digits()).isEqualTo(fingerprint);
      assertThat(session.keyVersion()).isEqualTo(KeyVersion.FIRST);
    }
  }

  @Test
  void change_wrongCurrentSecuPass_throwsWrongSecuPassAndChangesNothing() {
    fixture.activate(alice, "old pass").close();
    KeyRecord before = fixture.store().findActive(alice).orElseThrow();

    assertThatThrownBy(() -> fixture.keys().change(alice, SecuPass.of("guess"),
        SecuPass.of("new pass"))).isInstanceOf(WrongSecuPassException.class);

    assertThat(fixture.store().findActive(alice).orElseThrow()).isEqualTo(before);
  }

  @Test
  void reset_makesTheNextVersionAndRetiresTheOld() {
    String oldFingerprint;
    try (KeySession session = fixture.activate(alice, "forgotten")) {
      oldFingerprint = session.publicKeys().fingerprint().digits();
    }

    try (KeySession session = fixture.keys().reset(alice, SecuPass.of("fresh"))) {
      assertThat(session.keyVersion()).isEqualTo(KeyVersion.of(2));
      assertThat(session.publicKeys().fingerprint().digits()).isNotEqualTo(oldFingerprint);
    }

    assertThat(fixture.store().history(alice)).extracting(KeyRecord::state)
        .containsExactly(KeyState.RETIRED, KeyState.ACTIVE);
    assertThatThrownBy(() -> fixture.unlock(alice, "forgotten"))
        .isInstanceOf(WrongSecuPassException.class);
    fixture.unlock(alice, "fresh").close();
  }

  @Test
  void reset_withoutActivation_throwsSecuPassRequired() {
    assertThatThrownBy(() -> fixture.keys().reset(alice, SecuPass.of("fresh")))
        .isInstanceOf(SecuPassRequiredException.class);
  }

  @Test
  void defaultPolicy_activatesAndUnlocksWith64MiB() {
    KeyService keys = fixture.keys(KdfPolicy.DEFAULT);

    keys.activate(alice, SecuPass.of("correct horse battery")).close();
    keys.unlock(alice, SecuPass.of("correct horse battery")).close();

    assertThat(fixture.store().findActive(alice).orElseThrow().kdf())
        .isEqualTo(new dev.secupass.spi.KdfParameters("argon2id", 65536, 3, 1));
  }

  @Test
  void kdfPolicy_belowTheDefault_needsTheExplicitTestFlag() {
    assertThatThrownBy(() -> KdfPolicy.builder().memoryKiB(1024).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only allowed for tests");
    assertThatThrownBy(() -> KdfPolicy.builder().iterations(2).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KdfPolicy.builder().memoryKiB(2 << 20).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of bounds");
    assertThat(KdfPolicies.parameters(KdfPolicy.builder().memoryKiB(128 * 1024).iterations(4).build()))
        .isEqualTo(new dev.secupass.spi.KdfParameters("argon2id", 131072, 4, 1));
  }
}
