package dev.secupass.benchmarks.jdbc;

import dev.secupass.benchmarks.PairedSends;
import dev.secupass.core.observe.SecuPassObserver;
import dev.secupass.core.testing.NoJournalStorage;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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
    PairedSends.Settings run = PairedSends.Settings.of(args, 1);
    byte[] content = run.content();
    Path dir = Files.createTempDirectory("journal-cost");
    System.out.printf(Locale.ROOT, "%nUpload journal: %s (candidate: with the journal, baseline:"
        + " without)%n", run.describe(backend));
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
          plain.send(run.batch());
          double plainStatements = (double) (without.statements() - before) / run.batch();
          before = with.statements();
          journaled.send(run.batch());
          double journaledStatements = (double) (with.statements() - before) / run.batch();
          System.out.print(PairedSends.run(plain, journaled, run).report());
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
          System.out.print(PairedSends.run(plain, journaled, run).report());
        }
      }
      default -> throw new IllegalArgumentException("backend: postgresql or h2, not " + backend);
    }
  }
}
