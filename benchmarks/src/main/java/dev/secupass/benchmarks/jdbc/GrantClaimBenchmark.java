package dev.secupass.benchmarks.jdbc;

import dev.secupass.api.UserId;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantFilter;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Grants claimed and completed per second on PostgreSQL by 8 concurrent workers sharing one queue:
 * each worker claims up to {@code batch} ready grants ({@code SELECT ... FOR UPDATE SKIP LOCKED})
 * and completes each ({@code claimAndComplete}), or completes the batch with one {@code
 * completeAll} as the grant engine does ({@code claimAndCompleteAll}). The {@code grants} counter is
 * the figure; {@link CpuMeter} prints it per CPU-second of the JVM and of its server processes.
 * Before every iteration the queue is topped up with ready grants so the workers never run dry.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class GrantClaimBenchmark {
  private static final UserId GRANTER = UserId.of("granter");
  private static final GrantFilter FILTER = GrantFilter.granter(GRANTER);
  private static final int READY_PER_ITERATION = 200_000;

  @State(Scope.Benchmark)
  public static class Queue {
    @Param("10")
    public int batch;

    BenchmarkDatabase database;
    JdbcStorage storage;
    final AtomicInteger iteration = new AtomicInteger();
    final AtomicLong done = new AtomicLong();
    CpuMeter meter;

    @Setup
    public void open() {
      database = BenchmarkDatabase.create();
      storage = database.storage();
      meter = new CpuMeter(database);
    }

    /** Adds ready grants for the next iteration. */
    @Setup(Level.Iteration)
    public void topUp() {
      int n = iteration.incrementAndGet();
      database.run(
          "INSERT INTO {p}grant_queue (id, target_kind, target_id, recipient_id, granter_id,"
              + " state, open_marker, key_version, created_at, updated_at)"
              + " SELECT 'g" + n + "-' || i, 'DELIVERY', 'd" + n + "-' || i, 'user-' || i, '"
              + GRANTER.value() + "', 'READY', 'Y', 1,"
              + " TIMESTAMP '2030-01-01' + i * INTERVAL '1 millisecond',"
              + " TIMESTAMP '2030-01-01' FROM generate_series(1, " + READY_PER_ITERATION + ") i",
          "ANALYZE {p}grant_queue");
      done.set(0);
      meter.start();
    }

    @TearDown(Level.Iteration)
    public void report() {
      meter.stop("grants claimed and completed", done.get());
    }

    @TearDown
    public void drop() {
      database.close();
    }
  }

  /** What one worker did in the iteration; JMH reports it per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Done {
    public long grants;
  }

  @Benchmark
  public void claimAndComplete(Queue queue, Done done) {
    for (Grant grant : queue.storage.grants().claim(FILTER, queue.batch, Duration.ofMinutes(5))) {
      queue.storage.grants().complete(grant.id(), Objects.requireNonNull(grant.lease()).token());
      done.grants++;
      queue.done.incrementAndGet();
    }
  }

  @Benchmark
  public void claimAndCompleteAll(Queue queue, Done done) {
    List<Grant> claimed = queue.storage.grants().claim(FILTER, queue.batch, Duration.ofMinutes(5));
    queue.storage.grants().completeAll(claimed);
    done.grants += claimed.size();
    queue.done.addAndGet(claimed.size());
  }
}
