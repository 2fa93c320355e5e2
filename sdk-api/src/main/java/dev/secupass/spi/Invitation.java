package dev.secupass.spi;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The link in a guest's e-mail: a random token, stored only as its hash, that brings the guest to
 * one delivery (and to registration on their first).
 *
 * @param tokenHash the hash of the token
 * @param guest the guest
 * @param delivery the delivery it leads to
 * @param createdAt when it was made
 * @param expiresAt when it stops working
 */
public record Invitation(
    byte[] tokenHash, UserId guest, DeliveryId delivery, Instant createdAt, Instant expiresAt) {

  public Invitation {
    tokenHash = Bytes.copy(tokenHash, "tokenHash");
    if (tokenHash.length < 16) {
      throw new IllegalArgumentException("token hash must be at least 16 bytes");
    }
    Objects.requireNonNull(guest, "guest");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public byte[] tokenHash() {
    return tokenHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Invitation i
        && Arrays.equals(tokenHash, i.tokenHash)
        && guest.equals(i.guest)
        && delivery.equals(i.delivery)
        && createdAt.equals(i.createdAt)
        && expiresAt.equals(i.expiresAt);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tokenHash);
  }

  @Override
  public String toString() {
    return "Invitation[guest=" + guest + ", delivery=" + delivery + "]";
  }
}
