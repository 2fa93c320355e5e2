package dev.secupass.core.internal.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.SignedStatementCodec;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.RecordedOutcomes;
import dev.secupass.spi.KdfParameters;
import dev.secupass.spi.KeyState;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.RoomEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * Known-answer vectors of signed room entries ({@code docs/format.md}, "Signed room entries
 * (version 2)") in {@code vectors/room-entry-v2.json}: a membership log of four entries (alice
 * creates the room, adds bob as editor and carol as viewer, removes carol: epoch 2), and sealed
 * entry fields of version 2 to open with the epoch key and check against that log, the entry's
 * clear index fields and the key store. Altered entries are re-signed and re-sealed so that only
 * the named rule breaks. The browser client's {@code vectors.test.ts} checks the same file. The
 * file is rewritten with {@code -Dsecupass.vectors.generate=true}.
 */
class RoomEntryV2VectorsTest {
  static final String FILE = "room-entry-v2.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
      .create();
  private static final HexFormat HEX = HexFormat.of();
  private static final RoomId ROOM = RoomId.of("room-1");
  private static final Instant TIME = Instant.parse("2026-03-01T09:00:00Z");

  private record User(String name, UserId id, PrivateKeys keys, byte[] bundle) {
    static User make(String name, String seed) {
      PrivateKeys keys = PrivateKeys.generate(new DeterministicRandom("vectors/" + seed), 1);
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

    byte[] sign(SignedType type, byte[] payload) {
      return SignedStatementCodec.sign(keys, id, KeyVersion.FIRST, type, payload);
    }

    MemberKey memberKey() {
      return MemberKey.of(PublicKeys.parse(bundle));
    }
  }

  private final User alice = User.make("alice", "alice");
  private final User bob = User.make("bob", "bob");
  private final User carol = User.make("carol", "carol");
  private final User mallory = User.make("mallory", "mallory");
  /** Keys a storage operator made for bob's id and version 1: not what the log records. */
  private final User bobForged = User.make("bob", "bob forged");

  @Test
  @DisplayName("The frozen room-entry-v2 vectors are exactly what the generator computes")
  void computed_equalsTheFrozenFile() throws IOException {
    assertThat(GSON.toJson(compute())).isEqualTo(GSON.toJson(load()));
  }

  @TestFactory
  @DisplayName("Every sealed signed entry opens and verifies, or fails, as recorded")
  Stream<DynamicTest> vectors_haveTheRecordedOutcome() throws IOException {
    JsonObject file = load();
    MembershipState state = state(file);
    List<SymmetricKey> epochKeys = new ArrayList<>();
    file.getAsJsonArray("epochKeys").forEach(k -> epochKeys.add(SymmetricKey.importBytes(
        HEX.parseHex(k.getAsString()))));
    JsonObject users = file.getAsJsonObject("users");
    List<JsonObject> vectors = file.getAsJsonArray("vectors").asList().stream()
        .map(e -> e.getAsJsonObject()).toList();
    return RecordedOutcomes.tests(vectors, 12, 10, v -> {
      RoomEntry entry = entry(v.getAsJsonObject("entry"), bytes(v, "sealed"));
      RoomCiphers.SealedEntry opened = new RoomCiphers(new DeterministicRandom("unused"), 4096)
          .openEntry(epochKeys.get(entry.epoch() - 1), ROOM, entry.id(), entry.epoch(),
              entry.name());
      assertThat(opened.version()).isEqualTo(2);
      EntryMetadata metadata = SignedEntries.verify(opened.plaintext(), entry, state,
          keyStore(users, v.get("keyStore").getAsJsonObject()));
      assertThat(metadata.writer()).isEqualTo(UserId.of(v.get("writer").getAsString()));
      return opened.plaintext();
    }, (v, statement) -> assertThat(statement).isEqualTo(bytes(v, "statement")));
  }

  @Test
  @EnabledIfSystemProperty(named = "secupass.vectors.generate", matches = "true")
  void generate() throws IOException {
    Files.writeString(Path.of("src/test/resources/vectors", FILE), GSON.toJson(compute()) + "\n");
  }

  // ----- the generator -----

  /** A signed entry's payload fields, written by hand so that vectors can break one rule. */
  private record Payload(int version, String room, String entry, int epoch, long logLength,
      int kind, String parent, String blob, long size, long storedSize, String name,
      byte[] digest, byte[] commitment) {
    byte[] encode() {
      return new ByteWriter().u8(version).string(room).string(entry).u32(epoch).u64(logLength)
          .u8(kind).string(parent).string(blob).u64(size).u64(storedSize).string(name)
          .bytes(digest).bytes(commitment).toByteArray();
    }

    Payload entry(String newEntry) {
      return new Payload(version, room, newEntry, epoch, logLength, kind, parent, blob, size,
          storedSize, name, digest, commitment);
    }

    Payload at(int newEpoch, long newLogLength) {
      return new Payload(version, room, entry, newEpoch, newLogLength, kind, parent, blob, size,
          storedSize, name, digest, commitment);
    }

    Payload version(int newVersion) {
      return new Payload(newVersion, room, entry, epoch, logLength, kind, parent, blob, size,
          storedSize, name, digest, commitment);
    }

    Payload digest(byte[] newDigest) {
      return new Payload(version, room, entry, epoch, logLength, kind, parent, blob, size,
          storedSize, name, newDigest, commitment);
    }
  }

  private JsonObject compute() {
    JsonObject file = new JsonObject();
    file.addProperty("description", "SecuPass signed room entries, version 2 (docs/format.md,"
        + " Signed room entries). 'log': the room's membership log (signed statements of type 2)"
        + " that the reader has verified; 'epochKeys': the room keys of epochs 1 and 2. Each"
        + " vector is a RoomEntry.name field ('sealed': 0x02 || content stream of the signed"
        + " statement) with the entry's clear index fields ('entry'), opened with the key of the"
        + " entry's epoch; 'keyStore' says whose bundle the key store returns for each user."
        + " Altered entries are re-signed and re-sealed so that only the named rule breaks.");
    JsonObject users = new JsonObject();
    for (User u : List.of(alice, bob, carol, mallory)) {
      users.add(u.name(), u.toJson());
    }
    users.add("bob-forged", bobForged.toJson());
    file.add("users", users);
    file.addProperty("room", ROOM.value());

    byte[] epoch1 = seeded("room entry epoch 1", 32);
    byte[] epoch2 = seeded("room entry epoch 2", 32);
    JsonArray epochKeys = new JsonArray();
    epochKeys.add(HEX.formatHex(epoch1));
    epochKeys.add(HEX.formatHex(epoch2));
    file.add("epochKeys", epochKeys);
    List<byte[]> log = log(commitment(epoch1), commitment(epoch2));
    JsonArray logJson = new JsonArray();
    log.forEach(e -> logJson.add(HEX.formatHex(e)));
    file.add("log", logJson);

    byte[] fileKeyCommitment = commitment(seeded("room entry file key", 32));
    byte[] zeros = new byte[32];
    Payload fileEntry = new Payload(1, ROOM.value(), "file-1", 1, 2, 2, "folder-1", "blob-1",
        1000, 1305, "offer.pdf", seeded("room entry digest", 32), fileKeyCommitment);
    Payload folder = new Payload(1, ROOM.value(), "folder-2", 2, 4, 1, "", "", 0, 0,
        "Contracts", zeros, zeros);
    JsonArray vectors = new JsonArray();
    vectors.add(vector("file written by bob (editor) at log length 2", bob, fileEntry, epoch1,
        "file-1", 1000, "bob", "valid"));
    vectors.add(vector("folder written by alice (owner) at epoch 2", alice, folder, epoch2,
        "folder-2", 0, "alice", "valid"));
    vectors.add(vector("written by carol, a viewer", carol, fileEntry.at(1, 3), epoch1, "file-1",
        1000, "carol", "IntegrityException"));
    vectors.add(vector("signed by mallory, whose key the log never recorded", mallory,
        fileEntry, epoch1, "file-1", 1000, "mallory", "IntegrityException"));
    vectors.add(vector("the key store holds other keys for bob", bob, fileEntry, epoch1,
        "file-1", 1000, "bob-forged", "MembershipLogException"));
    vectors.add(vector("claims a longer log than the reader verified", bob, fileEntry.at(1, 5),
        epoch1, "file-1", 1000, "bob", "IntegrityException"));
    vectors.add(vector("claims a log of length 0", bob, fileEntry.at(1, 0), epoch1, "file-1",
        1000, "bob", "IntegrityException"));
    vectors.add(vector("sealed under epoch 1 but signed where the room was at epoch 2", alice,
        fileEntry.at(1, 4), epoch1, "file-1", 1000, "alice", "IntegrityException"));
    vectors.add(vector("holds the signed metadata of another entry", bob,
        fileEntry.entry("file-2"), epoch1, "file-1", 1000, "bob", "IntegrityException"));
    vectors.add(vector("clear size altered in storage", bob, fileEntry, epoch1, "file-1", 999,
        "bob", "IntegrityException"));
    vectors.add(vector("folder with a file's digest", alice,
        folder.digest(seeded("room entry digest", 32)), epoch2, "folder-2", 0, "alice",
        "IntegrityException"));
    vectors.add(vector("unknown payload version 3", bob, fileEntry.version(3), epoch1, "file-1",
        1000, "bob", "UnsupportedFormatException"));
    byte[] trailing = Arrays.copyOf(fileEntry.encode(), fileEntry.encode().length + 1);
    vectors.add(vector("trailing byte in the payload", bob.sign(SignedType.ROOM_ENTRY, trailing),
        trailing, fileEntry, epoch1, "file-1", 1000, "bob", "IntegrityException", "trailing"));
    byte[] statement = bob.sign(SignedType.ROOM_ENTRY, fileEntry.encode());
    byte[] flipped = statement.clone();
    flipped[flipped.length - 1] ^= 1;
    vectors.add(vector("signature flipped", flipped, fileEntry.encode(), fileEntry, epoch1,
        "file-1", 1000, "bob", "InvalidSignatureException", "flipped"));
    JsonObject moved = vector("sealed for another entry (file-1's field stored as file-3)", bob,
        fileEntry, epoch1, "file-1", 1000, "bob", "IntegrityException");
    moved.getAsJsonObject("entry").addProperty("id", "file-3");
    vectors.add(moved);
    JsonObject unknownField = vector("field version byte 3", bob, fileEntry, epoch1, "file-1",
        1000, "bob", "UnsupportedFormatException");
    byte[] sealed = HEX.parseHex(unknownField.get("sealed").getAsString());
    sealed[0] = 3;
    unknownField.addProperty("sealed", HEX.formatHex(sealed));
    vectors.add(unknownField);
    // Payload version 2: a file of a version-2 content stream, its digest the stream digest.
    Payload streamV2 = fileEntry.version(2).digest(seeded("room entry stream digest v2", 32));
    vectors.add(vector("file of a version-2 stream (payload version 2) written by bob", bob,
        streamV2, epoch1, "file-1", 1000, "bob", "valid"));
    vectors.add(vector("payload version 2 for a folder", alice, folder.version(2), epoch2,
        "folder-2", 0, "alice", "IntegrityException"));
    vectors.add(vector("payload version 2 with a zero stream digest", bob,
        streamV2.digest(zeros), epoch1, "file-1", 1000, "bob", "IntegrityException"));
    file.add("vectors", vectors);
    return file;
  }

  private JsonObject vector(String name, User signer, Payload payload, byte[] epochKey,
      String entryId, long clearSize, String keyStoreBob, String result) {
    byte[] bytes = payload.encode();
    return vector(name, signer.sign(SignedType.ROOM_ENTRY, bytes), bytes, payload, epochKey,
        entryId, clearSize, keyStoreBob, result, name);
  }

  private JsonObject vector(String name, byte[] statement, byte[] payload, Payload fields,
      byte[] epochKey, String entryId, long clearSize, String keysFor, String result,
      String sealSeed) {
    int epoch = fields.epoch() < 1 ? 1 : Math.min(fields.epoch(), 2);
    byte[] sealed;
    try (SymmetricKey key = SymmetricKey.importBytes(epochKey)) {
      sealed = new RoomCiphers(new DeterministicRandom("vectors/room entry " + sealSeed), 4096)
          .sealSignedEntry(key, ROOM, FileId.of(entryId), epoch, statement);
    }
    JsonObject vector = new JsonObject();
    vector.addProperty("name", name);
    JsonObject entry = new JsonObject();
    entry.addProperty("id", entryId);
    entry.addProperty("kind", fields.kind() == 1 ? "FOLDER" : "FILE");
    entry.addProperty("parent", fields.parent());
    entry.addProperty("blob", fields.blob());
    entry.addProperty("size", clearSize);
    entry.addProperty("epoch", epoch);
    vector.add("entry", entry);
    vector.addProperty("sealed", HEX.formatHex(sealed));
    vector.addProperty("sealSeed", "room entry " + sealSeed);
    JsonObject store = new JsonObject();
    for (String user : List.of("alice", "bob", "carol", "mallory")) {
      store.addProperty(user + "@example.org", user.equals("bob") && keysFor.equals("bob-forged")
          ? "bob-forged" : user);
    }
    vector.add("keyStore", store);
    vector.addProperty("statement", HEX.formatHex(statement));
    vector.addProperty("payload", HEX.formatHex(payload));
    vector.addProperty("writer", (keysFor.equals("bob-forged") ? "bob" : keysFor)
        + "@example.org");
    vector.addProperty("result", result);
    return vector;
  }

  /** CREATE by alice, ADD bob (editor), ADD carol (viewer), REMOVE carol (epoch 2). */
  private List<byte[]> log(byte[] commitment1, byte[] commitment2) {
    List<byte[]> log = new ArrayList<>();
    byte[] head = ChainHash.genesis();
    List<MembershipRecord> records = List.of(
        new MembershipRecord(ROOM, 0, head, TIME, MembershipAction.CREATE, alice.id(),
            RoomRole.OWNER, 1, commitment1, alice.memberKey()),
        new MembershipRecord(ROOM, 1, head, TIME.plusSeconds(60), MembershipAction.ADD,
            bob.id(), RoomRole.EDITOR, 1, null, bob.memberKey()),
        new MembershipRecord(ROOM, 2, head, TIME.plusSeconds(120), MembershipAction.ADD,
            carol.id(), RoomRole.VIEWER, 1, null, carol.memberKey()),
        new MembershipRecord(ROOM, 3, head, TIME.plusSeconds(180), MembershipAction.REMOVE,
            carol.id(), null, 2, commitment2, null));
    for (MembershipRecord r : records) {
      MembershipRecord chained = new MembershipRecord(r.room(), r.sequence(), head, r.time(),
          r.action(), r.subject(), r.role(), r.epoch(), r.commitment(), r.subjectKey());
      byte[] stored = alice.sign(SignedType.MEMBERSHIP_ENTRY, MembershipCodec.encode(chained));
      log.add(stored);
      head = ChainHash.of(stored);
    }
    return log;
  }

  /** The verified state of the file's log (every entry is alice's). */
  private MembershipState state(JsonObject file) {
    MembershipState.Builder builder = new MembershipState.Builder(ROOM);
    MemberKey aliceKey = alice.memberKey();
    for (var e : file.getAsJsonArray("log")) {
      byte[] stored = HEX.parseHex(e.getAsString());
      byte[] payload = dev.secupass.core.internal.crypto.SignedStatement.parse(stored)
          .verifiedPayload(PublicKeys.parse(alice.bundle()), SignedType.MEMBERSHIP_ENTRY);
      builder.apply(MembershipCodec.decode(payload), alice.id(), aliceKey, stored);
    }
    return builder.build();
  }

  private static KeyStore keyStore(JsonObject users, JsonObject which) {
    KeyStore store = new MemoryStorage(Clock.fixed(TIME, ZoneOffset.UTC)).keys();
    for (String user : which.keySet()) {
      byte[] bundle = bytes(users.getAsJsonObject(which.get(user).getAsString()), "bundle");
      store.create(new KeyRecord(UserId.of(user), KeyVersion.FIRST, KeyState.ACTIVE, bundle,
          new byte[] {1}, new KdfParameters("argon2id", 65536, 3, 1), 0, TIME));
    }
    return store;
  }

  private static RoomEntry entry(JsonObject clear, byte[] sealed) {
    String parent = clear.get("parent").getAsString();
    String blob = clear.get("blob").getAsString();
    boolean file = clear.get("kind").getAsString().equals("FILE");
    return new RoomEntry(ROOM, FileId.of(clear.get("id").getAsString()),
        parent.isEmpty() ? null : FileId.of(parent),
        file ? RoomEntry.Kind.FILE : RoomEntry.Kind.FOLDER, clear.get("epoch").getAsInt(),
        sealed, blob.isEmpty() ? null : BlobId.of(blob), clear.get("size").getAsLong(),
        file ? new byte[] {1} : new byte[0], TIME, 0);
  }

  private static byte[] commitment(byte[] key) {
    try (SymmetricKey k = SymmetricKey.importBytes(key)) {
      return k.commitment();
    }
  }

  private static byte[] seeded(String seed, int length) {
    byte[] bytes = new byte[length];
    new DeterministicRandom("vectors/" + seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] bytes(JsonObject object, String field) {
    return HEX.parseHex(object.get(field).getAsString());
  }

  private static JsonObject load() throws IOException {
    try (InputStream in = RoomEntryV2VectorsTest.class.getResourceAsStream("/vectors/" + FILE)) {
      if (in == null) {
        throw new IOException("missing vector file " + FILE);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return GSON.fromJson(reader, JsonObject.class);
      }
    }
  }
}
