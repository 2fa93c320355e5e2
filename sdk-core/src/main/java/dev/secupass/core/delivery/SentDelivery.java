package dev.secupass.core.delivery;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.Person;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.guests.AccessCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A delivery as sent: its id, level and expiry, its recipients (guests with their e-mail
 * addresses), who waits to choose a SecuPass, and for level 1 the link token to share.
 *
 * <p>Holds secrets (the link token, access codes): {@code toString()} leaves them out.
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

  /**
   * Recipients of a level 3 or 4 delivery who have a SecuPass whose keys the sender never verified
   * (no pin), held back by the SDK's {@link dev.secupass.core.grants.FirstContactPolicy} (the
   * default confirms at levels 3 and 4): nothing was wrapped to their keys. Each hold names the
   * grant and the safety words of the keys stored now; the sender compares them with the
   * recipient out of band and confirms with {@link
   * dev.secupass.core.grants.Grants#confirmFirstContact}, which releases the delivery. Empty
   * under trust on first use, for recipients pinned before, and for a client-encrypted delivery.
   */
  List<FirstContactHold> awaitingConfirmation();

  /**
   * The one-time access codes of guest recipients whose first contact they protect (see {@link
   * DeliveryDraft.Builder#accessCodes()}), to show to the sender once and pass on out of band;
   * empty if none. The SDK keeps no copy it could show again.
   */
  Map<Person, AccessCode> accessCodes();

  /** The token of a level-1 delivery's link; empty at other levels. */
  Optional<LinkToken> linkToken();
}
