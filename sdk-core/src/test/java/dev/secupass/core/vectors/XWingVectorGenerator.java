package dev.secupass.core.vectors;

import static dev.secupass.core.vectors.Vectors.VALID;
import static dev.secupass.core.vectors.Vectors.hex;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.RoomId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.HpkeXWing;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.format.EnvelopeCodec;
import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.core.internal.keys.PinSeal;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.FixedRandom;
import dev.secupass.core.vectors.Vectors.User;
import dev.secupass.spi.KdfParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes {@code vectors/xwing.json}, the known-answer vectors of suite 2 (X-Wing): bundles, key
 * blobs, envelopes and a key-pin seal, from fixed seeds, checked by {@link XWingVectorsTest}.
 * Disabled by default like {@link VectorGenerator} (same system property); running it twice gives
 * the same file.
 */
@EnabledIfSystemProperty(named = "secupass.vectors.generate", matches = "true")
class XWingVectorGenerator {
  private static final KdfParameters KDF = VectorGenerator.KDF;
  private final User paula = User.make("paula", 1, 2);
  private final User quentin = User.make("quentin", 1, 2);
  private final User carl = User.make("carl", 1, 1);

  @Test
  void write() throws IOException {
    JsonArray vectors = new JsonArray();
    bundles(vectors);
    keyBlobs(vectors);
    envelopes(vectors);
    pin(vectors);
    JsonObject file = new JsonObject();
    file.addProperty("description", "SecuPass suite 2 (X-Wing = ML-KEM-768 + X25519, HPKE KEM"
        + " 0x647a, HKDF-SHA256, AES-256-GCM; docs/format.md, Suite 2: X-Wing): public-key"
        + " bundles, private-key blobs, envelopes and a key-pin seal. Each vector's format is"
        + " bundle, keyBlob, envelope or pin.");
    JsonObject users = new JsonObject();
    for (User user : new User[] {paula, quentin, carl}) {
      users.add(name(user), user.toJson());
    }
    file.add("users", users);
    file.add("vectors", vectors);
    Vectors.write("xwing.json", file);
  }

  // ----- bundles -----

  private void bundles(JsonArray vectors) {
    vectors.add(bundle("paula's suite-2 bundle", paula.bundle(), VALID, paula));
    byte[] bundle = paula.bundle();
    int xwing = bundle.length - 64 - HpkeXWing.PUBLIC_KEY_SIZE;
    byte[] coefficient = Arrays.copyOf(bundle, bundle.length - 64);
    coefficient[xwing] = (byte) 0xFF;
    coefficient[xwing + 1] |= 0x0F;
    vectors.add(bundle("ML-KEM coefficient 4095 (not below q), re-signed", resign(coefficient),
        "IntegrityException", null));
    byte[] smallOrder = Arrays.copyOf(bundle, bundle.length - 64);
    Arrays.fill(smallOrder, smallOrder.length - 32, smallOrder.length, (byte) 0);
    vectors.add(bundle("X-Wing's X25519 part of small order (0), re-signed", resign(smallOrder),
        "IntegrityException", null));
    byte[] flipped = bundle.clone();
    flipped[xwing + 100] ^= 1;
    vectors.add(bundle("X-Wing key altered, signature kept", flipped,
        "InvalidSignatureException", null));
    byte[] stripped = Arrays.copyOf(bundle, xwing);
    vectors.add(bundle("suite 2 without the X-Wing key, re-signed", resign(stripped),
        "IntegrityException", null));
    byte[] relabelled = carl.bundle().clone();
    relabelled[5] = 2;
    vectors.add(bundle("suite-1 bundle relabelled as suite 2", relabelled,
        "IntegrityException", null));
    byte[] unknown = bundle.clone();
    unknown[5] = 3;
    vectors.add(bundle("unknown suite 3", unknown, "UnsupportedFormatException", null));
  }

  private byte[] resign(byte[] unsigned) {
    return concat(unsigned, paula.keys().sign(unsigned));
  }

  private static JsonObject bundle(String name, byte[] bundle, String result, User keys) {
    JsonObject vector = vector("bundle", name);
    vector.addProperty("bundle", hex(bundle));
    if (keys != null) {
      vector.addProperty("keys", name(keys));
      vector.addProperty("fingerprint", PublicKeys.parse(bundle).fingerprint().digits());
    }
    vector.addProperty("result", result);
    return vector;
  }

  // ----- key blobs -----

  private void keyBlobs(JsonArray vectors) {
    String pass = "paula's secupass";
    byte[] salt = seeded("xwing blob salt", KeyBlob.SALT_SIZE);
    byte[] nonce = seeded("xwing blob nonce", KeyBlob.NONCE_SIZE);
    byte[] blob = KeyBlob.seal(paula.id(), paula.version(), paula.keys(),
        pass.getBytes(StandardCharsets.UTF_8), KDF, salt, nonce);
    JsonObject valid = blob("paula's suite-2 blob", blob, pass, VALID);
    valid.addProperty("salt", hex(salt));
    valid.addProperty("nonce", hex(nonce));
    vectors.add(valid);
    vectors.add(blob("wrong SecuPass", blob, "paula's secupas", "WrongSecuPassException"));
    byte[] relabelled = blob.clone();
    relabelled[5] = 1;
    vectors.add(blob("relabelled as suite 1", relabelled, pass, "InvalidKeyBlobException"));
    vectors.add(blob("truncated", Arrays.copyOf(blob, blob.length - 1), pass,
        "InvalidKeyBlobException"));
  }

  private JsonObject blob(String name, byte[] blob, String pass, String result) {
    JsonObject vector = vector("keyBlob", name);
    vector.addProperty("blob", hex(blob));
    vector.addProperty("recordOwner", name(paula));
    JsonObject kdf = new JsonObject();
    kdf.addProperty("memoryKiB", KDF.memoryKiB());
    kdf.addProperty("iterations", KDF.iterations());
    kdf.addProperty("parallelism", KDF.parallelism());
    vector.add("recordKdf", kdf);
    vector.addProperty("secuPass", pass);
    vector.addProperty("result", result);
    return vector;
  }

  // ----- envelopes -----

  private void envelopes(JsonArray vectors) {
    EnvelopeContext delivery = EnvelopeContext.delivery(DeliveryId.of("delivery-1"),
        SecurityLevel.TOP_SECRET);
    JsonObject base = envelope("delivery key from carl (suite 1) to paula (suite 2)", carl,
        paula, delivery, carl, paula, delivery, VALID);
    vectors.add(base);
    vectors.add(envelope("room epoch 3 key from paula to quentin", paula, quentin,
        EnvelopeContext.roomEpoch(RoomId.of("room-1"), 3), paula, quentin,
        EnvelopeContext.roomEpoch(RoomId.of("room-1"), 3), VALID));
    vectors.add(envelope("from paula to carl: suite 1, the recipient's", paula, carl, delivery,
        paula, carl, delivery, VALID));
    vectors.add(envelope("wrong recipient: quentin opens paula's", carl, paula, delivery, carl,
        quentin, delivery, "IntegrityException"));
    byte[] good = Vectors.bytes(base, "envelope");
    byte[] unsigned = Arrays.copyOf(good, good.length - 64);
    byte[] enc = unsigned.clone();
    enc[unsigned.length - 48 - 500] ^= 1;
    vectors.add(variant(base, "ML-KEM ciphertext altered and re-signed",
        concat(enc, carl.keys().sign(enc)), "IntegrityException"));
    byte[] encX = unsigned.clone();
    encX[unsigned.length - 48 - 1] ^= 1;
    vectors.add(variant(base, "ephemeral X25519 key altered and re-signed",
        concat(encX, carl.keys().sign(encX)), "IntegrityException"));
    byte[] relabelled = good.clone();
    relabelled[5] = 1;
    vectors.add(variant(base, "relabelled as suite 1", relabelled, "IntegrityException"));
    byte[] forged = good.clone();
    forged[forged.length - 1] ^= 1;
    vectors.add(variant(base, "forged signature", forged, "InvalidSignatureException"));
  }

  private JsonObject envelope(String name, User granter, User recipient, EnvelopeContext context,
      User verifyWith, User opener, EnvelopeContext expected, String result) {
    byte[] key = seeded("xwing envelope key " + name, 32);
    PublicKeys recipientKeys = PublicKeys.parse(recipient.bundle());
    byte[] randomness = seeded("xwing envelope randomness " + name,
        recipientKeys.suite() == 2 ? HpkeXWing.ENCAPSULATION_SEED_SIZE : 32);
    byte[] envelope = EnvelopeCodec.seal(granter.keys(), granter.id(), granter.version(),
        recipientKeys, context, key, new FixedRandom(randomness));
    JsonObject vector = vector("envelope", name);
    vector.addProperty("granter", name(granter));
    vector.addProperty("recipient", name(recipient));
    vector.add("context", Vectors.json(context));
    vector.addProperty("key", hex(key));
    vector.addProperty(recipientKeys.suite() == 2 ? "encapsulationSeed" : "ephemeralPrivateKey",
        hex(randomness));
    vector.addProperty("headerLength", EnvelopeCodec.parse(envelope).headerLength());
    vector.addProperty("envelope", hex(envelope));
    vector.addProperty("verifyWith", name(verifyWith));
    vector.addProperty("openAs", name(opener));
    vector.add("expectedContext", Vectors.json(expected));
    vector.addProperty("result", result);
    return vector;
  }

  private static JsonObject variant(JsonObject base, String name, byte[] envelope,
      String result) {
    JsonObject vector = vector("envelope", name);
    for (String field : new String[] {"granter", "recipient", "verifyWith", "openAs"}) {
      vector.addProperty(field, Vectors.string(base, field));
    }
    vector.add("context", base.get("context"));
    vector.add("expectedContext", base.get("expectedContext"));
    vector.addProperty("key", Vectors.string(base, "key"));
    vector.addProperty("envelope", hex(envelope));
    vector.addProperty("result", result);
    return vector;
  }

  // ----- pin -----

  private void pin(JsonArray vectors) {
    byte[] sealKey = PinSeal.deriveKey(quentin.keys(), quentin.id(), quentin.version());
    PublicKeys subject = PublicKeys.parse(paula.bundle());
    JsonObject vector = vector("pin", "quentin's pin of paula's suite-2 keys");
    vector.addProperty("observer", name(quentin));
    vector.addProperty("subject", paula.id().value());
    vector.addProperty("subjectVersion", paula.version().value());
    vector.addProperty("fingerprint", subject.fingerprint().digits());
    vector.addProperty("suite", 2);
    vector.addProperty("sealKey", hex(sealKey));
    vector.addProperty("trust", PinSeal.Trust.FIRST_USE.code());
    vector.addProperty("seal", hex(PinSeal.sealV2(sealKey, quentin.id(), quentin.version(),
        paula.id(), paula.version(), subject.fingerprint(), PinSeal.Trust.FIRST_USE, 2,
        java.util.List.of())));
    vector.addProperty("result", VALID);
    vectors.add(vector);
  }

  // ----- helpers -----

  private static JsonObject vector(String format, String name) {
    JsonObject vector = new JsonObject();
    vector.addProperty("format", format);
    vector.addProperty("name", name);
    return vector;
  }

  private static String name(User user) {
    return user.id().value().substring(0, user.id().value().indexOf('@'));
  }

  private static byte[] seeded(String seed, int length) {
    byte[] bytes = new byte[length];
    new DeterministicRandom("vectors/" + seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
