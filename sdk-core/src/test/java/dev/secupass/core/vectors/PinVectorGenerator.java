package dev.secupass.core.vectors;

import static dev.secupass.core.vectors.Vectors.hex;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.secupass.api.Fingerprint;
import dev.secupass.api.KeyVersion;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.keys.PinSeal;
import dev.secupass.core.vectors.Vectors.User;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes {@code vectors/key-pin-v2.json}: version-2 key-pin seals ({@code docs/format.md},
 * "Key-pin seal / Version 2"), valid ones and altered ones, from fixed seeds. Disabled unless
 * {@code -Dsecupass.vectors.generate=true}; {@link PinVectorsTest} checks the file.
 */
@EnabledIfSystemProperty(named = "secupass.vectors.generate", matches = "true")
class PinVectorGenerator {
  static final String FILE = "key-pin-v2.json";

  private final User alice = User.make("alice", 1);
  private final User bob = User.make("bob", 1);
  /** A second fingerprint of Bob's, as after a reset (the seal only carries the digits). */
  private final Fingerprint bobReset = PublicKeys.parse(User.make("bob-reset", 2).bundle())
      .fingerprint();

  @Test
  void generate() throws IOException {
    Vectors.write(FILE, pins());
  }

  private JsonObject pins() {
    Fingerprint bobFirst = PublicKeys.parse(bob.bundle()).fingerprint();
    byte[] key = PinSeal.deriveKey(alice.keys(), alice.id(), alice.version());
    JsonArray vectors = new JsonArray();
    List<PinSeal.Earlier> none = List.of();
    List<PinSeal.Earlier> history = List.of(
        new PinSeal.Earlier(KeyVersion.FIRST, bobFirst, PinSeal.Trust.FIRST_USE));

    byte[] firstUse = seal(key, 1, bobFirst, PinSeal.Trust.FIRST_USE, 1, none);
    vectors.add(vector("alice pins bob v1 (suite 1) on first use", key, 1, bobFirst, firstUse,
        PinSeal.Trust.FIRST_USE, 1, none, Vectors.VALID));
    byte[] compared = seal(key, 2, bobReset, PinSeal.Trust.FINGERPRINT_COMPARED, 2, history);
    vectors.add(vector("alice compared bob's v2 fingerprint (suite 2), v1 in the history", key,
        2, bobReset, compared, PinSeal.Trust.FINGERPRINT_COMPARED, 2, history, Vectors.VALID));

    vectors.add(vector("empty seal", key, 1, bobFirst, new byte[0], null, 0, none,
        "IntegrityException"));
    byte[] newer = compared.clone();
    newer[4] = 2; // u32 observer key version 1 -> 2, newer than the observer's own
    vectors.add(vector("seal claims a newer key version of the observer", key, 2, bobReset,
        newer, null, 0, none, "IntegrityException"));
    byte[] v1Newer = new byte[PinSeal.V1_SIZE];
    v1Newer[3] = 2;
    vectors.add(vector("version-1 seal claims a newer key version of the observer", key, 1,
        bobFirst, v1Newer, null, 0, none, "IntegrityException"));
    byte[] flipped = compared.clone();
    flipped[flipped.length - 1] ^= 1;
    vectors.add(vector("HMAC flipped", key, 2, bobReset, flipped, null, 0, none,
        "IntegrityException"));
    vectors.add(vector("pin rewritten to another version", key, 1, bobReset, compared, null, 0,
        none, "IntegrityException"));
    byte[] suiteLowered = compared.clone();
    suiteLowered[6] = 1; // suite 2 -> 1 (a downgrade hidden in the pin), HMAC kept
    vectors.add(vector("suite lowered by storage", key, 2, bobReset, suiteLowered, null, 0, none,
        "IntegrityException"));
    byte[] unknownSuite = head(firstUse, 1);
    unknownSuite[6] = 3;
    vectors.add(vector("unknown suite, HMAC recomputed", key, 1, bobFirst,
        withMac(key, 1, bobFirst, unknownSuite), null, 0, none, "IntegrityException"));
    byte[] trustRaised = firstUse.clone();
    trustRaised[5] = 2; // first use -> compared, HMAC kept
    vectors.add(vector("trust raised by storage", key, 1, bobFirst, trustRaised, null, 0, none,
        "IntegrityException"));
    vectors.add(vector("unknown trust code, HMAC recomputed", key, 1, bobFirst,
        withMac(key, 1, bobFirst, head(firstUse, 9)), null, 0, none, "IntegrityException"));
    byte[] cut = Arrays.copyOf(compared, 9);
    cut[7] = 0;
    cut[8] = 0; // u16 count 0, the history dropped
    vectors.add(vector("history cut off, HMAC kept", key, 2, bobReset,
        concat(cut, Arrays.copyOfRange(compared, compared.length - 32, compared.length)), null, 0,
        none, "IntegrityException"));
    vectors.add(vector("trailing byte inside the MAC input", key, 1, bobFirst,
        withMac(key, 1, bobFirst, concat(Arrays.copyOf(firstUse, firstUse.length - 32),
            new byte[] {0})), null, 0, none, "IntegrityException"));
    return file(vectors);
  }

  private byte[] seal(byte[] key, int subjectVersion, Fingerprint fingerprint,
      PinSeal.Trust trust, int suite, List<PinSeal.Earlier> history) {
    return PinSeal.sealV2(key, alice.id(), alice.version(), bob.id(),
        KeyVersion.of(subjectVersion), fingerprint, trust, suite, history);
  }

  /** The seal's bytes before the HMAC with the trust byte set to {@code trust}. */
  private static byte[] head(byte[] seal, int trust) {
    byte[] head = Arrays.copyOf(seal, seal.length - 32);
    head[5] = (byte) trust;
    return head;
  }

  /** {@code head} followed by the HMAC a writer with {@code key} would put after it. */
  private byte[] withMac(byte[] key, int subjectVersion, Fingerprint fingerprint, byte[] head) {
    byte[] message = new ByteWriter()
        .bytes(Labels.of(Labels.PIN_SEAL_V2))
        .string(alice.id().value())
        .string(bob.id().value())
        .u32(subjectVersion)
        .string(fingerprint.digits())
        .bytes(head)
        .toByteArray();
    return concat(head, Hashes.hmacSha256(key, message));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private JsonObject vector(String name, byte[] key, int subjectVersion, Fingerprint fingerprint,
      byte[] seal, PinSeal.Trust trust, int suite, List<PinSeal.Earlier> history,
      String result) {
    JsonObject vector = new JsonObject();
    vector.addProperty("name", name);
    vector.addProperty("observer", "alice");
    vector.addProperty("subject", bob.id().value());
    vector.addProperty("subjectVersion", subjectVersion);
    vector.addProperty("fingerprint", fingerprint.digits());
    vector.addProperty("sealKey", hex(key));
    vector.addProperty("seal", hex(seal));
    if (trust != null) {
      vector.addProperty("trust", trust.code());
      vector.addProperty("suite", suite);
      JsonArray earlier = new JsonArray();
      for (PinSeal.Earlier e : history) {
        JsonObject json = new JsonObject();
        json.addProperty("version", e.version().value());
        json.addProperty("fingerprint", e.fingerprint().digits());
        json.addProperty("trust", e.trust().code());
        earlier.add(json);
      }
      vector.add("history", earlier);
    }
    vector.addProperty("result", result);
    return vector;
  }

  private JsonObject file(JsonArray vectors) {
    JsonObject file = new JsonObject();
    file.addProperty("description", "SecuPass key-pin seal v2 (docs/format.md, Key-pin seal /"
        + " Version 2). Each vector is checked by the observer alice, key version 1; valid ones"
        + " carry the trust code, the suite of the pinned keys and the pin history the seal"
        + " holds.");
    JsonObject users = new JsonObject();
    users.add("alice", alice.toJson());
    file.add("users", users);
    file.add("vectors", vectors);
    return file;
  }
}
