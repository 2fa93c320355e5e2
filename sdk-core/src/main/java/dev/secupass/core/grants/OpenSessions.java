package dev.secupass.core.grants;

import dev.secupass.core.keys.SecuPassSession;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The unlocked sessions of this process that fulfil grants as soon as they become ready. Closed and
 * idle-expired sessions drop out the next time the registry is read. Thread-safe.
 */
final class OpenSessions {
  private final Set<SecuPassSession> sessions = ConcurrentHashMap.newKeySet();

  void add(SecuPassSession session) {
    sessions.add(session);
  }

  void remove(SecuPassSession session) {
    sessions.remove(session);
  }

  /** The sessions still open, after dropping the others. */
  List<SecuPassSession> open() {
    sessions.removeIf(session -> !session.isOpen());
    return List.copyOf(sessions);
  }
}
