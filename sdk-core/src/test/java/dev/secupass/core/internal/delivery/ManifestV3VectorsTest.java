package dev.secupass.core.internal.delivery;

import static dev.secupass.core.internal.delivery.ManifestV2VectorsTest.bytes;
import static dev.secupass.core.internal.delivery.ManifestV2VectorsTest.seeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.KeyLogException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.ManifestCodec;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import dev.secupass.core.internal.keylog.SeenCheckpoint;
import dev.secupass.core.testing.RecordedOutcomes;
import dev.secupass.core.vectors.VectorLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Known-answer vectors of the version-3 delivery manifest ({@code docs/format.md}, "Delivery
 * manifest / Version 3"): version 2 with the seen checkpoint field, the key-log checkpoint the
 * sender's SDK relied on, and the reader rule that compares it with the reader's own checkpoint
 * ({@code "heldSize"}, {@code "heldRoot"}) by the consistency proof its storage gives ({@code
 * "proof"}), in {@code vectors/manifest-v3.json}. The manifests are those of {@code
 * manifest-v2.json} ({@link ManifestV2VectorsTest}) in version 3; the logs are {@link VectorLog}'s.
 * The browser client's {@code vectors.test.ts} checks the same file. Rewritten with {@code
 * -Dsecupass.vectors.generate=true}.
 */
class ManifestV3VectorsTest {
  static final String FILE = "manifest-v3.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
      .create();
  private static final HexFormat HEX = HexFormat.of();

  private final ManifestV2VectorsTest v2 = new ManifestV2VectorsTest();
  private final VectorLog real = new VectorLog(false);
  private final VectorLog fork = new VectorLog(true);

  @Test
  @DisplayName("The frozen manifest-v3 vectors are exactly what the generator computes")
  void computed_equalsTheFrozenFile() throws IOException {
    assertThat(GSON.toJson(compute())).isEqualTo(GSON.toJson(load()));
  }

  @TestFactory
  @DisplayName("Every signed manifest-v3 vector verifies and compares, or fails, as recorded;"
      + " valid ones re-encode to their payload")
  Stream<DynamicTest> signedVectors_haveTheRecordedOutcome() throws IOException {
    JsonObject file = load();
    JsonObject users = file.getAsJsonObject("users");
    return RecordedOutcomes.tests(vectors(file.getAsJsonArray("signed")), 16, 11, v -> {
      DeliveryManifest manifest = DeliveryManifest.verify(bytes(v, "signed"), PublicKeys.parse(
          bytes(users.getAsJsonObject(v.get("verifyWith").getAsString()), "bundle")));
      manifest.checkKey(SymmetricKey.importBytes(bytes(v, "contentKey")));
      compare(v, manifest.seen());
      return manifest;
    }, (v, manifest) -> {
      assertThat(ManifestCodec.encode(manifest)).isEqualTo(bytes(v, "payload"));
      assertThat(manifest.version()).isEqualTo(3);
      assertThat(manifest.seen().size()).isEqualTo(v.get("seenSize").getAsLong());
      assertThat(manifest.seen().root()).isEqualTo(bytes(v, "seenRoot"));
    });
  }

  @TestFactory
  @DisplayName("A version-3 payload inside a host-sealed manifest is refused")
  Stream<DynamicTest> hostVectors_haveTheRecordedOutcome() throws IOException {
    JsonObject host = load().getAsJsonObject("host");
    HostManifestVectorsTest.FixedNonceTinkKey key = new HostManifestVectorsTest.FixedNonceTinkKey(
        ManifestV2VectorsTest.KEY_ID, bytes(host, "atRestKey"), new byte[12]);
    return RecordedOutcomes.tests(vectors(host.getAsJsonArray("vectors")), 2, 2, v -> {
      try (HostManifest opened = HostManifest.open(key, ManifestV2VectorsTest.record(host,
          DeliveryId.of(v.get("delivery").getAsString()), bytes(v, "stored")))) {
        return opened.manifest();
      }
    }, (v, opened) -> { });
  }

  @Test
  @EnabledIfSystemProperty(named = "secupass.vectors.generate", matches = "true")
  void generate() throws IOException {
    Files.writeString(Path.of("src/test/resources/vectors", FILE), GSON.toJson(compute()) + "\n");
  }

  /**
   * The reader rule: with a checkpoint of its own (held size above 0) and a bound one of size
   * above 0, the two must be one history by the proof, else FORKED.
   */
  static void compare(JsonObject v, BoundCheckpoint bound) {
    long held = v.get("heldSize").getAsLong();
    if (held == 0 || bound.none()) {
      return;
    }
    List<byte[]> proof = new ArrayList<>();
    for (JsonElement e : v.getAsJsonArray("proof")) {
      proof.add(HEX.parseHex(e.getAsString()));
    }
    if (!SeenCheckpoint.oneHistory(held, bytes(v, "heldRoot"), bound.size(), bound.root(),
        proof)) {
      throw new KeyLogException(KeyLogException.Kind.FORKED, "not one history");
    }
  }

  // ----- the generator -----

  /** Version 3 of {@code fields} (whose version byte is 3): version 2's, then the seen field. */
  private static byte[] payload(ManifestV2VectorsTest.Fields fields, long seenSize,
      byte[] seenRoot) {
    return new ByteWriter().bytes(fields.encode()).u64(seenSize).bytes(seenRoot).toByteArray();
  }

  private JsonObject compute() {
    SymmetricKey contentKey = SymmetricKey.importBytes(seeded("manifest v2 content key", 32));
    byte[] key = contentKey.exportBytes();
    byte[] details = seeded("stored details", 60);
    byte[] name1 = "offer.pdf".getBytes(StandardCharsets.UTF_8);
    byte[] name2 = seeded("sealed name 2", 70);
    List<DeliveryManifest.FileEntry> entries = List.of(
        new DeliveryManifest.FileEntry(dev.secupass.api.FileId.of("file-2"), 100, 309,
            seeded("digest 1", 32), DeliveryManifest.nameDigest(name1)),
        new DeliveryManifest.FileEntry(dev.secupass.api.FileId.of("file-1"), 0, 113,
            seeded("digest 2", 32), DeliveryManifest.nameDigest(name2)));
    BoundCheckpoint seen7 = new BoundCheckpoint(7, real.root(7));
    DeliveryManifest manifest = new DeliveryManifest(3, DeliveryId.of("delivery-1"),
        SecurityLevel.TOP_SECRET, v2.alice.id(), KeyVersion.FIRST, ManifestV2VectorsTest.CREATED,
        ManifestV2VectorsTest.EXPIRES, v2.recipients, entries, Hashes.sha256(details),
        contentKey.commitment(), seen7);
    byte[] payload7 = ManifestCodec.encode(manifest);

    List<String> sorted = v2.recipients.stream().map(UserId::value)
        .sorted((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
            b.getBytes(StandardCharsets.UTF_8))).toList();
    List<Object[]> files = new ArrayList<>();
    for (DeliveryManifest.FileEntry e : entries) {
      files.add(new Object[] {e.file().value(), e.nameDigest(), e.size(), e.storedSize(),
          e.digest()});
    }
    ManifestV2VectorsTest.Fields fields = new ManifestV2VectorsTest.Fields(3, "delivery-1", 4,
        v2.alice.id().value(), ManifestV2VectorsTest.CREATED.toEpochMilli(),
        ManifestV2VectorsTest.EXPIRES.toEpochMilli(), sorted, files, Hashes.sha256(details),
        contentKey.commitment());
    if (!Arrays.equals(payload(fields, 7, real.root(7)), payload7)) {
      throw new IllegalStateException("the hand-written layout differs from ManifestCodec's");
    }
    JsonObject summary = ManifestV2VectorsTest.summary(fields, List.of(name1, name2));

    JsonArray signed = new JsonArray();
    byte[] statement7 = v2.alice.sign(payload7);
    signed.add(valid("alice relied on 7 entries, the reader holds 5 of the same log",
        statement7, payload7, key, real, 5, real.proof(5, 7), 7, real.root(7), summary,
        contentKey));
    signed.add(valid("alice relied on 7 entries, the reader holds the same 7", statement7,
        payload7, key, real, 7, List.of(), 7, real.root(7), summary, contentKey));
    byte[] payload3 = payload(fields, 3, real.root(3));
    signed.add(valid("alice relied on 3 entries, the reader holds 5 of the same log",
        v2.alice.sign(payload3), payload3, key, real, 5, real.proof(3, 5), 3, real.root(3),
        summary, contentKey));
    signed.add(valid("the reader holds 7 of a fork, alice relied on 3 before it split",
        v2.alice.sign(payload3), payload3, key, fork, 7, fork.proof(3, 7), 3, real.root(3),
        summary, contentKey));
    byte[] payload0 = payload(fields, 0, new byte[32]);
    signed.add(valid("alice relied on no checkpoint yet (size 0): nothing is compared",
        v2.alice.sign(payload0), payload0, key, real, 5, List.of(), 0, new byte[32], summary,
        contentKey));
    signed.add(valid("the reader holds no checkpoint yet: nothing is compared", statement7,
        payload7, key, real, 0, List.of(), 7, real.root(7), summary, contentKey));
    byte[] forked7 = payload(fields, 7, fork.root(7));
    signed.add(vector("alice was shown a fork of 7 entries, the reader holds 5 of the log",
        v2.alice.sign(forked7), forked7, "alice", key, real, 5, real.proof(5, 7),
        "KeyLogException"));
    signed.add(vector("alice was shown a fork of 7 entries, the reader holds 7 of the log",
        v2.alice.sign(forked7), forked7, "alice", key, real, 7, List.of(), "KeyLogException"));
    signed.add(vector("alice relied on 7 entries, the reader's storage holds only 5 (no proof)",
        statement7, payload7, "alice", key, real, 5, List.of(), "KeyLogException"));
    byte[] altered = statement7.clone();
    int rootAt = altered.length - 64 - 32; // the seen root, before the 64-byte signature
    altered[rootAt] ^= 1;
    signed.add(vector("the bound checkpoint altered after signing", altered, null, "alice", key,
        real, 5, real.proof(5, 7), "InvalidSignatureException"));
    signed.add(vector("verified with mallory's keys", statement7, payload7, "mallory", key, real,
        5, real.proof(5, 7), "InvalidSignatureException"));
    byte[] zeroSize = payload(fields, 0, real.root(7));
    signed.add(vector("seen size 0 with a non-zero root", v2.alice.sign(zeroSize), zeroSize,
        "alice", key, real, 5, List.of(), "IntegrityException"));
    byte[] huge = new ByteWriter().bytes(fields.encode()).u8(0x80).bytes(new byte[7])
        .bytes(real.root(7)).toByteArray();
    signed.add(vector("seen size above 2^63-1", v2.alice.sign(huge), huge, "alice", key, real,
        5, List.of(), "IntegrityException"));
    byte[] cut = Arrays.copyOf(payload7, payload7.length - 1);
    signed.add(vector("seen field cut short", v2.alice.sign(cut), cut, "alice", key, real, 5,
        real.proof(5, 7), "IntegrityException"));
    byte[] noField = fields.encode();
    signed.add(vector("version 3 without the seen field", v2.alice.sign(noField), noField,
        "alice", key, real, 5, real.proof(5, 7), "IntegrityException"));
    byte[] trailing = Arrays.copyOf(payload7, payload7.length + 1);
    signed.add(vector("trailing byte after the seen field", v2.alice.sign(trailing), trailing,
        "alice", key, real, 5, real.proof(5, 7), "IntegrityException"));
    byte[] v2WithField = payload7.clone();
    v2WithField[0] = 2;
    signed.add(vector("version 2 with a seen field appended", v2.alice.sign(v2WithField),
        v2WithField, "alice", key, real, 5, real.proof(5, 7), "IntegrityException"));
    byte[] v4 = payload7.clone();
    v4[0] = 4;
    signed.add(vector("payload version 4", v2.alice.sign(v4), v4, "alice", key, real, 5,
        real.proof(5, 7), "UnsupportedFormatException"));

    JsonObject file = new JsonObject();
    file.addProperty("description", "SecuPass delivery manifest version 3 (docs/format.md,"
        + " Delivery manifest / Version 3): version 2 (manifest-v2.json) with payload version 3"
        + " and the seen checkpoint field (u64 seen size, 32-byte seen root) at the end. 'signed':"
        + " signed statements of type 1 to verify with the keys of 'verifyWith', check against"
        + " 'contentKey', then compare: a reader holding a checkpoint ('heldSize' > 0, 'heldRoot')"
        + " and a bound checkpoint of size > 0 verifies the RFC 9162 consistency proof 'proof'"
        + " (as its storage serves it, from the smaller size to the larger; empty for equal"
        + " sizes) with the two roots; failure is KeyLogException FORKED. Valid vectors give"
        + " 'seenSize', 'seenRoot', the manifest summary and re-encode to 'payload'. Altered"
        + " payloads are re-signed by alice unless the name says otherwise. 'host': the level-1"
        + " host-sealed manifest of manifest-v2.json, whose plaintext's payload is replaced by a"
        + " version-3 one and re-sealed: always IntegrityException.");
    JsonObject users = new JsonObject();
    users.add("alice", v2.alice.toJson());
    users.add("mallory", v2.mallory.toJson());
    file.add("users", users);
    file.add("signed", signed);
    file.add("host", host());
    return file;
  }

  /** Manifest-v2.json's host fixture, with version-3 payloads sealed in it. */
  private JsonObject host() {
    JsonObject base = v2.compute().getAsJsonObject("host");
    byte[] plain = bytes(base, "plaintext");
    byte[] old = bytes(base, "payload");
    byte[] stored = bytes(base.getAsJsonArray("vectors").get(0).getAsJsonObject(), "stored");
    byte[] prefix = Arrays.copyOf(stored, 6);
    byte[] atRestKey = bytes(base, "atRestKey");
    byte[] ad = bytes(base, "associatedData");
    byte[] v3 = new ByteWriter().bytes(old).u64(7).bytes(real.root(7)).toByteArray();
    v3[0] = 3;
    byte[] none = new ByteWriter().bytes(old).u64(0).bytes(new byte[32]).toByteArray();
    none[0] = 3;
    JsonObject host = base.deepCopy();
    host.remove("vectors");
    JsonArray vectors = new JsonArray();
    DeliveryId delivery = DeliveryId.of(host.get("manifest").getAsJsonObject().get("delivery")
        .getAsString());
    vectors.add(ManifestV2VectorsTest.hostVector("a version-3 payload in a version-2 host"
        + " manifest", delivery, ManifestV2VectorsTest.reseal(prefix, atRestKey, "v3 payload nonce",
            ManifestV2VectorsTest.replacePayload(plain, old, v3), ad), "IntegrityException"));
    vectors.add(ManifestV2VectorsTest.hostVector("a version-3 payload with no checkpoint in a"
        + " version-2 host manifest", delivery, ManifestV2VectorsTest.reseal(prefix, atRestKey,
            "v3 none nonce", ManifestV2VectorsTest.replacePayload(plain, old, none), ad),
        "IntegrityException"));
    host.add("vectors", vectors);
    return host;
  }

  private JsonObject valid(String name, byte[] statement, byte[] payload, byte[] key,
      VectorLog held, long heldSize, List<byte[]> proof, long seenSize, byte[] seenRoot,
      JsonObject summary, SymmetricKey contentKey) {
    JsonObject v = vector(name, statement, payload, "alice", key, held, heldSize, proof,
        RecordedOutcomes.VALID);
    v.addProperty("seenSize", seenSize);
    v.addProperty("seenRoot", HEX.formatHex(seenRoot));
    v.add("manifest", summary);
    v.addProperty("keyCommitment", HEX.formatHex(contentKey.commitment()));
    return v;
  }

  private static JsonObject vector(String name, byte[] statement, byte[] payload,
      String verifyWith, byte[] key, VectorLog held, long heldSize, List<byte[]> proof,
      String result) {
    JsonObject v = ManifestV2VectorsTest.signed(name, statement,
        payload == null ? new byte[0] : payload, verifyWith, key, result);
    if (payload == null) {
      v.remove("payload");
    }
    v.remove("result");
    v.addProperty("heldSize", heldSize);
    v.addProperty("heldRoot", HEX.formatHex(heldSize == 0 ? new byte[32] : held.root(heldSize)));
    JsonArray hashes = new JsonArray();
    proof.forEach(h -> hashes.add(HEX.formatHex(h)));
    v.add("proof", hashes);
    v.addProperty("result", result);
    if (result.equals("KeyLogException")) {
      v.addProperty("kind", "FORKED");
    }
    return v;
  }

  private static List<JsonObject> vectors(JsonArray array) {
    return array.asList().stream().map(JsonElement::getAsJsonObject).toList();
  }

  private static JsonObject load() throws IOException {
    try (InputStream in = ManifestV3VectorsTest.class.getResourceAsStream("/vectors/" + FILE)) {
      if (in == null) {
        throw new IOException("missing vector file " + FILE);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return GSON.fromJson(reader, JsonObject.class);
      }
    }
  }
}
