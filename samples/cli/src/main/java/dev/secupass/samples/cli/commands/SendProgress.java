package dev.secupass.samples.cli.commands;

import dev.secupass.core.delivery.ProgressListener;
import dev.secupass.samples.cli.io.ProgressBar;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/** A progress bar per file of a sending, on the error stream. */
final class SendProgress implements ProgressListener {
  private final PrintWriter err;
  private @Nullable String current;
  private @Nullable ProgressBar bar;

  SendProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void progress(String fileName, long bytesDone, long bytesTotal) {
    if (bar == null || !fileName.equals(current)) {
      finish();
      current = fileName;
      bar = new ProgressBar(err, "encrypting " + fileName, bytesTotal);
    }
    bar.update(bytesDone);
  }

  /** Ends the last bar's line. */
  void finish() {
    if (bar != null) {
      bar.finish();
    }
  }
}
