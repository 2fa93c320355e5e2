package dev.secupass.core.vectors;

import static dev.secupass.core.vectors.Vectors.bytes;
import static dev.secupass.core.vectors.Vectors.integer;
import static dev.secupass.core.vectors.Vectors.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.firstcontact.AccessCodes;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.spi.KdfParameters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks {@code vectors/access-code.json} against the SDK: the salt, the stretched key, the check
 * and the binding are reproduced byte for byte from the code and the ids, the check opens to the
 * stretched key with the content key, bindings verify, and the altered values are refused as
 * recorded; the safety words of the bound keys are the recorded ones.
 */
class AccessCodeVectorsTest {

  @TestFactory
  Stream<DynamicTest> accessCodes() throws IOException {
    JsonObject file = Vectors.load(AccessCodeVectorGenerator.FILE);
    List<JsonObject> vectors = new ArrayList<>();
    Vectors.vectors(file).forEach(vectors::add);
    assertThat(vectors).hasSizeGreaterThanOrEqualTo(6);
    return vectors.stream().map(v -> DynamicTest.dynamicTest(string(v, "name"), () -> check(v)));
  }

  private static void check(JsonObject v) {
    AccessCode code = AccessCode.parse(string(v, "code").toLowerCase(java.util.Locale.ROOT));
    DeliveryId delivery = DeliveryId.of(string(v, "delivery"));
    UserId guest = UserId.of(string(v, "guest"));
    KdfParameters kdf = new KdfParameters("argon2id", integer(v, "memoryKiB"),
        integer(v, "iterations"), integer(v, "parallelism"));
    KeyVersion version = KeyVersion.of(integer(v, "keyVersion"));
    byte[] bundle = bytes(v, "bundle");
    byte[] stretched = AccessCodes.stretch(code, delivery, guest, kdf);
    assertThat(AccessCodes.salt(delivery, guest)).isEqualTo(bytes(v, "salt"));
    assertThat(stretched).isEqualTo(bytes(v, "stretched"));
    assertThat(SafetyWords.of(PublicKeys.parse(bundle).fingerprint()).toString())
        .isEqualTo(string(v, "safetyWords"));
    assertThat(PublicKeys.parse(bundle).fingerprint().digits())
        .isEqualTo(string(v, "fingerprint"));
    String result = string(v, "result");
    try (SymmetricKey contentKey = SymmetricKey.importBytes(bytes(v, "contentKey"))) {
      byte[] check = bytes(v, "check");
      switch (result) {
        case "IntegrityException" -> assertThatThrownBy(() -> AccessCodes.parseCheck(check)
            .openKey(contentKey, delivery, guest))
            .hasToString("dev.secupass.api.IntegrityException: the stored access code check"
                + " was altered");
        case "UnsupportedFormatException" -> assertThatThrownBy(
            () -> AccessCodes.parseCheck(check))
            .isInstanceOf(dev.secupass.api.UnsupportedFormatException.class);
        default -> {
          assertThat(AccessCodes.check(stretched, contentKey, delivery, guest, kdf))
              .isEqualTo(check);
          AccessCodes.Check parsed = AccessCodes.parseCheck(check);
          assertThat(parsed.kdf()).isEqualTo(kdf);
          assertThat(parsed.verifies(stretched, delivery, guest)).isTrue();
          assertThat(parsed.openKey(contentKey, delivery, guest)).isEqualTo(stretched);
          byte[] binding = bytes(v, "binding");
          boolean valid = result.equals(Vectors.VALID);
          assertThat(AccessCodes.verifiesBinding(binding, stretched, delivery, guest, version,
              bundle)).isEqualTo(valid);
          if (valid) {
            assertThat(AccessCodes.bind(stretched, delivery, guest, version, bundle))
                .isEqualTo(binding);
            assertThat(AccessCodes.verifiesBinding(binding, stretched, delivery, guest,
                version.next(), bundle)).isFalse();
          } else {
            assertThat(result).isEqualTo("invalid");
          }
        }
      }
    }
  }
}
