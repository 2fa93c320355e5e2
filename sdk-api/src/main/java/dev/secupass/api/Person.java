package dev.secupass.api;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a person appears to a host: their user id, what the host knows them as, and their e-mail
 * address where the SDK knows one. The SDK knows a guest's address always (it is how the guest was
 * invited), a recipient's address when the sender gave one, and nothing more of employees and
 * partners, whom the host's own directory names.
 *
 * <p>A UI or a mail shows {@link #displayName()}: the address if there is one, otherwise the user
 * id; never a guest's internal {@code guest-<hex>} id alone.
 *
 * @param user their user id
 * @param kind what the host knows them as, or {@code null} where the SDK was not told (a room
 *     member, a granter named only by their session)
 * @param email their e-mail address, or {@code null} if the SDK does not know one; required for a
 *     guest
 */
public record Person(UserId user, @Nullable PrincipalKind kind, @Nullable String email) {
  /** The longest e-mail address accepted. */
  public static final int MAX_EMAIL_LENGTH = 320;

  public Person {
    Objects.requireNonNull(user, "user");
    if (email != null && (email.isBlank() || email.length() > MAX_EMAIL_LENGTH)) {
      throw new IllegalArgumentException("an e-mail address must be 1-" + MAX_EMAIL_LENGTH
          + " characters");
    }
    if (kind == PrincipalKind.GUEST && email == null) {
      throw new IllegalArgumentException("a guest is always known by their e-mail address");
    }
  }

  /** A person the SDK knows only by user id. */
  public static Person of(UserId user) {
    return new Person(user, null, null);
  }

  /** A guest, with the address they were invited at. */
  public static Person guest(UserId user, String email) {
    return new Person(user, PrincipalKind.GUEST, email);
  }

  /** What the host knows them as, if the SDK was told. */
  public Optional<PrincipalKind> knownKind() {
    return Optional.ofNullable(kind);
  }

  /** Their e-mail address, if the SDK knows one. */
  public Optional<String> address() {
    return Optional.ofNullable(email);
  }

  /** Whether this is a guest (a person without a login at the host). */
  public boolean isGuest() {
    return kind == PrincipalKind.GUEST;
  }

  /** What a person reads: the e-mail address if there is one, otherwise the user id. */
  public String displayName() {
    return email != null ? email : user.value();
  }

  /** The {@link #displayName()}. */
  @Override
  public String toString() {
    return displayName();
  }
}
