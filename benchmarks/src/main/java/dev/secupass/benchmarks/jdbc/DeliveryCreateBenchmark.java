package dev.secupass.benchmarks.jdbc;

import dev.secupass.api.BlobId;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.FileId;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.Recipient;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Deliveries created per second on PostgreSQL: {@code DeliveryStore.create} of a delivery with
 * one file and two recipients (three tables, one transaction), each on a connection from the pool.
 * Run with {@code -t 1} and {@code -t 8} for one and eight concurrent senders.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeliveryCreateBenchmark {

  @State(Scope.Benchmark)
  public static class Store {
    BenchmarkDatabase database;
    JdbcStorage storage;
    final AtomicLong next = new AtomicLong();

    @Setup
    public void open() {
      database = BenchmarkDatabase.create();
      storage = database.storage();
    }

    @TearDown
    public void drop() {
      database.close();
    }
  }

  @Benchmark
  public void create(Store store) {
    store.storage.deliveries().create(delivery(store.next.incrementAndGet()));
  }

  // javac 17 writes the type annotation of the record component linkTokenHash onto the compact
  // constructor with a FIELD target, so NullAway, reading sdk-api's class file, misses it there.
  @SuppressWarnings("NullAway")
  private static DeliveryRecord delivery(long n) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Instant now = Instant.now();
    byte[] details = new byte[200];
    random.nextBytes(details);
    byte[] manifest = new byte[300];
    random.nextBytes(manifest);
    DeliveryFile file = new DeliveryFile(FileId.of("file-" + n), BlobId.of("blob-" + n), 1 << 20,
        (1 << 20) + 1100, details.clone(), manifest.clone());
    return new DeliveryRecord(DeliveryId.of("delivery-" + n),
        UserId.of("sender-" + random.nextInt(1000)), SecurityLevel.SECRET, DeliveryState.ACTIVE,
        now, now.plus(Duration.ofDays(30)), 0, 0, details, manifest, null, List.of(file),
        List.of(new Recipient(UserId.of("user-" + random.nextInt(10_000)), PrincipalKind.EMPLOYEE,
                "someone@example.org"),
            new Recipient(UserId.of("partner-" + n), PrincipalKind.PARTNER, "")));
  }
}
