package dev.secupass.core.internal.crypto;

import static dev.secupass.core.internal.crypto.StandardVectors.bytes;
import static dev.secupass.core.internal.crypto.StandardVectors.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Ed25519 verification strictness, decided and frozen ({@code docs/format.md}, "Ed25519
 * verification"): the edge cases of {@code vectors/ed25519-strictness.json} ({@link Ed25519Cases})
 * against the verifier the SDK calls and the SDK's key check. The rule the SDK applies is
 * BouncyCastle's: S below L; R and A canonical encodings of curve points; A not of small order
 * (refused already when a public-key bundle is read); the cofactored equation. So R of small or
 * mixed order and A of mixed order are accepted when the cofactored equation holds, which only the
 * holder of the private key can arrange.
 */
class Ed25519StrictnessTest {
  private static final String FILE = "ed25519-strictness.json";

  private static List<JsonObject> cases() {
    return StandardVectors.objects(StandardVectors.resource("/vectors/" + FILE), "vectors");
  }

  @Test
  @DisplayName("The recorded edge cases are exactly what the reference model builds and classifies")
  void file_isTheModelsOutput() {
    assertThat(cases()).containsExactlyElementsOf(new Ed25519Cases().build());
  }

  @Test
  @DisplayName("BouncyCastle's verifier and the bundle's key check give the recorded result for"
      + " every edge case")
  void verifierAndKeyCheck_matchEveryCase() {
    for (JsonObject c : cases()) {
      byte[] publicKey = bytes(c, "publicKey");
      byte[] message = bytes(c, "message");
      byte[] signature = bytes(c, "signature");
      boolean verified = Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
      assertThat(verified ? "valid" : "invalid").as(string(c, "name"))
          .isEqualTo(string(c, "verify"));
      assertThat(Ed25519Signing.isValidPublicKey(publicKey)).as(string(c, "name"))
          .isEqualTo(c.get("keyAccepted").getAsBoolean());
    }
  }

  @Test
  @DisplayName("The cases cover each decision: cofactored equation, small and mixed R accepted,"
      + " non-canonical S, R and A refused, small-order A refused")
  void cases_coverEachDecision() {
    List<JsonObject> cases = cases();
    assertThat(cases).anySatisfy(c -> {
      assertThat(model(c, "cofactored")).isTrue();
      assertThat(model(c, "cofactorless")).isFalse();
      assertThat(model(c, "rMixedOrder")).isTrue();
      assertThat(string(c, "verify")).isEqualTo("valid");
    });
    assertThat(cases).anySatisfy(c -> {
      assertThat(model(c, "rSmallOrder")).isTrue();
      assertThat(model(c, "cofactorless")).isTrue();
      assertThat(string(c, "verify")).isEqualTo("valid");
    });
    assertThat(cases).anySatisfy(c -> {
      assertThat(model(c, "keyMixedOrder")).isTrue();
      assertThat(model(c, "cofactorless")).isFalse();
      assertThat(c.get("keyAccepted").getAsBoolean()).isTrue();
      assertThat(string(c, "verify")).isEqualTo("valid");
    });
    for (JsonObject c : cases) {
      if (!model(c, "sCanonical") || !model(c, "rCanonical") || !model(c, "keyCanonical")
          || model(c, "keySmallOrder")) {
        assertThat(string(c, "verify")).as(string(c, "name")).isEqualTo("invalid");
      }
    }
    assertThat(cases).filteredOn(c -> model(c, "keySmallOrder") && model(c, "keyCanonical")
        && model(c, "cofactored")).hasSize(8);
    assertThat(cases).filteredOn(c -> !model(c, "sCanonical") && model(c, "cofactored"))
        .isNotEmpty();
    assertThat(cases).filteredOn(c -> !model(c, "rCanonical") && model(c, "cofactorless"))
        .hasSize(2);
  }

  private static boolean model(JsonObject c, String field) {
    return c.getAsJsonObject("model").get(field).getAsBoolean();
  }

  /** Writes the file; run only for a deliberate change, like the other vector generators. */
  @Test
  @EnabledIfSystemProperty(named = "secupass.vectors.generate", matches = "true")
  void generate() throws IOException {
    JsonObject file = new JsonObject();
    file.addProperty("description", "Ed25519 edge cases in the manner of 'Taming the many"
        + " EdDSAs' (Chalkias, Garillot, Nikolaenko, 2020), built from one fixed key by the test's"
        + " reference model (docs/format.md, Ed25519 verification). 'model' classifies each case"
        + " (encodings, orders, which equation holds with lenient decoding); 'keyAccepted' is the"
        + " public-key bundle's key check; 'verify' is the result of a SecuPass signature check.");
    JsonArray vectors = new JsonArray();
    new Ed25519Cases().build().forEach(vectors::add);
    file.add("vectors", vectors);
    Path path = Path.of("src/test/resources/vectors", FILE);
    Files.writeString(path, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
        .toJson(file) + "\n");
  }
}
