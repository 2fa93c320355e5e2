package dev.secupass.core.internal.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.secupass.api.KeyLogException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.SignedStatementCodec;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import dev.secupass.core.internal.keylog.SeenCheckpoint;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.RecordedOutcomes;
import dev.secupass.core.vectors.VectorLog;
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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Known-answer vectors of the membership-log entry version 2 ({@code docs/format.md},
 * "Membership-log entry / Version 2"): version 1 with the seen checkpoint field, the key-log
 * checkpoint the signer's SDK relied on, and the reader rule that compares it with the reader's
 * checkpoint ({@code "heldSize"}, {@code "heldRoot"}, {@code "proof"}), in {@code
 * vectors/membership-entry-v2.json}. The logs are {@link VectorLog}'s. The browser client's
 * {@code vectors.test.ts} checks the same file. Rewritten with {@code
 * -Dsecupass.vectors.generate=true}.
 */
class MembershipEntryV2VectorsTest {
  static final String FILE = "membership-entry-v2.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
      .create();
  private static final HexFormat HEX = HexFormat.of();
  private static final RoomId ROOM = RoomId.of("room-1");
  private static final Instant CREATED = Instant.ofEpochMilli(1_772_355_600_000L);
  private static final Instant ADDED = Instant.ofEpochMilli(1_772_355_660_000L);

  private record User(String name, UserId id, PrivateKeys keys, byte[] bundle) {
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
      return SignedStatementCodec.sign(keys, id, KeyVersion.FIRST, SignedType.MEMBERSHIP_ENTRY,
          payload);
    }

    MemberKey memberKey() {
      return MemberKey.of(PublicKeys.parse(bundle));
    }
  }

  private final User alice = User.make("alice");
  private final User bob = User.make("bob");
  private final User mallory = User.make("mallory");
  private final VectorLog real = new VectorLog(false);
  private final VectorLog fork = new VectorLog(true);

  @Test
  @DisplayName("The frozen membership-entry-v2 vectors are exactly what the generator computes")
  void computed_equalsTheFrozenFile() throws IOException {
    assertThat(GSON.toJson(compute())).isEqualTo(GSON.toJson(load()));
  }

  @TestFactory
  @DisplayName("Every membership-entry-v2 vector verifies and compares, or fails, as recorded;"
      + " valid ones re-encode to their payload and chain hash")
  Stream<DynamicTest> vectors_haveTheRecordedOutcome() throws IOException {
    JsonObject file = load();
    JsonObject users = file.getAsJsonObject("users");
    List<JsonObject> vectors = file.getAsJsonArray("vectors").asList().stream()
        .map(JsonElement::getAsJsonObject).toList();
    return RecordedOutcomes.tests(vectors, 12, 8, v -> {
      PublicKeys keys = PublicKeys.parse(HEX.parseHex(users.getAsJsonObject(
          v.get("verifyWith").getAsString()).get("bundle").getAsString()));
      MembershipRecord record = MembershipCodec.decode(SignedStatement.parse(bytes(v, "signed"))
          .verifiedPayload(keys, SignedType.MEMBERSHIP_ENTRY));
      compare(v, record.seen());
      return record;
    }, (v, record) -> {
      assertThat(MembershipCodec.encode(record)).isEqualTo(bytes(v, "payload"));
      assertThat(record.version()).isEqualTo(v.get("version").getAsInt());
      assertThat(ChainHash.of(bytes(v, "signed"))).isEqualTo(bytes(v, "chainHash"));
      JsonObject expected = v.getAsJsonObject("record");
      assertThat(record.sequence()).isEqualTo(expected.get("sequence").getAsLong());
      assertThat(record.action().name()).isEqualTo(expected.get("action").getAsString());
      assertThat(record.subject().value()).isEqualTo(expected.get("subject").getAsString());
      BoundCheckpoint seen = record.seen();
      if (expected.has("seenSize")) {
        assertThat(seen).isNotNull();
        assertThat(seen.size()).isEqualTo(expected.get("seenSize").getAsLong());
        assertThat(seen.root()).isEqualTo(bytes(expected, "seenRoot"));
      } else {
        assertThat(seen).isNull();
      }
    });
  }

  @Test
  @EnabledIfSystemProperty(named = "secupass.vectors.generate", matches = "true")
  void generate() throws IOException {
    Files.writeString(Path.of("src/test/resources/vectors", FILE), GSON.toJson(compute()) + "\n");
  }

  /** The reader rule for the checkpoint bound into an entry (none in version 1). */
  private static void compare(JsonObject v, @Nullable BoundCheckpoint bound) {
    long held = v.get("heldSize").getAsLong();
    if (bound == null || held == 0 || bound.none()) {
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

  private MembershipRecord create(@Nullable BoundCheckpoint seen) {
    return new MembershipRecord(ROOM, 0, ChainHash.genesis(), CREATED, MembershipAction.CREATE,
        alice.id(), RoomRole.OWNER, 1, commitment(), alice.memberKey(), seen);
  }

  private MembershipRecord add(byte[] previous, @Nullable BoundCheckpoint seen) {
    return new MembershipRecord(ROOM, 1, previous, ADDED, MembershipAction.ADD, bob.id(),
        RoomRole.EDITOR, 1, null, bob.memberKey(), seen);
  }

  private static byte[] commitment() {
    byte[] bytes = new byte[32];
    new DeterministicRandom("vectors/membership v2 epoch commitment").nextBytes(bytes);
    return bytes;
  }

  private JsonObject compute() {
    BoundCheckpoint seen7 = new BoundCheckpoint(7, real.root(7));
    BoundCheckpoint seen3 = new BoundCheckpoint(3, real.root(3));
    JsonArray vectors = new JsonArray();

    MembershipRecord create = create(seen7);
    byte[] createPayload = MembershipCodec.encode(create);
    byte[] createEntry = alice.sign(createPayload);
    vectors.add(valid("CREATE by alice, who relied on 7 entries; the reader holds 5 of the same"
        + " log", createEntry, createPayload, "alice", real, 5, real.proof(5, 7), create));
    vectors.add(valid("CREATE by alice, who relied on 7 entries; the reader holds the same 7",
        createEntry, createPayload, "alice", real, 7, List.of(), create));
    MembershipRecord add3 = add(ChainHash.of(createEntry), seen3);
    byte[] add3Payload = MembershipCodec.encode(add3);
    vectors.add(valid("ADD of bob by alice, who relied on 3 entries; the reader holds 7 of a"
        + " fork that split after 3", alice.sign(add3Payload), add3Payload, "alice", fork, 7,
        fork.proof(3, 7), add3));
    MembershipRecord none = create(BoundCheckpoint.NONE);
    byte[] nonePayload = MembershipCodec.encode(none);
    vectors.add(valid("CREATE by alice, who relied on no checkpoint yet: nothing is compared",
        alice.sign(nonePayload), nonePayload, "alice", real, 5, List.of(), none));
    vectors.add(valid("the reader holds no checkpoint yet: nothing is compared", createEntry,
        createPayload, "alice", real, 0, List.of(), create));
    MembershipRecord v1 = create(null);
    byte[] v1Payload = MembershipCodec.encode(v1);
    vectors.add(valid("a version-1 entry (before the field): nothing is compared",
        alice.sign(v1Payload), v1Payload, "alice", fork, 7, List.of(), v1));

    byte[] forked = MembershipCodec.encode(create(new BoundCheckpoint(7, fork.root(7))));
    vectors.add(vector("alice was shown a fork of 7 entries, the reader holds 5 of the log",
        alice.sign(forked), forked, "alice", real, 5, real.proof(5, 7), "KeyLogException"));
    vectors.add(vector("alice was shown a fork of 7 entries, the reader holds 7 of the log",
        alice.sign(forked), forked, "alice", real, 7, List.of(), "KeyLogException"));
    vectors.add(vector("alice relied on 7 entries, the reader's storage holds only 5 (no"
        + " proof)", createEntry, createPayload, "alice", real, 5, List.of(), "KeyLogException"));
    byte[] altered = createEntry.clone();
    altered[altered.length - 64 - 32] ^= 1; // the seen root, before the signature
    vectors.add(vector("the bound checkpoint altered after signing", altered, null, "alice",
        real, 5, real.proof(5, 7), "InvalidSignatureException"));
    vectors.add(vector("verified with mallory's keys", createEntry, createPayload, "mallory",
        real, 5, real.proof(5, 7), "InvalidSignatureException"));
    byte[] body = Arrays.copyOf(createPayload, createPayload.length - BoundCheckpoint.LENGTH);
    byte[] zeroSize = new ByteWriter().bytes(body).u64(0).bytes(real.root(7)).toByteArray();
    vectors.add(vector("seen size 0 with a non-zero root", alice.sign(zeroSize), zeroSize,
        "alice", real, 5, List.of(), "MembershipLogException"));
    byte[] huge = new ByteWriter().bytes(body).u8(0x80).bytes(new byte[7]).bytes(real.root(7))
        .toByteArray();
    vectors.add(vector("seen size above 2^63-1", alice.sign(huge), huge, "alice", real, 5,
        List.of(), "MembershipLogException"));
    byte[] cut = Arrays.copyOf(createPayload, createPayload.length - 1);
    vectors.add(vector("seen field cut short", alice.sign(cut), cut, "alice", real, 5,
        real.proof(5, 7), "MembershipLogException"));
    vectors.add(vector("version 2 without the seen field", alice.sign(body), body, "alice",
        real, 5, real.proof(5, 7), "MembershipLogException"));
    byte[] trailing = Arrays.copyOf(createPayload, createPayload.length + 1);
    vectors.add(vector("trailing byte after the seen field", alice.sign(trailing), trailing,
        "alice", real, 5, real.proof(5, 7), "MembershipLogException"));
    byte[] v1WithField = createPayload.clone();
    v1WithField[0] = 1;
    vectors.add(vector("version 1 with a seen field appended", alice.sign(v1WithField),
        v1WithField, "alice", real, 5, real.proof(5, 7), "MembershipLogException"));
    byte[] v3 = createPayload.clone();
    v3[0] = 3;
    vectors.add(vector("payload version 3", alice.sign(v3), v3, "alice", real, 5,
        real.proof(5, 7), "UnsupportedFormatException"));

    JsonObject file = new JsonObject();
    file.addProperty("description", "SecuPass membership-log entry version 2 (docs/format.md,"
        + " Membership-log entry / Version 2; docs/data-rooms.md): version 1's fields"
        + " (room-formats.json) with payload version 2 and the seen checkpoint field (u64 seen"
        + " size, 32-byte seen root) at the end. Each vector: a signed statement of type 2 to"
        + " verify with the keys of 'verifyWith' and decode, then compare: a reader holding a"
        + " checkpoint ('heldSize' > 0, 'heldRoot') and a version-2 entry whose seen size is > 0"
        + " verifies the RFC 9162 consistency proof 'proof' (from the smaller size to the"
        + " larger; empty for equal sizes) with the two roots; failure is KeyLogException"
        + " FORKED. Valid vectors give 'version', 'chainHash' (of the signed statement) and"
        + " 'record' (the decoded fields; seenSize/seenRoot absent in version 1), and"
        + " re-encode to 'payload'. Altered payloads are re-signed by alice unless the name"
        + " says otherwise.");
    JsonObject users = new JsonObject();
    users.add("alice", alice.toJson());
    users.add("bob", bob.toJson());
    users.add("mallory", mallory.toJson());
    file.add("users", users);
    file.add("vectors", vectors);
    return file;
  }

  private JsonObject valid(String name, byte[] statement, byte[] payload, String verifyWith,
      VectorLog held, long heldSize, List<byte[]> proof, MembershipRecord record) {
    JsonObject v = vector(name, statement, payload, verifyWith, held, heldSize, proof,
        RecordedOutcomes.VALID);
    v.addProperty("version", record.version());
    v.addProperty("chainHash", HEX.formatHex(ChainHash.of(statement)));
    JsonObject fields = new JsonObject();
    fields.addProperty("room", record.room().value());
    fields.addProperty("sequence", record.sequence());
    fields.addProperty("previous", HEX.formatHex(record.previous()));
    fields.addProperty("timeMillis", record.time().toEpochMilli());
    fields.addProperty("action", record.action().name());
    fields.addProperty("subject", record.subject().value());
    RoomRole role = record.role();
    if (role != null) {
      fields.addProperty("role", role.name());
    }
    fields.addProperty("epoch", record.epoch());
    byte[] commitment = record.commitment();
    if (commitment != null) {
      fields.addProperty("commitment", HEX.formatHex(commitment));
    }
    MemberKey key = record.subjectKey();
    if (key != null) {
      fields.addProperty("subjectKeyVersion", key.version().value());
      fields.addProperty("subjectKeyDigest", HEX.formatHex(key.digest()));
    }
    BoundCheckpoint seen = record.seen();
    if (seen != null) {
      fields.addProperty("seenSize", seen.size());
      fields.addProperty("seenRoot", HEX.formatHex(seen.root()));
    }
    v.add("record", fields);
    return v;
  }

  private static JsonObject vector(String name, byte[] statement, byte @Nullable [] payload,
      String verifyWith, VectorLog held, long heldSize, List<byte[]> proof, String result) {
    JsonObject v = new JsonObject();
    v.addProperty("name", name);
    v.addProperty("signed", HEX.formatHex(statement));
    if (payload != null) {
      v.addProperty("payload", HEX.formatHex(payload));
    }
    v.addProperty("verifyWith", verifyWith);
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

  private static byte[] bytes(JsonObject object, String field) {
    return HEX.parseHex(object.get(field).getAsString());
  }

  private static JsonObject load() throws IOException {
    try (InputStream in = MembershipEntryV2VectorsTest.class.getResourceAsStream("/vectors/"
        + FILE)) {
      if (in == null) {
        throw new IOException("missing vector file " + FILE);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return GSON.fromJson(reader, JsonObject.class);
      }
    }
  }
}
