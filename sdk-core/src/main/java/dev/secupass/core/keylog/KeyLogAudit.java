package dev.secupass.core.keylog;

import java.util.List;
import java.util.Objects;

/**
 * What {@link KeyLog#audit()} found.
 *
 * @param entries entries read
 * @param checkpoints checkpoints checked
 * @param cosigned checkpoints that carry the witness quorum
 * @param problems what is wrong, in words (empty if the log is sound)
 */
public record KeyLogAudit(long entries, long checkpoints, long cosigned, List<String> problems) {

  public KeyLogAudit {
    problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
  }

  /** Whether nothing is wrong. */
  public boolean sound() {
    return problems.isEmpty();
  }
}
