package dev.secupass.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How many grants are open, by state, and when the oldest of each was queued: what {@link
 * GrantQueue#summary()} counts over the whole queue (every granter, every target).
 *
 * <p>A grant the first-contact policy holds for the sender's confirmation is {@code READY} in the
 * queue (the hold is decided when a granter tries to fulfil it, from the pins), so it counts as
 * ready here.
 *
 * @param waitingForKey open grants in state {@code WAITING_FOR_KEY}
 * @param ready open grants in state {@code READY}, leased or not
 * @param oldestWaitingForKey when the oldest of them was queued; {@code null} if there is none
 * @param oldestReady when the oldest of them was queued; {@code null} if there is none
 */
public record GrantQueueSummary(long waitingForKey, long ready,
    @Nullable Instant oldestWaitingForKey, @Nullable Instant oldestReady) {

  public GrantQueueSummary {
    if (waitingForKey < 0 || ready < 0) {
      throw new IllegalArgumentException("a grant count is 0 or more");
    }
    if ((waitingForKey == 0) != (oldestWaitingForKey == null)
        || (ready == 0) != (oldestReady == null)) {
      throw new IllegalArgumentException("a state has an oldest grant exactly when it has grants");
    }
  }
}
