package dev.secupass.core.internal.crypto;

import static dev.secupass.core.internal.crypto.StandardVectors.bytes;
import static dev.secupass.core.internal.crypto.StandardVectors.describe;
import static dev.secupass.core.internal.crypto.StandardVectors.integer;
import static dev.secupass.core.internal.crypto.StandardVectors.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Wycheproof's HKDF-SHA256 vectors through the SDK's {@link Hkdf}. */
class WycheproofHkdfTest {
  private static final List<JsonObject> TESTS =
      StandardVectors.wycheproof("hkdf_sha256_test.json");

  @Test
  @DisplayName("Hkdf.sha256 derives every valid Wycheproof vector and refuses oversized outputs")
  void hkdfSha256_matchesEveryVector() {
    assertThat(TESTS).hasSize(86);
    for (JsonObject t : TESTS) {
      if (string(t, "result").equals("valid")) {
        assertThat(Hkdf.sha256(bytes(t, "ikm"), bytes(t, "salt"), bytes(t, "info"),
            integer(t, "size"))).as(describe(t)).isEqualTo(bytes(t, "okm"));
      } else {
        // The only invalid vectors ask for more than 255 * 32 bytes.
        assertThat(StandardVectors.hasFlag(t, "SizeTooLarge")).as(describe(t)).isTrue();
        assertThatThrownBy(() -> Hkdf.sha256(bytes(t, "ikm"), bytes(t, "salt"), bytes(t, "info"),
            integer(t, "size"))).as(describe(t)).isInstanceOf(IllegalStateException.class);
      }
    }
  }
}
