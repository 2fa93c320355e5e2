package dev.secupass.core.vectors;

import static dev.secupass.core.vectors.Vectors.bytes;
import static dev.secupass.core.vectors.Vectors.hex;
import static dev.secupass.core.vectors.Vectors.range;
import static dev.secupass.core.vectors.Vectors.string;
import static dev.secupass.core.vectors.Vectors.withByte;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.secupass.api.KeyLogException;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.SignedStatementCodec;
import dev.secupass.core.internal.keylog.Checkpoint;
import dev.secupass.core.internal.keylog.SeenCheckpoint;
import dev.secupass.core.internal.keylog.SignedNote;
import dev.secupass.core.keylog.CheckpointKey;
import dev.secupass.core.testing.RecordedOutcomes;
import dev.secupass.core.vectors.Vectors.User;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code vectors/key-log-statement.json}: the key log checkpoint statement ({@code
 * docs/format.md}, "Key log checkpoint statement"), the checkpoint a user's SDK relied on, signed
 * by the user, as a reader receives it and compares it with the checkpoint it holds (the
 * consistency proof given as the reader's storage serves it). The generator (disabled unless
 * {@code -Dsecupass.vectors.generate=true}) writes the file from fixed keys: a log of seven
 * entries and a fork of it that differs from entry 4 on; the checker opens every vector as a
 * reader does, and re-signs the valid ones to the same bytes.
 */
class KeyLogStatementVectorsTest {
  static final String FILE = "key-log-statement.json";
  private static final Instant AT = Instant.ofEpochMilli(1_796_000_000_250L);
  private static final String ORIGIN = VectorLog.ORIGIN;

  @Test
  @EnabledIfSystemProperty(named = "secupass.vectors.generate", matches = "true")
  void generate() throws IOException {
    User alice = User.make("alice", 1);
    User mallory = User.make("mallory", 1);
    CheckpointKey host = CheckpointKey.of(ORIGIN, range(0x20, 32));
    CheckpointKey other = CheckpointKey.of(ORIGIN, range(0x60, 32));
    VectorLog real = new VectorLog(false);
    VectorLog fork = new VectorLog(true);
    String note7 = note(host, real.checkpoint(7));
    String note3 = note(host, real.checkpoint(3));
    byte[] payload7 = new SeenCheckpoint(AT, note7).encode();
    byte[] signed7 = sign(alice, SignedType.KEY_LOG_CHECKPOINT, payload7);
    JsonArray vectors = new JsonArray();
    vectors.add(vector("alice relied on 7 entries, the reader holds 5 of the same log", signed7,
        real, 5, real.proof(5, 7), payload7, Vectors.VALID));
    byte[] payload3 = new SeenCheckpoint(AT, note3).encode();
    vectors.add(vector("alice relied on 3 entries, the reader holds 5 of the same log",
        sign(alice, SignedType.KEY_LOG_CHECKPOINT, payload3), real, 5, real.proof(3, 5),
        payload3, Vectors.VALID));
    vectors.add(vector("alice relied on 7 entries, the reader holds the same 7", signed7, real,
        7, List.of(), payload7, Vectors.VALID));
    byte[] forked7 = new SeenCheckpoint(AT, note(host, fork.checkpoint(7))).encode();
    vectors.add(vector("alice was shown a fork of 7 entries, the reader holds 5 of the log",
        sign(alice, SignedType.KEY_LOG_CHECKPOINT, forked7), real, 5, real.proof(5, 7), null,
        "KeyLogException"));
    vectors.add(vector("alice was shown a fork of 7 entries, the reader holds 7 of the log",
        sign(alice, SignedType.KEY_LOG_CHECKPOINT, forked7), real, 7, List.of(), null,
        "KeyLogException"));
    vectors.add(vector("the reader holds 7 of a fork, alice relied on 3 before it split",
        sign(alice, SignedType.KEY_LOG_CHECKPOINT, payload3), fork, 7, fork.proof(3, 7),
        payload3, Vectors.VALID));
    vectors.add(vector("signed by mallory", sign(mallory, SignedType.KEY_LOG_CHECKPOINT,
        payload7), real, 5, real.proof(5, 7), null, "InvalidSignatureException"));
    byte[] flipped = signed7.clone();
    flipped[flipped.length - 1] ^= 1;
    vectors.add(vector("statement signature flipped", flipped, real, 5, real.proof(5, 7), null,
        "InvalidSignatureException"));
    String broken = note7.replace("\n7\n", "\n8\n");
    vectors.add(vector("the host's signature does not cover the note (size changed, re-signed"
            + " by alice)", sign(alice, SignedType.KEY_LOG_CHECKPOINT,
        new SeenCheckpoint(AT, broken).encode()), real, 5, real.proof(5, 7), null,
        "KeyLogException"));
    vectors.add(vector("the note is signed by another checkpoint key", sign(alice,
        SignedType.KEY_LOG_CHECKPOINT, new SeenCheckpoint(AT, note(other, real.checkpoint(7)))
            .encode()), real, 5, real.proof(5, 7), null, "KeyLogException"));
    vectors.add(vector("payload version 2", sign(alice, SignedType.KEY_LOG_CHECKPOINT,
        withByte(payload7, 0, 2)), real, 5, real.proof(5, 7), null,
        "UnsupportedFormatException"));
    vectors.add(vector("trailing byte in the payload", sign(alice, SignedType.KEY_LOG_CHECKPOINT,
        Arrays.copyOf(payload7, payload7.length + 1)), real, 5, real.proof(5, 7), null,
        "IntegrityException"));
    vectors.add(vector("payload cut in the note", sign(alice, SignedType.KEY_LOG_CHECKPOINT,
        Arrays.copyOf(payload7, payload7.length - 1)), real, 5, real.proof(5, 7), null,
        "IntegrityException"));
    vectors.add(vector("the note is not UTF-8", sign(alice, SignedType.KEY_LOG_CHECKPOINT,
        new ByteWriter().u8(1).i64(AT.toEpochMilli()).u16(1).u8(0xff).toByteArray()), real, 5,
        real.proof(5, 7), null, "IntegrityException"));
    vectors.add(vector("a withdrawal-typed statement with the same payload", sign(alice,
        SignedType.WITHDRAWAL, payload7), real, 5, real.proof(5, 7), null,
        "IntegrityException"));
    vectors.add(vector("unknown statement type 7", withByte(signed7, 6, 7), real, 5,
        real.proof(5, 7), null, "UnsupportedFormatException"));
    vectors.add(vector("statement truncated", Arrays.copyOf(signed7, signed7.length - 1), real,
        5, real.proof(5, 7), null, "IntegrityException"));

    JsonObject file = new JsonObject();
    file.addProperty("description", "SecuPass key log checkpoint statement (docs/format.md, Key"
        + " log checkpoint statement): a signed statement of type 6 by \"signer\" (alice), whose"
        + " note must carry the host's signature (\"hostVerifierKey\"); the reader compares the"
        + " checkpoint in it with the one it holds (\"heldSize\", \"heldRoot\") using the RFC"
        + " 9162 consistency proof from the smaller to the larger (\"proof\"), as the reader's"
        + " storage serves it. KeyLogException: BAD_CHECKPOINT for a note that is not the"
        + " host's, FORKED for two checkpoints that are not one history. Valid vectors give the"
        + " payload, the checkpoint (\"size\", \"root\") and re-sign to the same bytes.");
    file.addProperty("hostVerifierKey", host.verifierKey());
    JsonObject users = new JsonObject();
    users.add("alice", alice.toJson());
    users.add("mallory", mallory.toJson());
    file.add("users", users);
    file.add("vectors", vectors);
    Vectors.write(FILE, file);
  }

  @TestFactory
  Stream<DynamicTest> keyLogStatement() throws IOException {
    JsonObject file = Vectors.load(FILE);
    Function<String, User> users = Vectors.users(file);
    SignedNote.VerifierKey host = SignedNote.VerifierKey.parse(string(file, "hostVerifierKey"));
    List<JsonObject> vectors = new ArrayList<>();
    Vectors.vectors(file).forEach(vectors::add);
    assertThat(vectors).filteredOn(v -> string(v, "result").equals("KeyLogException"))
        .hasSizeGreaterThanOrEqualTo(4);
    return RecordedOutcomes.tests(vectors, 17, 13, v -> open(users, host, v), (v, received) -> {
      assertThat(received.size()).isEqualTo(v.get("size").getAsLong());
      assertThat(received.root()).isEqualTo(bytes(v, "root"));
      byte[] payload = bytes(v, "payload");
      assertThat(SeenCheckpoint.decode(payload).at().toEpochMilli())
          .isEqualTo(v.get("at").getAsLong());
      assertThat(sign(users.apply(string(v, "signer")), SignedType.KEY_LOG_CHECKPOINT, payload))
          .isEqualTo(bytes(v, "statement"));
    });
  }

  /** The checkpoint in the statement, compared with the reader's as the exchange does. */
  private static Checkpoint open(Function<String, User> users, SignedNote.VerifierKey host,
      JsonObject v) {
    User signer = users.apply(string(v, "signer"));
    List<byte[]> proof = new ArrayList<>();
    for (JsonElement e : v.getAsJsonArray("proof")) {
      proof.add(java.util.HexFormat.of().parseHex(e.getAsString()));
    }
    Checkpoint received = SeenCheckpoint.open(bytes(v, "statement"),
        PublicKeys.parse(signer.bundle()), host);
    if (!SeenCheckpoint.oneHistory(v.get("heldSize").getAsLong(), bytes(v, "heldRoot"),
        received, proof)) {
      throw new KeyLogException(KeyLogException.Kind.FORKED, "not one history");
    }
    return received;
  }

  private static String note(CheckpointKey key, Checkpoint checkpoint) {
    String text = checkpoint.text();
    return new SignedNote(text, List.of(SignedNote.sign(key.name(), key.seed(), key.publicKey(),
        text))).encode();
  }

  private static byte[] sign(User user, SignedType type, byte[] payload) {
    return SignedStatementCodec.sign(user.keys(), user.id(), user.version(), type, payload);
  }

  private static JsonObject vector(String name, byte[] statement, VectorLog held, long heldSize,
      List<byte[]> proof, byte[] payload, String result) {
    JsonObject v = new JsonObject();
    v.addProperty("name", name);
    v.addProperty("signer", "alice");
    v.addProperty("statement", hex(statement));
    v.addProperty("heldSize", heldSize);
    v.addProperty("heldRoot", hex(held.root(heldSize)));
    JsonArray hashes = new JsonArray();
    proof.forEach(h -> hashes.add(hex(h)));
    v.add("proof", hashes);
    if (payload != null) {
      v.addProperty("payload", hex(payload));
      v.addProperty("at", AT.toEpochMilli());
      Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(SeenCheckpoint.decode(payload)
          .note()).text());
      v.addProperty("size", checkpoint.size());
      v.addProperty("root", hex(checkpoint.root()));
    }
    v.addProperty("result", result);
    return v;
  }
}
