package dev.secupass.benchmarks;

import dev.secupass.core.internal.crypto.EncryptedContent;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Content-stream throughput beside raw JDK AES-256-GCM over the same bytes, in the same run (see
 * {@link StreamWorkload} for what each method does). One operation processes {@code mebibytes}
 * MiB; scores are operations per second, so the ratio of two scores is the ratio of throughputs.
 * On a busy machine the methods, measured one after another, see different load; {@link
 * PairedRatios} measures the same ratios with the operations interleaved.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class StreamBenchmark {
  @Param("64")
  public int mebibytes;

  private StreamWorkload workload;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException, IOException {
    workload = new StreamWorkload(mebibytes);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    workload.close();
  }

  @Benchmark
  public int rawEncrypt() throws GeneralSecurityException {
    return workload.rawEncrypt();
  }

  @Benchmark
  public EncryptedContent streamEncrypt() throws IOException {
    return workload.streamEncrypt();
  }

  @Benchmark
  public EncryptedContent streamEncryptWithDigest() throws IOException {
    return workload.streamEncryptWithDigest();
  }

  @Benchmark
  public EncryptedContent parallelEncrypt() throws IOException {
    return workload.parallelEncrypt();
  }

  @Benchmark
  public EncryptedContent parallelEncryptWithDigest() throws IOException {
    return workload.parallelEncryptWithDigest();
  }

  @Benchmark
  public int rawDecrypt() throws GeneralSecurityException {
    return workload.rawDecrypt();
  }

  @Benchmark
  public int rawDecryptFromStream() throws GeneralSecurityException, IOException {
    return workload.rawDecryptFromStream();
  }

  @Benchmark
  public long streamDecryptPushed() throws IOException {
    return workload.streamDecryptPushed();
  }

  @Benchmark
  public long streamDecryptPulled() throws IOException {
    return workload.streamDecryptPulled();
  }

  @Benchmark
  public long parallelDecrypt() throws IOException {
    return workload.parallelDecrypt();
  }

  @Benchmark
  public long streamDecryptTransferTo() throws IOException {
    return workload.streamDecryptTransferTo();
  }

  @Benchmark
  public long tinkDecryptTransferTo() throws GeneralSecurityException, IOException {
    return workload.tinkDecryptTransferTo();
  }

  @Benchmark
  public long tinkEncrypt() throws GeneralSecurityException, IOException {
    return workload.tinkEncrypt();
  }

  @Benchmark
  public long tinkKeysetDecrypt() throws GeneralSecurityException, IOException {
    return workload.tinkKeysetDecrypt();
  }

  @Benchmark
  public long tinkDecrypt() throws GeneralSecurityException, IOException {
    return workload.tinkDecrypt();
  }
}
