package dev.secupass.core.internal.memory;

import dev.secupass.api.ConflictException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.UserId;
import dev.secupass.spi.GuestAccount;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.Invitation;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The in-memory {@link GuestStore}: accounts by user id, e-mail and username; invitations. */
public final class MemoryGuestStore implements GuestStore {
  private final Access access;
  private final State state;

  public MemoryGuestStore(Access access) {
    this(access, new State());
  }

  private MemoryGuestStore(Access access, State state) {
    this.access = access;
    this.state = state;
  }

  /** A view of the same data through another access (a transaction's). */
  public MemoryGuestStore bind(Access other) {
    return new MemoryGuestStore(other, state);
  }

  @Override
  public GuestAccount create(GuestAccount account) {
    if (account.revision() != 0) {
      throw new IllegalArgumentException("a new guest account must have revision 0");
    }
    return access.write(journal -> {
      if (state.byUser.containsKey(account.user())) {
        throw new ConflictException("guest " + account.user() + " exists");
      }
      return store(journal, null, account.withRevision(1));
    });
  }

  @Override
  public Optional<GuestAccount> find(UserId user) {
    return access.read(() -> Optional.ofNullable(state.byUser.get(user)));
  }

  @Override
  public Optional<GuestAccount> findByEmail(String email) {
    return access.read(() -> Optional.ofNullable(state.byEmail.get(email)).map(state.byUser::get));
  }

  @Override
  public Optional<GuestAccount> findByUsername(String username) {
    return access.read(() ->
        Optional.ofNullable(state.byUsername.get(username)).map(state.byUser::get));
  }

  @Override
  public GuestAccount update(GuestAccount account) {
    return access.write(journal -> {
      GuestAccount stored = state.byUser.get(account.user());
      if (stored == null) {
        throw new NotFoundException("no guest " + account.user());
      }
      if (stored.revision() != account.revision()) {
        throw new ConflictException("guest " + account.user() + " changed since it was read");
      }
      return store(journal, stored, account.withRevision(stored.revision() + 1));
    });
  }

  @Override
  public void saveInvitation(Invitation invitation) {
    access.write(journal -> {
      String hash = HexFormat.of().formatHex(invitation.tokenHash());
      if (state.invitations.containsKey(hash)) {
        throw new ConflictException("an invitation with this token hash exists");
      }
      journal.put(state.invitations, hash, invitation);
      state.invitationsOf.add(journal, invitation.guest(),
          new TimeKey<>(invitation.createdAt(), hash));
      return null;
    });
  }

  @Override
  public Optional<Invitation> findInvitation(byte[] tokenHash) {
    return access.read(() ->
        Optional.ofNullable(state.invitations.get(HexFormat.of().formatHex(tokenHash))));
  }

  @Override
  public void saveBinding(byte[] tokenHash, byte[] binding) {
    access.write(journal -> {
      String hash = HexFormat.of().formatHex(tokenHash);
      Invitation found = state.invitations.get(hash);
      if (found == null) {
        throw new NotFoundException("no invitation has this token hash");
      }
      if (found.binding() != null) {
        throw new ConflictException("the invitation has a key binding already");
      }
      journal.put(state.invitations, hash, found.withBinding(binding));
      return null;
    });
  }

  @Override
  public List<Invitation> invitations(UserId guest) {
    return access.read(() -> state.invitationsOf.get(guest).stream()
        .map(key -> state.invitations.get(key.id()))
        .toList());
  }

  /** Stores {@code after} in place of {@code before}, keeping e-mail and username unique. */
  private GuestAccount store(
      Journal journal, @Nullable GuestAccount before, GuestAccount after) {
    claim(journal, state.byEmail, before == null ? null : before.email(), after.email(),
        after.user(), "e-mail address");
    claim(journal, state.byUsername, before == null ? null : before.username(), after.username(),
        after.user(), "username");
    journal.put(state.byUser, after.user(), after);
    return after;
  }

  private static void claim(Journal journal, Map<String, UserId> index, @Nullable String before,
      @Nullable String after, UserId user, String what) {
    if (Objects.equals(before, after)) {
      return;
    }
    if (after != null) {
      UserId holder = index.get(after);
      if (holder != null && !holder.equals(user)) {
        throw new ConflictException("the " + what + " belongs to another guest");
      }
      journal.put(index, after, user);
    }
    if (before != null) {
      journal.remove(index, before);
    }
  }

  private static final class State {
    final Map<UserId, GuestAccount> byUser = new HashMap<>();
    final Map<String, UserId> byEmail = new HashMap<>();
    final Map<String, UserId> byUsername = new HashMap<>();
    final Map<String, Invitation> invitations = new HashMap<>();
    final SetIndex<UserId, TimeKey<String>> invitationsOf = new SetIndex<>();
  }
}
