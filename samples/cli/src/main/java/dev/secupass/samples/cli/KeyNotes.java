package dev.secupass.samples.cli;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.UserId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * What the sample host remembers about keys beyond the SDK's pins, in {@code keys.tsv} of the
 * data folder (tab-separated, one fact a line, public values only):
 *
 * <ul>
 *   <li>{@code verified OBSERVER SUBJECT FINGERPRINT}: the observer compared the subject's
 *       fingerprint out of band ({@code verify}). The SDK pins a key on first use and on {@code
 *       verify} alike; this tells a verified pin from one pinned on first use.
 *   <li>{@code reset USER FINGERPRINT}: the user's keys of that fingerprint came from a reset, so
 *       whoever pinned the old ones must compare the new ones before anything is released to
 *       them. Listing grants needs no SecuPass, so the host says this without asking the SDK.
 * </ul>
 */
public final class KeyNotes {
  /** The file in the data folder. */
  public static final String FILE_NAME = "keys.tsv";

  private final Path file;

  public KeyNotes(Path dataFolder) {
    this.file = dataFolder.resolve(FILE_NAME);
  }

  /** Records that {@code observer} compared {@code subject}'s {@code fingerprint}. */
  public void verified(UserId observer, UserId subject, Fingerprint fingerprint) {
    append("verified\t" + observer.value() + "\t" + subject.value() + "\t" + fingerprint);
  }

  /** Whether {@code observer} compared exactly {@code fingerprint} for {@code subject}. */
  public boolean isVerified(UserId observer, UserId subject, Fingerprint fingerprint) {
    return lines().contains("verified\t" + observer.value() + "\t" + subject.value() + "\t"
        + fingerprint);
  }

  /** Records that {@code user}'s keys of {@code fingerprint} come from a reset. */
  public void reset(UserId user, Fingerprint fingerprint) {
    append("reset\t" + user.value() + "\t" + fingerprint);
  }

  /**
   * Whether {@code subject}'s keys of {@code current} came from a reset that {@code observer} has
   * not verified: the SDK holds back what {@code observer} grants them until they compare.
   */
  public boolean unverifiedReset(UserId observer, UserId subject, Fingerprint current) {
    List<String> lines = lines();
    return lines.contains("reset\t" + subject.value() + "\t" + current)
        && !lines.contains("verified\t" + observer.value() + "\t" + subject.value() + "\t"
            + current);
  }

  private void append(String line) {
    try {
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new CliException(ExitCode.SETUP, "cannot write " + file + ": " + Failures.ofIo(e));
    }
  }

  private List<String> lines() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(ExitCode.SETUP, "cannot read " + file + ": " + Failures.ofIo(e));
    }
  }
}
