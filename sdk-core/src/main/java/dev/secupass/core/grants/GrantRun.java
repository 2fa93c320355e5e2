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
 * @param awaitingConfirmation first contacts the {@link FirstContactPolicy} holds until the
 *     granter confirms the recipient's safety words ({@link Grants#confirmFirstContact})
 * @param refused first contacts refused for a missing or wrong access code binding (their grants
 *     are cancelled; also counted in neither {@code cancelled} nor {@code failed})
 */
public record GrantRun(List<GrantId> fulfilled, List<KeyChange> keyChanges,
    List<GrantId> cancelled, Map<GrantId, String> failed,
    List<FirstContactHold> awaitingConfirmation, List<FirstContactRefusal> refused) {

  /** A run that did nothing. */
  public static final GrantRun EMPTY = new GrantRun(List.of(), List.of(), List.of(), Map.of(),
      List.of(), List.of());

  public GrantRun {
    fulfilled = List.copyOf(fulfilled);
    keyChanges = List.copyOf(keyChanges);
    cancelled = List.copyOf(cancelled);
    failed = Map.copyOf(failed);
    awaitingConfirmation = List.copyOf(awaitingConfirmation);
    refused = List.copyOf(refused);
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
    List<FirstContactHold> allHeld = new ArrayList<>(awaitingConfirmation);
    allHeld.addAll(other.awaitingConfirmation);
    List<FirstContactRefusal> allRefused = new ArrayList<>(refused);
    allRefused.addAll(other.refused);
    return new GrantRun(allFulfilled, allChanges, allCancelled, allFailed, allHeld, allRefused);
  }

  /** Whether nothing was fulfilled, cancelled, refused or left over. */
  public boolean isEmpty() {
    return fulfilled.isEmpty() && keyChanges.isEmpty() && cancelled.isEmpty() && failed.isEmpty()
        && awaitingConfirmation.isEmpty() && refused.isEmpty();
  }
}
