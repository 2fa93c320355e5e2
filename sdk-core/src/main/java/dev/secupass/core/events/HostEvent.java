package dev.secupass.core.events;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.EventId;
import dev.secupass.api.UserId;
import dev.secupass.core.delivery.LinkToken;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An event for the host to turn into an e-mail or a notice: what happened ({@link #type()}, one of
 * {@link EventTypes}), to whom it should be told, and its attributes. Secrets (the link and
 * invitation tokens) stay sealed under the host's at-rest key until asked for.
 *
 * <p>Contains secrets: {@link #toString()} names only the id, type and audience.
 */
public final class HostEvent {
  /** Attribute: the delivery's id. */
  public static final String DELIVERY = "delivery";
  /** Attribute: the sender's user id. */
  public static final String SENDER = "sender";
  /** Attribute: the recipient's user id. */
  public static final String RECIPIENT = "recipient";
  /** Attribute: the security level, 1-4. */
  public static final String LEVEL = "level";
  /** Attribute: the subject (levels 1-3). */
  public static final String SUBJECT = "subject";
  /** Attribute: a grant's target, {@code "delivery:<id>"} or {@code "room:<id>"}. */
  public static final String TARGET = "target";
  /** Attribute: who downloaded. */
  public static final String DOWNLOADER = "downloader";
  /** Sealed entry: a level-1 link token. */
  public static final String LINK_TOKEN = "link_token";
  /** Sealed entry: a guest's invitation token. */
  public static final String INVITATION_TOKEN = "invitation_token";

  private final EventId id;
  private final String type;
  private final UserId audience;
  private final Instant createdAt;
  private final Map<String, String> attributes;
  private final Function<String, Optional<LinkToken>> tokens;

  /**
   * Made by the SDK's {@link Events}.
   *
   * @param tokens opens the sealed entry of a name, if present
   */
  public HostEvent(EventId id, String type, UserId audience, Instant createdAt,
      Map<String, String> attributes, Function<String, Optional<LinkToken>> tokens) {
    this.id = Objects.requireNonNull(id, "id");
    this.type = Objects.requireNonNull(type, "type");
    this.audience = Objects.requireNonNull(audience, "audience");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.attributes = Map.copyOf(attributes);
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  public EventId id() {
    return id;
  }

  /** One of {@link EventTypes}, or a data-room type. */
  public String type() {
    return type;
  }

  /** Who should be told. */
  public UserId audience() {
    return audience;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** The clear attributes by name. */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** One clear attribute. */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /** The delivery the event is about, if any. */
  public Optional<DeliveryId> delivery() {
    return attribute(DELIVERY).map(DeliveryId::of);
  }

  /**
   * The level-1 link token of a {@link EventTypes#DELIVERY_NEW} event, unsealed.
   *
   * @throws dev.secupass.api.IntegrityException if the sealed token was altered or moved
   */
  public Optional<LinkToken> linkToken() {
    return tokens.apply(LINK_TOKEN);
  }

  /**
   * A guest's invitation token of a {@link EventTypes#DELIVERY_NEW} event, unsealed.
   *
   * @throws dev.secupass.api.IntegrityException if the sealed token was altered or moved
   */
  public Optional<LinkToken> invitationToken() {
    return tokens.apply(INVITATION_TOKEN);
  }

  @Override
  public String toString() {
    return "HostEvent[id=" + id + ", type=" + type + ", audience=" + audience + "]";
  }
}
