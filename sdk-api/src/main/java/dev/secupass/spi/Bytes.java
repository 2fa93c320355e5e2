package dev.secupass.spi;

import java.util.Objects;

/** Defensive copies for the records of this package. Not part of the SPI. */
final class Bytes {
  private Bytes() {}

  static byte[] copy(byte[] bytes, String name) {
    return Objects.requireNonNull(bytes, name).clone();
  }
}
