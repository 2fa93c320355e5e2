package dev.secupass.core.internal.crypto;

import static dev.secupass.core.internal.crypto.StandardVectors.bytes;
import static dev.secupass.core.internal.crypto.StandardVectors.describe;
import static dev.secupass.core.internal.crypto.StandardVectors.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof's Ed25519 verification vectors against the BouncyCastle verifier the SDK calls. The
 * SDK's formats hold signatures of exactly 64 bytes (a reader takes 64 bytes where the layout says
 * and then requires the end or the next field), so a signature of another length never reaches
 * the verifier; that is how this test treats it too. No vector is "acceptable": every result is
 * asserted as recorded.
 */
class WycheproofEd25519Test {
  private static final List<JsonObject> TESTS = StandardVectors.wycheproof("ed25519_test.json");

  @Test
  @DisplayName("The verifier accepts every valid Wycheproof Ed25519 vector and rejects every"
      + " invalid one (malleable S, bad encodings, truncated or padded signatures)")
  void ed25519Verify_matchesEveryVector() {
    assertThat(TESTS).hasSize(151);
    for (JsonObject t : TESTS) {
      byte[] publicKey = bytes(t.getAsJsonObject("group").getAsJsonObject("publicKey"), "pk");
      byte[] message = bytes(t, "msg");
      byte[] signature = bytes(t, "sig");
      boolean verified = signature.length == Ed25519Signing.SIGNATURE_SIZE
          && Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
      assertThat(verified ? "valid" : "invalid").as(describe(t)).isEqualTo(string(t, "result"));
      assertThat(Ed25519Signing.isValidPublicKey(publicKey)).isTrue();
    }
  }
}
