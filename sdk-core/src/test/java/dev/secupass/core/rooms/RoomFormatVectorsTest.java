package dev.secupass.core.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.secupass.api.BlobId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.MembershipLogException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.rooms.ChainHash;
import dev.secupass.core.internal.rooms.EntryMetadata;
import dev.secupass.core.internal.rooms.MemberKey;
import dev.secupass.core.internal.rooms.MembershipAction;
import dev.secupass.core.internal.rooms.MembershipCodec;
import dev.secupass.core.internal.rooms.MembershipRecord;
import dev.secupass.core.internal.rooms.RoomCiphers;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.TestKeys;
import dev.secupass.core.testing.TestPolicies;
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
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Frozen known-answer vectors of the data-room formats ({@code docs/data-rooms.md}): the
 * membership-entry payload and its signed statement, the chain hash, the member key digest, entry
 * metadata, and the sealed room name, metadata and wrapped file key. Everything is made from fixed
 * seeds, so a change to any of these formats breaks this test. The file is written by {@link
 * #generate} only with {@code -Dsecupass.vectors.generate=true}.
 */
class RoomFormatVectorsTest {
  private static final String FILE = "room-formats.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
  private static final HexFormat HEX = HexFormat.of();
  private static final RoomId ROOM = RoomId.of("room-1");
  private static final FileId FILE_ID = FileId.of("file-1");
  private static final Instant TIME = Instant.parse("2026-03-01T09:00:00Z");

  @Test
  void computedFormats_equalTheFrozenVectors() throws IOException {
    assertThat(GSON.toJson(compute())).isEqualTo(GSON.toJson(load()));
  }

  @Test
  void frozenBytes_decodeToTheirFields() throws IOException {
    JsonObject v = load();
    MembershipRecord add = MembershipCodec.decode(bytes(v, "addPayload"));
    assertThat(add.action()).isEqualTo(MembershipAction.ADD);
    assertThat(add.sequence()).isEqualTo(1);
    assertThat(add.subject()).isEqualTo(UserId.of("bob@example.org"));
    assertThat(add.role()).isEqualTo(RoomRole.EDITOR);
    assertThat(add.previous()).isEqualTo(bytes(v, "createChainHash"));
    assertThat(add.subjectKey().digest()).isEqualTo(bytes(v, "bobKeyDigest"));
    SignedStatement create = SignedStatement.parse(bytes(v, "createEntry"));
    assertThat(create.type()).isEqualTo(SignedType.MEMBERSHIP_ENTRY);
    assertThat(create.signer()).isEqualTo(UserId.of("alice@example.org"));
    assertThat(ChainHash.of(bytes(v, "createEntry"))).isEqualTo(bytes(v, "createChainHash"));
    try (SymmetricKey epochKey = epochKey()) {
      RoomCiphers ciphers = new RoomCiphers(new DeterministicRandom("unused"), 64);
      assertThat(ciphers.openMetadata(epochKey, ROOM, FILE_ID, 1, bytes(v, "sealedMetadata")))
          .isEqualTo(metadata());
      assertThat(ciphers.openRoomName(epochKey, ROOM, 1, bytes(v, "sealedRoomName")))
          .isEqualTo("Due diligence");
      assertThat(ciphers.unwrapFileKey(epochKey, ROOM, FILE_ID, 1, bytes(v, "wrappedFileKey"))
          .exportBytes()).isEqualTo(fileKeyBytes());
    }
  }

  @Test
  void damagedOrForeignBytes_failWithTypedErrors() throws IOException {
    JsonObject v = load();
    byte[] payload = bytes(v, "addPayload");
    byte[] unknownVersion = payload.clone();
    unknownVersion[0] = 3;
    assertThatThrownBy(() -> MembershipCodec.decode(unknownVersion))
        .isInstanceOf(UnsupportedFormatException.class);
    assertThatThrownBy(() -> MembershipCodec.decode(java.util.Arrays.copyOf(payload,
        payload.length + 1))).isInstanceOf(MembershipLogException.class);
    assertThatThrownBy(() -> MembershipCodec.decode(java.util.Arrays.copyOf(payload,
        payload.length - 1))).isInstanceOf(MembershipLogException.class);
    try (SymmetricKey epochKey = epochKey()) {
      RoomCiphers ciphers = new RoomCiphers(new DeterministicRandom("unused"), 64);
      byte[] sealed = bytes(v, "sealedMetadata");
      assertThatThrownBy(() -> ciphers.openMetadata(epochKey, ROOM, FileId.of("file-2"), 1,
          sealed)).isInstanceOf(IntegrityException.class);
      assertThatThrownBy(() -> ciphers.openMetadata(epochKey, RoomId.of("room-2"), FILE_ID, 1,
          sealed)).isInstanceOf(IntegrityException.class);
      assertThatThrownBy(() -> ciphers.openMetadata(epochKey, ROOM, FILE_ID, 2, sealed))
          .isInstanceOf(IntegrityException.class);
      byte[] laterVersion = sealed.clone();
      laterVersion[0] = 3;
      assertThatThrownBy(() -> ciphers.openMetadata(epochKey, ROOM, FILE_ID, 1, laterVersion))
          .isInstanceOf(UnsupportedFormatException.class);
      assertThatThrownBy(() -> ciphers.unwrapFileKey(epochKey, ROOM, FILE_ID, 1,
          bytes(v, "sealedRoomName"))).isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "secupass.vectors.generate", matches = "true")
  void generate() throws IOException {
    Path file = Path.of("src/test/resources/vectors").resolve(FILE);
    Files.writeString(file, GSON.toJson(compute()) + "\n");
  }

  private static JsonObject compute() {
    JsonObject v = new JsonObject();
    v.addProperty("description", "SecuPass data-room formats v1 (docs/data-rooms.md): membership"
        + " entries (payload and signed statement), chain hash, member key digest, entry metadata,"
        + " sealed room name, sealed metadata and wrapped file key, from fixed seeds.");
    KeySession alice = session("alice@example.org");
    KeySession bob = session("bob@example.org");
    try (SymmetricKey epochKey = epochKey(); SymmetricKey fileKey =
        SymmetricKey.importBytes(fileKeyBytes())) {
      v.addProperty("aliceBundle", HEX.formatHex(alice.publicKeys().encoded()));
      v.addProperty("bobBundle", HEX.formatHex(bob.publicKeys().encoded()));
      v.addProperty("epochKey", HEX.formatHex(epochKey.exportBytes()));
      v.addProperty("epochKeyCommitment", HEX.formatHex(epochKey.commitment()));
      MembershipRecord create = new MembershipRecord(ROOM, 0, ChainHash.genesis(), TIME,
          MembershipAction.CREATE, alice.user(), RoomRole.OWNER, 1, epochKey.commitment(),
          MemberKey.of(alice.publicKeys()));
      byte[] createPayload = MembershipCodec.encode(create);
      byte[] createEntry = alice.sign(SignedType.MEMBERSHIP_ENTRY, createPayload);
      v.addProperty("createPayload", HEX.formatHex(createPayload));
      v.addProperty("createEntry", HEX.formatHex(createEntry));
      v.addProperty("createChainHash", HEX.formatHex(ChainHash.of(createEntry)));
      MemberKey bobKey = MemberKey.of(bob.publicKeys());
      v.addProperty("bobKeyDigest", HEX.formatHex(bobKey.digest()));
      MembershipRecord add = new MembershipRecord(ROOM, 1, ChainHash.of(createEntry),
          TIME.plusSeconds(60), MembershipAction.ADD, bob.user(), RoomRole.EDITOR, 1, null,
          bobKey);
      v.addProperty("addPayload", HEX.formatHex(MembershipCodec.encode(add)));
      RoomCiphers ciphers = new RoomCiphers(new DeterministicRandom("room-seals"), 64);
      v.addProperty("sealedRoomName", HEX.formatHex(ciphers.sealRoomName(epochKey, ROOM, 1,
          "Due diligence")));
      v.addProperty("sealedMetadata", HEX.formatHex(ciphers.sealMetadata(epochKey, ROOM,
          FILE_ID, 1, metadata())));
      v.addProperty("wrappedFileKey", HEX.formatHex(ciphers.wrapFileKey(epochKey, ROOM,
          FILE_ID, 1, fileKey)));
      v.add("inputs", inputs(create, add));
    } finally {
      alice.close();
      bob.close();
    }
    return v;
  }

  /**
   * What the encodings were made from, so a reader written from docs/format.md alone can rebuild
   * the contexts and compare the plaintexts.
   */
  private static JsonObject inputs(MembershipRecord create, MembershipRecord add) {
    JsonObject inputs = new JsonObject();
    inputs.addProperty("room", ROOM.value());
    inputs.addProperty("entry", FILE_ID.value());
    inputs.addProperty("epoch", 1);
    inputs.addProperty("roomName", "Due diligence");
    inputs.addProperty("roomNameEpoch", 1);
    inputs.addProperty("fileKey", HEX.formatHex(fileKeyBytes()));
    EntryMetadata m = metadata();
    JsonObject metadata = new JsonObject();
    metadata.addProperty("kind", m.kind().name());
    metadata.addProperty("parent", m.parent() == null ? "" : m.parent().value());
    metadata.addProperty("blob", m.blob() == null ? "" : m.blob().value());
    metadata.addProperty("size", m.size());
    metadata.addProperty("storedSize", m.ciphertextSize());
    metadata.addProperty("name", m.name());
    inputs.add("metadata", metadata);
    for (MembershipRecord record : new MembershipRecord[] {create, add}) {
      JsonObject entry = new JsonObject();
      entry.addProperty("sequence", record.sequence());
      entry.addProperty("timeMillis", record.time().toEpochMilli());
      entry.addProperty("action", record.action().name());
      entry.addProperty("subject", record.subject().value());
      entry.addProperty("role", String.valueOf(record.role()));
      entry.addProperty("epoch", record.epoch());
      entry.addProperty("keyVersion", record.subjectKey() == null ? 0
          : record.subjectKey().version().value());
      inputs.add(record.action() == MembershipAction.CREATE ? "create" : "add", entry);
    }
    return inputs;
  }

  private static EntryMetadata metadata() {
    return new EntryMetadata(RoomEntry.Kind.FILE, FileId.of("folder-1"), BlobId.of("blob-1"), 1000,
        1000 + 16 * 16 + 49, "offer.pdf", new byte[32], new byte[0], null);
  }

  private static SymmetricKey epochKey() {
    return SymmetricKey.generate(new DeterministicRandom("epoch-1"));
  }

  private static byte[] fileKeyBytes() {
    byte[] bytes = new byte[SymmetricKey.SIZE];
    new DeterministicRandom("file-key").nextBytes(bytes);
    return bytes;
  }

  private static KeySession session(String user) {
    KeyService keys = TestKeys.builder(new MemoryStorage(Clock.systemUTC()).keys())
        .keySuite(KeySuite.CLASSICAL)
        .clock(Clock.fixed(TIME, ZoneOffset.UTC))
        .random(new DeterministicRandom(user))
        .kdfPolicy(TestPolicies.FAST)
        .build();
    try (SecuPass pass = SecuPass.of("vector pass")) {
      return keys.activate(UserId.of(user), pass);
    }
  }

  private static JsonObject load() throws IOException {
    try (InputStream in = RoomFormatVectorsTest.class.getResourceAsStream("/vectors/" + FILE)) {
      if (in == null) {
        throw new IOException("missing vector file " + FILE);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return GSON.fromJson(reader, JsonObject.class);
      }
    }
  }

  private static byte[] bytes(JsonObject v, String field) {
    return HEX.parseHex(v.get(field).getAsString());
  }
}
