package dev.secupass.spi;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.RoomId;
import java.util.Objects;

/**
 * What a grant gives access to: a delivery's content key or a data room's key.
 *
 * @param kind delivery or room
 * @param id the delivery's or room's identifier value
 */
public record GrantTarget(Kind kind, String id) {
  /** The kinds of things a grant can give access to. */
  public enum Kind {
    DELIVERY,
    ROOM
  }

  public GrantTarget {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    // Re-use the identifier validation of the typed ids.
    if (kind == Kind.DELIVERY) {
      DeliveryId.of(id);
    } else {
      RoomId.of(id);
    }
  }

  public static GrantTarget delivery(DeliveryId delivery) {
    return new GrantTarget(Kind.DELIVERY, delivery.value());
  }

  public static GrantTarget room(RoomId room) {
    return new GrantTarget(Kind.ROOM, room.value());
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
  }
}
