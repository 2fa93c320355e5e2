package dev.secupass.samples.web.testing;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.samples.host.HostSettings;
import dev.secupass.samples.host.KdfProfile;
import dev.secupass.samples.host.SampleHost;
import dev.secupass.samples.host.UserDirectory;
import dev.secupass.samples.web.WebSample;
import dev.secupass.samples.web.WebSettings;
import dev.secupass.tck.MutableClock;
import java.nio.file.Path;
import io.javalin.config.JavalinConfig;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A running web sample for tests, on the embedded default in a temporary data folder (H2 files,
 * blobs, the at-rest key file) as {@code java -jar secupass-web.jar} runs it, but with Argon2id at
 * the weak test cost ({@link KdfProfile#TEST}), a clock the test moves, and a free port. Unless
 * made {@link #withoutRecording}, it records every request the server is sent, for {@link
 * #secrets()}.
 */
public final class WebFixture implements AutoCloseable {
  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T09:00:00Z"));
  private final Path folder;
  private final @Nullable RequestRecorder requests;
  private final SampleHost host;
  private final WebSample sample;

  public WebFixture(Path folder) {
    this(folder, settings -> settings);
  }

  public WebFixture(Path folder, UnaryOperator<WebSettings> adjust) {
    this(folder, adjust, config -> { });
  }

  /** A sample with {@code extra} added to the server's configuration (a test's servlet filter). */
  public WebFixture(Path folder, UnaryOperator<WebSettings> adjust,
      Consumer<JavalinConfig> extra) {
    this(folder, adjust, RequestRecorder.inTemporaryFolder(), extra);
  }

  private WebFixture(Path folder, UnaryOperator<WebSettings> adjust,
      @Nullable RequestRecorder requests, Consumer<JavalinConfig> extra) {
    this.folder = folder;
    this.requests = requests;
    this.host = SampleHost.open(new HostSettings(folder, null, null, KdfProfile.TEST, clock));
    this.sample = WebSample.start(host, adjust.apply(WebSettings.defaults(0, folder)),
        config -> {
          if (requests != null) {
            requests.install(config);
          }
          extra.accept(config);
        });
  }

  /** A sample that records no request bodies (large uploads, whose copies would only cost). */
  public static WebFixture withoutRecording(Path folder) {
    return withoutRecording(folder, settings -> settings);
  }

  /** A sample that records no request bodies, with {@code adjust}ed settings. */
  public static WebFixture withoutRecording(Path folder, UnaryOperator<WebSettings> adjust) {
    return new WebFixture(folder, adjust, null, config -> { });
  }

  /** The search of what the server received and stored. */
  public SecretSearch secrets() {
    if (requests == null) {
      throw new IllegalStateException("this fixture records no requests");
    }
    return new SecretSearch(requests, folder);
  }

  public WebSample sample() {
    return sample;
  }

  public SecuPassSdk sdk() {
    return host.sdk();
  }

  /** The sample's users (guests are remembered once they were sent something). */
  public UserDirectory directory() {
    return host.directory();
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
    try {
      sample.close();
    } finally {
      try {
        host.close();
      } finally {
        if (requests != null) {
          requests.close();
        }
      }
    }
  }
}
