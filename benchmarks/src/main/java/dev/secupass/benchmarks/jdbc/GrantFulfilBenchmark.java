package dev.secupass.benchmarks.jdbc;

import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Grants fulfilled by the grant engine on PostgreSQL, crypto included: a sender's open session
 * fulfils every ready grant of {@code deliveries} level-3 deliveries to {@code recipients} new
 * recipients each (claim, read the delivery and the sender's envelope, check the manifest and the
 * recipient's key against the pin, open the sender's envelope, seal one to the recipient, store it
 * with an event, complete, audit). One measured call fulfils them all, on one thread; JMH reports
 * its time, and {@link CpuMeter} prints grants per CPU-second of the benchmark JVM and of its
 * PostgreSQL server processes, and statements per grant. The sender trusts each new recipient's
 * first keys ({@link FirstContactPolicy#trustOnFirstUse()}, chosen explicitly: the default policy
 * would hold every grant until the sender confirms the safety words). Recipients activate with a
 * weak Argon2id cost so that the set-up is quick: no measured operation derives a key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GrantFulfilBenchmark {
  private static final KdfPolicy SETUP_ONLY = KdfPolicy.builder().memoryKiB(64).iterations(1)
      .parallelism(1).allowWeakParametersForTests().build();

  @Param("40")
  public int deliveries;

  @Param("25")
  public int recipients;

  /**
   * {@code 0}: every recipient of every delivery is a new user (each grant of a shot has its own
   * recipient). {@code n} (at least {@code recipients}): the shot's deliveries go to {@code n} new
   * users in turn, so one user has several grants and a batch meets their key bundle more than
   * once (a sender who sent several deliveries to people before they activated).
   */
  @Param("0")
  public int people;

  /**
   * The key suite of every user: the default X-Wing, or {@code CLASSICAL}, the suite the issue's
   * crypto-only figure (envelope open about 175 µs, seal about 138 µs) is of.
   */
  @Param("X_WING")
  public KeySuite suite = KeySuite.X_WING;

  /**
   * Whether the planner's statistics are updated before each shot, as autovacuum's autoanalyze
   * keeps them (PostgreSQL's default). {@code false} measures a server without autovacuum, as on
   * the development machine: the fresh schema's tables then count as empty for the planner, which
   * scans whole tables and ranges, and the server's CPU per grant grows shot by shot.
   */
  @Param("true")
  public boolean analyze;

  private BenchmarkDatabase database;
  private Path blobDirectory;
  private SecuPassSdk sdk;
  private SignedInUser sender;
  private SecuPassSession session;
  private CpuMeter meter;
  private int iteration;
  private long fulfilled;

  @Setup(Level.Trial)
  public void open() throws IOException {
    database = BenchmarkDatabase.create();
    blobDirectory = Files.createTempDirectory("grant-benchmark");
    sdk = SecuPassSdk.builder()
        // It measures the grant round trip, not the sender's confirmation of safety words.
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse())
        .storage(database.storage())
        .blobStore(new FileSystemBlobStore(blobDirectory))
        .atRestKey(TinkAtRestKey.generate())
        .kdfPolicy(SETUP_ONLY)
        .keySuite(suite)
        .grantExecutor(task -> { }) // grants are fulfilled only by the measured call
        // The benchmark measures fulfilment, not the sender's confirmation of each new
        // recipient's safety words (the default policy holds unverified first contacts).
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse())
        .build();
    sender = SignedInUser.employee(UserId.of("sender"));
    activate(sender.user()).close();
    session = unlock(sender.user());
    meter = new CpuMeter(database);
  }

  /** Sends the deliveries to new recipients, who then activate: their grants become ready. */
  @Setup(Level.Iteration)
  public void readyGrants() {
    iteration++;
    if (people != 0 && people < recipients) {
      throw new IllegalArgumentException("people must be 0 or at least recipients");
    }
    Set<UserId> to = new LinkedHashSet<>();
    for (int d = 0; d < deliveries; d++) {
      Addressee[] addressees = new Addressee[recipients];
      for (int r = 0; r < recipients; r++) {
        UserId user = UserId.of(people == 0 ? "r" + iteration + "-" + d + "-" + r
            : "p" + iteration + "-" + (d * recipients + r) % people);
        to.add(user);
        addressees[r] = Addressee.employee(user, "");
      }
      sdk.deliveries().send(sender, session, DeliveryDraft.builder()
          .level(SecurityLevel.SECRET)
          .subject("Benchmark")
          .message("Grants")
          .to(addressees)
          .file("a.txt", new ByteArrayInputStream("payload".getBytes(StandardCharsets.UTF_8)))
          .build());
    }
    for (UserId recipient : to) {
      activate(recipient).close();
    }
    if (analyze) {
      database.analyze();
    }
    fulfilled = 0;
    meter.start();
  }

  @Benchmark
  public GrantRun fulfil() {
    GrantRun run = sdk.grants().fulfil(session);
    fulfilled += run.fulfilled().size();
    return run;
  }

  @TearDown(Level.Iteration)
  public void report() {
    meter.stop("grants fulfilled", fulfilled);
    if (fulfilled != (long) deliveries * recipients) {
      throw new IllegalStateException("fulfilled " + fulfilled + " grants, not "
          + (long) deliveries * recipients);
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    session.close();
    sdk.close();
    database.close();
    try (Stream<Path> paths = Files.walk(blobDirectory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private SecuPassSession activate(UserId user) {
    try (SecuPass pass = SecuPass.of("benchmark pass")) {
      return sdk.secuPass().activate(user, pass);
    }
  }

  private SecuPassSession unlock(UserId user) {
    try (SecuPass pass = SecuPass.of("benchmark pass")) {
      return sdk.secuPass().unlock(user, pass);
    }
  }
}
