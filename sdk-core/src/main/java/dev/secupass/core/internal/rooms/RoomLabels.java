package dev.secupass.core.internal.rooms;

import dev.secupass.core.internal.crypto.Labels;

/** The domain-separation labels of the data-room formats ({@code docs/data-rooms.md}). */
final class RoomLabels {
  /** Hash prefix of the membership chain. */
  static final String CHAIN = "SecuPass membership chain v1";
  /** Hash prefix of a member key digest. */
  static final String MEMBER_KEY = "SecuPass member key v1";

  private RoomLabels() {}

  /** The label's bytes followed by a zero byte, as {@link Labels#of}. */
  static byte[] of(String label) {
    return Labels.of(label);
  }
}
