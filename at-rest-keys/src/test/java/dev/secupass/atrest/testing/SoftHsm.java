package dev.secupass.atrest.testing;

import dev.secupass.atrest.Pkcs11AtRestKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SoftHSM2 token of this test run, in a fresh temporary directory: the fixture writes the
 * configuration file that {@code SOFTHSM2_CONF} names (the module's Surefire configuration sets
 * it, since SoftHSM reads it when the JVM first loads the library), initialises a token with
 * {@code softhsm2-util}, and configures the JDK's SunPKCS11 provider on its slot. Needs the Debian
 * package {@code softhsm2} ({@code .ci/run} installs it).
 */
public final class SoftHsm {
  /** The token's user PIN. */
  public static final char[] PIN = "246810".toCharArray();

  private static final List<Path> LIBRARIES = List.of(
      Path.of("/usr/lib/softhsm/libsofthsm2.so"),
      Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
      Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"));
  private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");
  private static final AtomicInteger LABELS = new AtomicInteger();
  private static SoftHsm shared;

  private final Provider provider;
  private final Path configFile;

  private SoftHsm() throws IOException, InterruptedException {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null) {
      throw new IllegalStateException("SOFTHSM2_CONF is not set (the module's Surefire"
          + " configuration sets it)");
    }
    Path library = LIBRARIES.stream().filter(Files::isRegularFile).findFirst()
        .orElseThrow(() -> new IllegalStateException("SoftHSM2 is not installed (Debian package"
            + " softhsm2)"));
    Path tokens = Files.createTempDirectory("secupass-softhsm");
    Path confFile = Path.of(conf);
    Files.createDirectories(confFile.getParent());
    Files.writeString(confFile, "directories.tokendir = " + tokens + "\n"
        + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
    Process init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label",
        "secupass-test", "--pin", new String(PIN), "--so-pin", "13579111")
        .redirectErrorStream(true).start();
    String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!init.waitFor(1, TimeUnit.MINUTES) || init.exitValue() != 0) {
      throw new IOException("softhsm2-util failed:\n" + output);
    }
    Matcher slot = SLOT.matcher(output);
    if (!slot.find()) {
      throw new IOException("softhsm2-util named no slot:\n" + output);
    }
    Path pkcs11 = confFile.resolveSibling("pkcs11.cfg");
    Files.writeString(pkcs11, "name = SoftHSM\nlibrary = " + library + "\nslot = "
        + slot.group(1) + "\n");
    configFile = pkcs11;
    provider = Pkcs11AtRestKey.provider(pkcs11);
  }

  /** The token of this test run. */
  public static synchronized SoftHsm shared() {
    if (shared == null) {
      try {
        shared = new SoftHsm();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return shared;
  }

  public Provider provider() {
    return provider;
  }

  /** The SunPKCS11 configuration file of the token's slot. */
  public Path configFile() {
    return configFile;
  }

  /** A new AES key in the token, with a label of its own. */
  public Pkcs11AtRestKey newKey() {
    return Pkcs11AtRestKey.createKey(provider, PIN, "at-rest-" + LABELS.incrementAndGet());
  }
}
