package dev.secupass.core.vectors;

import static dev.secupass.core.testing.RecordedOutcomes.outcome;
import static dev.secupass.core.vectors.Vectors.VALID;
import static dev.secupass.core.vectors.Vectors.bytes;
import static dev.secupass.core.vectors.Vectors.integer;
import static dev.secupass.core.vectors.Vectors.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.secupass.api.Fingerprint;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.format.EnvelopeCodec;
import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.keys.PinSeal;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.FixedRandom;
import dev.secupass.core.testing.TestKeys;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.core.vectors.Vectors.User;
import dev.secupass.spi.KdfParameters;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The frozen suite-2 vectors ({@code vectors/xwing.json}, written by {@link XWingVectorGenerator}):
 * valid bundles, blobs, envelopes and pins are read to the recorded values and re-made with the
 * recorded random bytes to exactly the recorded bytes; negative ones fail with the recorded
 * exception.
 */
class XWingVectorsTest {

  @TestFactory
  Stream<DynamicTest> vectors() throws IOException {
    JsonObject file = Vectors.load("xwing.json");
    Function<String, User> users = Vectors.users(file);
    return StreamSupport.stream(Vectors.vectors(file).spliterator(), false)
        .map(v -> DynamicTest.dynamicTest(string(v, "format") + ": " + string(v, "name")
            + " -> " + string(v, "result"), () -> check(users, v)));
  }

  private static void check(Function<String, User> users, JsonObject v) {
    switch (string(v, "format")) {
      case "bundle" -> checkBundle(users, v);
      case "keyBlob" -> checkKeyBlob(users, v);
      case "envelope" -> checkEnvelope(users, v);
      case "pin" -> checkPin(users, v);
      default -> throw new AssertionError("unknown format in " + v);
    }
  }

  private static void checkBundle(Function<String, User> users, JsonObject v) {
    byte[] bundle = bytes(v, "bundle");
    assertThat(outcome(() -> PublicKeys.parse(bundle))).isEqualTo(string(v, "result"));
    if (v.has("keys")) {
      User user = users.apply(string(v, "keys"));
      PublicKeys keys = PublicKeys.parse(bundle);
      assertThat(keys.suite()).isEqualTo(2);
      assertThat(keys.fingerprint()).isEqualTo(Fingerprint.of(string(v, "fingerprint")));
      assertThat(PublicKeyBundle.encode(user.id(), user.version(), user.keys()))
          .isEqualTo(bundle);
    }
  }

  private static void checkKeyBlob(Function<String, User> users, JsonObject v) {
    User owner = users.apply(string(v, "recordOwner"));
    JsonObject kdf = v.getAsJsonObject("recordKdf");
    KdfParameters recordKdf = new KdfParameters("argon2id", integer(kdf, "memoryKiB"),
        integer(kdf, "iterations"), integer(kdf, "parallelism"));
    MemoryStorage storage = new MemoryStorage(Clock.systemUTC());
    storage.keys().create(new KeyRecord(owner.id(), owner.version(), KeyState.ACTIVE,
        owner.bundle(), bytes(v, "blob"), recordKdf, 0, Instant.EPOCH));
    KeyService keys = TestKeys.builder(storage.keys()).kdfPolicy(TestPolicies.FAST).build();

    String result = outcome(() -> {
      try (SecuPass pass = SecuPass.of(string(v, "secuPass"));
          KeySession session = keys.unlock(owner.id(), pass)) {
        assertThat(session.publicKeys().encoded()).isEqualTo(owner.bundle());
      }
    });

    assertThat(result).isEqualTo(string(v, "result"));
    if (v.has("salt")) {
      assertThat(KeyBlob.seal(owner.id(), owner.version(), owner.keys(),
          string(v, "secuPass").getBytes(StandardCharsets.UTF_8), recordKdf, bytes(v, "salt"),
          bytes(v, "nonce"))).isEqualTo(bytes(v, "blob"));
    }
  }

  private static void checkEnvelope(Function<String, User> users, JsonObject v) {
    byte[] envelope = bytes(v, "envelope");
    User opener = users.apply(string(v, "openAs"));
    PublicKeys granterKeys = PublicKeys.parse(users.apply(string(v, "verifyWith")).bundle());

    String result = outcome(() -> {
      byte[] key = EnvelopeCodec.open(EnvelopeCodec.parse(envelope), opener.keys(),
          PublicKeys.parse(opener.bundle()), granterKeys,
          Vectors.envelopeContext(v.getAsJsonObject("expectedContext")));
      assertThat(key).isEqualTo(bytes(v, "key"));
    });

    assertThat(result).isEqualTo(string(v, "result"));
    String randomness = v.has("encapsulationSeed") ? "encapsulationSeed"
        : v.has("ephemeralPrivateKey") ? "ephemeralPrivateKey" : null;
    if (randomness != null) {
      User granter = users.apply(string(v, "granter"));
      PublicKeys recipient = PublicKeys.parse(users.apply(string(v, "recipient")).bundle());
      assertThat(recipient.suite()).isEqualTo(randomness.equals("encapsulationSeed") ? 2 : 1);
      byte[] resealed = EnvelopeCodec.seal(granter.keys(), granter.id(), granter.version(),
          recipient, Vectors.envelopeContext(v.getAsJsonObject("context")), bytes(v, "key"),
          new FixedRandom(bytes(v, randomness)));
      assertThat(resealed).isEqualTo(envelope);
      assertThat(EnvelopeCodec.parse(envelope).headerLength())
          .isEqualTo(integer(v, "headerLength"));
    }
  }

  private static void checkPin(Function<String, User> users, JsonObject v) {
    User observer = users.apply(string(v, "observer"));
    UserId subject = UserId.of(string(v, "subject"));
    KeyVersion version = KeyVersion.of(integer(v, "subjectVersion"));
    Fingerprint fingerprint = Fingerprint.of(string(v, "fingerprint"));
    byte[] sealKey = PinSeal.deriveKey(observer.keys(), observer.id(), observer.version());
    byte[] seal = bytes(v, "seal");

    assertThat(sealKey).isEqualTo(bytes(v, "sealKey"));
    PinSeal.Opened opened = PinSeal.open(seal, sealKey, observer.id(), observer.version(),
        subject, version, fingerprint);
    assertThat(opened.check()).isEqualTo(PinSeal.Check.VALID);
    assertThat(opened.version()).isEqualTo(2);
    assertThat(opened.suite()).isEqualTo(integer(v, "suite"));
    assertThat(opened.trust().code()).isEqualTo(integer(v, "trust"));
    assertThat(PinSeal.sealV2(sealKey, observer.id(), observer.version(), subject, version,
        fingerprint, opened.trust(), opened.suite(), opened.history())).isEqualTo(seal);
    assertThat(string(v, "result")).isEqualTo(VALID);
  }
}
