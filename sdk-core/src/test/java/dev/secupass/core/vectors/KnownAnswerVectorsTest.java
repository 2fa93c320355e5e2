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
import dev.secupass.core.internal.crypto.CiphertextSource;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.EncryptedContent;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.format.EnvelopeCodec;
import dev.secupass.core.internal.format.ManifestCodec;
import dev.secupass.core.internal.format.SignedStatementCodec;
import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.keys.PinSeal;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.FixedRandom;
import dev.secupass.core.testing.Streams;
import dev.secupass.core.testing.TestKeys;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.core.vectors.Vectors.User;
import dev.secupass.spi.KdfParameters;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks every known-answer vector in {@code src/test/resources/vectors}: valid vectors must
 * decrypt, open or verify to the recorded values and re-encrypt or re-sign (with the recorded
 * random bytes) to the recorded bytes exactly; negative vectors must fail with the recorded
 * exception. A change to any stored format breaks this test.
 */
class KnownAnswerVectorsTest {

  private static Stream<DynamicTest> each(String file, Function<JsonObject, Check> check)
      throws IOException {
    JsonObject content = Vectors.load(file);
    return StreamSupport.stream(Vectors.vectors(content).spliterator(), false)
        .map(vector -> DynamicTest.dynamicTest(file + ": " + string(vector, "name") + " -> "
            + string(vector, "result"), () -> check.apply(content).run(vector)));
  }

  /** Checks one vector. */
  @FunctionalInterface
  private interface Check {
    void run(JsonObject vector) throws Exception;
  }

  @TestFactory
  Stream<DynamicTest> contentStreams() throws IOException {
    return each("content-stream.json", file -> this::checkContent);
  }

  private void checkContent(JsonObject v) throws IOException {
    byte[] ciphertext = bytes(v, "ciphertext");
    SymmetricKey key = SymmetricKey.importBytes(bytes(v, v.has("decryptKey") ? "decryptKey"
        : "key"));
    ContentContext context = Vectors.contentContext(v.getAsJsonObject(
        v.has("decryptContext") ? "decryptContext" : "context"));
    ContentCipher cipher = ContentCipher.builder(key, context).build();
    // A version-2 stream is read by range (with its table); version 1 also sequentially and
    // pushed.
    boolean version2 = ciphertext.length > 3 && ciphertext[3] == 2;
    String expected = string(v, "result");

    String result = outcome(() -> {
      byte[] plaintext;
      try (InputStream in = cipher.decrypt(CiphertextSource.of(ciphertext), null)) {
        plaintext = in.readAllBytes();
      }
      if (string(v, "result").equals(VALID)) {
        assertThat(plaintext).isEqualTo(bytes(v, "plaintext"));
      }
    });

    assertThat(result).isEqualTo(expected);
    if (!version2) {
      assertThat(outcome(() -> Streams.decrypt(cipher, ciphertext, 7))).as("pulled")
          .isEqualTo(result);
      assertThat(outcome(() -> Streams.decryptPushed(cipher, ciphertext, 5,
          new ByteArrayOutputStream()))).as("pushed").isEqualTo(result);
    }
    if (result.equals(VALID)) {
      byte[] plaintext = bytes(v, "plaintext");
      ContentCipher replay = ContentCipher.builder(key, context)
          .segmentSize(integer(v, "segmentSize"))
          .random(new FixedRandom(bytes(v, "salt"), bytes(v, "noncePrefix")))
          .version(version2 ? 2 : 1).computeDigest(true).build();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      EncryptedContent encrypted = Streams.encrypt(replay, plaintext, out);
      assertThat(out.toByteArray()).isEqualTo(ciphertext);
      assertThat(encrypted.digest()).isEqualTo(bytes(v, "digest"));
      try (InputStream in = cipher.decrypt(CiphertextSource.of(ciphertext), bytes(v, "digest"))) {
        assertThat(in.readAllBytes()).isEqualTo(plaintext);
      }
      try (InputStream in = cipher.decryptRange(CiphertextSource.of(ciphertext), 0,
          Long.MAX_VALUE)) {
        assertThat(in.readAllBytes()).isEqualTo(plaintext);
      }
      if (version2) {
        for (int offset = 0; offset <= plaintext.length; offset += 13) {
          try (InputStream in = cipher.decryptVerified(CiphertextSource.of(ciphertext), offset,
              40, bytes(v, "digest"))) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(plaintext,
                offset, Math.min(plaintext.length, offset + 40)));
          }
        }
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> envelopes() throws IOException {
    return each("envelope.json", file -> vector -> checkEnvelope(Vectors.users(file), vector));
  }

  private void checkEnvelope(Function<String, User> users, JsonObject v) {
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
    if (v.has("ephemeralPrivateKey")) {
      User granter = users.apply(string(v, "granter"));
      byte[] resealed = EnvelopeCodec.seal(granter.keys(), granter.id(), granter.version(),
          PublicKeys.parse(users.apply(string(v, "recipient")).bundle()),
          Vectors.envelopeContext(v.getAsJsonObject("context")), bytes(v, "key"),
          new FixedRandom(bytes(v, "ephemeralPrivateKey")));
      assertThat(resealed).isEqualTo(envelope);
    }
  }

  @TestFactory
  Stream<DynamicTest> keyBlobs() throws IOException {
    return each("key-blob.json", file -> vector -> checkKeyBlob(Vectors.users(file), vector));
  }

  private void checkKeyBlob(Function<String, User> users, JsonObject v) {
    User owner = users.apply(string(v, "recordOwner"));
    JsonObject kdf = v.getAsJsonObject("recordKdf");
    KdfParameters recordKdf = new KdfParameters("argon2id", integer(kdf, "memoryKiB"),
        integer(kdf, "iterations"), integer(kdf, "parallelism"));
    MemoryStorage storage = new MemoryStorage(Clock.systemUTC());
    storage.keys().create(new KeyRecord(owner.id(), owner.version(), KeyState.ACTIVE,
        owner.bundle(), bytes(v, "blob"), recordKdf, 0, Instant.EPOCH));
    // The vectors are suite 1: an unlock under the default X-Wing policy would migrate them.
    KeyService keys = TestKeys.builder(storage.keys()).kdfPolicy(TestPolicies.FAST)
        .keySuite(KeySuite.CLASSICAL).build();

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

  @TestFactory
  Stream<DynamicTest> publicKeys() throws IOException {
    return each("public-keys.json", file -> this::checkPublicKeys);
  }

  private void checkPublicKeys(JsonObject v) {
    if (!v.has("keys")) {
      assertThat(outcome(() -> PublicKeys.parse(bytes(v, "bundle"))))
          .isEqualTo(string(v, "result"));
      return;
    }
    User user = User.fromJson(v.getAsJsonObject("keys"));
    PublicKeys keys = PublicKeys.parse(user.bundle());

    assertThat(PublicKeyBundle.encode(user.id(), user.version(), user.keys()))
        .isEqualTo(user.bundle());
    assertThat(keys.user()).isEqualTo(user.id());
    assertThat(keys.version()).isEqualTo(user.version());
    assertThat(keys.fingerprint()).isEqualTo(Fingerprint.of(string(v, "fingerprint")));
  }

  @TestFactory
  Stream<DynamicTest> signedStatements() throws IOException {
    return each("signed-statement.json", file -> vector -> checkSigned(Vectors.users(file),
        vector));
  }

  private void checkSigned(Function<String, User> users, JsonObject v) {
    byte[] signed = bytes(v, "signed");
    PublicKeys verifier = PublicKeys.parse(users.apply(string(v, "verifyWith")).bundle());
    SignedType expected = SignedType.valueOf(string(v, "expectedType"));

    String result = outcome(() -> {
      byte[] payload = SignedStatement.parse(signed).verifiedPayload(verifier, expected);
      assertThat(payload).isEqualTo(bytes(v, "payload"));
      if (v.has("contentKey")) {
        DeliveryManifest.verify(signed, verifier)
            .checkKey(SymmetricKey.importBytes(bytes(v, "contentKey")));
      }
    });

    assertThat(result).isEqualTo(string(v, "result"));
    if (result.equals(VALID)) {
      User alice = users.apply("alice");
      assertThat(SignedStatementCodec.sign(alice.keys(), alice.id(), alice.version(), expected,
          bytes(v, "payload"))).isEqualTo(signed);
    }
    if (result.equals(VALID) && v.has("keyCommitment")) {
      DeliveryManifest manifest = DeliveryManifest.verify(signed, verifier);
      assertThat(ManifestCodec.encode(manifest)).isEqualTo(bytes(v, "payload"));
      assertThat(manifest.keyCommitment()).isEqualTo(bytes(v, "keyCommitment"));
      assertThat(manifest.toString()).isEqualTo(string(v, "manifest"));
    }
  }

  @TestFactory
  Stream<DynamicTest> keyPins() throws IOException {
    return each("key-pin.json", file -> vector -> checkPin(Vectors.users(file), vector));
  }

  private void checkPin(Function<String, User> users, JsonObject v) {
    User observer = users.apply(string(v, "observer"));
    UserId subject = UserId.of(string(v, "subject"));
    KeyVersion version = KeyVersion.of(integer(v, "subjectVersion"));
    Fingerprint fingerprint = Fingerprint.of(string(v, "fingerprint"));
    byte[] sealKey = PinSeal.deriveKey(observer.keys(), observer.id(), observer.version());

    assertThat(sealKey).isEqualTo(bytes(v, "sealKey"));
    assertThat(PinSeal.seal(sealKey, observer.id(), observer.version(), subject, version,
        fingerprint)).isEqualTo(bytes(v, "seal"));
    assertThat(PinSeal.open(bytes(v, "seal"), sealKey, observer.id(), observer.version(),
        subject, version, fingerprint).check()).isEqualTo(PinSeal.Check.VALID);
  }
}
