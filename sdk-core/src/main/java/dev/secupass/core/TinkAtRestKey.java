package dev.secupass.core;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.SecuPassException;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * An {@link AtRestKey} on Google Tink: a keyset of AEAD keys (rotation keeps old ciphertext
 * readable), or any Tink {@link Aead}, such as one a {@code KmsClient} returns for a KMS key.
 *
 * <p>Tink resolves keyset primitives through its process-wide registry; the factories register
 * Tink's AEAD key types there ({@code AeadConfig.register()}, idempotent) and nothing else.
 *
 * <pre>{@code
 * KeysetHandle keyset = TinkProtoKeysetFormat.parseEncryptedKeyset(stored, kmsAead, context);
 * AtRestKey atRest = TinkAtRestKey.of(keyset);
 * }</pre>
 */
public final class TinkAtRestKey implements AtRestKey {
  private final Aead aead;

  private TinkAtRestKey(Aead aead) {
    this.aead = aead;
  }

  /** Uses {@code aead} as it is (for example a KMS key's {@link Aead}). */
  public static TinkAtRestKey of(Aead aead) {
    return new TinkAtRestKey(Objects.requireNonNull(aead, "aead"));
  }

  /**
   * Uses the primary key of an AEAD keyset for new ciphertext and every key of it for old.
   *
   * @throws IllegalArgumentException if the keyset holds no AEAD keys
   */
  public static TinkAtRestKey of(KeysetHandle keyset) {
    Objects.requireNonNull(keyset, "keyset");
    try {
      AeadConfig.register();
      return new TinkAtRestKey(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the keyset is not an AEAD keyset: " + e.getMessage());
    }
  }

  /**
   * A fresh AES-256-GCM keyset held only in memory: for tests and quick starts, since everything
   * encrypted under it is lost with the process. Production hosts load a keyset kept in a KMS.
   */
  public static TinkAtRestKey generate() {
    try {
      AeadConfig.register();
      return of(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink cannot generate an AES-256-GCM keyset", e);
    }
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    try {
      return aead.encrypt(plaintext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new SecuPassException("the at-rest key failed to encrypt", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
    try {
      return aead.decrypt(ciphertext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IntegrityException("data sealed under the host's at-rest key does not decrypt: it"
          + " was altered, moved, or sealed under another key");
    }
  }

  @Override
  public String toString() {
    return "TinkAtRestKey";
  }
}
