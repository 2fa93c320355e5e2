package dev.secupass.core.internal.crypto;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.api.SecurityLevel;
import java.util.Objects;

/**
 * What a piece of content belongs to. It is bound into the key of every content stream (see {@code
 * docs/format.md}), so ciphertext decrypts only in the context it was made for: it cannot be moved
 * to another delivery, room or file, used as another kind of content, or relabelled with a lower
 * security level.
 *
 * <p>Use the factory methods; the canonical constructor checks that the fields fit the purpose.
 *
 * @param purpose what the content is
 * @param scope the delivery or room identifier: a valid {@link DeliveryId} or {@link RoomId}
 * @param item the file or entry identifier (a valid {@link FileId}), or {@code ""} where the
 *     purpose has none
 * @param level the delivery's security level number 1-4, or 0 for room content
 * @param epoch the room-key epoch for content encrypted under a room key, otherwise 0
 */
public record ContentContext(Purpose purpose, String scope, String item, int level, int epoch) {

  /** The kinds of content, with their stored codes. */
  public enum Purpose {
    /** A delivery file's content, under the delivery's content key. */
    DELIVERY_FILE(1, true, false, true),
    /** A delivery file's name (level 4), under the delivery's content key. */
    DELIVERY_FILE_NAME(2, true, false, true),
    /** A delivery's subject and message (level 4), under the delivery's content key. */
    DELIVERY_DETAILS(3, false, false, true),
    /** A room file's content, under the file's own content key. */
    ROOM_FILE(4, true, false, false),
    /** A room folder's or file's name, under the room key of an epoch. */
    ROOM_ENTRY_NAME(5, true, true, false),
    /** A room's name, under the room key of an epoch. */
    ROOM_NAME(6, false, true, false),
    /** A room file's content key, wrapped under the room key of an epoch. */
    ROOM_FILE_KEY(7, true, true, false);

    private final int code;
    private final boolean hasItem;
    private final boolean hasEpoch;
    private final boolean delivery;

    Purpose(int code, boolean hasItem, boolean hasEpoch, boolean delivery) {
      this.code = code;
      this.hasItem = hasItem;
      this.hasEpoch = hasEpoch;
      this.delivery = delivery;
    }

    /** The byte stored for this purpose. */
    public int code() {
      return code;
    }
  }

  public ContentContext {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(item, "item");
    // The identifier grammar of the id records, the one check every codec shares.
    if (purpose.delivery) {
      DeliveryId.of(scope);
    } else {
      RoomId.of(scope);
    }
    if (purpose.hasItem) {
      FileId.of(item);
    } else if (!item.isEmpty()) {
      throw new IllegalArgumentException(purpose + " takes no item");
    }
    if (purpose.delivery ? level < 1 || level > 4 : level != 0) {
      throw new IllegalArgumentException(purpose + (purpose.delivery
          ? " needs a security level 1-4" : " takes level 0"));
    }
    if (purpose.hasEpoch ? epoch < 1 : epoch != 0) {
      throw new IllegalArgumentException(purpose + (purpose.hasEpoch
          ? " needs an epoch of 1 or more" : " takes epoch 0"));
    }
  }

  /** A delivery file's content. */
  public static ContentContext deliveryFile(DeliveryId delivery, FileId file, SecurityLevel level) {
    return new ContentContext(Purpose.DELIVERY_FILE, delivery.value(), file.value(),
        level.number(), 0);
  }

  /** A delivery file's name (encrypted at level 4). */
  public static ContentContext deliveryFileName(DeliveryId delivery, FileId file,
      SecurityLevel level) {
    return new ContentContext(Purpose.DELIVERY_FILE_NAME, delivery.value(), file.value(),
        level.number(), 0);
  }

  /** A delivery's subject and message (encrypted at level 4). */
  public static ContentContext deliveryDetails(DeliveryId delivery, SecurityLevel level) {
    return new ContentContext(Purpose.DELIVERY_DETAILS, delivery.value(), "", level.number(), 0);
  }

  /** A room file's content, under that file's own content key. */
  public static ContentContext roomFile(RoomId room, FileId file) {
    return new ContentContext(Purpose.ROOM_FILE, room.value(), file.value(), 0, 0);
  }

  /** A room entry's name, under the room key of {@code epoch}. */
  public static ContentContext roomEntryName(RoomId room, FileId entry, int epoch) {
    return new ContentContext(Purpose.ROOM_ENTRY_NAME, room.value(), entry.value(), 0, epoch);
  }

  /** A room's name, under the room key of {@code epoch}. */
  public static ContentContext roomName(RoomId room, int epoch) {
    return new ContentContext(Purpose.ROOM_NAME, room.value(), "", 0, epoch);
  }

  /** A room file's content key, wrapped under the room key of {@code epoch}. */
  public static ContentContext roomFileKey(RoomId room, FileId file, int epoch) {
    return new ContentContext(Purpose.ROOM_FILE_KEY, room.value(), file.value(), 0, epoch);
  }
}
