package dev.secupass.core.grants;

import dev.secupass.api.GrantId;
import dev.secupass.api.UserId;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPassSession;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The grant queue as a host sees it: the first-contact round trip in which a granter's unlocked
 * session wraps a delivery's or room's key to a recipient who chose a SecuPass after it was sent.
 * Obtain it from {@code SecuPassSdk.grants()}.
 *
 * <p>Grants are queued, made ready and re-queued by the flows themselves (sending, adding a room
 * member, activation, reset); a host never does that by hand. Sessions from {@code
 * SecuPassSdk.secuPass()} fulfil grants on their own: at unlock, and while they are open as soon as
 * grants become ready in this process. What a host adds is {@link #pollOpenSessions()} (or {@link
 * #startPolling}) for grants made ready by other processes, {@link #pending} to show what
 * waits, and {@link #backlog} to count it.
 *
 * <p>Safe for use by many threads.
 */
public interface Grants {

  /**
   * The open grants (waiting for the recipient's SecuPass, or ready) that {@code granter} can
   * fulfil, oldest first.
   *
   * @param limit at most this many, 1 or more
   */
  List<PendingGrant> pending(UserId granter, int limit);

  /**
   * Counts the open grants of the whole queue, every granter's, by what they wait for, with the
   * oldest of each: one cheap query of the storage ({@code GrantQueue.summary}), for metrics and
   * dashboards. Grants held for a first-contact confirmation count as ready ({@link
   * GrantBacklog}).
   *
   * @return the backlog; empty if the storage adapter cannot count its queue without reading
   *     every grant (an adapter that does not implement {@code GrantQueue.summary})
   * @throws dev.secupass.api.StorageException if the backend fails
   */
  Optional<GrantBacklog> backlog();

  /**
   * Claims and fulfils every ready grant {@code session}'s user can fulfil (as its sender, or as an
   * owner or manager of its room), each in a transaction of its own. Grants that fail stay ready
   * for another try; grants whose recipient's keys changed wait for {@link
   * dev.secupass.core.keys.SecuPasses#reverify}.
   *
   * @return what was done; empty if the session is closed
   * @throws IllegalArgumentException if the session is of another {@code SecuPassSdk}
   * @throws dev.secupass.api.StorageException if the backend fails to claim
   */
  GrantRun fulfil(SecuPassSession session);

  /**
   * Confirms a first contact the {@link FirstContactPolicy} holds ({@link
   * GrantRun#awaitingConfirmation()}): the granter compared the recipient's safety words with
   * them out of band (the recipient reads theirs from their own session, {@code
   * SafetyWords.of(session.fingerprint())}, on the phone or in person, and the granter compares
   * them with {@link FirstContactHold#presented()} or types them). If {@code compared} are the words of the
   * recipient's keys stored now, those keys are pinned as verified and the granter's session
   * fulfils what waited for them; the confirmation is audited either way.
   *
   * @return what the fulfilment did
   * @throws dev.secupass.api.SafetyWordsMismatchException if the words are not those of the keys
   *     stored now (someone else chose the SecuPass, or the keys were replaced): nothing is
   *     pinned or released
   * @throws dev.secupass.api.NotFoundException if no open grant of this granter has this id
   * @throws IllegalArgumentException if the session is of another {@code SecuPassSdk}
   */
  GrantRun confirmFirstContact(SecuPassSession granter, GrantId grant, SafetyWords compared);

  /**
   * Runs {@link #fulfil} for every session of this SDK that is open, for grants made ready by
   * other processes (an activation on another node). Failures are logged, not thrown.
   *
   * @return the runs together
   */
  GrantRun pollOpenSessions();

  /**
   * Runs {@link #pollOpenSessions()} every {@code interval} on the SDK's own background thread,
   * until the returned polling is closed or the SDK is closed.
   *
   * @throws IllegalArgumentException if the interval is not positive
   * @throws IllegalStateException if the SDK is closed
   */
  GrantPolling startPolling(Duration interval);
}
