package dev.secupass.samples.web.testing;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.samples.web.SampleHost;
import dev.secupass.samples.web.WebSample;
import dev.secupass.samples.web.WebSettings;
import dev.secupass.samples.web.host.SampleDirectory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * A running web sample for tests: the SDK on real stores in a temporary folder, Argon2id at the
 * weak test cost ({@link KdfPolicy.Builder#allowWeakParametersForTests()}), a clock the test moves,
 * the server on a free port.
 */
public final class WebFixture implements AutoCloseable {
  /** Argon2id at 64 KiB and one pass: tests activate many SecuPasses. */
  public static final KdfPolicy WEAK_KDF = KdfPolicy.builder().memoryKiB(64).iterations(1)
      .allowWeakParametersForTests().build();

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T09:00:00Z"));
  private final WebSample sample;
  private final SecuPassSdk sdk;

  public WebFixture(Path folder) {
    this(folder, settings -> settings);
  }

  public WebFixture(Path folder, java.util.function.UnaryOperator<WebSettings> adjust) {
    SecureRandom random = new SecureRandom();
    MemoryStorage storage = new MemoryStorage(clock);
    this.sdk = SecuPassSdk.builder().storage(storage)
        .blobStore(new FileSystemBlobStore(folder.resolve("blobs")))
        .atRestKey(TinkAtRestKey.generate()).clock(clock).random(random).kdfPolicy(WEAK_KDF)
        .build();
    this.sample = WebSample.start(new SampleHost(sdk, storage.guests(),
        SampleDirectory.standard(), clock, random),
        adjust.apply(WebSettings.defaults(0, folder)));
  }

  public WebSample sample() {
    return sample;
  }

  public SecuPassSdk sdk() {
    return sdk;
  }

  public MutableClock clock() {
    return clock;
  }

  /** The address the browser opens, without the trailing slash. */
  public String origin() {
    return "http://localhost:" + sample.port();
  }

  @Override
  public void close() {
    sample.close();
  }
}
