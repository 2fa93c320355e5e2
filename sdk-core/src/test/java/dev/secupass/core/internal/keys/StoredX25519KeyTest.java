package dev.secupass.core.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.HpkeX25519;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.spi.KdfParameters;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * X25519 private keys as stored in the key blob ({@code docs/format.md}, "X25519 keys"): the SDK
 * writes them clamped (RFC 7748 decodeScalar25519 applied), and a reader takes either form, since
 * X25519 clamps its scalar anyway.
 */
class StoredX25519KeyTest {
  private static final UserId ALICE = UserId.of("alice@example.org");
  private static final KdfParameters KDF = new KdfParameters("argon2id", 64, 1, 1);
  private static final byte[] PASS = "correct horse".getBytes(StandardCharsets.UTF_8);

  @Test
  @DisplayName("The SDK stores X25519 private keys clamped: low three bits clear, bit 255 clear,"
      + " bit 254 set")
  void generatedKeys_areStoredClamped() {
    for (int i = 0; i < 200; i++) {
      try (PrivateKeys keys = PrivateKeys.generate(new DeterministicRandom("clamped " + i))) {
        byte[] secrets = keys.secrets();
        assertThat(secrets[0] & 0x07).isZero();
        assertThat(secrets[31] & 0xC0).isEqualTo(0x40);
      }
    }
  }

  @Test
  @DisplayName("A key blob holding the unclamped form of a key opens to the same public key and"
      + " opens what was sealed to it")
  void unclampedStoredKey_actsAsItsClampedForm() throws Exception {
    try (PrivateKeys keys = PrivateKeys.generate(new DeterministicRandom("unclamped"))) {
      byte[] secrets = keys.secrets();
      byte[] unclamped = secrets.clone();
      unclamped[0] |= 0x07;
      unclamped[31] = (byte) ((unclamped[31] & 0x3F) | 0x80);
      try (PrivateKeys stored = PrivateKeys.fromSecrets(unclamped)) {
        assertThat(stored.encryptionPublic()).isEqualTo(keys.encryptionPublic());
        byte[] blob = KeyBlob.seal(ALICE, KeyVersion.FIRST, stored, PASS, KDF, new byte[16],
            new byte[12]);
        try (PrivateKeys opened = KeyBlob.open(blob, ALICE, KeyVersion.FIRST, KDF, PASS)) {
          assertThat(opened.secrets()).isEqualTo(unclamped);
          assertThat(opened.encryptionPublic()).isEqualTo(keys.encryptionPublic());
          byte[] info = "info".getBytes(StandardCharsets.US_ASCII);
          HpkeX25519.Sealed sealed = HpkeX25519.seal(keys.encryptionPublic(), info, new byte[32],
              new DeterministicRandom("ephemeral"));
          assertThat(HpkeX25519.open(opened.encryptionPrivate(), opened.encryptionPublic(),
              sealed.enc(), info, sealed.ciphertext())).isEqualTo(new byte[32]);
        }
      }
    }
  }
}
