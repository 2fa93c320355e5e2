package dev.secupass.benchmarks;

import dev.secupass.api.BlobId;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.internal.crypto.CiphertextSource;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.ContentEncryptor;
import dev.secupass.core.internal.crypto.EncryptedContent;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.spi.BlobOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A version-2 stream of several GiB in a {@link FileSystemBlobStore}: written, read back whole
 * against its stream digest in bounded memory, and one segment from the middle read by a verified
 * ranged read (header, table checked against the digest, the segment checked against the table),
 * timed against the blob store's own read of the same segment in interleaved rounds. Run with a
 * small heap:
 *
 * <pre>{@code java -Xmx64m -cp benchmarks/target/benchmarks.jar \
 *     dev.secupass.benchmarks.VerifiedRangeCheck 1 200}</pre>
 *
 * Arguments: GiB (default 1), rounds of the ranged read (default 200). Exits with status 1 if
 * the bytes read back differ from those written.
 */
public final class VerifiedRangeCheck {
  private static final int SEGMENT = ContentCipher.DEFAULT_SEGMENT_SIZE;

  private VerifiedRangeCheck() {}

  public static void main(String[] args) throws Exception {
    long gibibytes = args.length > 0 ? Long.parseLong(args[0]) : 1;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    long total = gibibytes << 30;
    Path folder = Files.createTempDirectory("secupass-range");
    try {
      FileSystemBlobStore store = new FileSystemBlobStore(folder);
      DeliveryId delivery = DeliveryId.of("range");
      FileId file = FileId.of("file");
      ContentCipher cipher = ContentCipher.builder(SymmetricKey.generate(new SecureRandom()),
          ContentContext.deliveryFile(delivery, file, SecurityLevel.SECRET)).version(2).build();
      BlobId blob = BlobId.of("big");
      CRC32C written = new CRC32C();
      byte[] chunk = new byte[SEGMENT];
      long start = System.nanoTime();
      EncryptedContent content;
      try (BlobOutput out = store.create(blob, cipher.ciphertextSize(total));
          ContentEncryptor encryptor = cipher.encrypt(out)) {
        for (long done = 0; done < total; done += SEGMENT) {
          fill(chunk, done);
          written.update(chunk);
          encryptor.write(chunk);
        }
        content = encryptor.finish();
        out.commit();
      }
      double writeSeconds = (System.nanoTime() - start) / 1e9;
      CiphertextSource source = CiphertextSource.of(content.ciphertextSize(),
          (offset, length) -> store.open(blob, offset, length));
      CRC32C read = new CRC32C();
      start = System.nanoTime();
      try (InputStream in = cipher.decrypt(source, content.digest())) {
        in.transferTo(new OutputStream() {
          @Override
          public void write(int b) {
            read.update(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            read.update(b, off, len);
          }
        });
      }
      double readSeconds = (System.nanoTime() - start) / 1e9;

      long middle = (total / SEGMENT / 2) * SEGMENT;
      long segmentOffset = 49 + (middle / SEGMENT) * (SEGMENT + 16L);
      byte[] expected = new byte[SEGMENT];
      fill(expected, middle);
      double[] verified = new double[rounds];
      double[] plain = new double[rounds];
      double[] verifiedCpu = new double[rounds];
      double[] plainCpu = new double[rounds];
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      for (int round = 0; round < rounds + 20; round++) {
        long cpuA = threads.getCurrentThreadCpuTime();
        long a = System.nanoTime();
        byte[] segment;
        try (InputStream in = store.open(blob, segmentOffset, SEGMENT + 16)) {
          segment = in.readAllBytes();
        }
        long b = System.nanoTime();
        long cpuB = threads.getCurrentThreadCpuTime();
        byte[] range;
        try (InputStream in = cipher.decryptVerified(source, middle, SEGMENT, content.digest())) {
          range = in.readAllBytes();
        }
        long c = System.nanoTime();
        long cpuC = threads.getCurrentThreadCpuTime();
        if (segment.length != SEGMENT + 16 || !Arrays.equals(range, expected)) {
          System.err.println("the ranged read returned other bytes");
          System.exit(1);
        }
        if (round >= 20) {
          plain[round - 20] = (b - a) / 1e6;
          verified[round - 20] = (c - b) / 1e6;
          plainCpu[round - 20] = (cpuB - cpuA) / 1e6;
          verifiedCpu[round - 20] = (cpuC - cpuB) / 1e6;
        }
      }
      double[] extra = new double[rounds];
      double[] extraCpu = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        extra[i] = verified[i] - plain[i];
        extraCpu[i] = verifiedCpu[i] - plainCpu[i];
      }
      Arrays.sort(extraCpu);
      Arrays.sort(plainCpu);
      Arrays.sort(verified);
      Arrays.sort(plain);
      Arrays.sort(extra);
      long peakHeap = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peakHeap += pool.getPeakUsage().getUsed();
        }
      }
      System.out.printf("version-2 stream of %d GiB in a FileSystemBlobStore: written in %.1f s,"
          + " read whole (verified) in %.1f s; max heap %d MiB; peak heap used (sum of pool"
          + " peaks) %d MiB; plaintext %s%n", gibibytes, writeSeconds, readSeconds,
          Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20,
          written.getValue() == read.getValue() ? "identical" : "DIFFERENT");
      System.out.printf("one 1 MiB segment from the middle, %d rounds (median [quartiles], ms):"
          + " blob store's own read %.2f [%.2f-%.2f]; verified ranged read %.2f [%.2f-%.2f];"
          + " verified minus own, per round %.2f [%.2f-%.2f]%n", rounds,
          q(plain, 0.5), q(plain, 0.25), q(plain, 0.75),
          q(verified, 0.5), q(verified, 0.25), q(verified, 0.75),
          q(extra, 0.5), q(extra, 0.25), q(extra, 0.75));
      System.out.printf("the same by this thread's CPU time (ms): blob store's own read %.2f"
          + " [%.2f-%.2f]; verified minus own, per round %.2f [%.2f-%.2f]%n",
          q(plainCpu, 0.5), q(plainCpu, 0.25), q(plainCpu, 0.75),
          q(extraCpu, 0.5), q(extraCpu, 0.25), q(extraCpu, 0.75));
      if (written.getValue() != read.getValue()) {
        System.exit(1);
      }
    } finally {
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        System.err.println("could not delete " + folder + ": " + e.getMessage());
      }
    }
  }

  /** Plaintext that depends on its offset, so a misplaced segment shows. */
  private static void fill(byte[] chunk, long offset) {
    long x = offset * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < chunk.length; i += 8) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      for (int j = 0; j < 8; j++) {
        chunk[i + j] = (byte) (x >>> (8 * j));
      }
    }
  }

  private static double q(double[] sorted, double quantile) {
    return sorted[(int) Math.round(quantile * (sorted.length - 1))];
  }
}
