package dev.secupass.core.independent;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Opens every known-answer vector of the SDK's formats with {@link Formats}, a reader written from
 * docs/format.md alone on the JDK and BouncyCastle's primitives, none of the SDK's classes
 * ({@link IndependenceTest} checks that). A vector this reader decides differently from its
 * recorded result is a gap in the spec or a bug in the SDK; the spec is what gets fixed.
 */
class IndependentReaderTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Gson GSON = new Gson();

  // ----- content-stream.json -----

  @TestFactory
  Stream<DynamicTest> contentStreams() {
    JsonObject file = load("content-stream.json");
    return each(file, "content-stream.json", v -> {
      byte[] key = bytes(v, v.has("decryptKey") ? "decryptKey" : "key");
      byte[] context = context(v.getAsJsonObject(v.has("decryptContext") ? "decryptContext"
          : "context"));
      byte[] ciphertext = bytes(v, "ciphertext");
      return outcome(() -> {
        Formats.Stream stream = Formats.decryptStream(key, context, ciphertext);
        assertThat(stream.plaintext()).isEqualTo(bytes(v, "plaintext"));
        assertThat(stream.digest()).isEqualTo(bytes(v, "digest"));
        byte[] plaintext = stream.plaintext();
        int p = plaintext.length;
        for (long[] range : new long[][] {{0, p}, {0, Long.MAX_VALUE / 2}, {p / 3, p / 3 + 7},
            {p, 5}, {p / 2, 0}}) {
          long end = Math.min(p, range[0] + range[1]);
          assertThat(Formats.decryptRange(key, context, ciphertext, range[0], range[1]))
              .isEqualTo(Arrays.copyOfRange(plaintext, (int) range[0], (int) end));
        }
      });
    });
  }

  // ----- envelope.json -----

  @TestFactory
  Stream<DynamicTest> envelopes() {
    JsonObject file = load("envelope.json");
    return each(file, "envelope.json", v -> {
      JsonObject opener = user(file, string(v, "openAs"));
      JsonObject expected = v.getAsJsonObject("expectedContext");
      Formats.EnvelopeContext context = new Formats.EnvelopeContext(
          Map.of("DELIVERY_KEY", 1, "ROOM_EPOCH_KEY", 2).get(string(expected, "purpose")),
          string(expected, "scope"), expected.get("level").getAsInt(),
          expected.get("epoch").getAsInt());
      return outcome(() -> {
        byte[] key = Formats.openEnvelope(bytes(v, "envelope"), context,
            Formats.bundle(bytes(opener, "bundle")),
            Arrays.copyOf(bytes(opener, "privateKeys"), 32),
            Formats.bundle(bytes(user(file, string(v, "verifyWith")), "bundle")));
        assertThat(key).isEqualTo(bytes(v, "key"));
      });
    });
  }

  // ----- key-blob.json -----

  @TestFactory
  Stream<DynamicTest> keyBlobs() {
    JsonObject file = load("key-blob.json");
    return each(file, "key-blob.json", v -> {
      JsonObject owner = user(file, string(v, "recordOwner"));
      JsonObject kdf = v.getAsJsonObject("recordKdf");
      return outcome(() -> {
        Formats.Bundle record;
        try {
          record = Formats.bundle(bytes(owner, "bundle"));
        } catch (Rejected e) {
          throw Rejected.keyBlob("the record's bundle");
        }
        byte[] secrets = Formats.openKeyBlob(bytes(v, "blob"), record,
            new Formats.Kdf(kdf.get("memoryKiB").getAsInt(), kdf.get("iterations").getAsInt(),
                kdf.get("parallelism").getAsInt()), string(v, "secuPass"));
        assertThat(secrets).isEqualTo(bytes(owner, "privateKeys"));
      });
    });
  }

  // ----- public-keys.json -----

  @TestFactory
  Stream<DynamicTest> publicKeys() {
    JsonObject file = load("public-keys.json");
    return each(file, "public-keys.json", v -> {
      byte[] bundle = bytes(v.has("keys") ? v.getAsJsonObject("keys") : v, "bundle");
      return outcome(() -> {
        Formats.Bundle parsed = Formats.bundle(bundle);
        if (v.has("keys")) {
          JsonObject keys = v.getAsJsonObject("keys");
          byte[] secrets = bytes(keys, "privateKeys");
          assertThat(parsed.user()).isEqualTo(string(keys, "user"));
          assertThat(parsed.version()).isEqualTo(keys.get("version").getAsInt());
          assertThat(parsed.x25519())
              .isEqualTo(Primitives.x25519Public(Arrays.copyOf(secrets, 32)));
          assertThat(parsed.ed25519())
              .isEqualTo(Primitives.ed25519Public(Arrays.copyOfRange(secrets, 32, 64)));
          assertThat(Formats.fingerprint(parsed)).isEqualTo(string(v, "fingerprint"));
        }
      });
    });
  }

  // ----- signed-statement.json -----

  @TestFactory
  Stream<DynamicTest> signedStatements() {
    JsonObject file = load("signed-statement.json");
    return each(file, "signed-statement.json", v -> {
      int expected = Map.of("DELIVERY_MANIFEST", 1, "MEMBERSHIP_ENTRY", 2)
          .get(string(v, "expectedType"));
      return outcome(() -> {
        byte[] payload = Formats.verifiedPayload(bytes(v, "signed"), expected,
            Formats.bundle(bytes(user(file, string(v, "verifyWith")), "bundle")));
        assertThat(payload).isEqualTo(bytes(v, "payload"));
        if (v.has("contentKey")) {
          Formats.Manifest manifest = Formats.manifest(payload);
          if (v.has("keyCommitment")) {
            assertThat(manifest.keyCommitment()).isEqualTo(bytes(v, "keyCommitment"));
          }
          if (!Arrays.equals(Formats.keyCommitment(bytes(v, "contentKey")),
              manifest.keyCommitment())) {
            throw Rejected.integrity("the content key is not the committed one");
          }
        }
      });
    });
  }

  // ----- key-pin.json -----

  @TestFactory
  Stream<DynamicTest> keyPins() {
    JsonObject file = load("key-pin.json");
    return each(file, "key-pin.json", v -> {
      JsonObject observer = user(file, string(v, "observer"));
      return outcome(() -> {
        byte[] sealKey = Formats.pinSealKey(bytes(observer, "privateKeys"),
            string(observer, "user"), observer.get("version").getAsInt());
        assertThat(sealKey).isEqualTo(bytes(v, "sealKey"));
        assertThat(Formats.pinSeal(sealKey, string(observer, "user"),
            observer.get("version").getAsInt(), string(v, "subject"),
            v.get("subjectVersion").getAsInt(), string(v, "fingerprint")))
            .isEqualTo(bytes(v, "seal"));
      });
    });
  }

  // ----- room-formats.json -----

  @Test
  @DisplayName("The room formats decode, verify and open from the spec alone")
  void roomFormats() {
    JsonObject v = load("room-formats.json");
    JsonObject inputs = v.getAsJsonObject("inputs");
    String room = string(inputs, "room");
    String entry = string(inputs, "entry");
    int epoch = inputs.get("epoch").getAsInt();
    byte[] epochKey = bytes(v, "epochKey");
    Formats.Bundle alice = Formats.bundle(bytes(v, "aliceBundle"));
    Formats.Bundle bob = Formats.bundle(bytes(v, "bobBundle"));

    assertThat(Formats.keyCommitment(epochKey)).isEqualTo(bytes(v, "epochKeyCommitment"));
    byte[] createPayload = Formats.verifiedPayload(bytes(v, "createEntry"), 2, alice);
    assertThat(createPayload).isEqualTo(bytes(v, "createPayload"));
    Formats.MembershipEntry create = Formats.membershipEntry(createPayload);
    JsonObject createInputs = inputs.getAsJsonObject("create");
    assertThat(create.room()).isEqualTo(room);
    assertThat(create.sequence()).isZero();
    assertThat(create.previous()).isEqualTo(new byte[32]);
    assertThat(create.timeMillis()).isEqualTo(createInputs.get("timeMillis").getAsLong());
    assertThat(create.action()).isEqualTo(1);
    assertThat(create.subject()).isEqualTo(alice.user());
    assertThat(create.role()).isEqualTo(1);
    assertThat(create.epoch()).isEqualTo(createInputs.get("epoch").getAsInt());
    assertThat(create.commitment()).isEqualTo(bytes(v, "epochKeyCommitment"));
    assertThat(create.keyDigest()).isEqualTo(Formats.memberKeyDigest(alice));
    assertThat(Formats.chainHash(bytes(v, "createEntry"))).isEqualTo(bytes(v, "createChainHash"));

    Formats.MembershipEntry add = Formats.membershipEntry(bytes(v, "addPayload"));
    assertThat(add.sequence()).isEqualTo(1);
    assertThat(add.previous()).isEqualTo(bytes(v, "createChainHash"));
    assertThat(add.action()).isEqualTo(2);
    assertThat(add.subject()).isEqualTo(bob.user());
    assertThat(add.role()).isEqualTo(3);
    assertThat(add.commitment()).isNull();
    assertThat(add.keyVersion()).isEqualTo(bob.version());
    assertThat(add.keyDigest()).isEqualTo(Formats.memberKeyDigest(bob))
        .isEqualTo(bytes(v, "bobKeyDigest"));

    byte[] name = Formats.openSealedField(epochKey, Formats.contentContext("ROOM_NAME", room, "",
        0, inputs.get("roomNameEpoch").getAsInt()), bytes(v, "sealedRoomName"));
    assertThat(new String(name, StandardCharsets.UTF_8)).isEqualTo(string(inputs, "roomName"));
    Formats.EntryMetadata metadata = Formats.entryMetadata(Formats.openSealedField(epochKey,
        Formats.contentContext("ROOM_ENTRY_NAME", room, entry, 0, epoch),
        bytes(v, "sealedMetadata")));
    JsonObject expected = inputs.getAsJsonObject("metadata");
    assertThat(metadata).isEqualTo(new Formats.EntryMetadata(
        string(expected, "kind").equals("FILE") ? 2 : 1, string(expected, "parent"),
        string(expected, "blob"), expected.get("size").getAsLong(),
        expected.get("storedSize").getAsLong(), string(expected, "name")));
    assertThat(Formats.openSealedField(epochKey, Formats.contentContext("ROOM_FILE_KEY", room,
        entry, 0, epoch), bytes(v, "wrappedFileKey"))).isEqualTo(bytes(inputs, "fileKey"));
    assertThat(outcome(() -> Formats.openSealedField(epochKey, Formats.contentContext(
        "ROOM_ENTRY_NAME", room, entry, 0, epoch + 1), bytes(v, "sealedMetadata"))))
        .isEqualTo("IntegrityException");
  }

  // ----- host-manifest.json (levels 1-2) -----

  @TestFactory
  Stream<DynamicTest> hostManifests() {
    JsonObject file = load("host-manifest.json");
    List<Formats.AtRestKey> keyset = new ArrayList<>();
    for (JsonElement element : file.getAsJsonObject("keyset").getAsJsonArray("key")) {
      JsonObject key = element.getAsJsonObject();
      JsonObject data = key.getAsJsonObject("keyData");
      if (string(key, "status").equals("ENABLED") && string(data, "typeUrl")
          .equals("type.googleapis.com/google.crypto.tink.AesGcmKey")) {
        keyset.add(new Formats.AtRestKey(key.get("keyId").getAsLong(),
            string(key, "outputPrefixType"), Formats.aesGcmKeyValue(string(data, "value"))));
      }
    }
    return each(file, "host-manifest.json", v -> outcome(() -> {
      Formats.HostManifest opened = Formats.hostManifest(keyset, bytes(v, "manifest"),
          string(v, "delivery"));
      checkAgainstRecord(file, opened);
      assertThat(opened.manifestPayload()).isEqualTo(bytes(file, "manifestPayload"));
      assertThat(opened.contentKey()).isEqualTo(bytes(file, "contentKey"));
      Formats.Details details = Formats.details(bytes(file.getAsJsonObject("details"), "stored"));
      assertThat(details.subject()).isEqualTo(string(file.getAsJsonObject("details"), "subject"));
      assertThat(details.message()).isEqualTo(string(file.getAsJsonObject("details"), "message"));
      for (JsonElement element : file.getAsJsonArray("files")) {
        JsonObject f = element.getAsJsonObject();
        Formats.Stream stream = Formats.decryptStream(opened.contentKey(),
            Formats.contentContext("DELIVERY_FILE", opened.manifest().delivery(),
                string(f, "id"), opened.manifest().level(), 0), bytes(f, "stored"));
        assertThat(stream.plaintext()).isEqualTo(bytes(f, "plaintext"));
        assertThat(stream.digest()).isEqualTo(opened.manifest().files().get(0).digest());
      }
    }));
  }

  /** "Host-sealed manifest": every field against the record, the key against its commitment. */
  private static void checkAgainstRecord(JsonObject file, Formats.HostManifest opened) {
    JsonObject record = file.getAsJsonObject("delivery");
    Formats.Manifest m = opened.manifest();
    List<String> recipients = new ArrayList<>();
    record.getAsJsonArray("recipients").forEach(r -> recipients.add(r.getAsString()));
    JsonObject f = file.getAsJsonArray("files").get(0).getAsJsonObject();
    boolean same = m.delivery().equals(string(record, "id"))
        && m.level() == record.get("level").getAsInt()
        && opened.sender().equals(string(record, "sender"))
        && m.createdMillis() == record.get("createdAtMillis").getAsLong()
        && m.expiresMillis() == record.get("expiresAtMillis").getAsLong()
        && new HashSet<>(m.recipients()).equals(new HashSet<>(recipients))
        && m.files().size() == 1 && m.files().get(0).file().equals(string(f, "id"))
        && m.files().get(0).size() == bytes(f, "plaintext").length
        && m.files().get(0).storedSize() == bytes(f, "stored").length
        && Arrays.equals(m.files().get(0).digest(), bytes(f, "digest"))
        && Arrays.equals(m.detailsDigest(), Primitives.sha256(bytes(
            file.getAsJsonObject("details"), "stored")))
        && opened.downloadLimit() == record.get("downloadLimit").getAsLong()
        && Arrays.equals(opened.linkTokenHash(), bytes(record, "linkTokenHash"))
        && Arrays.equals(opened.linkTokenHash(),
            Formats.linkTokenHash(string(record, "linkToken")))
        && Arrays.equals(Formats.keyCommitment(opened.contentKey()), m.keyCommitment());
    if (!same) {
      throw Rejected.integrity("the record differs from its manifest");
    }
  }

  // ----- helpers -----

  /** A check per vector, named as the vector, asserting the reader's outcome is its result. */
  private static Stream<DynamicTest> each(JsonObject file, String name,
      java.util.function.Function<JsonObject, String> check) {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonElement element : file.getAsJsonArray("vectors")) {
      JsonObject v = element.getAsJsonObject();
      tests.add(DynamicTest.dynamicTest(name + ": " + string(v, "name") + " -> "
          + string(v, "result"), () -> assertThat(check.apply(v)).isEqualTo(string(v, "result"))));
    }
    return tests.stream();
  }

  /** {@code "valid"}, or the outcome the reader rejected with. */
  private static String outcome(Runnable check) {
    try {
      check.run();
      return "valid";
    } catch (Rejected e) {
      return e.outcome();
    }
  }

  private static byte[] context(JsonObject c) {
    return Formats.contentContext(string(c, "purpose"), string(c, "scope"), string(c, "item"),
        c.get("level").getAsInt(), c.get("epoch").getAsInt());
  }

  private static JsonObject user(JsonObject file, String name) {
    return file.getAsJsonObject("users").getAsJsonObject(name);
  }

  private static byte[] bytes(JsonObject object, String field) {
    return HEX.parseHex(object.get(field).getAsString());
  }

  private static String string(JsonObject object, String field) {
    return object.get(field).getAsString();
  }

  private static JsonObject load(String file) {
    try (InputStream in = IndependentReaderTest.class.getResourceAsStream("/vectors/" + file)) {
      if (in == null) {
        throw new IOException("missing vector file " + file);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return GSON.fromJson(reader, JsonObject.class);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
