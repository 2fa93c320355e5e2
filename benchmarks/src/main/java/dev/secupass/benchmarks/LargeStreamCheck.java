package dev.secupass.benchmarks;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.ContentDecryptor;
import dev.secupass.core.internal.crypto.ContentEncryptor;
import dev.secupass.core.internal.crypto.SymmetricKey;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;

/**
 * Encrypts a multi-GiB generated stream and decrypts it again, without ever holding more than a
 * few segments, and prints the peak heap the JVM saw. {@code sequential} chains the encryptor into
 * the push decryptor on one thread; {@code parallel} runs the parallel mode on both ends of an OS
 * pipe. Run with a small heap:
 *
 * <pre>{@code java -Xmx64m -cp benchmarks/target/benchmarks.jar \
 *     dev.secupass.benchmarks.LargeStreamCheck 4 sequential}</pre>
 *
 * Arguments: GiB to stream (default 4), {@code sequential} or {@code parallel} (default
 * sequential). Exits with status 1 if the decrypted bytes differ from those encrypted.
 */
public final class LargeStreamCheck {
  private static final int CHUNK = 1 << 20;

  private LargeStreamCheck() {}

  public static void main(String[] args) throws Exception {
    long gibibytes = args.length > 0 ? Long.parseLong(args[0]) : 4;
    boolean parallel = args.length > 1 && args[1].equals("parallel");
    long total = gibibytes << 30;
    ContentCipher cipher = ContentCipher.builder(SymmetricKey.generate(new SecureRandom()),
        ContentContext.deliveryFile(DeliveryId.of("large"), FileId.of("file"),
            SecurityLevel.SECRET)).build();
    CRC32C decrypted = new CRC32C();
    long[] count = {0};
    OutputStream check = new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        decrypted.update(b, off, len);
        count[0] += len;
      }
    };
    CRC32C generated = new CRC32C();
    InputStream source = new GeneratedStream(total, generated);
    long start = System.nanoTime();
    if (parallel) {
      parallelThroughPipe(cipher, source, check);
    } else {
      try (ContentDecryptor decryptor = cipher.decryptTo(check);
          ContentEncryptor encryptor = cipher.encrypt(decryptor)) {
        source.transferTo(encryptor);
        encryptor.finish();
        decryptor.finish();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    boolean same = generated.getValue() == decrypted.getValue() && count[0] == total;
    System.out.printf("large stream (%s): %d GiB encrypted and decrypted in %.1f s;"
            + " max heap %d MiB; peak heap used (sum of pool peaks) %d MiB; plaintext %s%n",
        parallel ? "parallel" : "sequential", gibibytes, seconds,
        Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20,
        same ? "identical (CRC32C)" : "DIFFERENT");
    System.exit(same ? 0 : 1);
  }

  /**
   * Encrypts on one side of an OS pipe and decrypts on the other, each with the parallel mode (two
   * workers each).
   */
  private static void parallelThroughPipe(ContentCipher cipher, InputStream source,
      OutputStream check) throws Exception {
    Pipe pipe = Pipe.open();
    ExecutorService threads = Executors.newFixedThreadPool(5);
    try {
      Future<?> encrypting = threads.submit(() -> {
        try (OutputStream sink = Channels.newOutputStream(pipe.sink())) {
          cipher.encryptParallel(source, sink, threads, 2);
        }
        return null;
      });
      try (InputStream ciphertext = Channels.newInputStream(pipe.source())) {
        cipher.decryptParallel(ciphertext, check, threads, 2, null);
      }
      encrypting.get();
    } finally {
      threads.shutdown();
    }
  }

  /** {@code size} bytes of a pseudo-random block that changes with every chunk, CRC'd as read. */
  private static final class GeneratedStream extends InputStream {
    private final byte[] block = new byte[CHUNK];
    private final CRC32C crc;
    private long remaining;
    private long chunk;
    private int position = CHUNK;

    GeneratedStream(long size, CRC32C crc) {
      this.remaining = size;
      this.crc = crc;
      new SecureRandom().nextBytes(block);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) {
        return -1;
      }
      if (position == CHUNK) {
        chunk++;
        for (int i = 0; i < 8; i++) {
          block[i] = (byte) (chunk >>> (8 * i));
        }
        position = 0;
      }
      int n = (int) Math.min(Math.min(len, CHUNK - position), remaining);
      System.arraycopy(block, position, b, off, n);
      crc.update(b, off, n);
      position += n;
      remaining -= n;
      return n;
    }
  }
}
