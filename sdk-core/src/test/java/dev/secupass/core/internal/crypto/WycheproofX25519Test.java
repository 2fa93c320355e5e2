package dev.secupass.core.internal.crypto;

import static dev.secupass.core.internal.crypto.StandardVectors.bytes;
import static dev.secupass.core.internal.crypto.StandardVectors.describe;
import static dev.secupass.core.internal.crypto.StandardVectors.hasFlag;
import static dev.secupass.core.internal.crypto.StandardVectors.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.secupass.api.IntegrityException;
import dev.secupass.core.testing.DeterministicRandom;
import java.util.List;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof's X25519 vectors against BouncyCastle's {@code rfc7748.X25519} (which the SDK's HPKE
 * runs on) and the SDK's checks. Decisions for the 254 "acceptable" vectors, as {@code
 * docs/format.md} ("X25519 keys") states them:
 *
 * <ul>
 *   <li>{@code ZeroSharedSecret} (a public key of small order, canonical or not): the agreement is
 *       refused (BouncyCastle returns no secret, HPKE fails), so sealing to such a key is {@link
 *       IntegrityException} and opening with such an {@code enc} fails; a bundle holding one is
 *       refused.
 *   <li>{@code NonCanonicalPublic} (u at or above 2^255 - 19, or the top bit set): X25519 computes
 *       the RFC 7748 result (the value reduced, the top bit ignored), so an envelope's {@code enc}
 *       may be any 32 bytes; a public-key bundle refuses it, since the SDK never writes one.
 *   <li>{@code Twist} and the other edge cases of multiplication or shared secrets: the RFC 7748
 *       result, accepted everywhere.
 * </ul>
 */
class WycheproofX25519Test {
  private static final List<JsonObject> TESTS = StandardVectors.wycheproof("x25519_test.json");

  @Test
  @DisplayName("X25519 computes every shared secret as recorded and refuses the all-zero ones")
  void x25519_matchesEveryVectorAndRefusesZeroSecrets() {
    assertThat(TESTS).hasSize(518);
    int refused = 0;
    for (JsonObject t : TESTS) {
      assertThat(string(t, "result")).isIn("valid", "acceptable");
      byte[] shared = new byte[32];
      boolean agreed = X25519.calculateAgreement(bytes(t, "private"), 0, bytes(t, "public"), 0,
          shared, 0);
      if (hasFlag(t, "ZeroSharedSecret")) {
        assertThat(agreed).as(describe(t)).isFalse();
        assertThat(bytes(t, "shared")).isEqualTo(new byte[32]);
        refused++;
      } else {
        assertThat(agreed).as(describe(t)).isTrue();
        assertThat(shared).as(describe(t)).isEqualTo(bytes(t, "shared"));
      }
      assertThat(hasFlag(t, "LowOrderPublic")).as(describe(t))
          .isEqualTo(hasFlag(t, "ZeroSharedSecret"));
    }
    assertThat(refused).isEqualTo(31);
  }

  @Test
  @DisplayName("A bundle's X25519 key must be canonical and not of small order: the check refuses"
      + " exactly the vectors flagged LowOrderPublic or NonCanonicalPublic")
  void bundleKeyCheck_refusesExactlyLowOrderAndNonCanonicalKeys() {
    for (JsonObject t : TESTS) {
      boolean expected = !hasFlag(t, "LowOrderPublic") && !hasFlag(t, "NonCanonicalPublic");
      assertThat(HpkeX25519.isValidPublicKey(bytes(t, "public"))).as(describe(t))
          .isEqualTo(expected);
    }
    // Small order means X25519 gives zero for every private key: the check's list is complete.
    byte[] scalar = new byte[32];
    new DeterministicRandom("x25519 small order").nextBytes(scalar);
    for (JsonObject t : TESTS) {
      byte[] u = bytes(t, "public");
      if (!hasFlag(t, "NonCanonicalPublic")) {
        boolean zero = !X25519.calculateAgreement(scalar, 0, u, 0, new byte[32], 0);
        assertThat(HpkeX25519.isValidPublicKey(u)).as(describe(t)).isEqualTo(!zero);
      }
    }
  }

  @Test
  @DisplayName("HPKE refuses to seal to a small-order key and to open with a small-order enc")
  void hpke_refusesSmallOrderKeys() throws Exception {
    byte[] recipient = HpkeX25519.generatePrivateKey(new DeterministicRandom("hpke recipient"));
    byte[] recipientPublic = HpkeX25519.publicKey(recipient);
    byte[] info = Labels.of(Labels.ENVELOPE);
    HpkeX25519.Sealed sealed = HpkeX25519.seal(recipientPublic, info, new byte[32],
        new DeterministicRandom("hpke ephemeral"));
    int checked = 0;
    for (JsonObject t : TESTS) {
      if (!hasFlag(t, "ZeroSharedSecret")) {
        continue;
      }
      byte[] lowOrder = bytes(t, "public");
      assertThatThrownBy(() -> HpkeX25519.seal(lowOrder, info, new byte[32],
          new DeterministicRandom("hpke"))).as(describe(t))
          .isInstanceOf(IntegrityException.class);
      assertThatThrownBy(() -> HpkeX25519.open(recipient, recipientPublic, lowOrder, info,
          sealed.ciphertext())).as(describe(t)).isInstanceOf(AEADBadTagException.class);
      checked++;
    }
    assertThat(checked).isEqualTo(31);
    assertThat(HpkeX25519.open(recipient, recipientPublic, sealed.enc(), info,
        sealed.ciphertext())).isEqualTo(new byte[32]);
  }
}
