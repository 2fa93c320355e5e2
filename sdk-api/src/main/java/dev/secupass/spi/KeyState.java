package dev.secupass.spi;

/** The state of one version of a user's key pair. */
public enum KeyState {
  /** The user's current key pair: the only one new envelopes are wrapped to. */
  ACTIVE,
  /** Replaced by a reset; kept so that the history and old signatures can be checked. */
  RETIRED
}
