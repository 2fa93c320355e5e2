package dev.secupass.core.relay;

import dev.secupass.api.DeliveryId;
import java.util.Arrays;
import java.util.Objects;

/**
 * A delivery that waits for a guest's access code ({@link ClientRelay#accessCodes}): the check the
 * sender's client made ({@code docs/format.md}, "Access code"), which the guest's client uses to
 * tell a mistyped code (its verifier) and to stretch the typed code at the sender's cost before it
 * binds its new keys to the code. Nothing in it is secret to the server: only the code opens it.
 *
 * @param delivery the delivery whose invitation carries the check
 * @param check the stored access code check (version 1, 90 bytes)
 */
public record ClientAccessCode(DeliveryId delivery, byte[] check) {
  public ClientAccessCode {
    Objects.requireNonNull(delivery, "delivery");
    check = Objects.requireNonNull(check, "check").clone();
  }

  @Override
  public byte[] check() {
    return check.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientAccessCode c && delivery.equals(c.delivery)
        && Arrays.equals(check, c.check);
  }

  @Override
  public int hashCode() {
    return delivery.hashCode();
  }

  @Override
  public String toString() {
    return "ClientAccessCode[delivery=" + delivery + "]";
  }
}
