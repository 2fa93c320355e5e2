package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.UserId;
import dev.secupass.spi.GuestAccount;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.Invitation;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract of {@link GuestStore}: guest accounts under compare-and-set, and invitations. */
@DisplayName("GuestStore contract")
// Rules are tests: they dereference what the store under test returned, and a null there fails
// the rule. Like the SDK's own tests, they are not null-checked.
@SuppressWarnings("NullAway")
public abstract class GuestStoreContractTest extends StorageContract {

  GuestStore guests() {
    return storage.guests();
  }

  GuestAccount created() {
    return guests().create(Samples.guest(Samples.user(), clock.instant()));
  }

  GuestAccount registered(GuestAccount account) {
    return guests().update(
        account.withCredentials(Samples.freshId("name"), Samples.bytes(48)));
  }

  GuestAccount withEmail(GuestAccount account, String email) {
    return new GuestAccount(account.user(), email, account.username(), account.passwordHash(),
        account.createdAt(), account.revision());
  }

  Invitation invitation(UserId guest, Instant createdAt) {
    return new Invitation(Samples.bytes(32), guest, Samples.deliveryId(), createdAt,
        createdAt.plus(Duration.ofDays(14)));
  }

  @Nested
  @DisplayName("GuestStore accounts")
  class Accounts {
    @Test
    @DisplayName("stores a new guest at revision 1, found by user id and e-mail address")
    void create_thenFind_revisionOne() {
      GuestAccount account = Samples.guest(Samples.user(), clock.instant());

      GuestAccount stored = guests().create(account);

      assertThat(stored).isEqualTo(account.withRevision(1));
      assertThat(guests().find(account.user())).contains(stored);
      assertThat(guests().findByEmail(account.email())).contains(stored);
    }

    @Test
    @DisplayName("rejects a new guest whose revision is not 0")
    void create_nonZeroRevision_throwsIllegalArgument() {
      GuestAccount account = Samples.guest(Samples.user(), clock.instant()).withRevision(2);

      assertThatThrownBy(() -> guests().create(account))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(guests().find(account.user())).isEmpty();
    }

    @Test
    @DisplayName("conflicts on a taken user id, e-mail address or username")
    void create_takenIdEmailOrUsername_conflicts() {
      GuestAccount first = registered(created());
      GuestAccount sameUser = Samples.guest(first.user(), clock.instant());
      GuestAccount sameEmail = withEmail(Samples.guest(Samples.user(), clock.instant()),
          first.email());
      GuestAccount sameName = Samples.guest(Samples.user(), clock.instant())
          .withCredentials(first.username(), Samples.bytes(48));

      for (GuestAccount clash : new GuestAccount[] {sameUser, sameEmail, sameName}) {
        assertThatThrownBy(() -> guests().create(clash)).isInstanceOf(ConflictException.class);
      }
      assertThat(guests().find(sameEmail.user())).isEmpty();
      assertThat(guests().find(sameName.user())).isEmpty();
      assertThat(guests().find(first.user())).contains(first);
    }

    @Test
    @DisplayName("finds nothing for an unknown user id, e-mail address or username")
    void find_unknown_isEmpty() {
      assertThat(guests().find(Samples.user())).isEmpty();
      assertThat(guests().findByEmail(Samples.freshId("nobody") + "@example.org")).isEmpty();
      assertThat(guests().findByUsername(Samples.freshId("nobody"))).isEmpty();
    }

    @Test
    @DisplayName("compares e-mail addresses and usernames exactly, case included")
    void findByEmailAndUsername_areExact() {
      GuestAccount guest = registered(created());

      assertThat(guests().findByUsername(guest.username())).contains(guest);
      assertThat(guests().findByUsername(guest.username().toUpperCase(Locale.ROOT))).isEmpty();
      assertThat(guests().findByEmail(guest.email().toUpperCase(Locale.ROOT))).isEmpty();
      assertThat(guests().findByEmail(guest.email() + " ")).isEmpty();
    }

    @Test
    @DisplayName("updates a guest at its read revision and increments the revision")
    void update_currentRevision_increments() {
      GuestAccount stored = created();
      GuestAccount change = stored.withCredentials(Samples.freshId("name"), Samples.bytes(48));

      GuestAccount updated = guests().update(change);

      assertThat(updated).isEqualTo(change.withRevision(2));
      assertThat(guests().findByUsername(change.username())).contains(updated);
      assertThat(guests().find(stored.user())).contains(updated);
    }

    @Test
    @DisplayName("finds a guest by the new e-mail address after a change, not by the old one")
    void update_newEmail_movesTheLookup() {
      GuestAccount stored = created();
      String newEmail = Samples.freshId("moved") + "@example.org";

      GuestAccount updated = guests().update(withEmail(stored, newEmail));

      assertThat(guests().findByEmail(newEmail)).contains(updated);
      assertThat(guests().findByEmail(stored.email())).isEmpty();
    }

    @Test
    @DisplayName("conflicts on a stale revision, changing nothing")
    void update_staleRevision_conflicts() {
      GuestAccount stored = created();
      GuestAccount current = registered(stored);

      assertThatThrownBy(() -> guests().update(
          stored.withCredentials(Samples.freshId("late"), Samples.bytes(48))))
          .isInstanceOf(ConflictException.class);
      assertThat(guests().find(stored.user())).contains(current);
    }

    @Test
    @DisplayName("conflicts when the username or e-mail address belongs to another guest")
    void update_takenUsernameOrEmail_conflicts() {
      GuestAccount other = registered(created());
      GuestAccount guest = created();

      assertThatThrownBy(() -> guests().update(
          guest.withCredentials(other.username(), Samples.bytes(48))))
          .isInstanceOf(ConflictException.class);
      assertThatThrownBy(() -> guests().update(withEmail(guest, other.email())))
          .isInstanceOf(ConflictException.class);
      assertThat(guests().find(guest.user())).contains(guest);
      assertThat(guests().findByUsername(other.username())).contains(other);
    }

    @Test
    @DisplayName("throws NotFound when updating an unknown guest")
    void update_unknown_throwsNotFound() {
      GuestAccount never = Samples.guest(Samples.user(), clock.instant()).withRevision(1);

      assertThatThrownBy(() -> guests().update(never)).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("of many racing registrations at one revision exactly one wins")
    void update_racing_exactlyOneWins() {
      GuestAccount stored = created();

      GuestAccount winner = Race.exactlyOneWinner(Race.run(i -> guests().update(
          stored.withCredentials(Samples.freshId("racer" + i), Samples.bytes(48)))));

      assertThat(guests().find(stored.user())).contains(winner);
    }

    @Test
    @DisplayName("of racing guests claiming one username exactly one gets it")
    void create_racingSameUsername_exactlyOneWins() {
      String name = Samples.freshId("wanted");

      GuestAccount winner = Race.exactlyOneWinner(Race.run(i -> guests().create(
          Samples.guest(Samples.user(), clock.instant())
              .withCredentials(name, Samples.bytes(48)))));

      assertThat(guests().findByUsername(name)).contains(winner);
    }
  }

  @Nested
  @DisplayName("GuestStore invitations")
  class Invitations {
    @Test
    @DisplayName("finds a saved invitation by its exact token hash")
    void saveInvitation_thenFind_byExactHash() {
      Invitation invitation = invitation(Samples.user(), clock.instant());
      byte[] other = invitation.tokenHash();
      other[0] ^= 1;

      guests().saveInvitation(invitation);

      assertThat(guests().findInvitation(invitation.tokenHash())).contains(invitation);
      assertThat(guests().findInvitation(other)).isEmpty();
    }

    @Test
    @DisplayName("conflicts on a token hash that is taken")
    void saveInvitation_takenHash_conflicts() {
      Invitation first = invitation(Samples.user(), clock.instant());
      guests().saveInvitation(first);
      Invitation clash = new Invitation(first.tokenHash(), Samples.user(), Samples.deliveryId(),
          clock.instant(), clock.instant().plusSeconds(60));

      assertThatThrownBy(() -> guests().saveInvitation(clash))
          .isInstanceOf(ConflictException.class);
      assertThat(guests().findInvitation(first.tokenHash())).contains(first);
      assertThat(guests().invitations(clash.guest())).isEmpty();
    }

    @Test
    @DisplayName("lists a guest's invitations oldest first, and only theirs")
    void invitations_ofGuest_oldestFirst() {
      UserId guest = Samples.user();
      Instant now = clock.instant();
      Invitation newer = invitation(guest, now.plusSeconds(10));
      Invitation older = invitation(guest, now);
      guests().saveInvitation(newer);
      guests().saveInvitation(older);
      guests().saveInvitation(invitation(Samples.user(), now));

      assertThat(guests().invitations(guest)).containsExactly(older, newer);
      assertThat(guests().invitations(Samples.user())).isEmpty();
    }

    @Test
    @DisplayName("keeps an invitation's access code check and stores its key binding once")
    void saveBinding_once_withTheAccessCodeCheckKept() {
      byte[] check = Samples.bytes(90);
      Invitation invitation = invitation(Samples.user(), clock.instant()).withAccessCode(check);
      guests().saveInvitation(invitation);
      assertThat(guests().findInvitation(invitation.tokenHash())).contains(invitation);
      assertThat(guests().findInvitation(invitation.tokenHash()).orElseThrow().keyBinding())
          .isEmpty();

      byte[] binding = Samples.bytes(37);
      guests().saveBinding(invitation.tokenHash(), binding);

      Invitation bound = guests().findInvitation(invitation.tokenHash()).orElseThrow();
      assertThat(bound).isEqualTo(invitation.withBinding(binding));
      assertThat(bound.accessCodeCheck()).hasValueSatisfying(c -> assertThat(c).isEqualTo(check));
      assertThat(guests().invitations(invitation.guest())).containsExactly(bound);
      assertThatThrownBy(() -> guests().saveBinding(invitation.tokenHash(), Samples.bytes(37)))
          .isInstanceOf(ConflictException.class);
      assertThat(guests().findInvitation(invitation.tokenHash())).contains(bound);
      assertThatThrownBy(() -> guests().saveBinding(Samples.bytes(32), binding))
          .isInstanceOf(NotFoundException.class);
    }
  }
}
