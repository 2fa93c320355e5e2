package dev.secupass.core.internal.crypto;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.RoomId;
import dev.secupass.api.SecurityLevel;
import java.util.Objects;

/**
 * What a wrapped key belongs to: a delivery's content key (with the delivery's level) or a room's
 * key of one epoch. It is part of the envelope's HPKE {@code info} and of its signature, so an
 * envelope cannot be moved to another delivery, room or epoch, or relabelled with another level.
 *
 * @param purpose what key the envelope holds
 * @param scope the delivery or room identifier: a valid {@link DeliveryId} or {@link RoomId}
 * @param level the delivery's security level number 1-4, or 0 for a room key
 * @param epoch the room-key epoch, or 0 for a delivery
 */
public record EnvelopeContext(Purpose purpose, String scope, int level, int epoch) {

  /** The kinds of wrapped keys, with their stored codes. */
  public enum Purpose {
    /** A delivery's content key. */
    DELIVERY_KEY(1),
    /** A room's key of one epoch. */
    ROOM_EPOCH_KEY(2);

    private final int code;

    Purpose(int code) {
      this.code = code;
    }

    /** The byte stored for this purpose. */
    public int code() {
      return code;
    }
  }

  public EnvelopeContext {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(scope, "scope");
    boolean delivery = purpose == Purpose.DELIVERY_KEY;
    // The identifier grammar of the id records, the one check every codec shares.
    if (delivery) {
      DeliveryId.of(scope);
    } else {
      RoomId.of(scope);
    }
    if (delivery ? level < 1 || level > 4 || epoch != 0 : level != 0 || epoch < 1) {
      throw new IllegalArgumentException(delivery
          ? "a delivery key envelope needs level 1-4 and epoch 0"
          : "a room key envelope needs level 0 and an epoch of 1 or more");
    }
  }

  /** A delivery's content key. */
  public static EnvelopeContext delivery(DeliveryId delivery, SecurityLevel level) {
    return new EnvelopeContext(Purpose.DELIVERY_KEY, delivery.value(), level.number(), 0);
  }

  /** A room's key of {@code epoch}. */
  public static EnvelopeContext roomEpoch(RoomId room, int epoch) {
    return new EnvelopeContext(Purpose.ROOM_EPOCH_KEY, room.value(), 0, epoch);
  }
}
