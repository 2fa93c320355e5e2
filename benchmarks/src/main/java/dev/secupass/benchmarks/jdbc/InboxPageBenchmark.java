package dev.secupass.benchmarks.jdbc;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One inbox page (50 deliveries with their files and recipients) at 1 million deliveries on
 * PostgreSQL, sampled so JMH reports percentiles (p99 is the figure).
 *
 * <p>The set-up bulk-loads {@code deliveries} deliveries straight into the tables (the stores
 * would take too long to fill them): each has one file and is addressed to one of 10,000 users
 * (about 100 each); every tenth is addressed to a {@code heavy} user as well (100,000 deliveries
 * at 1 million), whose inbox is paged at random depths through real cursors.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InboxPageBenchmark {
  private static final int PAGE = 50;
  private static final int USERS = 10_000;
  private static final UserId HEAVY = UserId.of("heavy");

  @State(Scope.Benchmark)
  public static class Inboxes {
    @Param("1000000")
    public int deliveries;

    BenchmarkDatabase database;
    JdbcStorage storage;
    final List<PageRequest> deepPages = new ArrayList<>();

    @Setup
    public void load() {
      database = BenchmarkDatabase.create();
      storage = database.storage();
      database.run(
          "INSERT INTO {p}delivery (id, sender_id, security_level, state, created_at,"
              + " expires_at, download_limit, download_count, details, manifest)"
              + " SELECT 'd' || lpad(i::text, 9, '0'), 'sender-' || (i % 1000), 3, 'ACTIVE',"
              + " TIMESTAMP '2030-01-01' + i * INTERVAL '1 second',"
              + " TIMESTAMP '2031-01-01', 0, 0, decode(md5(i::text), 'hex'),"
              + " decode(md5(i::text) || md5((i + 1)::text), 'hex')"
              + " FROM generate_series(1, " + deliveries + ") i",
          "INSERT INTO {p}delivery_file (delivery_id, list_index, file_id, blob_id, plain_size,"
              + " stored_size, digest, name) SELECT id, 0, 'f1', 'b' || id, 1000, 1100, details,"
              + " details FROM {p}delivery",
          "INSERT INTO {p}delivery_recipient (delivery_id, user_id, list_index, kind, address,"
              + " created_at) SELECT id, 'user-' || (substr(id, 2)::int % " + USERS + "), 0,"
              + " 'EMPLOYEE', 'user@example.org', created_at FROM {p}delivery",
          "INSERT INTO {p}delivery_recipient (delivery_id, user_id, list_index, kind, address,"
              + " created_at) SELECT id, '" + HEAVY.value() + "', 1, 'PARTNER', '', created_at"
              + " FROM {p}delivery WHERE substr(id, 2)::int % 10 = 0",
          // What autovacuum does to tables that grew by inserts (PostgreSQL 13 and later): without
          // it the visibility map is empty, and the inbox index's index-only scan reads every
          // row's table page too.
          "VACUUM ANALYZE {p}delivery", "VACUUM ANALYZE {p}delivery_file",
          "VACUUM ANALYZE {p}delivery_recipient");
      for (Page<DeliveryRecord> page = storage.deliveries().inbox(HEAVY, PageRequest.first(PAGE));
          page.hasNext(); page = storage.deliveries().inbox(HEAVY, page.next(PAGE).get())) {
        deepPages.add(page.next(PAGE).get());
      }
    }

    @TearDown
    public void drop() {
      database.close();
    }
  }

  /** The first page of a random user's inbox. */
  @Benchmark
  public Page<DeliveryRecord> firstPage(Inboxes inboxes) {
    UserId user = UserId.of("user-" + ThreadLocalRandom.current().nextInt(USERS));
    return inboxes.storage.deliveries().inbox(user, PageRequest.first(PAGE));
  }

  /** A page at a random depth of the inbox with 100,000 deliveries. */
  @Benchmark
  public Page<DeliveryRecord> deepPage(Inboxes inboxes) {
    List<PageRequest> pages = inboxes.deepPages;
    return inboxes.storage.deliveries()
        .inbox(HEAVY, pages.get(ThreadLocalRandom.current().nextInt(pages.size())));
  }

  /** A lookup by id, the cheapest read, for comparison. */
  @Benchmark
  public Object findById(Inboxes inboxes) {
    int n = 1 + ThreadLocalRandom.current().nextInt(inboxes.deliveries);
    return inboxes.storage.deliveries().find(DeliveryId.of(String.format("d%09d", n)));
  }
}
