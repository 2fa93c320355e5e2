package dev.secupass.benchmarks;

import dev.secupass.core.observe.SecuPassObserver;
import dev.secupass.micrometer.MicrometerObserver;
import dev.secupass.micrometer.SecuPassCountsHandler;
import dev.secupass.storage.jdbc.JdbcStorage;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cost of observing the SDK with Micrometer (docs/observability.md, "Overhead"): two SDKs on
 * embedded H2 and the filesystem blob store, one without an observer and one with {@link
 * MicrometerObserver} on a registry whose handlers publish timers and summaries to a {@link
 * SimpleMeterRegistry}, sending in interleaved batches ({@link PairedSends}); the report gives the
 * ratio observed / plain, median and quartiles over all rounds.
 *
 * <pre>{@code java -cp ... dev.secupass.benchmarks.ObserverOverhead \
 *     [fileBytes=4096] [sendsPerBatch=20] [warmupSeconds=30] [rounds=40]}</pre>
 */
public final class ObserverOverhead {
  private ObserverOverhead() {}

  public static void main(String[] args) throws Exception {
    PairedSends.Settings run = PairedSends.Settings.of(args, 0);
    byte[] content = run.content();
    Path dir = Files.createTempDirectory("observer-overhead");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(meters))
        .observationHandler(new SecuPassCountsHandler(meters));
    try (JdbcStorage plainStorage = JdbcStorage.embedded(dir.resolve("plain/db"));
        JdbcStorage observedStorage = JdbcStorage.embedded(dir.resolve("observed/db"));
        PairedSends.Sender plain = new PairedSends.Sender(plainStorage,
            dir.resolve("plain/blobs"), SecuPassObserver.NONE, content);
        PairedSends.Sender observed = new PairedSends.Sender(observedStorage,
            dir.resolve("observed/blobs"), MicrometerObserver.of(observations), content)) {
      PairedSends.Rounds r = PairedSends.run(plain, observed, run);
      System.out.printf("%nObserver overhead: %s (candidate: observed, baseline: plain)%n%s%d"
          + " meters published%n", run.describe("H2"), r.report(), meters.getMeters().size());
    }
  }
}
