package dev.secupass.benchmarks.jdbc;

import dev.secupass.benchmarks.PairedSends;
import dev.secupass.core.observe.SecuPassObserver;
import dev.secupass.core.testing.NoJournalStorage;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * The upload journal's cost per send ({@code docs/testing.md}, "Crash consistency"): level 3 sends
 * of one small file from two SDKs in interleaved batches ({@link PairedSends}), one with the
 * journal (an entry written before each blob's upload, taken out in the delivery's transaction)
 * and one on the same kind of storage whose journal keeps nothing ({@link NoJournalStorage}: the
 * SDK as it was before the journal). On PostgreSQL (a fresh schema for each SDK, {@link
 * BenchmarkDatabase}) it also counts the statements per send of each; on embedded H2 (files in a
 * temporary directory) it gives the times only.
 *
 * <pre>{@code java -cp benchmarks.jar dev.secupass.benchmarks.jdbc.JournalCost \
 *     [postgresql|h2] [fileBytes=4096] [sendsPerBatch=20] [warmupSeconds=30] [rounds=40]}</pre>
 */
public final class JournalCost {
  private JournalCost() {}

  public static void main(String[] args) throws Exception {
    String backend = args.length > 0 ? args[0] : "postgresql";
    int fileBytes = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int warmupSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 40;
    byte[] content = new byte[fileBytes];
    new Random(1).nextBytes(content);
    Path dir = Files.createTempDirectory("journal-cost");
    System.out.printf(Locale.ROOT, "%nUpload journal: level 3 send of one %d-byte file, %s +"
        + " filesystem, %d rounds of %d sends (candidate: with the journal, baseline: without)%n",
        fileBytes, backend, rounds, batch);
    switch (backend) {
      case "postgresql" -> {
        try (BenchmarkDatabase without = BenchmarkDatabase.create();
            BenchmarkDatabase with = BenchmarkDatabase.create();
            PairedSends.Sender plain = new PairedSends.Sender(
                new NoJournalStorage(without.storage()), dir.resolve("without"),
                SecuPassObserver.NONE, content);
            PairedSends.Sender journaled = new PairedSends.Sender(with.storage(),
                dir.resolve("with"), SecuPassObserver.NONE, content)) {
          long before = without.statements();
          plain.send(batch);
          double plainStatements = (double) (without.statements() - before) / batch;
          before = with.statements();
          journaled.send(batch);
          double journaledStatements = (double) (with.statements() - before) / batch;
          System.out.print(PairedSends.run(plain, journaled, batch, warmupSeconds, rounds)
              .report());
          System.out.printf(Locale.ROOT, "statements per send: %.1f with the journal, %.1f"
              + " without%n", journaledStatements, plainStatements);
        }
      }
      case "h2" -> {
        try (JdbcStorage without = JdbcStorage.embedded(dir.resolve("without/db"));
            JdbcStorage with = JdbcStorage.embedded(dir.resolve("with/db"));
            PairedSends.Sender plain = new PairedSends.Sender(new NoJournalStorage(without),
                dir.resolve("without/blobs"), SecuPassObserver.NONE, content);
            PairedSends.Sender journaled = new PairedSends.Sender(with,
                dir.resolve("with/blobs"), SecuPassObserver.NONE, content)) {
          System.out.print(PairedSends.run(plain, journaled, batch, warmupSeconds, rounds)
              .report());
        }
      }
      default -> throw new IllegalArgumentException("backend: postgresql or h2, not " + backend);
    }
  }
}
