package dev.secupass.core.internal.crypto;

import dev.secupass.api.UnsupportedFormatException;

/** What a {@link SignedStatement} holds, with the stored type codes. */
public enum SignedType {
  /** A delivery manifest, signed by the sender ({@link DeliveryManifest}). */
  DELIVERY_MANIFEST(1),
  /** An entry of a room's membership log, signed by the member who made the change. */
  MEMBERSHIP_ENTRY(2),
  /** A data-room entry's metadata, signed by the member who wrote it (version 2). */
  ROOM_ENTRY(3),
  /** That the sender withdrew a delivery, signed by the sender (levels 3-4). */
  WITHDRAWAL(4),
  /**
   * The key-log checkpoint the signer's SDK last relied on, published for the users who read
   * what the signer signs (docs/key-log.md, "Checkpoint exchange"). Code 5 is kept for the
   * planned room-name statement.
   */
  KEY_LOG_CHECKPOINT(6);

  private final int code;

  SignedType(int code) {
    this.code = code;
  }

  /** The byte stored for this type. */
  public int code() {
    return code;
  }

  /** The type with {@code code}; {@link UnsupportedFormatException} if there is none. */
  public static SignedType of(int code) {
    for (SignedType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    throw new UnsupportedFormatException("unsupported signed statement type " + code);
  }
}
