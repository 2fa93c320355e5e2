package dev.secupass.core.grants;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The backlog of the whole grant queue, every granter's, as {@link Grants#backlog()} counted it:
 * how many first contacts wait, for what, and since when. What a host puts on a dashboard or an
 * alert (the starter's gauges {@code secupass.grants.pending} and {@code
 * secupass.grants.oldest.age}).
 *
 * <p>A release the {@link FirstContactPolicy} holds until its sender confirms the recipient's
 * safety words counts as {@link PendingGrant.State#READY}: the queue does not know about the hold,
 * which is decided each time a granter's session tries the grant. A ready grant that grows old
 * while its granter unlocks is such a hold (or a granter who never unlocks).
 *
 * @param awaitingSecuPass grants whose recipient has not chosen a SecuPass yet
 * @param ready grants a granter's next unlock (or open session) can fulfil
 * @param oldestAwaitingSecuPass when the oldest of the first was queued; {@code null} if none
 * @param oldestReady when the oldest of the second was queued; {@code null} if none
 * @param countedAt when the SDK counted (its clock)
 */
public record GrantBacklog(long awaitingSecuPass, long ready,
    @Nullable Instant oldestAwaitingSecuPass, @Nullable Instant oldestReady, Instant countedAt) {

  public GrantBacklog {
    Objects.requireNonNull(countedAt, "countedAt");
    if (awaitingSecuPass < 0 || ready < 0) {
      throw new IllegalArgumentException("a grant count is 0 or more");
    }
  }

  /** How many grants are in {@code state}. */
  public long count(PendingGrant.State state) {
    return state == PendingGrant.State.READY ? ready : awaitingSecuPass;
  }

  /** When the oldest grant in {@code state} was queued; empty if there is none. */
  public Optional<Instant> oldest(PendingGrant.State state) {
    return Optional.ofNullable(
        state == PendingGrant.State.READY ? oldestReady : oldestAwaitingSecuPass);
  }

  /**
   * How long the oldest grant in {@code state} had waited when counted; zero if there is none (or
   * it was queued by a clock ahead of this one).
   */
  public Duration oldestAge(PendingGrant.State state) {
    return oldest(state).map(at -> Duration.between(at, countedAt))
        .filter(age -> !age.isNegative())
        .orElse(Duration.ZERO);
  }
}
