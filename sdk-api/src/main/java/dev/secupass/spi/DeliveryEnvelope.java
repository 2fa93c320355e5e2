package dev.secupass.spi;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A delivery's content key wrapped to one recipient's public key (or to the sender's own), signed
 * by the granter. Opaque to stores.
 *
 * @param delivery the delivery
 * @param recipient whose key it is wrapped to
 * @param recipientKeyVersion the version of that key
 * @param granter who wrapped and signed it
 * @param envelope the encoded envelope ({@code docs/format.md})
 * @param createdAt when
 */
public record DeliveryEnvelope(
    DeliveryId delivery,
    UserId recipient,
    KeyVersion recipientKeyVersion,
    UserId granter,
    byte[] envelope,
    Instant createdAt) {

  public DeliveryEnvelope {
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(recipientKeyVersion, "recipientKeyVersion");
    Objects.requireNonNull(granter, "granter");
    envelope = Bytes.copy(envelope, "envelope");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public byte[] envelope() {
    return envelope.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeliveryEnvelope e
        && delivery.equals(e.delivery)
        && recipient.equals(e.recipient)
        && recipientKeyVersion.equals(e.recipientKeyVersion)
        && granter.equals(e.granter)
        && Arrays.equals(envelope, e.envelope)
        && createdAt.equals(e.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(delivery, recipient, recipientKeyVersion);
  }

  @Override
  public String toString() {
    return "DeliveryEnvelope[delivery=" + delivery + ", recipient=" + recipient
        + ", keyVersion=" + recipientKeyVersion + ", granter=" + granter + "]";
  }
}
