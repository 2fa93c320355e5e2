package dev.secupass.core.guests;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.Person;
import java.util.Objects;

/**
 * Where a guest's invitation link leads: their first delivery's registration, or sign-in.
 *
 * @param guest the guest, with the e-mail address they were invited at
 * @param delivery the delivery the link is for
 * @param registered whether the guest has chosen a username and password (then: sign in)
 * @param accessCodeRequired whether the sender protected this first contact with an access code
 *     that the guest has not entered yet: ask for it when they choose their SecuPass ({@code
 *     SecuPasses.activate(user, secuPass, code)})
 */
public record GuestInvitation(Person guest, DeliveryId delivery, boolean registered,
    boolean accessCodeRequired) {
  public GuestInvitation {
    Objects.requireNonNull(guest, "guest");
    Objects.requireNonNull(delivery, "delivery");
  }

  /** An invitation without an access code. */
  public GuestInvitation(Person guest, DeliveryId delivery, boolean registered) {
    this(guest, delivery, registered, false);
  }
}
