package dev.secupass.core.internal.events;

import dev.secupass.api.EventId;
import dev.secupass.api.UserId;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.events.Events;
import dev.secupass.core.events.HostEvent;
import dev.secupass.spi.Event;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@link Events} on the storage's outbox, unsealing secrets with the host's at-rest key. */
public final class OutboxEvents implements Events {
  private final Storage storage;
  private final AtRestKey atRestKey;

  public OutboxEvents(Storage storage, AtRestKey atRestKey) {
    this.storage = storage;
    this.atRestKey = atRestKey;
  }

  @Override
  public List<HostEvent> pending(int limit) {
    return storage.events().pending(limit).stream().map(this::decode).toList();
  }

  @Override
  public void acknowledge(EventId id) {
    storage.events().acknowledge(id);
  }

  @Override
  public Page<HostEvent> forUser(UserId audience, PageRequest page) {
    Page<Event> events = storage.events().forAudience(audience, page);
    return new Page<>(events.items().stream().map(this::decode).toList(), events.nextCursor());
  }

  private HostEvent decode(Event event) {
    EventPayload payload = EventPayload.decode(event.payload());
    return new HostEvent(event.id(), event.type(), event.audience(), event.createdAt(),
        payload.clear(), name -> payload.sealed(name).map(sealed -> LinkToken.parse(new String(
            EventSecrets.open(atRestKey, event.id(), name, sealed), StandardCharsets.US_ASCII))));
  }

  /** Seals a token for entry {@code name} of event {@code id}. */
  public static byte[] seal(AtRestKey key, EventId id, String name, LinkToken token) {
    return EventSecrets.seal(key, id, name, token.reveal().getBytes(StandardCharsets.US_ASCII));
  }
}
