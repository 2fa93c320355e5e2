package dev.secupass.samples.cli;

import dev.secupass.api.ActionRequiredException;
import dev.secupass.api.BusyException;
import dev.secupass.api.ConflictException;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyChangedException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.NotReleasedException;
import dev.secupass.api.RefusedException;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.StorageException;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.samples.host.HostSetupException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ParameterException;

/**
 * Turns what a command threw into its exit code and a one-line message: the exception's own
 * message (the SDK's messages speak the user's words and carry no secrets), with a hint of what to
 * do where there is one. The SDK's exception kinds decide the code. No stack trace is ever printed.
 */
public final class Failures {
  /** The first matching type decides. */
  private static final List<Map.Entry<Class<? extends Throwable>, ExitCode>> CODES = List.of(
      Map.entry(ParameterException.class, ExitCode.USAGE),
      Map.entry(HostSetupException.class, ExitCode.SETUP),
      Map.entry(ActionRequiredException.class, ExitCode.ACTION_REQUIRED),
      Map.entry(RefusedException.class, ExitCode.REFUSED),
      Map.entry(IntegrityException.class, ExitCode.INTEGRITY),
      Map.entry(UnsupportedFormatException.class, ExitCode.INTEGRITY),
      Map.entry(StorageException.class, ExitCode.STORAGE),
      Map.entry(NotFoundException.class, ExitCode.NOT_FOUND),
      Map.entry(ConflictException.class, ExitCode.CONFLICT),
      Map.entry(BusyException.class, ExitCode.BUSY),
      Map.entry(IOException.class, ExitCode.LOCAL_FILE),
      Map.entry(UncheckedIOException.class, ExitCode.LOCAL_FILE),
      Map.entry(IllegalArgumentException.class, ExitCode.INVALID_INPUT));

  /** What to do next, for the cases a command can name. */
  private static final Map<Class<? extends Throwable>, String> HINTS = Map.of(
      SecuPassRequiredException.class, "choose one with 'activate'",
      NotReleasedException.class, "the sender releases it with their next 'unlock'",
      KeyChangedException.class, "compare fingerprints with 'fingerprint USER', then 'verify USER"
          + " DIGITS'");

  private Failures() {}

  /** What the app reports for {@code failure}. */
  static Failure of(Throwable thrown) {
    Throwable failure = thrown instanceof UncheckedIOException unchecked
        && unchecked.getCause() != null ? unchecked.getCause() : thrown;
    ExitCode code = failure instanceof CliException cli ? cli.exitCode() : codeOf(failure);
    String message = failure instanceof IOException io ? ofIo(io) : oneLine(failure.getMessage());
    if (code == ExitCode.INTERNAL) {
      message = "unexpected failure, a bug in the sample" + (message.isEmpty() ? "" : ": "
          + message);
    } else if (message.isEmpty()) {
      message = code.meaning();
    }
    String hint = HINTS.get(failure.getClass());
    return new Failure(code, hint == null ? message : message + " (" + hint + ")");
  }

  /**
   * A local file failure in words: "permission denied: FILE", "no such file or folder: FILE",
   * never the JDK's exception name.
   */
  public static String ofIo(IOException failure) {
    if (failure instanceof FileSystemException files) {
      String file = files.getFile() == null ? "" : ": " + files.getFile();
      String reason;
      if (failure instanceof NoSuchFileException) {
        reason = "no such file or folder";
      } else if (failure instanceof AccessDeniedException) {
        reason = "permission denied";
      } else if (failure instanceof FileAlreadyExistsException) {
        reason = "already exists";
      } else if (failure instanceof NotDirectoryException) {
        reason = "not a folder";
      } else if (failure instanceof DirectoryNotEmptyException) {
        reason = "the folder is not empty";
      } else {
        reason = files.getReason() == null ? "cannot use the file" : oneLine(files.getReason())
            .toLowerCase(Locale.ROOT);
      }
      return reason + file;
    }
    String message = oneLine(failure.getMessage());
    return message.isEmpty() ? "a local file cannot be read or written" : message;
  }

  private static ExitCode codeOf(Throwable failure) {
    for (Map.Entry<Class<? extends Throwable>, ExitCode> entry : CODES) {
      if (entry.getKey().isInstance(failure)) {
        return entry.getValue();
      }
    }
    return ExitCode.INTERNAL;
  }

  private static String oneLine(@Nullable String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  /**
   * A failure as reported.
   *
   * @param code the exit code
   * @param message one line, without secrets
   */
  record Failure(ExitCode code, String message) {}
}
