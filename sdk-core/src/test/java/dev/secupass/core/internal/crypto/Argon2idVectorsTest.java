package dev.secupass.core.internal.crypto;

import static dev.secupass.core.internal.crypto.StandardVectors.bytes;
import static dev.secupass.core.internal.crypto.StandardVectors.integer;
import static dev.secupass.core.internal.crypto.StandardVectors.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Argon2id version 1.3: RFC 9106 section 5.3 (which uses a secret and associated data, so it runs
 * on the BouncyCastle generator with the SDK's settings plus those two inputs) and the reference
 * implementation's vectors without them, which run through {@link Argon2id} itself.
 */
class Argon2idVectorsTest {
  private static final List<JsonObject> VECTORS = StandardVectors.objects(
      StandardVectors.load("argon2id.json"), "vectors");

  @Test
  @DisplayName("RFC 9106 section 5.3: Argon2id v1.3 with secret and associated data")
  void rfc9106Vector_matchesOnTheGeneratorTheSdkUses() {
    JsonObject v = VECTORS.stream().filter(x -> string(x, "name").equals("RFC 9106 5.3"))
        .findFirst().orElseThrow();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(bytes(v, "salt"))
        .withSecret(bytes(v, "secret"))
        .withAdditional(bytes(v, "associatedData"))
        .withMemoryAsKB(integer(v, "memoryKiB"))
        .withIterations(integer(v, "iterations"))
        .withParallelism(integer(v, "parallelism"))
        .build());
    byte[] tag = new byte[bytes(v, "tag").length];
    generator.generateBytes(bytes(v, "password"), tag);
    assertThat(tag).isEqualTo(bytes(v, "tag"));
  }

  @Test
  @DisplayName("The reference implementation's Argon2id vectors, through the SDK's Argon2id")
  void referenceVectors_matchThroughArgon2id() {
    int checked = 0;
    for (JsonObject v : VECTORS) {
      if (!string(v, "secret").isEmpty()) {
        continue;
      }
      byte[] tag = Argon2id.derive(bytes(v, "password"), bytes(v, "salt"),
          integer(v, "memoryKiB"), integer(v, "iterations"), integer(v, "parallelism"),
          bytes(v, "tag").length);
      assertThat(tag).as(string(v, "name")).isEqualTo(bytes(v, "tag"));
      checked++;
    }
    assertThat(checked).isEqualTo(3);
  }
}
