package dev.secupass.spi;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The link in a guest's e-mail: a random token, stored only as its hash, that brings the guest to
 * one delivery (and to registration on their first).
 *
 * @param tokenHash the hash of the token
 * @param guest the guest
 * @param delivery the delivery it leads to
 * @param createdAt when it was made
 * @param expiresAt when it stops working
 * @param accessCode the sender's check of the one-time access code that protects this first
 *     contact ({@code docs/format.md}, "Access code check"), or {@code null} if none was set
 * @param binding the guest's binding of their new public keys to the access code ({@code
 *     docs/format.md}, "Access code binding"), or {@code null} until they activate with it
 */
public record Invitation(
    byte[] tokenHash, UserId guest, DeliveryId delivery, Instant createdAt, Instant expiresAt,
    byte @Nullable [] accessCode, byte @Nullable [] binding) {

  public Invitation {
    tokenHash = Bytes.copy(tokenHash, "tokenHash");
    if (tokenHash.length < 16) {
      throw new IllegalArgumentException("token hash must be at least 16 bytes");
    }
    Objects.requireNonNull(guest, "guest");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    accessCode = accessCode == null ? null : accessCode.clone();
    binding = binding == null ? null : binding.clone();
  }

  /** An invitation without an access code. */
  public Invitation(byte[] tokenHash, UserId guest, DeliveryId delivery, Instant createdAt,
      Instant expiresAt) {
    this(tokenHash, guest, delivery, createdAt, expiresAt, null, null);
  }

  @Override
  public byte @Nullable [] accessCode() {
    return accessCode == null ? null : accessCode.clone();
  }

  @Override
  public byte @Nullable [] binding() {
    return binding == null ? null : binding.clone();
  }

  /** The access code check, if the sender set a code. */
  public Optional<byte[]> accessCodeCheck() {
    return Optional.ofNullable(accessCode());
  }

  /** The guest's key binding, once made. */
  public Optional<byte[]> keyBinding() {
    return Optional.ofNullable(binding());
  }

  /** This invitation with the sender's access code check. */
  public Invitation withAccessCode(byte[] check) {
    return new Invitation(tokenHash, guest, delivery, createdAt, expiresAt,
        Objects.requireNonNull(check, "check"), binding);
  }

  /** This invitation with the guest's key binding. */
  public Invitation withBinding(byte[] newBinding) {
    return new Invitation(tokenHash, guest, delivery, createdAt, expiresAt, accessCode,
        Objects.requireNonNull(newBinding, "binding"));
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
        && expiresAt.equals(i.expiresAt)
        && Arrays.equals(accessCode, i.accessCode)
        && Arrays.equals(binding, i.binding);
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
