package dev.secupass.core;

/**
 * The host's key for what the SDK encrypts at rest but not end to end: the content keys of level 1
 * and 2 deliveries (inside their host-sealed manifests) and the secrets in event payloads (link and
 * invitation tokens). Whoever holds this key and the storage can read level 1 and 2 deliveries, so
 * keep it out of the database and the blob store: in a KMS, an HSM, or a Tink keyset encrypted under
 * one. {@link TinkAtRestKey} adapts a Tink keyset or any Tink {@link com.google.crypto.tink.Aead},
 * including a KMS-backed one.
 *
 * <p>Implementations are authenticated encryption with associated data: {@link #decrypt} succeeds
 * only for ciphertext {@link #encrypt} made under the same associated data, and key rotation must
 * keep old ciphertext readable (a Tink keyset does). Safe for use by many threads.
 */
public interface AtRestKey {

  /**
   * Encrypts {@code plaintext} bound to {@code associatedData}.
   *
   * @throws dev.secupass.api.SecuPassException if the key service fails
   */
  byte[] encrypt(byte[] plaintext, byte[] associatedData);

  /**
   * Decrypts what {@link #encrypt} made with the same associated data.
   *
   * @throws dev.secupass.api.IntegrityException if the ciphertext was altered, made under other
   *     associated data, or under a key this one does not hold
   */
  byte[] decrypt(byte[] ciphertext, byte[] associatedData);
}
