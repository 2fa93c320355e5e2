package dev.secupass.core.delivery;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A recipient as the sender names them: an employee or partner by user id (with the address the
 * host notifies, or empty), or a guest by e-mail address (the SDK finds or creates the guest).
 *
 * @param user the employee's or partner's id; {@code null} for a guest
 * @param kind employee, partner or guest
 * @param address the e-mail address, lower-cased; a guest's is required
 */
public record Addressee(@Nullable UserId user, PrincipalKind kind, String address) {
  public Addressee {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(address, "address");
    address = address.strip().toLowerCase(Locale.ROOT);
    if ((kind == PrincipalKind.GUEST) != (user == null)) {
      throw new IllegalArgumentException("a guest is named by e-mail address alone; employees and"
          + " partners by user id");
    }
    if (kind == PrincipalKind.GUEST || !address.isEmpty()) {
      checkEmail(address);
    }
  }

  /** An employee; {@code address} may be empty if the host routes notices by user id. */
  public static Addressee employee(UserId user, String address) {
    return new Addressee(Objects.requireNonNull(user, "user"), PrincipalKind.EMPLOYEE, address);
  }

  /** A partner; {@code address} may be empty if the host routes notices by user id. */
  public static Addressee partner(UserId user, String address) {
    return new Addressee(Objects.requireNonNull(user, "user"), PrincipalKind.PARTNER, address);
  }

  /** A guest, by e-mail address. */
  public static Addressee guest(String email) {
    return new Addressee(null, PrincipalKind.GUEST, email);
  }

  /** The user id of an employee or partner. */
  public Optional<UserId> knownUser() {
    return Optional.ofNullable(user);
  }

  /** The domain of the address ({@code "example.com"}), or empty if there is no address. */
  public String domain() {
    return address.isEmpty() ? "" : address.substring(address.lastIndexOf('@') + 1);
  }

  private static void checkEmail(String address) {
    int at = address.lastIndexOf('@');
    if (address.length() > 320 || at < 1 || at == address.length() - 1
        || address.indexOf('@') != at || address.chars().anyMatch(
            c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new IllegalArgumentException("not an e-mail address (local@domain, at most 320"
          + " characters, no spaces)");
    }
  }
}
