package dev.secupass.core.keylog;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a user's SDK found when it checked the key log for its own keys at an unlock, or when it
 * compared its checkpoint with another user's ({@link Kind#SPLIT_VIEW}): the user must be told
 * (someone may be receiving what is sent to them) and the host's operators alerted.
 *
 * @param user whose keys
 * @param kind what was found
 * @param entry the log entry's index, or -1 if the alarm is about no single entry
 * @param version the key version the entry names, if any
 */
public record KeyLogAlarm(UserId user, Kind kind, long entry, @Nullable KeyVersion version) {

  public KeyLogAlarm {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(kind, "kind");
  }

  /** What was found. */
  public enum Kind {
    /** The log holds public keys for this user that the user's own SDK did not make. */
    FOREIGN_KEY,
    /** The log was rewritten or forked since this user's SDK last saw it. */
    LOG_REWRITTEN,
    /** The stored record of what this user's SDK saw was altered. */
    VIEW_ALTERED,
    /** The log could not be checked (its checkpoint is invalid or not witnessed). */
    CHECK_FAILED,
    /**
     * Another user's SDK, whose statement this user's SDK read, relied on a checkpoint that is not
     * of the same history as this user's: the log was shown differently to the two (a split
     * view). Raised when the SDK compares them, before it reads or encrypts.
     */
    SPLIT_VIEW
  }

  /** In the user's words. */
  public String describe() {
    return switch (kind) {
      case FOREIGN_KEY -> "the key log lists keys of version " + version
          + " for this account that were not made on your behalf (entry " + entry + ")";
      case LOG_REWRITTEN -> "the key log was rewritten since you last used it";
      case VIEW_ALTERED -> "the record of what you last saw of the key log was altered";
      case CHECK_FAILED -> "the key log could not be checked";
      case SPLIT_VIEW -> "someone you correspond with was shown a different key log than you";
    };
  }
}
