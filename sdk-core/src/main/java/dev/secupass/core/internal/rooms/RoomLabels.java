package dev.secupass.core.internal.rooms;

/**
 * The domain-separation labels of the data-room formats ({@code docs/data-rooms.md}), encoded
 * with {@link dev.secupass.core.internal.crypto.Labels#of}.
 */
final class RoomLabels {
  /** Hash prefix of the membership chain. */
  static final String CHAIN = "SecuPass membership chain v1";
  /** Hash prefix of a member key digest. */
  static final String MEMBER_KEY = "SecuPass member key v1";

  private RoomLabels() {}
}
