package dev.secupass.core.vectors;

import static dev.secupass.core.vectors.Vectors.bytes;
import static dev.secupass.core.vectors.Vectors.integer;
import static dev.secupass.core.vectors.Vectors.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.secupass.api.Fingerprint;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.keys.PinSeal;
import dev.secupass.core.vectors.Vectors.User;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks {@code vectors/key-pin-v2.json}: valid seals open to the recorded trust and history and
 * re-seal to the same bytes; altered ones are {@code INVALID}, which the SDK reports as
 * {@code IntegrityException}.
 */
class PinVectorsTest {

  @TestFactory
  Stream<DynamicTest> keyPinV2() throws IOException {
    JsonObject file = Vectors.load(PinVectorGenerator.FILE);
    User observer = Vectors.users(file).apply("alice");
    List<JsonObject> vectors = new ArrayList<>();
    Vectors.vectors(file).forEach(vectors::add);
    assertThat(vectors).hasSizeGreaterThanOrEqualTo(10);
    return vectors.stream().map(v -> DynamicTest.dynamicTest(string(v, "name"), () -> check(
        observer, v)));
  }

  private static void check(User observer, JsonObject v) {
    byte[] key = PinSeal.deriveKey(observer.keys(), observer.id(), observer.version());
    assertThat(key).isEqualTo(bytes(v, "sealKey"));
    UserId subject = UserId.of(string(v, "subject"));
    KeyVersion version = KeyVersion.of(integer(v, "subjectVersion"));
    Fingerprint fingerprint = Fingerprint.of(string(v, "fingerprint"));
    byte[] seal = bytes(v, "seal");
    PinSeal.Opened opened = PinSeal.open(seal, key, observer.id(), observer.version(), subject,
        version, fingerprint);
    if (!string(v, "result").equals(Vectors.VALID)) {
      assertThat(string(v, "result")).isEqualTo("IntegrityException");
      assertThat(opened.check()).isEqualTo(PinSeal.Check.INVALID);
      return;
    }
    assertThat(opened.check()).isEqualTo(PinSeal.Check.VALID);
    assertThat(opened.version()).isEqualTo(2);
    assertThat(opened.trust().code()).isEqualTo(integer(v, "trust"));
    assertThat(opened.suite()).isEqualTo(integer(v, "suite"));
    List<PinSeal.Earlier> history = StreamSupport.stream(
        v.getAsJsonArray("history").spliterator(), false)
        .map(JsonElement::getAsJsonObject)
        .map(e -> new PinSeal.Earlier(KeyVersion.of(integer(e, "version")),
            Fingerprint.of(string(e, "fingerprint")), integer(e, "trust") == 1
                ? PinSeal.Trust.FIRST_USE : PinSeal.Trust.FINGERPRINT_COMPARED))
        .toList();
    assertThat(opened.history()).isEqualTo(history);
    assertThat(PinSeal.sealV2(key, observer.id(), observer.version(), subject, version,
        fingerprint, opened.trust(), opened.suite(), history)).isEqualTo(seal);
  }
}
