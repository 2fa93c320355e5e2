package dev.secupass.benchmarks.jdbc;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.internal.keylog.KeyLogEntry;
import dev.secupass.core.internal.keylog.KeyLogService;
import dev.secupass.core.internal.keylog.MerkleTree;
import dev.secupass.core.keylog.CheckpointKey;
import dev.secupass.core.keylog.KeyTransparency;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The key log on PostgreSQL ({@code docs/key-log.md}, "Costs"): appends {@code entries} key
 * versions through the SDK's own append (leaf, tree nodes, signed checkpoint, one transaction
 * each), then reports the bytes each key version takes in the {@code key_log_*} tables (tables
 * and indexes, {@code pg_total_relation_size}) and the wall time of reading an inclusion proof
 * from the database, per proof and per node query, in rounds.
 *
 * <pre>java -cp benchmarks.jar dev.secupass.benchmarks.jdbc.KeyLogStorageCost [entries=3000]</pre>
 */
public final class KeyLogStorageCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private KeyLogStorageCost() {}

  public static void main(String[] args) throws SQLException {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    SecureRandom random = new SecureRandom();
    try (BenchmarkDatabase database = BenchmarkDatabase.create()) {
      JdbcStorage storage = database.storage();
      KeyLogService log = new KeyLogService(storage, Clock.systemUTC(), random,
          TinkAtRestKey.generate(), KeyTransparency.builder()
              .checkpointKey(CheckpointKey.generate("bench.example/key-log", random)).build());
      long wall = System.nanoTime();
      long cpu = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < entries; i++) {
        byte[] bundleHash = ByteBuffer.allocate(32).putLong(i).putLong(~i).array();
        KeyLogEntry entry = new KeyLogEntry(KeyLogEntry.Event.ACTIVATION,
            UserId.of("user-" + (100_000 + i)), KeyVersion.FIRST, bundleHash);
        storage.inTransaction(tx -> log.append(tx, entry));
      }
      System.out.printf(Locale.ROOT, "appended %d key versions: %.2f ms wall, %.2f ms client CPU"
              + " per append (leaf, nodes, checkpoint signed, one transaction)%n", entries,
          (System.nanoTime() - wall) / 1e6 / entries,
          (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / entries);

      long total = 0;
      System.out.printf(Locale.ROOT, "%n== Bytes per key version in PostgreSQL (tables and"
          + " indexes), %d entries%n", entries);
      try (Connection c = database.pool().getConnection()) {
        for (String table : List.of("key_log_leaf", "key_log_node", "key_log_checkpoint")) {
          try (PreparedStatement s = c.prepareStatement("SELECT pg_total_relation_size(c.oid)"
              + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE n.nspname = current_schema() AND c.relname = ?")) {
            s.setString(1, BenchmarkDatabase.PREFIX + table);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              long bytes = rs.getLong(1);
              total += bytes;
              System.out.printf(Locale.ROOT, "%-20s %8.1f bytes%n", table,
                  (double) bytes / entries);
            }
          }
        }
      }
      System.out.printf(Locale.ROOT, "%-20s %8.1f bytes%n", "total", (double) total / entries);

      KeyLogStore store = storage.keyLog();
      MerkleTree.Nodes nodes = (level, index) -> store.node(level, index).orElseThrow();
      long size = store.size();
      Random pick = new Random(7);
      List<Double> perProof = new ArrayList<>();
      int proofNodes = 0;
      for (int round = -2; round < 10; round++) {
        long start = System.nanoTime();
        int count = 50;
        for (int i = 0; i < count; i++) {
          proofNodes = MerkleTree.inclusionProof(nodes, pick.nextInt((int) size), size).size();
        }
        if (round >= 0) {
          perProof.add((System.nanoTime() - start) / 1e6 / count);
        }
      }
      Collections.sort(perProof);
      double median = perProof.get(perProof.size() / 2);
      System.out.printf(Locale.ROOT, "%ninclusion proof read from PostgreSQL at %d entries: %d"
              + " node queries, %.2f ms wall (median of 10 rounds of 50; %.3f ms per query);"
              + " load %.2f%n", size, proofNodes, median, median / proofNodes,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
