package dev.secupass.core.keys;

/**
 * Which key pairs new SecuPass keys get, set with {@code SecuPassSdk.Builder.keySuite}.
 *
 * <p>{@link #X_WING}, the default, is post-quantum: activations and resets make an X-Wing
 * (ML-KEM-768 + X25519) key beside the X25519 and Ed25519 keys, and a user whose keys are older
 * gets an X-Wing key added to the same key version at their next unlock (their fingerprint stays,
 * so others' verification of them carries over). Content keys wrapped to such a user are then
 * protected against an attacker who records them today and holds a quantum computer later.
 * Signatures stay Ed25519 in both suites.
 *
 * <p>{@link #CLASSICAL} keeps X25519 and Ed25519 only, for hosts that must interoperate with
 * readers that do not know X-Wing yet; it neither makes nor adds X-Wing keys. Users who already
 * have one keep it, and envelopes to them stay X-Wing: a sender never wraps with a weaker method
 * than the recipient's keys offer.
 */
public enum KeySuite {
  /** X-Wing, X25519 and Ed25519 keys (suite 2 in {@code docs/format.md}); the default. */
  X_WING,
  /** X25519 and Ed25519 keys only (suite 1). */
  CLASSICAL
}
