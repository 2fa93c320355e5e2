package dev.secupass.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.secupass.api.KeyLogException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.keylog.Checkpoint;
import dev.secupass.core.internal.keylog.KeyLogEntry;
import dev.secupass.core.internal.keylog.MerkleTree;
import dev.secupass.core.internal.keylog.SignedNote;
import dev.secupass.core.keylog.CheckpointKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/**
 * Checks {@code vectors/key-log.json}, written by an independent generator ({@code
 * key-log-generator.py}, Python, from RFC 6962's definitions and the C2SP note format): the SDK
 * encodes the same leaves, stores a tree whose roots and proofs are the vectors', verifies every
 * proof, signs the same checkpoint note and refuses the invalid leaves.
 */
class KeyLogVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void keyLogVectors() throws IOException {
    JsonObject file = Vectors.load("key-log.json");
    List<byte[]> leaves = new ArrayList<>();
    for (JsonElement e : file.getAsJsonArray("entries")) {
      JsonObject v = e.getAsJsonObject();
      KeyLogEntry entry = KeyLogEntry.of(KeyLogEntry.Event.values()[v.get("event").getAsInt() - 1],
          UserId.of(v.get("user").getAsString()), KeyVersion.of(v.get("version").getAsInt()),
          HEX.parseHex(v.get("bundle").getAsString()));
      byte[] leaf = HEX.parseHex(v.get("leaf").getAsString());
      assertThat(entry.encode()).isEqualTo(leaf);
      assertThat(KeyLogEntry.decode(leaf)).isEqualTo(entry);
      assertThat(MerkleTree.leafHash(leaf)).isEqualTo(HEX.parseHex(v.get("leafHash").getAsString()));
      leaves.add(leaf);
    }
    Map<String, byte[]> nodes = new HashMap<>();
    MerkleTree.Nodes tree = (level, index) -> nodes.get(level + "/" + index);
    for (int i = 0; i < leaves.size(); i++) {
      for (var node : MerkleTree.completedBy(tree, i, MerkleTree.leafHash(leaves.get(i)))) {
        nodes.put(node.level() + "/" + node.index(), node.hash());
      }
    }
    JsonArray roots = file.getAsJsonArray("roots");
    for (int n = 0; n < roots.size(); n++) {
      assertThat(MerkleTree.root(tree, n)).isEqualTo(HEX.parseHex(roots.get(n).getAsString()));
    }
    for (JsonElement e : file.getAsJsonArray("inclusion")) {
      JsonObject v = e.getAsJsonObject();
      int index = v.get("index").getAsInt();
      int size = v.get("size").getAsInt();
      List<byte[]> proof = hashes(v.getAsJsonArray("proof"));
      assertThat(MerkleTree.inclusionProof(tree, index, size))
          .usingElementComparator(java.util.Arrays::compare).isEqualTo(proof);
      assertThat(MerkleTree.verifyInclusion(MerkleTree.leafHash(leaves.get(index)), index, size,
          proof, HEX.parseHex(roots.get(size).getAsString()))).isTrue();
    }
    for (JsonElement e : file.getAsJsonArray("consistency")) {
      JsonObject v = e.getAsJsonObject();
      int from = v.get("from").getAsInt();
      int to = v.get("to").getAsInt();
      List<byte[]> proof = hashes(v.getAsJsonArray("proof"));
      assertThat(MerkleTree.consistencyProof(tree, from, to))
          .usingElementComparator(java.util.Arrays::compare).isEqualTo(proof);
      assertThat(MerkleTree.verifyConsistency(from, to,
          HEX.parseHex(roots.get(from).getAsString()), HEX.parseHex(roots.get(to).getAsString()),
          proof)).isTrue();
    }
    JsonObject checkpoint = file.getAsJsonObject("checkpoint");
    CheckpointKey key = CheckpointKey.of("example.com/secupass-keys",
        HEX.parseHex(checkpoint.get("seed").getAsString()));
    assertThat(key.verifierKey()).isEqualTo(checkpoint.get("verifierKey").getAsString());
    String note = checkpoint.get("note").getAsString();
    SignedNote parsed = SignedNote.parse(note);
    assertThat(parsed.verifiedBy(SignedNote.VerifierKey.parse(key.verifierKey()))).isTrue();
    Checkpoint cp = Checkpoint.parse(parsed.text());
    assertThat(cp.size()).isEqualTo(leaves.size());
    assertThat(cp.root()).isEqualTo(MerkleTree.root(tree, leaves.size()));
    assertThat(new SignedNote(cp.text(), List.of(SignedNote.sign(key.name(), key.seed(),
        key.publicKey(), cp.text()))).encode()).isEqualTo(note);
    for (JsonElement e : file.getAsJsonArray("invalidLeaves")) {
      JsonObject v = e.getAsJsonObject();
      assertThatThrownBy(() -> KeyLogEntry.decode(HEX.parseHex(v.get("leaf").getAsString())))
          .as(v.get("name").getAsString()).isInstanceOf(KeyLogException.class);
    }
  }

  private static List<byte[]> hashes(JsonArray array) {
    List<byte[]> out = new ArrayList<>();
    array.forEach(h -> out.add(HEX.parseHex(h.getAsString())));
    return out;
  }
}
