package dev.secupass.core.internal.events;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.EventId;
import dev.secupass.api.FileId;
import dev.secupass.api.FirstContactRefusedException;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.Person;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SecuPassException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.events.DeliveryDownloaded;
import dev.secupass.core.events.DeliveryExpired;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.events.DeliveryReleased;
import dev.secupass.core.events.Events;
import dev.secupass.core.events.FirstContactRefused;
import dev.secupass.core.events.GrantReady;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.events.InvitationReused;
import dev.secupass.core.events.RoomAccessGranted;
import dev.secupass.core.events.RoomInvitation;
import dev.secupass.core.events.RoomMemberRemoved;
import dev.secupass.core.events.SecuPassRequired;
import dev.secupass.core.events.KeyLogAlarmRaised;
import dev.secupass.core.keylog.KeyLogAlarm;
import dev.secupass.core.events.Unrecognized;
import dev.secupass.spi.Event;
import dev.secupass.spi.Lease;
import dev.secupass.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Events} on the storage's outbox: claims under a lease, decodes each event into its record
 * (unsealing tokens with the host's at-rest key), and remembers the leases it holds so that {@link
 * #release} can hand them back. An event whose type this version does not know, or whose payload
 * fails its checks, becomes {@link Unrecognized} (and the latter is logged), so one bad event never
 * blocks the relay loop.
 */
public final class OutboxEvents implements Events {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxEvents.class);

  private final Storage storage;
  private final AtRestKey atRestKey;
  private final Clock clock;
  private final Duration leaseDuration;
  private final Map<EventId, Lease> held = new ConcurrentHashMap<>();

  public OutboxEvents(Storage storage, AtRestKey atRestKey, Clock clock, Duration leaseDuration) {
    this.storage = storage;
    this.atRestKey = atRestKey;
    this.clock = clock;
    this.leaseDuration = leaseDuration;
  }

  @Override
  public List<HostEvent> claim(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("claim at least 1 event, not " + limit);
    }
    Instant now = clock.instant();
    held.values().removeIf(lease -> !lease.expiresAt().isAfter(now));
    List<Event> claimed = storage.events().claim(limit, leaseDuration);
    claimed.forEach(event -> held.put(event.id(), Objects.requireNonNull(event.lease())));
    return claimed.stream().map(this::decode).toList();
  }

  @Override
  public void acknowledge(EventId id) {
    storage.events().acknowledge(id);
    held.remove(id);
  }

  @Override
  public void release(EventId id) {
    Lease lease = held.remove(id);
    if (lease != null) {
      storage.events().release(id, lease.token());
    }
  }

  @Override
  public Page<HostEvent> forUser(UserId audience, PageRequest page) {
    Page<Event> events = storage.events().forAudience(audience, page);
    return new Page<>(events.items().stream().map(this::decode).toList(), events.nextCursor());
  }

  /** Seals a token for entry {@code name} of event {@code id}. */
  public static byte[] seal(AtRestKey key, EventId id, String name, LinkToken token) {
    return EventSecrets.seal(key, id, name, token.reveal().getBytes(StandardCharsets.US_ASCII));
  }

  private HostEvent decode(Event event) {
    try {
      return decodeKnown(event);
    } catch (SecuPassException | IllegalArgumentException e) {
      LOG.warn("event {} of type {} cannot be read and is handed out as unrecognized: {}",
          event.id(), event.type(), e.getMessage());
      return new Unrecognized(event.id(), event.createdAt(), Person.of(event.audience()),
          event.type());
    }
  }

  private HostEvent decodeKnown(Event event) {
    EventPayload payload = EventPayload.decode(event.payload());
    EventId id = event.id();
    Instant at = event.createdAt();
    Person audience = payload.person(EventTypes.AUDIENCE, event.audience());
    return switch (event.type()) {
      case EventTypes.DELIVERY_NEW -> {
        SecurityLevel level = SecurityLevel.of(Integer.parseInt(required(payload,
            EventTypes.LEVEL)));
        yield new DeliveryReceived(id, at, audience, person(payload, EventTypes.SENDER),
            delivery(payload), level, payload.get(EventTypes.SUBJECT).orElse(null),
            token(event, payload, EventTypes.LINK_TOKEN),
            token(event, payload, EventTypes.INVITATION_TOKEN));
      }
      case EventTypes.SECUPASS_REQUIRED -> new SecuPassRequired(id, at,
          audience, person(payload, EventTypes.SENDER), delivery(payload));
      case EventTypes.GRANT_READY -> {
        String target = required(payload, EventTypes.TARGET);
        DeliveryId delivery = target.startsWith("delivery:")
            ? DeliveryId.of(target.substring("delivery:".length())) : null;
        RoomId room = target.startsWith("room:")
            ? RoomId.of(target.substring("room:".length())) : null;
        yield new GrantReady(id, at, audience, person(payload, EventTypes.RECIPIENT), delivery,
            room);
      }
      case EventTypes.DELIVERY_RELEASED -> new DeliveryReleased(id, at, audience,
          person(payload, EventTypes.SENDER), delivery(payload));
      case EventTypes.DELIVERY_DOWNLOADED -> new DeliveryDownloaded(id, at, audience,
          delivery(payload), FileId.of(required(payload, EventTypes.FILE)),
          payload.get(EventTypes.FILE_NAME).orElse(null),
          payload.person(EventTypes.DOWNLOADER).orElse(null));
      case EventTypes.DELIVERY_EXPIRED -> new DeliveryExpired(id, at, audience, delivery(payload));
      case EventTypes.ROOM_MEMBER_ADDED -> new RoomInvitation(id, at, audience, room(payload),
          person(payload, EventTypes.BY),
          RoomRole.valueOf(required(payload, EventTypes.ROLE).toUpperCase(Locale.ROOT)),
          "queued".equals(required(payload, EventTypes.ACCESS)));
      case EventTypes.ROOM_ACCESS_GRANTED -> new RoomAccessGranted(id, at, audience,
          room(payload), person(payload, EventTypes.BY));
      case EventTypes.ROOM_MEMBER_REMOVED -> new RoomMemberRemoved(id, at, audience,
          room(payload), person(payload, EventTypes.BY));
      case EventTypes.FIRST_CONTACT_REFUSED -> new FirstContactRefused(id, at, audience,
          person(payload, EventTypes.RECIPIENT), delivery(payload),
          FirstContactRefusedException.Reason.valueOf(
              required(payload, EventTypes.REASON).toUpperCase(Locale.ROOT)));
      case EventTypes.INVITATION_REUSED -> new InvitationReused(id, at, audience,
          person(payload, EventTypes.GUEST), delivery(payload));
      case EventTypes.KEY_LOG_ALARM -> new KeyLogAlarmRaised(id, at, audience,
          KeyLogAlarm.Kind.valueOf(required(payload, EventTypes.ALARM).toUpperCase(Locale.ROOT)),
          Long.parseLong(required(payload, EventTypes.ENTRY)));
      default -> new Unrecognized(id, at, audience, event.type());
    };
  }

  private @Nullable LinkToken token(Event event, EventPayload payload, String name) {
    return payload.sealed(name).map(sealed -> LinkToken.parse(new String(
        EventSecrets.open(atRestKey, event.id(), name, sealed), StandardCharsets.US_ASCII)))
        .orElse(null);
  }

  private static String required(EventPayload payload, String name) {
    return payload.get(name)
        .orElseThrow(() -> new IntegrityException("event payload lacks " + name));
  }

  private static Person person(EventPayload payload, String role) {
    return payload.person(role)
        .orElseThrow(() -> new IntegrityException("event payload lacks " + role));
  }

  private static DeliveryId delivery(EventPayload payload) {
    return DeliveryId.of(required(payload, EventTypes.DELIVERY));
  }

  private static RoomId room(EventPayload payload) {
    return RoomId.of(required(payload, EventTypes.ROOM));
  }
}
