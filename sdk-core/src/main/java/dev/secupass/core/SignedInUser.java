package dev.secupass.core;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import java.util.Objects;

/**
 * A person the host has signed in: an employee or partner after the host's own login, or a guest
 * after {@link dev.secupass.core.guests.Guests#signIn}. Levels 2-4 open only for a signed-in named
 * recipient, so the host hands one of these only to the person it authenticated.
 *
 * @param user who
 * @param kind employee, partner or guest
 */
public record SignedInUser(UserId user, PrincipalKind kind) {
  public SignedInUser {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(kind, "kind");
  }

  /** An employee the host signed in. */
  public static SignedInUser employee(UserId user) {
    return new SignedInUser(user, PrincipalKind.EMPLOYEE);
  }

  /** A partner the host signed in. */
  public static SignedInUser partner(UserId user) {
    return new SignedInUser(user, PrincipalKind.PARTNER);
  }
}
