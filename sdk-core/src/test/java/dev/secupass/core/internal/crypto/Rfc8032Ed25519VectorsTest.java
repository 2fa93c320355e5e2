package dev.secupass.core.internal.crypto;

import static dev.secupass.core.internal.crypto.StandardVectors.bytes;
import static dev.secupass.core.internal.crypto.StandardVectors.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 8032 section 7.1's Ed25519 vectors against the SDK's signing code: {@link Ed25519Signing}
 * derives the public key, and the BouncyCastle calls it makes sign to the recorded signature and
 * verify it. The SDK signs {@code "SecuPass signed v1"\0 || message}; that its signature is exactly
 * RFC 8032 Ed25519 over those bytes is checked too.
 */
class Rfc8032Ed25519VectorsTest {
  private static final List<JsonObject> VECTORS = StandardVectors.objects(
      StandardVectors.load("rfc8032-ed25519.json"), "vectors");

  @Test
  @DisplayName("Every RFC 8032 section 7.1 vector derives, signs and verifies as recorded")
  void rfc8032Vectors_deriveSignAndVerifyAsRecorded() {
    assertThat(VECTORS).extracting(v -> string(v, "name")).containsExactly("TEST 1", "TEST 2",
        "TEST 3", "TEST 1024", "TEST SHA(abc)");
    for (JsonObject v : VECTORS) {
      byte[] seed = bytes(v, "secretKey");
      byte[] publicKey = bytes(v, "publicKey");
      byte[] message = bytes(v, "message");
      byte[] signature = bytes(v, "signature");

      assertThat(Ed25519Signing.publicKey(seed)).as(string(v, "name")).isEqualTo(publicKey);
      assertThat(Ed25519Signing.isValidPublicKey(publicKey)).isTrue();
      byte[] signed = new byte[64];
      Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signed, 0);
      assertThat(signed).as(string(v, "name")).isEqualTo(signature);
      assertThat(Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length)).isTrue();

      for (int bit : new int[] {0, 255, 256, 511}) {
        byte[] flipped = signature.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(Ed25519.verify(flipped, 0, publicKey, 0, message, 0, message.length))
            .as(string(v, "name") + " with signature bit " + bit + " flipped").isFalse();
      }
    }
  }

  @Test
  @DisplayName("The SDK's signature is RFC 8032 Ed25519 over the label and the message")
  void sdkSignature_isEd25519OverTheLabelAndMessage() {
    byte[] label = Labels.of(Labels.SIGNED);
    for (JsonObject v : VECTORS) {
      byte[] seed = bytes(v, "secretKey");
      byte[] publicKey = bytes(v, "publicKey");
      byte[] message = bytes(v, "message");
      byte[] input = new byte[label.length + message.length];
      System.arraycopy(label, 0, input, 0, label.length);
      System.arraycopy(message, 0, input, label.length, message.length);
      byte[] expected = new byte[64];
      Ed25519.sign(seed, 0, publicKey, 0, input, 0, input.length, expected, 0);

      byte[] signature = Ed25519Signing.sign(seed, publicKey, message, message.length);
      assertThat(signature).isEqualTo(expected);
      assertThat(Ed25519Signing.verify(publicKey, message, message.length, signature, 0)).isTrue();
      // The raw RFC signature over the message alone is not a SecuPass signature.
      assertThat(Ed25519Signing.verify(publicKey, message, message.length,
          bytes(v, "signature"), 0)).isFalse();
    }
  }
}
