package dev.secupass.samples.cli;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryExpiredException;
import dev.secupass.api.DeliveryWithdrawnException;
import dev.secupass.api.DownloadLimitReachedException;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidKeyBlobException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.KeyChangedException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.NotReleasedException;
import dev.secupass.api.PolicyViolationException;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.StorageException;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.api.WrongCredentialsException;
import dev.secupass.api.WrongLinkTokenException;
import dev.secupass.api.WrongSecuPassException;
import dev.secupass.samples.host.HostSetupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ParameterException;

/**
 * Turns what a command threw into its exit code and a one-line message: the exception's own
 * message (the SDK's messages carry no secrets), with a hint of what to do where there is one. No
 * stack trace is ever printed.
 */
final class Failures {
  /** The first matching type decides; subtypes come before their supertypes. */
  private static final List<Map.Entry<Class<? extends Throwable>, ExitCode>> CODES = List.of(
      Map.entry(ParameterException.class, ExitCode.USAGE),
      Map.entry(HostSetupException.class, ExitCode.SETUP),
      Map.entry(WrongCredentialsException.class, ExitCode.SIGN_IN),
      Map.entry(WrongLinkTokenException.class, ExitCode.WRONG_LINK),
      Map.entry(PolicyViolationException.class, ExitCode.POLICY),
      Map.entry(NotPermittedException.class, ExitCode.NOT_PERMITTED),
      Map.entry(WrongSecuPassException.class, ExitCode.WRONG_SECUPASS),
      Map.entry(SecuPassRequiredException.class, ExitCode.SECUPASS_REQUIRED),
      Map.entry(NotReleasedException.class, ExitCode.NOT_RELEASED),
      Map.entry(DeliveryExpiredException.class, ExitCode.GONE),
      Map.entry(DeliveryWithdrawnException.class, ExitCode.GONE),
      Map.entry(DownloadLimitReachedException.class, ExitCode.GONE),
      Map.entry(KeyChangedException.class, ExitCode.KEY_CHANGED),
      Map.entry(IntegrityException.class, ExitCode.INTEGRITY),
      Map.entry(InvalidSignatureException.class, ExitCode.INTEGRITY),
      Map.entry(InvalidKeyBlobException.class, ExitCode.INTEGRITY),
      Map.entry(UnsupportedFormatException.class, ExitCode.INTEGRITY),
      Map.entry(NotFoundException.class, ExitCode.NOT_FOUND),
      Map.entry(ConflictException.class, ExitCode.CONFLICT),
      Map.entry(StorageException.class, ExitCode.STORAGE),
      Map.entry(IOException.class, ExitCode.LOCAL_FILE),
      Map.entry(UncheckedIOException.class, ExitCode.LOCAL_FILE),
      Map.entry(IllegalArgumentException.class, ExitCode.INVALID_INPUT));

  private static final Map<ExitCode, String> HINTS = Map.of(
      ExitCode.SECUPASS_REQUIRED, "choose one with 'activate'",
      ExitCode.NOT_RELEASED, "the sender releases it with their next 'unlock'",
      ExitCode.KEY_CHANGED, "compare fingerprints with 'fingerprint USER', then 'verify USER"
          + " DIGITS'");

  private Failures() {}

  /** What the app reports for {@code failure}. */
  static Failure of(Throwable failure) {
    ExitCode code = failure instanceof CliException cli ? cli.exitCode() : codeOf(failure);
    String message = oneLine(failure.getMessage());
    if (code == ExitCode.INTERNAL) {
      message = "internal error (" + failure.getClass().getSimpleName() + ")"
          + (message.isEmpty() ? "" : ": " + message);
    } else if (message.isEmpty()) {
      message = failure.getClass().getSimpleName();
    }
    String hint = HINTS.get(code);
    return new Failure(code, hint == null ? message : message + " (" + hint + ")");
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
