package dev.secupass.core;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.SecuPassException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * An {@link AtRestKey} on Google Tink: a keyset of AEAD keys (rotation keeps old ciphertext
 * readable), or any Tink {@link Aead}, such as one a {@code KmsClient} returns for a KMS key.
 *
 * <p>It never uses Tink's process-wide registry: keysets are made, written, read and turned into
 * an {@link Aead} through Tink's fixed AEAD configuration ({@code AeadConfig2026}), so what it does
 * depends on nothing else the host registered, and it registers nothing.
 *
 * <p>Make the keyset once, keep it encrypted under a key-encryption key that lives elsewhere
 * (a KMS key's {@link Aead}), and read it at every start:
 *
 * <pre>{@code
 * byte[] kept = TinkAtRestKey.writeKeyset(TinkAtRestKey.newKeyset(), kmsAead);  // once
 * AtRestKey atRest = TinkAtRestKey.of(TinkAtRestKey.readKeyset(kept, kmsAead));  // each start
 * }</pre>
 *
 * <p>Whoever holds this key and the storage reads level 1 and 2 deliveries: never keep the keyset
 * in the clear beside the database or the blob store.
 */
public final class TinkAtRestKey implements AtRestKey {
  /** Binds a written keyset to this use: a keyset encrypted for another purpose is refused. */
  private static final byte[] KEYSET_CONTEXT =
      "SecuPass at-rest keyset v1".getBytes(StandardCharsets.UTF_8);

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
      return new TinkAtRestKey(keyset.getPrimitive(configuration(), Aead.class));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the keyset is not an AEAD keyset: " + e.getMessage());
    }
  }

  /**
   * A fresh AES-256-GCM key held only in memory: for tests and quick starts, since everything
   * encrypted under it is lost with the process. Production hosts keep a keyset ({@link
   * #newKeyset()}, {@link #writeKeyset}, {@link #readKeyset}).
   */
  public static TinkAtRestKey generate() {
    return of(newKeyset());
  }

  /** A new keyset with one AES-256-GCM key (Tink's {@code AES256_GCM}), its primary. */
  public static KeysetHandle newKeyset() {
    try {
      return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, configuration());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink cannot generate an AES-256-GCM keyset", e);
    }
  }

  /**
   * The keyset encrypted under {@code keyEncryptionKey}, in Tink's binary keyset format: safe to
   * store anywhere, since only that key opens it. Read it back with {@link #readKeyset}.
   *
   * @param keyEncryptionKey an AEAD kept apart from the storage, such as a KMS key's
   * @throws SecuPassException if the key-encryption key fails
   */
  public static byte[] writeKeyset(KeysetHandle keyset, Aead keyEncryptionKey) {
    Objects.requireNonNull(keyset, "keyset");
    Objects.requireNonNull(keyEncryptionKey, "keyEncryptionKey");
    try {
      return TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, keyEncryptionKey,
          KEYSET_CONTEXT, configuration());
    } catch (GeneralSecurityException e) {
      throw new SecuPassException("the key-encryption key failed to encrypt the at-rest keyset",
          e);
    }
  }

  /**
   * Reads a keyset that {@link #writeKeyset} wrote under the same key-encryption key.
   *
   * @throws IntegrityException if the bytes were altered, are not such a keyset, or were written
   *     under another key-encryption key
   */
  public static KeysetHandle readKeyset(byte[] written, Aead keyEncryptionKey) {
    Objects.requireNonNull(written, "written");
    Objects.requireNonNull(keyEncryptionKey, "keyEncryptionKey");
    try {
      return TinkProtoKeysetFormat.parseEncryptedKeyset(written, keyEncryptionKey,
          KEYSET_CONTEXT, configuration());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IntegrityException("the stored at-rest keyset does not decrypt: it was altered,"
          + " is not a keyset, or was written under another key-encryption key");
    }
  }

  private static Configuration configuration() {
    return AeadConfig2026.get();
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
