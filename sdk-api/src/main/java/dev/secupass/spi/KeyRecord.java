package dev.secupass.spi;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One version of a user's SecuPass key pair as stored: the public keys in the clear, the private
 * keys only as an encrypted blob.
 *
 * <p>{@code revision} is the store's compare-and-set counter: a record read from the store carries
 * the revision it was read at, and {@link KeyStore#update} succeeds only if that is still the
 * stored one. A record not yet stored has revision {@code 0}.
 *
 * @param user whose keys these are
 * @param version the key generation (a reset adds one)
 * @param state active or retired
 * @param publicKeys the encoded public-key bundle (format in {@code docs/format.md})
 * @param encryptedPrivateKeys the private keys encrypted under the SecuPass-derived key
 * @param kdf the key-derivation cost of that encryption
 * @param revision compare-and-set counter, 0 before the first store
 * @param createdAt when this version was made
 */
public record KeyRecord(
    UserId user,
    KeyVersion version,
    KeyState state,
    byte[] publicKeys,
    byte[] encryptedPrivateKeys,
    KdfParameters kdf,
    long revision,
    Instant createdAt) {

  public KeyRecord {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(state, "state");
    publicKeys = Bytes.copy(publicKeys, "publicKeys");
    encryptedPrivateKeys = Bytes.copy(encryptedPrivateKeys, "encryptedPrivateKeys");
    Objects.requireNonNull(kdf, "kdf");
    Objects.requireNonNull(createdAt, "createdAt");
    if (revision < 0) {
      throw new IllegalArgumentException("revision must not be negative");
    }
  }

  @Override
  public byte[] publicKeys() {
    return publicKeys.clone();
  }

  @Override
  public byte[] encryptedPrivateKeys() {
    return encryptedPrivateKeys.clone();
  }

  /** This record with another state. */
  public KeyRecord withState(KeyState newState) {
    return new KeyRecord(
        user, version, newState, publicKeys, encryptedPrivateKeys, kdf, revision, createdAt);
  }

  /** This record with another encrypted private-key blob and KDF cost (a changed SecuPass). */
  public KeyRecord withEncryptedPrivateKeys(byte[] blob, KdfParameters newKdf) {
    return new KeyRecord(user, version, state, publicKeys, blob, newKdf, revision, createdAt);
  }

  /**
   * This record with other public keys, encrypted private-key blob and KDF cost (a post-quantum
   * key added to the same key version).
   */
  public KeyRecord withKeys(byte[] newPublicKeys, byte[] blob, KdfParameters newKdf) {
    return new KeyRecord(user, version, state, newPublicKeys, blob, newKdf, revision, createdAt);
  }

  /** This record as stored at {@code newRevision}. */
  public KeyRecord withRevision(long newRevision) {
    return new KeyRecord(
        user, version, state, publicKeys, encryptedPrivateKeys, kdf, newRevision, createdAt);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyRecord r
        && user.equals(r.user)
        && version.equals(r.version)
        && state == r.state
        && Arrays.equals(publicKeys, r.publicKeys)
        && Arrays.equals(encryptedPrivateKeys, r.encryptedPrivateKeys)
        && kdf.equals(r.kdf)
        && revision == r.revision
        && createdAt.equals(r.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(user, version, state, Arrays.hashCode(publicKeys), revision);
  }

  @Override
  public String toString() {
    return "KeyRecord[user=" + user + ", version=" + version + ", state=" + state
        + ", revision=" + revision + ", kdf=" + kdf + "]";
  }
}
