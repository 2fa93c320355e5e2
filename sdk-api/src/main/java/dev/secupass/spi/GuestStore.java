package dev.secupass.spi;

import dev.secupass.api.UserId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Guests' accounts (username and password hash) and the invitations that bring them in. */
public interface GuestStore {

  /**
   * Stores a new guest.
   *
   * @param account an account with revision 0
   * @return the account as stored, with revision 1
   * @throws IllegalArgumentException if the revision is not 0
   * @throws dev.secupass.api.ConflictException if the user id, the e-mail address or the
   *     username is taken
   */
  GuestAccount create(GuestAccount account);

  /** The guest with this user id; empty if none. */
  Optional<GuestAccount> find(UserId user);

  /** The guest with exactly this e-mail address; empty if none. */
  Optional<GuestAccount> findByEmail(String email);

  /** The guest with exactly this username; empty if none. */
  Optional<GuestAccount> findByUsername(String username);

  /**
   * Replaces a guest's account (registration, a password change).
   *
   * @param account the new contents, carrying the revision they were read at
   * @return the account as stored, with the revision incremented
   * @throws dev.secupass.api.NotFoundException if there is no such guest
   * @throws dev.secupass.api.ConflictException if the stored revision differs, or the username
   *     or e-mail address belongs to another guest
   */
  GuestAccount update(GuestAccount account);

  /**
   * Stores an invitation.
   *
   * @throws dev.secupass.api.ConflictException if one with the same token hash exists
   */
  void saveInvitation(Invitation invitation);

  /** The invitation whose token hash is exactly {@code tokenHash}; empty if none. */
  Optional<Invitation> findInvitation(byte[] tokenHash);

  /**
   * Stores the guest's key binding of the invitation whose token hash is exactly {@code
   * tokenHash}: once; a binding is never replaced.
   *
   * @throws dev.secupass.api.NotFoundException if there is no such invitation
   * @throws dev.secupass.api.ConflictException if it has a binding already
   */
  void saveBinding(byte[] tokenHash, byte[] binding);

  /** Every invitation of {@code guest}, oldest first. */
  List<Invitation> invitations(UserId guest);

  // Batch reads: one call for what a batch of grants reads one by one. The defaults call the
  // single read for each; an adapter may answer with one statement. Each returns the rows found,
  // keyed as asked (absent keys: nothing found), never a row that was not asked for.

  /** {@link #find} of each of {@code users}: the guests among them, by user id. */
  default Map<UserId, GuestAccount> findAll(Collection<UserId> users) {
    Map<UserId, GuestAccount> found = new LinkedHashMap<>();
    for (UserId user : users) {
      find(user).ifPresent(guest -> found.put(user, guest));
    }
    return found;
  }

  /**
   * {@link #invitations} of each of {@code guests}, oldest first: every one asked for is a key,
   * with an empty list if it has no invitations.
   */
  default Map<UserId, List<Invitation>> invitationsOf(Collection<UserId> guests) {
    Map<UserId, List<Invitation>> found = new LinkedHashMap<>();
    for (UserId guest : guests) {
      found.put(guest, invitations(guest));
    }
    return found;
  }
}
