package dev.secupass.core.internal.keys;

import dev.secupass.core.keys.SecuPassSession;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions one SDK instance handed out and that are not closed yet: the sessions that fulfil
 * grants as soon as they become ready, the sessions the reaper wipes when they idle out, and the
 * sessions {@code SecuPassSdk.close()} closes. It is also the boundary check of the public API: a
 * {@link SecuPassSession} the parts accept must be one of this instance's ({@link #own}).
 * Thread-safe.
 */
public final class Sessions implements AutoCloseable {
  private final Clock clock;
  private final Set<KeySession> sessions = ConcurrentHashMap.newKeySet();

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  /** Tracks a session this instance made. */
  void add(KeySession session) {
    sessions.add(session);
  }

  /**
   * The implementation of a session a host handed back.
   *
   * @throws IllegalArgumentException if it was not made by this SDK instance
   * @throws NullPointerException if it is {@code null}
   */
  public KeySession own(SecuPassSession session) {
    Objects.requireNonNull(session, "session");
    if (session instanceof KeySession own && own.owner() == this) {
      return own;
    }
    throw new IllegalArgumentException("this SecuPass session belongs to another SecuPassSdk;"
        + " unlock with this one");
  }

  /** The sessions still open, after wiping those that idled out and dropping closed ones. */
  public List<KeySession> open() {
    reap();
    return List.copyOf(sessions);
  }

  /**
   * Closes (and so wipes) every session idle longer than its timeout, measured on the clock, and
   * forgets closed ones: the session reaper's pass.
   *
   * @return how many were closed or forgotten
   */
  public int reap() {
    Instant now = clock.instant();
    int before = sessions.size();
    sessions.removeIf(session -> session.closeIfIdle(now));
    return before - sessions.size();
  }

  /** Closes every session still open. */
  @Override
  public void close() {
    for (KeySession session : List.copyOf(sessions)) {
      session.close();
      sessions.remove(session);
    }
  }
}
