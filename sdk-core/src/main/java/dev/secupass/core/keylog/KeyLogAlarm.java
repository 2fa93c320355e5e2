package dev.secupass.core.keylog;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a user's SDK found when it checked the key log for its own keys at an unlock: the user must
 * be told (someone may be receiving what is sent to them) and the host's operators alerted.
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
    CHECK_FAILED
  }

  /** In the user's words. */
  public String describe() {
    return switch (kind) {
      case FOREIGN_KEY -> "the key log lists keys of version " + version
          + " for this account that were not made on your behalf (entry " + entry + ")";
      case LOG_REWRITTEN -> "the key log was rewritten since you last used it";
      case VIEW_ALTERED -> "the record of what you last saw of the key log was altered";
      case CHECK_FAILED -> "the key log could not be checked";
    };
  }
}
