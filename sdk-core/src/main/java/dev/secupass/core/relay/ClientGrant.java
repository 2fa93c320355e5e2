package dev.secupass.core.relay;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.GrantId;
import dev.secupass.api.Person;
import dev.secupass.api.SecurityLevel;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A grant a sender's client can fulfil ({@link ClientRelay#pendingGrants}): a recipient who has
 * activated their SecuPass since the delivery was sent. The client opens its own envelope,
 * verifies the manifest and the key's commitment, checks the recipient's keys against its pin
 * (or has the sender compare fingerprints), and wraps the key to them ({@link
 * ClientRelay#fulfil}).
 *
 * @param id the grant
 * @param delivery the delivery
 * @param level its level (3 or 4), part of the envelope context
 * @param recipient who waits
 * @param recipientPublicKeys the recipient's active public-key bundle
 * @param ownEnvelope the sender's own envelope of the delivery
 * @param manifest the sender's signed manifest
 * @param accessCodeCheck the access code check of the recipient's invitation to this delivery,
 *     if the sender set a code; {@code null} otherwise
 * @param binding the recipient's binding of their keys to that code, if they activated with it;
 *     {@code null} otherwise (with a check, the sender's client then refuses the release)
 */
public record ClientGrant(GrantId id, DeliveryId delivery, SecurityLevel level, Person recipient,
    byte[] recipientPublicKeys, byte[] ownEnvelope, byte[] manifest,
    byte @Nullable [] accessCodeCheck, byte @Nullable [] binding) {

  /** A grant of a delivery without an access code. */
  public ClientGrant(GrantId id, DeliveryId delivery, SecurityLevel level, Person recipient,
      byte[] recipientPublicKeys, byte[] ownEnvelope, byte[] manifest) {
    this(id, delivery, level, recipient, recipientPublicKeys, ownEnvelope, manifest, null, null);
  }

  public ClientGrant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(recipient, "recipient");
    recipientPublicKeys = recipientPublicKeys.clone();
    ownEnvelope = ownEnvelope.clone();
    manifest = manifest.clone();
    accessCodeCheck = accessCodeCheck == null ? null : accessCodeCheck.clone();
    binding = binding == null ? null : binding.clone();
  }

  @Override
  public byte @Nullable [] accessCodeCheck() {
    return accessCodeCheck == null ? null : accessCodeCheck.clone();
  }

  @Override
  public byte @Nullable [] binding() {
    return binding == null ? null : binding.clone();
  }

  /** The access code check, if the sender set a code for this recipient. */
  public Optional<byte[]> accessCode() {
    return Optional.ofNullable(accessCodeCheck());
  }

  @Override
  public byte[] recipientPublicKeys() {
    return recipientPublicKeys.clone();
  }

  @Override
  public byte[] ownEnvelope() {
    return ownEnvelope.clone();
  }

  @Override
  public byte[] manifest() {
    return manifest.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientGrant g && id.equals(g.id) && delivery.equals(g.delivery)
        && level == g.level && recipient.equals(g.recipient)
        && Arrays.equals(recipientPublicKeys, g.recipientPublicKeys)
        && Arrays.equals(ownEnvelope, g.ownEnvelope) && Arrays.equals(manifest, g.manifest)
        && Arrays.equals(accessCodeCheck, g.accessCodeCheck) && Arrays.equals(binding, g.binding);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, delivery);
  }

  @Override
  public String toString() {
    return "ClientGrant[id=" + id + ", delivery=" + delivery + ", recipient=" + recipient + "]";
  }
}
