package dev.secupass.benchmarks.keylog;

import dev.secupass.api.UserId;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.keylog.Checkpoint;
import dev.secupass.core.internal.keylog.KeyLogService;
import dev.secupass.core.internal.keylog.MerkleTree;
import dev.secupass.core.internal.keylog.SeenCheckpoint;
import dev.secupass.core.internal.keylog.SignedNote;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.keylog.CheckpointKey;
import dev.secupass.core.keylog.KeyTransparency;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.memory.MemoryBlobStore;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.ForwardingStorage;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.Storage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * What the key transparency log costs a sender at scale ({@code docs/key-log.md}, "Costs"): a log
 * of ten million generated key versions of a million users ({@link SyntheticKeyLog}), two real
 * users appended after them, and the SDK's own code measured on it by thread CPU time, in
 * interleaved rounds: the whole check before a wrap ({@code KeyLogService.vouch}: the signed
 * checkpoint, the recipient's entries, the inclusion proof, the sender's sealed view, the
 * consistency proof), the same check on a log of 8 entries (the baseline, same store, same run),
 * and its parts (verifying an inclusion proof and a consistency proof from a random older size,
 * apart from reading them from the in-memory store; the checkpoint signature; a correspondent's
 * published checkpoint as the exchange checks it). Prints proof sizes and the storage a key
 * version takes. Generating the log takes most of the run; the tree takes 640 MB of heap.
 *
 * <pre>java -cp benchmarks.jar dev.secupass.benchmarks.keylog.KeyLogCost
 *     [entries=10000000] [users=1000000] [rounds=15] [callsPerRound=200]</pre>
 */
public final class KeyLogCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final KdfPolicy SETUP_ONLY = KdfPolicy.builder().memoryKiB(64).iterations(1)
      .parallelism(1).allowWeakParametersForTests().build();

  private KeyLogCost() {}

  /** A log with two real users, Alice (the sender) and Bob, appended after the generated ones. */
  private static final class Setup {
    final SyntheticKeyLog log;
    final Storage storage;
    final KeyLogService service;
    final KeySession alice;
    final KeySession bob;
    final PublicKeys aliceKeys;
    final PublicKeys bobKeys;
    final SecuPassSdk sdk;

    Setup(long entries, int users, CheckpointKey key, SecureRandom random) {
      log = new SyntheticKeyLog(entries, users);
      MemoryStorage memory = new MemoryStorage(Clock.systemUTC());
      storage = new WithKeyLog(memory, log);
      AtRestKey atRestKey = TinkAtRestKey.generate();
      KeyTransparency transparency = KeyTransparency.builder().checkpointKey(key).build();
      sdk = SecuPassSdk.builder().storage(storage).blobStore(new MemoryBlobStore())
          .atRestKey(atRestKey).random(random).kdfPolicy(SETUP_ONLY)
          .keyTransparency(transparency).build();
      alice = activate(sdk, "alice");
      bob = activate(sdk, "bob");
      aliceKeys = PublicKeys.of(memory.keys().findActive(alice.user()).orElseThrow());
      bobKeys = PublicKeys.of(memory.keys().findActive(bob.user()).orElseThrow());
      service = new KeyLogService(storage, Clock.systemUTC(), random, atRestKey, transparency);
    }

    private static KeySession activate(SecuPassSdk sdk, String name) {
      try (SecuPass pass = SecuPass.of("benchmark pass")) {
        return (KeySession) sdk.secuPass().activate(UserId.of(name), pass);
      }
    }

    MerkleTree.Nodes nodes() {
      return (level, index) -> log.node(level, index).orElseThrow();
    }
  }

  public static void main(String[] args) {
    long entries = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int users = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    int calls = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    SecureRandom random = new SecureRandom();
    CheckpointKey key = CheckpointKey.generate("bench.example/key-log", random);
    System.out.printf(Locale.ROOT, "load before: %s%n", load());

    long start = THREADS.getCurrentThreadCpuTime();
    Setup big = new Setup(entries, users, key, random);
    System.out.printf(Locale.ROOT, "generated %,d entries of %,d users in %.1f s CPU; %,d MB of"
            + " tree nodes held%n", entries, users,
        (THREADS.getCurrentThreadCpuTime() - start) / 1e9, big.log.heldBytes() >> 20);
    Setup small = new Setup(8, 4, key, random);

    long size = big.log.size();
    MerkleTree.Nodes nodes = big.nodes();
    byte[] root = MerkleTree.root(nodes, size);
    String note = big.sdk.keyLog().checkpoint();
    Random pick = new Random(7);
    int samples = 64;
    long[] olderSizes = new long[samples];
    byte[][] olderRoots = new byte[samples][];
    for (int i = 0; i < samples; i++) {
      olderSizes[i] = size / 2 + (long) (pick.nextDouble() * (size / 2 - 1)) + 1;
      olderRoots[i] = MerkleTree.root(nodes, olderSizes[i]);
    }
    // A correspondent's published checkpoint (Alice's, signed by her), as Bob's SDK checks it.
    byte[] statement = big.alice.sign(SignedType.KEY_LOG_CHECKPOINT,
        new SeenCheckpoint(java.time.Instant.now(), note).encode());
    SignedNote.VerifierKey host = SignedNote.VerifierKey.parse(key.verifierKey());

    int[] proofHashes = {Integer.MAX_VALUE, 0, Integer.MAX_VALUE, 0};
    Map<String, LongSupplier> ops = new LinkedHashMap<>();
    ops.put("check before a wrap (vouch), 10M log", () -> {
      big.service.vouch(big.storage, big.alice, big.bobKeys);
      return 0;
    });
    ops.put("check before a wrap (vouch), 8-entry log", () -> {
      small.service.vouch(small.storage, small.alice, small.bobKeys);
      return 0;
    });
    long[] leafIndexes = new long[samples];
    byte[][] leafHashes = new byte[samples][];
    List<List<byte[]>> inclusion = new ArrayList<>();
    List<List<byte[]>> consistency = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      leafIndexes[i] = Math.floorMod(pick.nextLong(), entries);
      leafHashes[i] = MerkleTree.leafHash(big.log.leaf(leafIndexes[i]));
      inclusion.add(MerkleTree.inclusionProof(nodes, leafIndexes[i], size));
      consistency.add(MerkleTree.consistencyProof(nodes, olderSizes[i], size));
      proofHashes[0] = Math.min(proofHashes[0], inclusion.get(i).size());
      proofHashes[1] = Math.max(proofHashes[1], inclusion.get(i).size());
      proofHashes[2] = Math.min(proofHashes[2], consistency.get(i).size());
      proofHashes[3] = Math.max(proofHashes[3], consistency.get(i).size());
    }
    ops.put("inclusion proof: verify", () -> {
      int i = pick.nextInt(samples);
      if (!MerkleTree.verifyInclusion(leafHashes[i], leafIndexes[i], size, inclusion.get(i),
          root)) {
        throw new IllegalStateException("inclusion proof failed");
      }
      return 0;
    });
    ops.put("inclusion proof: read (synthetic store)", () ->
        MerkleTree.inclusionProof(nodes, leafIndexes[pick.nextInt(samples)], size).size());
    ops.put("consistency proof: verify", () -> {
      int i = pick.nextInt(samples);
      if (!MerkleTree.verifyConsistency(olderSizes[i], size, olderRoots[i], root,
          consistency.get(i))) {
        throw new IllegalStateException("consistency proof failed");
      }
      return 0;
    });
    ops.put("consistency proof: read (synthetic store)", () ->
        MerkleTree.consistencyProof(nodes, olderSizes[pick.nextInt(samples)], size).size());
    ops.put("checkpoint note: parse + host signature", () -> {
      big.service.verify(note);
      return 0;
    });
    ops.put("exchange: a correspondent's checkpoint, verify", () -> {
      Checkpoint theirs = SeenCheckpoint.open(statement, big.aliceKeys, host);
      int i = pick.nextInt(samples);
      if (!SeenCheckpoint.oneHistory(olderSizes[i], olderRoots[i], theirs, consistency.get(i))) {
        throw new IllegalStateException("exchange failed");
      }
      return 0;
    });

    long readsBefore = big.log.reads();
    big.service.vouch(big.storage, big.alice, big.bobKeys);
    long readsPerVouch = big.log.reads() - readsBefore;
    readsBefore = big.log.reads();
    big.service.compare(big.storage, big.bob, big.aliceKeys);
    long readsPerCompare = big.log.reads() - readsBefore;

    Map<String, List<Double>> micros = new LinkedHashMap<>();
    ops.keySet().forEach(name -> micros.put(name, new ArrayList<>()));
    List<String> order = new ArrayList<>(ops.keySet());
    for (int round = -3; round < rounds; round++) { // three warm-up rounds
      Collections.shuffle(order, pick);
      for (String name : order) {
        LongSupplier op = java.util.Objects.requireNonNull(ops.get(name));
        long sink = 0;
        long before = THREADS.getCurrentThreadCpuTime();
        for (int c = 0; c < calls; c++) {
          sink += op.getAsLong();
        }
        double us = (THREADS.getCurrentThreadCpuTime() - before) / 1e3 / calls;
        if (sink < 0) {
          throw new IllegalStateException("unreachable");
        }
        if (round >= 0) {
          java.util.Objects.requireNonNull(micros.get(name)).add(us);
        }
      }
    }

    System.out.printf(Locale.ROOT, "%n== Key log at %,d entries, %,d users (thread CPU time,"
        + " %d rounds x %d calls, median [p10, p90])%n", size, users, rounds, calls);
    for (Map.Entry<String, List<Double>> e : micros.entrySet()) {
      List<Double> v = new ArrayList<>(e.getValue());
      Collections.sort(v);
      System.out.printf(Locale.ROOT, "%-44s %9.1f us  [%.1f, %.1f]%n", e.getKey(),
          pct(v, 50), pct(v, 10), pct(v, 90));
    }
    List<Double> ratios = new ArrayList<>();
    List<Double> bigV = java.util.Objects.requireNonNull(
        micros.get("check before a wrap (vouch), 10M log"));
    List<Double> smallV = java.util.Objects.requireNonNull(
        micros.get("check before a wrap (vouch), 8-entry log"));
    for (int i = 0; i < bigV.size(); i++) {
      ratios.add(bigV.get(i) / smallV.get(i));
    }
    Collections.sort(ratios);
    System.out.printf(Locale.ROOT, "vouch at 10M / vouch at 8 entries, per round: median %.2f"
        + " [%.2f, %.2f]%n", pct(ratios, 50), pct(ratios, 10), pct(ratios, 90));

    int leafBytes = big.log.leaf(entries - 1).length;
    String userId = "user-" + (users - 1);
    System.out.printf(Locale.ROOT, "%n== Sizes%n"
            + "inclusion proof: %d to %d hashes (%d to %d bytes)%n"
            + "consistency proof from a random older size: %d to %d hashes (%d to %d bytes)%n"
            + "checkpoint note (host signature, no cosignature): %d bytes%n"
            + "published checkpoint statement: %d bytes%n"
            + "leaf: %d bytes for a user id of %d bytes; stored nodes per entry: %.3f%n"
            + "store reads (one query each in a database) per check before a wrap: %d;"
            + " per first comparison with a correspondent's checkpoint: %d%n",
        proofHashes[0], proofHashes[1], proofHashes[0] * 32, proofHashes[1] * 32,
        proofHashes[2], proofHashes[3], proofHashes[2] * 32, proofHashes[3] * 32,
        note.getBytes(StandardCharsets.UTF_8).length, statement.length, leafBytes,
        userId.length(), nodesPerEntry(size), readsPerVouch, readsPerCompare);
    System.out.printf(Locale.ROOT, "load after: %s%n", load());
    big.sdk.close();
    small.sdk.close();
  }

  /** Nodes a store holds per entry: every complete perfect subtree, leaves included. */
  private static double nodesPerEntry(long size) {
    long nodes = 0;
    for (int level = 0; (size >> level) > 0; level++) {
      nodes += size >> level;
    }
    return (double) nodes / size;
  }

  private static double pct(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (sorted.size() - 1) * p / 100));
  }

  private static String load() {
    return String.format(Locale.ROOT, "%.2f (1-minute load average, %d cores)",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
  }

  /** {@code real}'s stores, with {@code log} as the key log (not transactional). */
  private static final class WithKeyLog extends ForwardingStorage {
    private final KeyLogStore log;

    WithKeyLog(Storage real, KeyLogStore log) {
      super(real);
      this.log = log;
    }

    @Override
    public KeyLogStore keyLog() {
      return log;
    }

    @Override
    protected Storage over(Storage tx) {
      return new WithKeyLog(tx, log);
    }
  }
}
