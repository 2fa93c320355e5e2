package dev.secupass.samples.cli.io;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on the error stream for a transfer of {@link #THRESHOLD} bytes or more, redrawn
 * in place ({@code \r}) at each whole percent: {@code report.pdf [#######.....]  58% 37.1 MiB}.
 * Smaller transfers show nothing. Not thread-safe.
 */
public final class ProgressBar {
  /** The smallest transfer that gets a bar: 1 MiB. */
  public static final long THRESHOLD = 1024 * 1024;

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final long total;
  private final boolean shown;
  private int lastPercent = -1;
  private boolean finished;

  /**
   * @param total the bytes expected, or -1 if unknown (then a bar is shown, counting bytes only)
   */
  public ProgressBar(PrintWriter err, String label, long total) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.shown = total < 0 || total >= THRESHOLD;
  }

  /** {@code done} bytes of the total are through. */
  public void update(long done) {
    if (!shown || finished) {
      return;
    }
    int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : -1;
    if (total > 0 && percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    err.print("\r" + line(done, percent));
    err.flush();
    if (percent == 100) {
      finish();
    }
  }

  /** Ends the bar's line (after a full transfer, or an interrupted one). */
  public void finish() {
    if (shown && !finished) {
      finished = true;
      err.println();
      err.flush();
    }
  }

  private String line(long done, int percent) {
    if (percent < 0) {
      return label + " " + Sizes.of(done);
    }
    int filled = percent * WIDTH / 100;
    return label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
        + String.format(Locale.ROOT, "%3d%%", percent) + " " + Sizes.of(done);
  }
}
