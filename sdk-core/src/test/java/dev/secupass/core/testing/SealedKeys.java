package dev.secupass.core.testing;

import dev.secupass.api.UserId;
import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.relay.ClientKeys;
import dev.secupass.spi.KdfParameters;
import java.nio.charset.StandardCharsets;

/**
 * Opens a client's sealed private keys with its SecuPass, for tests that search everything a
 * server received and stored for those keys (a host never can: it has no SecuPass).
 */
public final class SealedKeys {
  private SealedKeys() {}

  /**
   * The private-key bytes of {@code keys} (X25519 private key || Ed25519 seed, then the X-Wing
   * seed for suite 2), opened with {@code secuPass}.
   */
  public static byte[] secrets(UserId user, ClientKeys keys, String secuPass) {
    KdfParameters kdf = new KdfParameters("argon2id", keys.kdf().memoryKiB(),
        keys.kdf().iterations(), keys.kdf().parallelism());
    try (PrivateKeys opened = KeyBlob.open(keys.sealedPrivateKeys(), user, keys.version(), kdf,
        secuPass.getBytes(StandardCharsets.UTF_8))) {
      return opened.secrets();
    }
  }
}
