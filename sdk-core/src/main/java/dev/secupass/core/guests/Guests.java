package dev.secupass.core.guests;

import dev.secupass.api.WrongCredentialsException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.LinkToken;

/**
 * Guests: people without a login at the host, who arrive through the invitation link in their
 * e-mail. On their first delivery they choose a username and a password (hashed with Argon2id; it
 * is not their SecuPass) and sign in with them afterwards; for level 3 and 4 deliveries they then
 * choose a SecuPass like anyone else. A guest reaches only deliveries addressed to them and has no
 * inbox.
 */
public interface Guests {

  /**
   * Where an invitation link leads.
   *
   * @throws dev.secupass.api.WrongLinkTokenException if no invitation has this token
   * @throws dev.secupass.api.DeliveryExpiredException if the invitation expired (with its
   *     delivery)
   */
  GuestInvitation arrive(LinkToken invitation);

  /**
   * Registers the guest an invitation is for, with the username and password they chose, and
   * signs them in.
   *
   * @param username 3-100 characters without spaces; compared without case
   * @param password at least {@value Password#MIN_LENGTH} characters
   * @throws dev.secupass.api.WrongLinkTokenException if no invitation has this token
   * @throws dev.secupass.api.DeliveryExpiredException if the invitation expired
   * @throws dev.secupass.api.InvitationUsedException if the invitation was used to register
   *     already (the delivery's sender gets an {@link
   *     dev.secupass.core.events.InvitationReused} event: a second registration means someone
   *     else may hold the invitation)
   * @throws dev.secupass.api.ConflictException if the username is taken
   * @throws IllegalArgumentException if the username or password is unacceptable
   * @throws dev.secupass.api.BusyException if too many password and SecuPass checks run at once
   *     (the password hash is an Argon2id derivation under the SDK's KDF limiter)
   */
  SignedInUser register(LinkToken invitation, String username, Password password);

  /**
   * Signs a registered guest in.
   *
   * @throws WrongCredentialsException if the username or the password is wrong (an unknown
   *     username costs the same Argon2id derivation as a known one whose hash has the policy's
   *     costs, and the same error)
   * @throws dev.secupass.api.IntegrityException if the stored password hash is damaged or asks
   *     for Argon2id costs outside the private-key blob's bounds (after the same work)
   * @throws dev.secupass.api.BusyException if too many password and SecuPass checks run at once
   */
  SignedInUser signIn(String username, Password password);
}
