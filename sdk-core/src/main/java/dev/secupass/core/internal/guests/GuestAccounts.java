package dev.secupass.core.internal.guests;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryExpiredException;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvitationUsedException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongCredentialsException;
import dev.secupass.api.WrongLinkTokenException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.guests.GuestInvitation;
import dev.secupass.core.guests.Guests;
import dev.secupass.core.guests.Password;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventRecorder;
import dev.secupass.core.internal.events.EventTypes;
import dev.secupass.core.internal.keys.KdfLimiter;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.GuestAccount;
import dev.secupass.spi.Invitation;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link Guests} on a {@link Storage}. Password hashes take the SDK's {@link KdfPolicy} costs and
 * run under its {@link KdfLimiter}. Safe for use by many threads.
 */
public final class GuestAccounts implements Guests {
  private final Storage storage;
  private final Clock clock;
  private final PasswordHashes hashes;
  private final AuditRecorder audit;
  private final EventRecorder events;

  public GuestAccounts(Storage storage, Clock clock, SecureRandom random, KdfPolicy policy,
      KdfLimiter limiter) {
    this.storage = storage;
    this.clock = clock;
    this.hashes = new PasswordHashes(policy, random, limiter);
    this.audit = new AuditRecorder(clock);
    this.events = new EventRecorder(clock, random);
  }

  @Override
  public GuestInvitation arrive(LinkToken invitation) {
    Invitation found = invitation(invitation, "guest.arrive");
    GuestAccount account = account(found.guest());
    return new GuestInvitation(People.of(account), found.delivery(), account.isRegistered(),
        found.accessCode() != null && found.binding() == null);
  }

  @Override
  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  public SignedInUser register(LinkToken invitation, String username, Password password) {
    String name = normalise(username);
    if (password.length() < Password.MIN_LENGTH) {
      throw new IllegalArgumentException("a password must have at least " + Password.MIN_LENGTH
          + " characters");
    }
    Invitation found = invitation(invitation, "guest.register");
    GuestAccount account = account(found.guest());
    if (account.isRegistered()) {
      reused(found, account);
      throw new InvitationUsedException("this invitation for " + account.email()
          + " was used to register already, and it registers once. If that was you, sign in"
          + " with the username and password you chose; if not, tell the sender, who has been"
          + " told, and do not use this invitation again");
    }
    byte[] hash = hashes.hash(password);
    storage.inTransaction(tx -> {
      tx.guests().update(account.withCredentials(name, hash));
      audit.record(tx, account.user(), "guest.register", target(account.user()),
          AuditRecorder.OK);
      return null;
    });
    return new SignedInUser(account.user(), PrincipalKind.GUEST);
  }

  @Override
  public SignedInUser signIn(String username, Password password) {
    Optional<GuestAccount> account = storage.guests().findByUsername(normaliseLoosely(username));
    if (account.isEmpty()) {
      hashes.checkDecoy(password);
      audit.record(storage, null, "guest.sign_in", "guest:unknown", "wrong_credentials");
      throw new WrongCredentialsException();
    }
    UserId guest = account.get().user();
    boolean matched;
    try {
      matched = hashes.matches(password, account.get().passwordHash());
    } catch (IntegrityException e) {
      audit.record(storage, guest, "guest.sign_in", target(guest), "integrity");
      throw e;
    }
    if (!matched) {
      audit.record(storage, guest, "guest.sign_in", target(guest), "wrong_credentials");
      throw new WrongCredentialsException();
    }
    audit.record(storage, guest, "guest.sign_in", target(guest), AuditRecorder.OK);
    return new SignedInUser(guest, PrincipalKind.GUEST);
  }

  private Invitation invitation(LinkToken token, String action) {
    Optional<Invitation> found = storage.guests().findInvitation(token.hash())
        .filter(invitation -> token.matches(invitation.tokenHash()));
    if (found.isEmpty()) {
      audit.record(storage, null, action, "invitation:unknown", "wrong_link_token");
      throw new WrongLinkTokenException("no invitation has this link");
    }
    if (!found.get().expiresAt().isAfter(clock.instant())) {
      audit.record(storage, found.get().guest(), action, "delivery:" + found.get().delivery(),
          "expired");
      throw new DeliveryExpiredException("this invitation expired with its delivery");
    }
    return found.get();
  }

  /** Audits a registration with a used invitation and tells the delivery's sender. */
  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  private void reused(Invitation invitation, GuestAccount account) {
    storage.inTransaction(tx -> {
      audit.record(tx, account.user(), "guest.register", "delivery:" + invitation.delivery(),
          "invitation_used");
      Optional<DeliveryRecord> delivery = tx.deliveries().find(invitation.delivery());
      if (delivery.isPresent()) {
        events.record(tx, EventTypes.INVITATION_REUSED, People.of(tx, delivery.get().sender()),
            EventPayload.builder()
                .put(EventTypes.DELIVERY, invitation.delivery().value())
                .person(EventTypes.GUEST, People.of(account)));
      }
      return null;
    });
  }

  private GuestAccount account(UserId guest) {
    return storage.guests().find(guest)
        .orElseThrow(() -> new NotFoundException("the guest of this invitation no longer exists"));
  }

  private static String target(UserId guest) {
    return "guest:" + guest;
  }

  /** A username as stored: stripped, lower case, 3-100 characters without spaces. */
  private static String normalise(String username) {
    String name = normaliseLoosely(username);
    if (name.length() < 3 || name.length() > 100 || name.chars().anyMatch(
        c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new IllegalArgumentException("a username must be 3-100 characters without spaces");
    }
    return name;
  }

  private static String normaliseLoosely(String username) {
    return username.strip().toLowerCase(Locale.ROOT);
  }
}
