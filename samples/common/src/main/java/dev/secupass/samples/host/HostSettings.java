package dev.secupass.samples.host;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a sample host is set up: the data folder (always: the at-rest key and the user directory live
 * there), where metadata and file ciphertext go, the Argon2id profile and the clock.
 *
 * @param dataFolder the data folder, created owner-only if missing
 * @param jdbc a database for the metadata, or {@code null} for H2 files in the data folder
 * @param s3 a bucket for file ciphertext, or {@code null} for files in the data folder
 * @param kdf the Argon2id cost of SecuPasses and guest passwords
 * @param clock the SDK's clock
 */
public record HostSettings(Path dataFolder, @Nullable JdbcSettings jdbc, @Nullable S3Settings s3,
    KdfProfile kdf, Clock clock) {
  public HostSettings {
    Objects.requireNonNull(dataFolder, "dataFolder");
    Objects.requireNonNull(kdf, "kdf");
    Objects.requireNonNull(clock, "clock");
  }

  /** The embedded default in {@code dataFolder}, with the default Argon2id cost. */
  public static HostSettings embedded(Path dataFolder) {
    return new HostSettings(dataFolder, null, null, KdfProfile.DEFAULT, Clock.systemUTC());
  }
}
