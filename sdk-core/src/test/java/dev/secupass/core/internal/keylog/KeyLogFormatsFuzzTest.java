package dev.secupass.core.internal.keylog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.testing.Fuzz;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The key log's decoders of what storage and other parties hand in: checkpoint notes, leaves,
 * views, the payload of a published checkpoint statement, and proofs. Any input fails with a damage exception or is exactly what was made; no
 * proof but the real one verifies.
 */
class KeyLogFormatsFuzzTest {
  static final byte[] SEED = new byte[32];
  static final byte[] PUBLIC = publicKey();
  static final String NAME = "example.com/keys";
  static final SignedNote.VerifierKey HOST = SignedNote.VerifierKey.parse(
      SignedNote.verifierKey(NAME, SignedNote.ED25519, PUBLIC));
  static final String TEXT = new Checkpoint(NAME, 13, new byte[32]).text();
  static final byte[] NOTE = new SignedNote(TEXT, List.of(SignedNote.sign(NAME, SEED, PUBLIC,
      TEXT))).encode().getBytes(StandardCharsets.UTF_8);
  static final byte[] LEAF = KeyLogEntry.of(KeyLogEntry.Event.ACTIVATION,
      UserId.of("alice@example.org"), KeyVersion.FIRST, new byte[] {1, 2, 3}).encode();
  static final byte[] VIEW = new KeyLogView(1, 13, new byte[32], 9, new byte[32],
      List.of(new byte[32])).encode(new byte[32]);
  /** The payload of a key log checkpoint statement (signed type 6) carrying {@link #NOTE}. */
  static final byte[] STATEMENT_PAYLOAD = new SeenCheckpoint(Instant.ofEpochMilli(1765000000123L),
      new String(NOTE, StandardCharsets.UTF_8)).encode();
  static final MerkleTreeFixture TREE = new MerkleTreeFixture(13);
  /** Index byte, then the real inclusion proof of leaf 5 in the tree of 13. */
  static final byte[] PROOF = proofSeed();

  private static byte[] publicKey() {
    byte[] key = new byte[32];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(SEED, 0, key, 0);
    return key;
  }

  private static byte[] proofSeed() {
    List<byte[]> proof = MerkleTree.inclusionProof(TREE::node, 5, 13);
    ByteBuffer out = ByteBuffer.allocate(1 + 32 * proof.size()).put((byte) 5);
    proof.forEach(out::put);
    return out.array();
  }

  @FuzzTest(maxDuration = "24h")
  void anyNote_failsOrVerifiesOnlyIfTheHostSignedIt(byte[] data) {
    String note = new String(data, StandardCharsets.UTF_8);
    Optional<Boolean> verified = Fuzz.decode(data.length, () -> {
      SignedNote parsed = SignedNote.parse(note);
      Checkpoint.parse(parsed.text());
      return parsed.verifiedBy(HOST);
    });
    verified.filter(Boolean::booleanValue).ifPresent(ok ->
        assertThat(SignedNote.parse(note).text()).isEqualTo(TEXT));
  }

  @FuzzTest(maxDuration = "24h")
  void anyLeaf_failsOrEncodesBackTheSame(byte[] data) {
    Fuzz.decode(data.length, () -> KeyLogEntry.decode(data))
        .ifPresent(entry -> assertThat(entry.encode()).isEqualTo(data));
  }

  @FuzzTest(maxDuration = "24h")
  void anyView_failsOrEncodesBackTheSame(byte[] data) {
    Fuzz.decode(data.length, () -> KeyLogView.decode(data)).ifPresent(view ->
        assertThat(view.encode(KeyLogView.mac(data))).isEqualTo(data));
  }

  @FuzzTest(maxDuration = "24h")
  void anyCheckpointStatementPayload_failsOrEncodesBackTheSame(byte[] data) {
    Fuzz.decode(data.length, () -> SeenCheckpoint.decode(data))
        .ifPresent(seen -> assertThat(seen.encode()).isEqualTo(data));
  }

  @FuzzTest(maxDuration = "24h")
  void anyInclusionProof_verifiesOnlyIfItIsTheRealOne(byte[] data) {
    if (data.length == 0) {
      return;
    }
    int index = Byte.toUnsignedInt(data[0]) % 16;
    List<byte[]> proof = new ArrayList<>();
    for (int at = 1; at + 32 <= data.length && proof.size() < 200; at += 32) {
      proof.add(Arrays.copyOfRange(data, at, at + 32));
    }
    long size = 13;
    byte[] leaf = index < size ? TREE.leafHash(index) : new byte[32];
    if (MerkleTree.verifyInclusion(leaf, index, size, proof, TREE.root())) {
      assertThat(proof).usingElementComparator(Arrays::compare)
          .isEqualTo(MerkleTree.inclusionProof(TREE::node, index, size));
    }
    for (int old = 1; old < size; old++) {
      if (MerkleTree.verifyConsistency(old, size, TREE.root(old), TREE.root(), proof)) {
        assertThat(proof).usingElementComparator(Arrays::compare)
            .isEqualTo(MerkleTree.consistencyProof(TREE::node, old, size));
      }
    }
  }

  /** A tree of {@code n} leaves {@code [i]} kept in memory. */
  static final class MerkleTreeFixture {
    private final java.util.Map<String, byte[]> nodes = new java.util.HashMap<>();
    private final int size;

    MerkleTreeFixture(int size) {
      this.size = size;
      for (int i = 0; i < size; i++) {
        for (var node : MerkleTree.completedBy(this::node, i, leafHash(i))) {
          nodes.put(node.level() + "/" + node.index(), node.hash());
        }
      }
    }

    byte[] leafHash(int i) {
      return MerkleTree.leafHash(new byte[] {(byte) i});
    }

    byte[] node(int level, long index) {
      return java.util.Objects.requireNonNull(nodes.get(level + "/" + index));
    }

    byte[] root() {
      return root(size);
    }

    byte[] root(long n) {
      return MerkleTree.root(this::node, n);
    }
  }
}
