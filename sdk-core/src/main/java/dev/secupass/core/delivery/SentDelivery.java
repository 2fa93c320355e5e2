package dev.secupass.core.delivery;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.spi.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A delivery as sent: its id, level and expiry, its recipients (guests with the user ids the SDK
 * gave them), who waits to choose a SecuPass, and for level 1 the link token to share.
 *
 * <p>Holds a secret (the link token): {@link #toString()} leaves it out.
 */
public final class SentDelivery {
  private final DeliveryId id;
  private final SecurityLevel level;
  private final Instant expiresAt;
  private final List<Recipient> recipients;
  private final Set<UserId> awaitingSecuPass;
  private final @Nullable LinkToken linkToken;

  public SentDelivery(DeliveryId id, SecurityLevel level, Instant expiresAt,
      List<Recipient> recipients, Set<UserId> awaitingSecuPass, @Nullable LinkToken linkToken) {
    this.id = id;
    this.level = level;
    this.expiresAt = expiresAt;
    this.recipients = List.copyOf(recipients);
    this.awaitingSecuPass = Set.copyOf(awaitingSecuPass);
    this.linkToken = linkToken;
  }

  public DeliveryId id() {
    return id;
  }

  public SecurityLevel level() {
    return level;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /** The recipients as stored, guests included with their user ids. */
  public List<Recipient> recipients() {
    return recipients;
  }

  /**
   * Recipients of a level 3 or 4 delivery who have no SecuPass yet: a grant waits for each, and
   * they were sent a {@code secupass.required} event.
   */
  public Set<UserId> awaitingSecuPass() {
    return awaitingSecuPass;
  }

  /** The token of a level-1 delivery's link; empty at other levels. */
  public Optional<LinkToken> linkToken() {
    return Optional.ofNullable(linkToken);
  }

  @Override
  public String toString() {
    return "SentDelivery[id=" + id + ", level=" + level + ", recipients=" + recipients.size()
        + ", awaitingSecuPass=" + awaitingSecuPass.size() + "]";
  }
}
