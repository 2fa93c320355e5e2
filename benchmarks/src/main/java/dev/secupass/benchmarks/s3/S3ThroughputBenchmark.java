package dev.secupass.benchmarks.s3;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobOutput;
import dev.secupass.storage.s3.S3BlobStore;
import dev.secupass.storage.s3.S3BlobStoreBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Upload and download throughput through {@link S3BlobStore} beside the plain AWS SDK {@code
 * putObject}/{@code getObject} of the same bytes, against the same server with the same client in
 * the same run, printed as ratios (target: at least 0.9); then the peak heap during a multi-GiB
 * upload through the store.
 *
 * <p>Without {@code --endpoint} it starts S3Proxy (filesystem backend) in a JVM of its own. With
 * {@code --endpoint URI --bucket NAME} it measures that server instead, with credentials from the
 * SDK's default chain (environment, profile). Run it with {@code benchmarks/run-s3.sh}.
 */
public final class S3ThroughputBenchmark {
  private static final int MIB = 1 << 20;

  private final S3Client client;
  private final S3BlobStore store;
  /** The same, streaming every blob of declared size up to 5 GiB, for the heap run. */
  private final S3BlobStore streamingStore;
  private final String bucket;
  private final String prefix;
  private final byte[] block = new byte[MIB];
  private final SecureRandom ids = new SecureRandom();

  private S3ThroughputBenchmark(S3Client client, String bucket, String prefix) {
    this.client = client;
    this.bucket = bucket;
    this.prefix = prefix;
    this.store = S3BlobStore.builder().client(client).bucket(bucket).keyPrefix(prefix).build();
    this.streamingStore = S3BlobStore.builder().client(client).bucket(bucket).keyPrefix(prefix)
        .singlePutLimit(S3BlobStoreBuilder.MAX_SINGLE_PUT).build();
    new Random(42).nextBytes(block);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    long mib = Long.parseLong(options.getOrDefault("mib", "96"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
    long heapMib = Long.parseLong(options.getOrDefault("heap-mib", "2048"));
    String endpoint = options.get("endpoint");
    String prefix = "secupass-bench/" + Long.toHexString(new SecureRandom().nextLong());

    if (endpoint == null) {
      try (S3ProxyProcess server = S3ProxyProcess.start();
          S3Client client = S3Client.builder()
              .endpointOverride(server.endpoint())
              .forcePathStyle(true)
              .region(Region.US_EAST_1)
              .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                  S3ProxyProcess.ACCESS_KEY, S3ProxyProcess.SECRET_KEY)))
              .build()) {
        String bucket = "secupass-bench";
        client.createBucket(r -> r.bucket(bucket));
        System.out.println("server: S3Proxy 3.3, filesystem backend, own JVM, " + server.endpoint());
        new S3ThroughputBenchmark(client, bucket, prefix).run(mib, rounds, heapMib);
      }
    } else {
      String bucket = options.get("bucket");
      if (bucket == null) {
        throw new IllegalArgumentException("--endpoint needs --bucket");
      }
      try (S3Client client = S3Client.builder()
          .endpointOverride(URI.create(endpoint))
          .forcePathStyle(Boolean.parseBoolean(options.getOrDefault("path-style", "true")))
          .region(Region.of(
              options.getOrDefault("region", "us-east-1")))
          .build()) {
        System.out.println("server: " + endpoint + ", bucket " + bucket + ", prefix " + prefix);
        new S3ThroughputBenchmark(client, bucket, prefix).run(mib, rounds, heapMib);
      }
    }
  }

  private void run(long mib, int rounds, long heapMib) throws InterruptedException {
    long size = mib * MIB;
    System.out.printf("object %d MiB, %d rounds after one warm-up (median), part size %d MiB x"
            + " %d in flight, single PutObject up to %d MiB, %d cores, max heap %d MiB%n", mib,
        rounds, S3BlobStoreBuilder.DEFAULT_PART_SIZE / MIB,
        S3BlobStoreBuilder.DEFAULT_PARTS_IN_FLIGHT, S3BlobStoreBuilder.DEFAULT_SINGLE_PUT_LIMIT / MIB,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / MIB);
    if (size > S3BlobStoreBuilder.DEFAULT_SINGLE_PUT_LIMIT) {
      System.out.println("(the object is above the single PutObject limit: the store sends it"
          + " as a multipart upload also when its size is declared)");
    }
    double[][] seconds = new double[6][rounds];
    for (int round = -1; round < rounds; round++) {
      BlobId declared = BlobId.random(ids);
      BlobId unknown = BlobId.random(ids);
      String key = prefix + "/plain-" + declared;
      // Alternate which of a pair goes first, so that neither always meets a busier machine.
      boolean storeFirst = round % 2 == 0;
      double[] put = pair(storeFirst, () -> adapterUpload(store, declared, size, true),
          () -> plainPut(key, size));
      double[] multipart = pair(storeFirst, () -> adapterUpload(store, unknown, size, false),
          () -> plainMultipart(key + "-mpu", size));
      double[] download =
          pair(storeFirst, () -> adapterDownload(declared, size), () -> plainGet(key, size));
      double[] times = {put[0], put[1], multipart[0], multipart[1], download[0], download[1]};
      store.delete(declared);
      store.delete(unknown);
      client.deleteObject(r -> r.bucket(bucket).key(key));
      client.deleteObject(r -> r.bucket(bucket).key(key + "-mpu"));
      if (round >= 0) {
        for (int i = 0; i < times.length; i++) {
          seconds[i][round] = times[i];
        }
      }
    }
    report("upload, size declared", mib, seconds[0], seconds[1], "putObject");
    report("upload, size unknown ", mib, seconds[2], seconds[1], "putObject");
    report("upload, size unknown ", mib, seconds[2], seconds[3], "multipart");
    report("download             ", mib, seconds[4], seconds[5], "getObject");

    heapRun("size unknown, multipart upload", store, heapMib, false,
        (long) S3BlobStoreBuilder.DEFAULT_PART_SIZE
            * (S3BlobStoreBuilder.DEFAULT_PARTS_IN_FLIGHT + 1) / MIB + " MiB of part buffers");
    heapRun("size declared, one streamed PutObject", streamingStore, heapMib, true,
        "a 2 MiB pipe");
  }

  private void heapRun(String what, S3BlobStore through, long mib, boolean declared,
      String bound) throws InterruptedException {
    BlobId big = BlobId.random(ids);
    HeapPeak heap = HeapPeak.during(() -> adapterUpload(through, big, mib * MIB, declared));
    through.delete(big);
    System.out.printf("%d MiB upload through the store (%s): peak heap live after GC %d MiB"
            + " (%d MiB before the upload), peak heap used %d MiB (%d collections; max heap %d"
            + " MiB; the store's bound: %s)%n", mib, what, heap.peakLiveAfterGc() / MIB,
        heap.liveBefore() / MIB, heap.peakUsed() / MIB, heap.collections(),
        Runtime.getRuntime().maxMemory() / MIB, bound);
  }

  private void adapterUpload(S3BlobStore through, BlobId id, long size, boolean declared) {
    try (BlobOutput out = declared ? through.create(id, size) : through.create(id)) {
      new PatternInputStream(block, size).transferTo(out);
      out.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void plainPut(String key, long size) {
    client.putObject(r -> r.bucket(bucket).key(key).contentLength(size),
        RequestBody.fromContentProvider(() -> new PatternInputStream(block, size), size,
            "application/octet-stream"));
  }

  /** The SDK's multipart upload of the same bytes, one part after the other. */
  private void plainMultipart(String key, long size) {
    int partSize = S3BlobStoreBuilder.DEFAULT_PART_SIZE;
    String upload = client.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
    java.util.List<software.amazon.awssdk.services.s3.model.CompletedPart> parts =
        new java.util.ArrayList<>();
    for (long offset = 0; offset < size; offset += partSize) {
      long length = Math.min(partSize, size - offset);
      int number = parts.size() + 1;
      String eTag = client.uploadPart(
          r -> r.bucket(bucket).key(key).uploadId(upload).partNumber(number),
          RequestBody.fromContentProvider(() -> new PatternInputStream(block, length), length,
              "application/octet-stream")).eTag();
      parts.add(software.amazon.awssdk.services.s3.model.CompletedPart.builder()
          .partNumber(number).eTag(eTag).build());
    }
    client.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(upload)
        .multipartUpload(m -> m.parts(parts)));
  }

  private void adapterDownload(BlobId id, long size) {
    check(store.open(id), size);
  }

  private void plainGet(String key, long size) {
    check(client.getObject(r -> r.bucket(bucket).key(key)), size);
  }

  private static void check(InputStream in, long size) {
    try (in) {
      long read = in.transferTo(OutputStream.nullOutputStream());
      if (read != size) {
        throw new IllegalStateException("read " + read + " bytes instead of " + size);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Prints medians and the ratio of medians, and the ratio of the best rounds: on a shared
   * machine other load only ever adds time, so the best rounds are the least disturbed.
   */
  private static void report(String what, long mib, double[] adapter, double[] plain,
      String name) {
    double adapterMedian = median(adapter);
    double plainMedian = median(plain);
    System.out.printf("%s: store %7.1f MiB/s   plain %-9s %7.1f MiB/s   ratio %.2f"
            + " (best rounds %.2f; target >= 0.9)%n", what, mib / adapterMedian, name,
        mib / plainMedian, plainMedian / adapterMedian, min(plain) / min(adapter));
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }

  /** Times {@code adapter} and {@code plain} in the given order; returns {adapter, plain}. */
  private static double[] pair(boolean adapterFirst, Runnable adapter, Runnable plain) {
    if (adapterFirst) {
      double first = time(adapter);
      return new double[] {first, time(plain)};
    }
    double first = time(plain);
    return new double[] {time(adapter), first};
  }

  private static double time(Runnable task) {
    long start = System.nanoTime();
    task.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
