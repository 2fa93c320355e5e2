package dev.secupass.atrest;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.StorageException;
import dev.secupass.core.AtRestKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * An {@link AtRestKey} in a hardware security module over PKCS#11, through the JDK's SunPKCS11
 * provider: an AES-256 key that never leaves the HSM encrypts with AES-GCM inside it. Whoever
 * copies the database and the blob store without the HSM reads nothing of levels 1 and 2.
 *
 * <p>A ciphertext is {@code nonce (12 random bytes) || AES-256-GCM ciphertext || tag (16 bytes)},
 * with the associated data as given. The nonce is random, so a key should seal fewer than 2^32
 * records; rotate it (an {@link dev.secupass.core.AtRestKeyRing}) well before.
 *
 * <pre>{@code
 * // pkcs11.cfg: name = hsm / library = /usr/lib/softhsm/libsofthsm2.so / slot = 0
 * Provider hsm = Pkcs11AtRestKey.provider(Path.of("pkcs11.cfg"));
 * Pkcs11AtRestKey.createKey(hsm, pin, "secupass-at-rest-2026-12");   // once, or with HSM tools
 * AtRestKey atRest = Pkcs11AtRestKey.open(hsm, pin, "secupass-at-rest-2026-12");  // each start
 * }</pre>
 *
 * <p>Failures: data that was altered, moved or sealed under another key is an {@link
 * IntegrityException}; an HSM that fails (a lost session, a removed token) is a {@link
 * StorageException}. Safe for use by many threads: each call takes a cipher of its own, and the
 * provider pools the HSM's sessions.
 */
public final class Pkcs11AtRestKey implements AtRestKey {
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Provider provider;
  private final Key key;
  private final String label;
  private final SecureRandom random = new SecureRandom();

  private Pkcs11AtRestKey(Provider provider, Key key, String label) {
    this.provider = provider;
    this.key = key;
    this.label = label;
  }

  /**
   * The JDK's SunPKCS11 provider configured by {@code configFile} (its format: the JDK's PKCS#11
   * reference guide), ready for {@link #open}.
   *
   * @throws IllegalArgumentException if the file is missing or the provider refuses it
   * @throws IllegalStateException if this JDK has no SunPKCS11 provider
   */
  public static Provider provider(Path configFile) {
    Objects.requireNonNull(configFile, "configFile");
    if (!Files.isRegularFile(configFile)) {
      throw new IllegalArgumentException("no PKCS#11 configuration file at " + configFile);
    }
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      throw new IllegalStateException("this JDK has no SunPKCS11 provider");
    }
    try {
      return base.configure(configFile.toString());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the PKCS#11 provider refused the configuration in "
          + configFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * Signs in to the HSM with {@code pin} and finds the AES key labelled {@code label}.
   *
   * @param pin the token's user PIN; this method does not keep it (the provider's session does)
   * @throws StorageException (not retryable) if the PIN is wrong or the slot holds no token: the
   *     host's configuration is wrong
   * @throws dev.secupass.api.NotFoundException if the token holds no secret key of that label
   */
  public static Pkcs11AtRestKey open(Provider provider, char[] pin, String label) {
    Objects.requireNonNull(label, "label");
    KeyStore store = signIn(provider, pin);
    Key key;
    try {
      key = store.getKey(label, null);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new StorageException("the HSM failed to find the at-rest key \"" + label + "\"", false,
          e);
    }
    if (!(key instanceof SecretKey) || !"AES".equals(key.getAlgorithm())) {
      throw new dev.secupass.api.NotFoundException("the HSM holds no AES key labelled \"" + label
          + "\"");
    }
    return new Pkcs11AtRestKey(provider, key, label);
  }

  /**
   * Makes a new AES-256 key in the HSM, labelled {@code label}, that cannot be exported.
   *
   * @throws dev.secupass.api.ConflictException if the token already holds an entry of that label
   */
  public static Pkcs11AtRestKey createKey(Provider provider, char[] pin, String label) {
    Objects.requireNonNull(label, "label");
    KeyStore store = signIn(provider, pin);
    try {
      if (store.containsAlias(label)) {
        throw new dev.secupass.api.ConflictException("the HSM already holds a key labelled \""
            + label + "\"");
      }
      KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
      generator.init(256);
      SecretKey session = generator.generateKey();
      store.setEntry(label, new KeyStore.SecretKeyEntry(session), null);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new StorageException("the HSM failed to make the at-rest key \"" + label + "\"", false,
          e);
    }
    return open(provider, pin, label);
  }

  private static KeyStore signIn(Provider provider, char[] pin) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(pin, "pin");
    try {
      KeyStore store = KeyStore.getInstance("PKCS11", provider);
      store.load(null, pin);
      return store;
    } catch (IOException | GeneralSecurityException | ProviderException e) {
      throw new StorageException("signing in to the HSM failed (a wrong PIN, or no token in the"
          + " configured slot)", false, e);
    }
  }

  /** The key's label in the HSM. */
  public String label() {
    return label;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION, provider);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
      System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
      int written = cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
      return written == sealed.length - NONCE_BYTES ? sealed
          : Arrays.copyOf(sealed, NONCE_BYTES + written);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new StorageException("the HSM failed to encrypt with the at-rest key \"" + label
          + "\"", false, e);
    }
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
    if (ciphertext.length < NONCE_BYTES + TAG_BITS / 8) {
      throw damaged();
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION, provider);
      cipher.init(Cipher.DECRYPT_MODE, key,
          new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw damaged();
    } catch (GeneralSecurityException | ProviderException e) {
      throw new StorageException("the HSM failed to decrypt with the at-rest key \"" + label
          + "\"", false, e);
    }
  }

  private IntegrityException damaged() {
    return new IntegrityException("data sealed under the HSM at-rest key \"" + label + "\" does"
        + " not decrypt: it was altered, moved, or sealed under another key");
  }

  @Override
  public String toString() {
    return "Pkcs11AtRestKey[" + label + "]";
  }
}
