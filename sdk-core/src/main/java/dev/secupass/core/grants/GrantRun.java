package dev.secupass.core.grants;

import dev.secupass.api.GrantId;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one fulfilment run of a session did.
 *
 * @param fulfilled grants whose keys were wrapped and stored, now done
 * @param keyChanges grants left ready because the recipient's keys differ from the pinned ones
 * @param cancelled grants cancelled as stale (their target is gone or the recipient's key moved on)
 * @param failed grants left ready after another error, with the error's message (no secrets)
 */
public record GrantRun(List<GrantId> fulfilled, List<KeyChange> keyChanges,
    List<GrantId> cancelled, Map<GrantId, String> failed) {

  /** A run that did nothing. */
  public static final GrantRun EMPTY = new GrantRun(List.of(), List.of(), List.of(), Map.of());

  public GrantRun {
    fulfilled = List.copyOf(fulfilled);
    keyChanges = List.copyOf(keyChanges);
    cancelled = List.copyOf(cancelled);
    failed = Map.copyOf(failed);
  }

  /** This run and {@code other} together. */
  public GrantRun plus(GrantRun other) {
    List<GrantId> allFulfilled = new ArrayList<>(fulfilled);
    allFulfilled.addAll(other.fulfilled);
    List<KeyChange> allChanges = new ArrayList<>(keyChanges);
    allChanges.addAll(other.keyChanges);
    List<GrantId> allCancelled = new ArrayList<>(cancelled);
    allCancelled.addAll(other.cancelled);
    Map<GrantId, String> allFailed = new LinkedHashMap<>(failed);
    allFailed.putAll(other.failed);
    return new GrantRun(allFulfilled, allChanges, allCancelled, allFailed);
  }

  /** Whether nothing was fulfilled, cancelled or left over. */
  public boolean isEmpty() {
    return fulfilled.isEmpty() && keyChanges.isEmpty() && cancelled.isEmpty() && failed.isEmpty();
  }
}
