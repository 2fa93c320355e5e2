package dev.secupass.samples.web.secupass;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by a handler that cannot go on without the user's SecuPass: the response becomes the
 * dialog that asks to choose one (the SDK said {@link
 * dev.secupass.api.SecuPassRequiredException}) or to enter it ({@link
 * dev.secupass.api.UnlockRequiredException}, or the SecuPass session had closed). The
 * dialog posts to {@code action} with the original form's fields, so the interrupted action
 * continues once the SecuPass is there.
 */
public final class DialogNeeded extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Which dialog. */
  public enum Mode {
    /** "Choose a SecuPass": the user has none yet. */
    ACTIVATE,
    /** "Enter your SecuPass": the user has one, but no open session here. */
    UNLOCK
  }

  private final Mode mode;
  private final String action;
  private final transient Map<String, List<String>> replay;
  private final @Nullable String error;
  private final int status;

  DialogNeeded(Mode mode, String action, Map<String, List<String>> replay,
      @Nullable String error, int status) {
    super(mode == Mode.ACTIVATE ? "a SecuPass must be chosen" : "the SecuPass must be entered",
        null, false, false);
    this.mode = mode;
    this.action = action;
    this.replay = Map.copyOf(replay);
    this.error = error;
    this.status = status;
  }

  /** The response status: 200 for a first request, 400 or 403 after a failed attempt. */
  public int status() {
    return status;
  }

  public Mode mode() {
    return mode;
  }

  /** Where the dialog's form posts. */
  public String action() {
    return action;
  }

  /** The interrupted form's fields (never a password, SecuPass or CSRF token). */
  public Map<String, List<String>> replay() {
    return replay;
  }

  /** What went wrong with the previous attempt ("wrong SecuPass"), if anything. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }
}
