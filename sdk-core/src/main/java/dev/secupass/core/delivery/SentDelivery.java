package dev.secupass.core.delivery;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.Person;
import dev.secupass.api.SecurityLevel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A delivery as sent: its id, level and expiry, its recipients (guests with their e-mail
 * addresses), who waits to choose a SecuPass, and for level 1 the link token to share.
 *
 * <p>Holds a secret (the link token): {@code toString()} leaves it out.
 */
public interface SentDelivery {

  DeliveryId id();

  SecurityLevel level();

  Instant expiresAt();

  /** The recipients in the draft's order. */
  List<Person> recipients();

  /**
   * Recipients of a level 3 or 4 delivery who have no SecuPass yet: a grant waits for each, and
   * each got a {@link dev.secupass.core.events.SecuPassRequired} event.
   */
  List<Person> awaitingSecuPass();

  /** The token of a level-1 delivery's link; empty at other levels. */
  Optional<LinkToken> linkToken();
}
