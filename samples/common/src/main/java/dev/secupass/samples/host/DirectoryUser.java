package dev.secupass.samples.host;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person in the sample host's user directory. Employees and partners are added by name, which is
 * also their SDK user id; a guest is known by e-mail address and the user id the SDK gave them.
 *
 * @param name how the host's users refer to them: an employee's or partner's name, a guest's
 *     address
 * @param kind employee, partner or guest
 * @param id their SDK user id
 * @param email where the host sends their e-mail (may be empty for employees and partners)
 */
public record DirectoryUser(String name, PrincipalKind kind, UserId id, String email) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

  public DirectoryUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Addressee checked = kind == PrincipalKind.GUEST
        ? Addressee.guest(email)
        : new Addressee(id, kind, email);
    email = checked.address();
    if (kind == PrincipalKind.GUEST ? !name.equals(email) : !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(kind == PrincipalKind.GUEST
          ? "a guest's name is their e-mail address"
          : "a user name is 1-64 characters of a-z, 0-9, '.', '_' and '-', starting with a"
              + " letter");
    }
  }

  /** An employee or partner named {@code name} (also their user id). */
  public static DirectoryUser member(String name, PrincipalKind kind, String email) {
    if (kind == PrincipalKind.GUEST) {
      throw new IllegalArgumentException("guests join through an invitation, not the directory");
    }
    return new DirectoryUser(name, kind, UserId.of(name), email);
  }

  /** A guest the SDK knows as {@code id}. */
  public static DirectoryUser guest(UserId id, String email) {
    String address = Addressee.guest(email).address();
    return new DirectoryUser(address, PrincipalKind.GUEST, id, address);
  }

  /** How the sender names them in a delivery. */
  public Addressee addressee() {
    return kind == PrincipalKind.GUEST ? Addressee.guest(email) : new Addressee(id, kind, email);
  }

  /**
   * Them as signed in by the host's own login.
   *
   * @throws IllegalStateException for a guest, who signs in through the SDK's guest accounts
   */
  public SignedInUser signedIn() {
    if (kind == PrincipalKind.GUEST) {
      throw new IllegalStateException("guests sign in with their username and password");
    }
    return new SignedInUser(id, kind);
  }
}
