package dev.secupass.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.secupass.api.BlobId;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.ManifestCodec;
import dev.secupass.core.internal.format.SignedStatementCodec;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.RecordedOutcomes;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.Recipient;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * Known-answer vectors of the version-2 delivery manifest ({@code docs/format.md}, "Delivery
 * manifest / Version 2") signed by the sender (levels 3-4), and of the host-sealed manifest
 * version 2 (levels 1-2), in {@code vectors/manifest-v2.json}. Valid manifests verify, match
 * the recorded summary and re-encode to the recorded payload; altered ones (each re-signed or
 * re-sealed so that only the rule under test is broken) fail as recorded. The browser client's
 * {@code vectors.test.ts} checks the same file. The file is rewritten with {@code
 * -Dsecupass.vectors.generate=true}.
 */
class ManifestV2VectorsTest {
  static final String FILE = "manifest-v2.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
      .create();
  private static final HexFormat HEX = HexFormat.of();
  static final Instant CREATED = Instant.parse("2026-03-01T09:00:00.123Z");
  static final Instant EXPIRES = Instant.parse("2026-05-30T09:00:00.456Z");
  static final long KEY_ID = 0x5EC0FA55L;
  private static final DeliveryId HOST_DELIVERY = DeliveryId.of("delivery-9");
  private static final int DOWNLOAD_LIMIT = 5;

  record User(String name, UserId id, PrivateKeys keys, byte[] bundle) {
    static User make(String name) {
      PrivateKeys keys = PrivateKeys.generate(new DeterministicRandom("vectors/" + name), 1);
      UserId id = UserId.of(name + "@example.org");
      return new User(name, id, keys, PublicKeyBundle.encode(id, KeyVersion.FIRST, keys));
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject();
      json.addProperty("user", id.value());
      json.addProperty("version", 1);
      json.addProperty("privateKeys", HEX.formatHex(keys.secrets()));
      json.addProperty("bundle", HEX.formatHex(bundle));
      return json;
    }

    byte[] sign(byte[] payload) {
      return SignedStatementCodec.sign(keys, id, KeyVersion.FIRST, SignedType.DELIVERY_MANIFEST,
          payload);
    }
  }

  final User alice = User.make("alice");
  final User mallory = User.make("mallory");
  /** Recipients whose UTF-8 order differs from their UTF-16 order (U+FF41 before U+1F600). */
  final List<UserId> recipients = List.of(UserId.of("\uD83D\uDE00@example.org"),
      UserId.of("bob@example.org"), UserId.of("\uFF41@example.org"),
      UserId.of("carol@example.org"));

  @Test
  @DisplayName("The frozen manifest-v2 vectors are exactly what the generator computes")
  void computed_equalsTheFrozenFile() throws IOException {
    assertThat(GSON.toJson(compute())).isEqualTo(GSON.toJson(load()));
  }

  @TestFactory
  @DisplayName("Every signed manifest-v2 vector verifies, or fails, as recorded; valid ones"
      + " re-encode to their payload")
  Stream<DynamicTest> signedVectors_haveTheRecordedOutcome() throws IOException {
    JsonObject file = load();
    JsonObject users = file.getAsJsonObject("users");
    return RecordedOutcomes.tests(vectors(file, "signed"), 10, 9, v -> {
      DeliveryManifest manifest = DeliveryManifest.verify(bytes(v, "signed"), PublicKeys.parse(
          bytes(users.getAsJsonObject(v.get("verifyWith").getAsString()), "bundle")));
      manifest.checkKey(SymmetricKey.importBytes(bytes(v, "contentKey")));
      return manifest;
    }, (v, manifest) -> {
      assertThat(ManifestCodec.encode(manifest)).isEqualTo(bytes(v, "payload"));
      assertThat(manifest.version()).isEqualTo(2);
    });
  }

  @TestFactory
  @DisplayName("Every host-sealed manifest-v2 vector opens, or fails, as recorded for its"
      + " delivery record")
  Stream<DynamicTest> hostVectors_haveTheRecordedOutcome() throws IOException {
    JsonObject file = load();
    JsonObject host = file.getAsJsonObject("host");
    HostManifestVectorsTest.FixedNonceTinkKey key = new HostManifestVectorsTest.FixedNonceTinkKey(
        KEY_ID, bytes(host, "atRestKey"), new byte[12]);
    return RecordedOutcomes.tests(vectors(file, "host"), 6, 5, v -> {
      try (HostManifest opened = HostManifest.open(key, record(host,
          DeliveryId.of(v.get("delivery").getAsString()), bytes(v, "stored")))) {
        return List.of(opened.contentKey().exportBytes(),
            ManifestCodec.encode(opened.manifest()));
      }
    }, (v, opened) -> {
      assertThat(opened.get(0)).isEqualTo(bytes(host, "contentKey"));
      assertThat(opened.get(1)).isEqualTo(bytes(host, "payload"));
    });
  }

  @Test
  @EnabledIfSystemProperty(named = "secupass.vectors.generate", matches = "true")
  void generate() throws IOException {
    Files.writeString(Path.of("src/test/resources/vectors", FILE), GSON.toJson(compute()) + "\n");
  }

  // ----- the generator -----

  /** The manifest's fields, written by hand so that vectors can break one rule at a time. */
  record Fields(int version, String delivery, int level, String sender, long created,
      long expires, List<String> recipients, List<Object[]> files, byte[] details,
      byte[] commitment) {
    byte[] encode() {
      ByteWriter out = new ByteWriter().u8(version).string(delivery).u8(level).string(sender)
          .i64(created).i64(expires).u32(recipients.size());
      recipients.forEach(out::string);
      out.u32(files.size());
      for (Object[] f : files) {
        out.string((String) f[0]).bytes((byte[]) f[1]).u64((Long) f[2]).u64((Long) f[3])
            .bytes((byte[]) f[4]);
      }
      return out.bytes(details).bytes(commitment).toByteArray();
    }

    Fields with(int version, int level, String sender, long expires, List<String> recipients,
        List<Object[]> files) {
      return new Fields(version, delivery, level, sender, created, expires, recipients, files,
          details, commitment);
    }
  }

  JsonObject compute() {
    SymmetricKey contentKey = SymmetricKey.importBytes(seeded("manifest v2 content key", 32));
    byte[] details = seeded("stored details", 60);
    byte[] name1 = "offer.pdf".getBytes(StandardCharsets.UTF_8);
    byte[] name2 = seeded("sealed name 2", 70); // at level 4 the stored name is a sealed stream
    List<DeliveryManifest.FileEntry> entries = List.of(
        new DeliveryManifest.FileEntry(FileId.of("file-2"), 100, 309, seeded("digest 1", 32),
            DeliveryManifest.nameDigest(name1)),
        new DeliveryManifest.FileEntry(FileId.of("file-1"), 0, 113, seeded("digest 2", 32),
            DeliveryManifest.nameDigest(name2)));
    DeliveryManifest manifest = new DeliveryManifest(2, DeliveryId.of("delivery-1"),
        SecurityLevel.TOP_SECRET, alice.id(), KeyVersion.FIRST, CREATED, EXPIRES, recipients,
        entries, Hashes.sha256(details), contentKey.commitment());
    byte[] payload = ManifestCodec.encode(manifest);

    List<String> sorted = recipients.stream().map(UserId::value)
        .sorted((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
            b.getBytes(StandardCharsets.UTF_8))).toList();
    List<Object[]> files = new ArrayList<>();
    for (DeliveryManifest.FileEntry e : entries) {
      files.add(new Object[] {e.file().value(), e.nameDigest(), e.size(), e.storedSize(),
          e.digest()});
    }
    Fields fields = new Fields(2, "delivery-1", 4, alice.id().value(), CREATED.toEpochMilli(),
        EXPIRES.toEpochMilli(), sorted, files, Hashes.sha256(details), contentKey.commitment());
    if (!Arrays.equals(fields.encode(), payload)) {
      throw new IllegalStateException("the hand-written layout differs from ManifestCodec's");
    }

    JsonArray signed = new JsonArray();
    byte[] statement = alice.sign(payload);
    JsonObject valid = signed("level-4 manifest signed by alice", statement, payload, "alice",
        contentKey.exportBytes(), "valid");
    valid.add("manifest", summary(fields, List.of(name1, name2)));
    valid.addProperty("keyCommitment", HEX.formatHex(contentKey.commitment()));
    signed.add(valid);
    byte[] key = contentKey.exportBytes();
    signed.add(signed("checked with another content key", statement, payload, "alice",
        seeded("other content key", 32), "IntegrityException"));
    signed.add(signed("verified with mallory's keys", statement, payload, "mallory", key,
        "InvalidSignatureException"));
    byte[] flipped = statement.clone();
    flipped[flipped.length - 1] ^= 1;
    signed.add(signed("signature flipped", flipped, payload, "alice", key,
        "InvalidSignatureException"));
    List<String> swapped = new ArrayList<>(sorted);
    swapped.set(0, sorted.get(1));
    swapped.set(1, sorted.get(0));
    add(signed, "recipients not ascending",
        fields.with(2, 4, fields.sender(), fields.expires(), swapped, files), key,
        "IntegrityException");
    List<String> repeated = new ArrayList<>(sorted);
    repeated.set(1, sorted.get(0));
    add(signed, "a recipient repeated", fields.with(2, 4, fields.sender(), fields.expires(),
        repeated, files), key, "IntegrityException");
    add(signed, "payload names mallory as the sender, signed by alice",
        fields.with(2, 4, mallory.id().value(), fields.expires(), sorted, files), key,
        "IntegrityException");
    add(signed, "expiry equals creation", fields.with(2, 4, fields.sender(), fields.created(),
        sorted, files), key, "IntegrityException");
    add(signed, "a file id repeated", fields.with(2, 4, fields.sender(), fields.expires(), sorted,
        List.of(files.get(0), files.get(0))), key, "IntegrityException");
    add(signed, "level 5", fields.with(2, 5, fields.sender(), fields.expires(), sorted, files),
        key, "IntegrityException");
    add(signed, "payload version 4", fields.with(4, 4, fields.sender(), fields.expires(), sorted,
        files), key, "UnsupportedFormatException");
    byte[] trailing = Arrays.copyOf(payload, payload.length + 1);
    signed.add(signed("trailing byte", alice.sign(trailing), trailing, "alice", key,
        "IntegrityException"));
    byte[] cut = Arrays.copyOf(payload, payload.length - 1);
    signed.add(signed("payload cut short", alice.sign(cut), cut, "alice", key,
        "IntegrityException"));

    JsonObject file = new JsonObject();
    file.addProperty("description", "SecuPass delivery manifest version 2 (docs/format.md,"
        + " Delivery manifest / Version 2, Host-sealed manifest / Version 2). 'signed': signed"
        + " statements of type 1 to verify with the keys of 'verifyWith' and check against"
        + " 'contentKey'; altered payloads are re-signed by alice so that only the named rule"
        + " breaks. 'host': a level-1 manifest sealed under an AES-256-GCM at-rest key in Tink's"
        + " layout with output prefix TINK (0x01, u32 key id), to open as the delivery each"
        + " vector names; altered plaintexts are re-sealed.");
    JsonObject users = new JsonObject();
    users.add("alice", alice.toJson());
    users.add("mallory", mallory.toJson());
    file.add("users", users);
    file.add("signed", signed);
    file.add("host", host(fields, files));
    return file;
  }

  JsonObject host(Fields signedFields, List<Object[]> signedFiles) {
    byte[] atRestKey = seeded("manifest v2 at-rest key", 32);
    byte[] contentKeyBytes = seeded("level-1 v2 content key", 32);
    byte[] commitment = SymmetricKey.importBytes(contentKeyBytes).commitment();
    byte[] details = seeded("level-1 details", 40);
    byte[] name = "report.txt".getBytes(StandardCharsets.UTF_8);
    byte[] linkTokenHash = seeded("level-1 link token hash", 32);
    Fields fields = new Fields(2, HOST_DELIVERY.value(), 1, alice.id().value(),
        CREATED.toEpochMilli(), EXPIRES.toEpochMilli(), List.of("bob@example.org"),
        List.<Object[]>of(new Object[] {"file-1", DeliveryManifest.nameDigest(name), 100L,
            213L, seeded("level-1 digest", 32)}),
        Hashes.sha256(details), commitment);
    DeliveryManifest manifest = ManifestCodec.decode(fields.encode(), alice.id(),
        KeyVersion.FIRST);
    byte[] nonce = seeded("manifest v2 at-rest nonce", 12);
    HostManifestVectorsTest.FixedNonceTinkKey sealer =
        new HostManifestVectorsTest.FixedNonceTinkKey(KEY_ID, atRestKey, nonce);
    byte[] stored;
    try (HostManifest sealed = new HostManifest(manifest, DOWNLOAD_LIMIT, linkTokenHash,
        SymmetricKey.importBytes(contentKeyBytes))) {
      stored = sealed.seal(sealer);
    }
    byte[] prefix = Arrays.copyOf(stored, 6);
    byte[] ad = sealer.lastAssociatedData;
    byte[] plain = sealer.lastPlaintext;

    JsonObject host = new JsonObject();
    host.addProperty("atRestKey", HEX.formatHex(atRestKey));
    host.addProperty("keyId", KEY_ID);
    host.addProperty("nonce", HEX.formatHex(nonce));
    host.addProperty("sender", alice.id().value());
    host.addProperty("downloadLimit", DOWNLOAD_LIMIT);
    host.addProperty("linkTokenHash", HEX.formatHex(linkTokenHash));
    host.addProperty("contentKey", HEX.formatHex(contentKeyBytes));
    host.addProperty("details", HEX.formatHex(details));
    host.addProperty("payload", HEX.formatHex(fields.encode()));
    host.add("manifest", summary(fields, List.of(name)));
    host.addProperty("associatedData", HEX.formatHex(ad));
    host.addProperty("plaintext", HEX.formatHex(plain));
    JsonArray vectors = new JsonArray();
    vectors.add(hostVector("level-1 manifest sealed by the host", HOST_DELIVERY, stored,
        "valid"));
    vectors.add(hostVector("moved to another delivery", DeliveryId.of("delivery-8"), stored,
        "IntegrityException"));
    byte[] tag = stored.clone();
    tag[tag.length - 1] ^= 1;
    vectors.add(hostVector("bit flipped in the tag", HOST_DELIVERY, tag, "IntegrityException"));
    byte[] relabelled = stored.clone();
    relabelled[3] = 1;
    vectors.add(hostVector("prefix relabelled as version 1", HOST_DELIVERY, relabelled,
        "IntegrityException"));
    byte[] unknown = stored.clone();
    unknown[3] = 9;
    vectors.add(hostVector("unknown version 9", HOST_DELIVERY, unknown,
        "UnsupportedFormatException"));
    // A version-1 payload of the same delivery inside a version-2 host manifest, sealed anew.
    DeliveryManifest v1 = new DeliveryManifest(1, HOST_DELIVERY, SecurityLevel.LINK, alice.id(),
        KeyVersion.FIRST, CREATED, EXPIRES, List.of(UserId.of("bob@example.org")),
        List.of(new DeliveryManifest.FileEntry(FileId.of("file-1"), 100, 213,
            seeded("level-1 digest", 32))), Hashes.sha256(details), commitment);
    vectors.add(hostVector("a version-1 payload in a version-2 host manifest", HOST_DELIVERY,
        reseal(prefix, atRestKey, "v1 payload nonce", replacePayload(plain, fields.encode(),
            ManifestCodec.encode(v1)), ad), "IntegrityException"));
    vectors.add(hostVector("payload names mallory as the sender", HOST_DELIVERY,
        reseal(prefix, atRestKey, "sender nonce", replacePayload(plain, fields.encode(),
            fields.with(2, 1, mallory.id().value(), fields.expires(), fields.recipients(),
                fields.files()).encode()), ad), "IntegrityException"));
    byte[] trailing = Arrays.copyOf(plain, plain.length + 1);
    vectors.add(hostVector("trailing byte after the content key", HOST_DELIVERY,
        reseal(prefix, atRestKey, "trailing nonce", trailing, ad), "IntegrityException"));
    vectors.add(hostVector("truncated", HOST_DELIVERY, Arrays.copyOf(stored, 20),
        "IntegrityException"));
    host.add("vectors", vectors);
    return host;
  }

  /** The plaintext with the manifest payload (length-prefixed) replaced. */
  static byte[] replacePayload(byte[] plain, byte[] old, byte[] replacement) {
    int at = plain.length - 32 - old.length - 4;
    return new ByteWriter().bytes(Arrays.copyOf(plain, at)).u32(replacement.length)
        .bytes(replacement).bytes(Arrays.copyOfRange(plain, plain.length - 32, plain.length))
        .toByteArray();
  }

  static byte[] reseal(byte[] prefix, byte[] key, String nonceSeed, byte[] plain,
      byte[] ad) {
    byte[] sealed = new HostManifestVectorsTest.FixedNonceTinkKey(KEY_ID, key,
        seeded(nonceSeed, 12)).encrypt(plain, ad);
    return new ByteWriter().bytes(prefix).bytes(sealed).toByteArray();
  }

  static JsonObject summary(Fields fields, List<byte[]> names) {
    JsonObject json = new JsonObject();
    json.addProperty("delivery", fields.delivery());
    json.addProperty("level", fields.level());
    json.addProperty("sender", fields.sender());
    json.addProperty("createdAt", fields.created());
    json.addProperty("expiresAt", fields.expires());
    JsonArray recipients = new JsonArray();
    fields.recipients().forEach(recipients::add);
    json.add("recipients", recipients);
    JsonArray files = new JsonArray();
    for (int i = 0; i < fields.files().size(); i++) {
      Object[] f = fields.files().get(i);
      JsonObject file = new JsonObject();
      file.addProperty("file", (String) f[0]);
      file.addProperty("storedName", HEX.formatHex(names.get(i)));
      file.addProperty("nameDigest", HEX.formatHex((byte[]) f[1]));
      file.addProperty("size", (Long) f[2]);
      file.addProperty("storedSize", (Long) f[3]);
      file.addProperty("digest", HEX.formatHex((byte[]) f[4]));
      files.add(file);
    }
    json.add("files", files);
    json.addProperty("detailsDigest", HEX.formatHex(fields.details()));
    return json;
  }

  private void add(JsonArray vectors, String name, Fields fields, byte[] key, String result) {
    byte[] payload = fields.encode();
    vectors.add(signed(name, alice.sign(payload), payload, "alice", key, result));
  }

  static JsonObject signed(String name, byte[] statement, byte[] payload,
      String verifyWith, byte[] contentKey, String result) {
    JsonObject vector = new JsonObject();
    vector.addProperty("name", name);
    vector.addProperty("signed", HEX.formatHex(statement));
    vector.addProperty("payload", HEX.formatHex(payload));
    vector.addProperty("verifyWith", verifyWith);
    vector.addProperty("contentKey", HEX.formatHex(contentKey));
    vector.addProperty("result", result);
    return vector;
  }

  static JsonObject hostVector(String name, DeliveryId delivery, byte[] stored,
      String result) {
    JsonObject vector = new JsonObject();
    vector.addProperty("name", name);
    vector.addProperty("delivery", delivery.value());
    vector.addProperty("stored", HEX.formatHex(stored));
    vector.addProperty("result", result);
    return vector;
  }

  /** The level-1 record the host vectors belong to, with {@code stored} as its manifest. */
  static DeliveryRecord record(JsonObject host, DeliveryId id, byte[] stored) {
    JsonObject manifest = host.getAsJsonObject("manifest");
    JsonObject file = manifest.getAsJsonArray("files").get(0).getAsJsonObject();
    return new DeliveryRecord(id, UserId.of(host.get("sender").getAsString()),
        SecurityLevel.LINK, DeliveryState.ACTIVE,
        Instant.ofEpochMilli(manifest.get("createdAt").getAsLong()),
        Instant.ofEpochMilli(manifest.get("expiresAt").getAsLong()), DOWNLOAD_LIMIT, 0,
        bytes(host, "details"), stored, bytes(host, "linkTokenHash"),
        List.of(new DeliveryFile(FileId.of(file.get("file").getAsString()), BlobId.of("blob-1"),
            file.get("size").getAsLong(), file.get("storedSize").getAsLong(),
            bytes(file, "digest"), bytes(file, "storedName"))),
        List.of(new Recipient(UserId.of("bob@example.org"), PrincipalKind.EMPLOYEE,
            "bob@example.org")));
  }

  private static List<JsonObject> vectors(JsonObject file, String group) {
    JsonArray array = group.equals("signed") ? file.getAsJsonArray("signed")
        : file.getAsJsonObject("host").getAsJsonArray("vectors");
    return array.asList().stream().map(e -> e.getAsJsonObject()).toList();
  }

  static byte[] seeded(String seed, int length) {
    byte[] bytes = new byte[length];
    new DeterministicRandom("vectors/" + seed).nextBytes(bytes);
    return bytes;
  }

  static byte[] bytes(JsonObject object, String field) {
    return HEX.parseHex(object.get(field).getAsString());
  }

  private static JsonObject load() throws IOException {
    try (InputStream in = ManifestV2VectorsTest.class.getResourceAsStream("/vectors/" + FILE)) {
      if (in == null) {
        throw new IOException("missing vector file " + FILE);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return GSON.fromJson(reader, JsonObject.class);
      }
    }
  }
}
