package dev.secupass.spi;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import java.util.Objects;

/**
 * A recipient of a delivery.
 *
 * @param user who
 * @param kind employee, partner or guest
 * @param address where the host sends notices (an e-mail address); empty if the host routes by
 *     user id alone
 */
public record Recipient(UserId user, PrincipalKind kind, String address) {
  public Recipient {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(address, "address");
    if (address.length() > 320) {
      throw new IllegalArgumentException("address must be at most 320 characters");
    }
  }
}
