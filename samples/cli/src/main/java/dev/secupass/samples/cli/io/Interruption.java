package dev.secupass.samples.cli.io;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one line a person reads after Ctrl-C: what the transfer under way kept. A download keeps
 * its {@code .part} file (the same command with {@code --resume} continues it); a send records
 * nothing, and the store's sweep removes what it had written. Only the process's own entry point
 * installs the hook; in-process runs (tests) never print it.
 */
public final class Interruption {
  private static volatile @Nullable Supplier<String> underWay;
  private static volatile boolean finished;

  private Interruption() {}

  /** A download into {@code part} of {@code name}, {@code size} bytes in all, is under way. */
  public static void saving(Path part, String name, long size) {
    underWay = () -> "kept " + Sizes.of(sizeOf(part)) + " of " + Sizes.of(size) + " of " + name
        + " in " + part + "; the same download with --resume continues it";
  }

  /** A send is under way. */
  public static void sending() {
    underWay = () -> "nothing was sent; what was stored so far is removed by the store's sweep";
  }

  /** Nothing is under way any more. */
  public static void clear() {
    underWay = null;
  }

  /** Prints the line on {@code err} if the process ends before {@link #finish()} (Ctrl-C). */
  public static void install(PrintStream err) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (!finished) {
        Supplier<String> transfer = underWay;
        err.println();
        err.println("interrupted: " + (transfer == null ? "stopped before the command finished"
            : transfer.get()));
        err.flush();
      }
    }, "secupass-interrupted"));
  }

  /** The command finished: the process ends normally. */
  public static void finish() {
    finished = true;
  }

  private static long sizeOf(Path part) {
    try {
      return Files.size(part);
    } catch (IOException e) {
      return 0;
    }
  }
}
