package dev.secupass.samples.host;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.TinkAtRestKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The host's at-rest key of the embedded default: a Tink AES-256-GCM keyset in a file of the data
 * folder, created on first use, readable by its owner only.
 *
 * <p>This keeps the sample self-contained, at a price the threat model spells out: whoever can read
 * the data folder holds both the storage and this key, and so reads level 1 and 2 deliveries. A
 * real deployment keeps the key in a KMS ({@link TinkAtRestKey#of(com.google.crypto.tink.Aead)}
 * with the KMS's {@code Aead}), away from the database and the blobs.
 */
public final class AtRestKeyFile {
  /** The file's name in the data folder. */
  public static final String FILE_NAME = "at-rest-key.json";

  /**
   * The system property that parses the key file when it is loaded, as before, instead of on the
   * key's first use (for start-up comparisons: {@code samples/cli/startup-time.sh}).
   */
  public static final String EAGER = "secupass.samples.eagerAtRestKey";

  /** What every Tink JSON keyset has: its primary key's id, and a list of keys. */
  private static final Pattern PRIMARY_KEY_ID = Pattern.compile("\"primaryKeyId\"\\s*:\\s*-?\\d");
  private static final Pattern KEYS = Pattern.compile("\"key\"\\s*:\\s*\\[");

  private AtRestKeyFile() {}

  /**
   * Loads the key in {@code file}, or creates it (owner-only) if there is none. The file is read
   * and its shape checked now; Tink parses it when the key is first used, so that a command that
   * never seals or opens with it (listing an inbox) does not load Tink's AEAD code at all.
   *
   * @throws HostSetupException if the file cannot be read or written, is readable by others, or
   *     does not hold an AEAD keyset (the shape now; anything else Tink refuses at first use)
   */
  public static AtRestKey loadOrCreate(Path file) {
    String json;
    try {
      if (!Files.exists(file)) {
        byte[] keyset = newKeyset();
        try {
          OwnerOnly.createFile(file, keyset);
        } finally {
          Arrays.fill(keyset, (byte) 0);
        }
      }
      if (OwnerOnly.openToOthers(file)) {
        throw new HostSetupException("the at-rest key file " + file + " may be read by others;"
            + " make it its owner's only (chmod 600)");
      }
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | GeneralSecurityException e) {
      throw new HostSetupException("cannot read or create the at-rest key file " + file + ": "
          + e.getMessage());
    }
    if (!json.strip().startsWith("{") || !PRIMARY_KEY_ID.matcher(json).find()
        || !KEYS.matcher(json).find()) {
      throw notAKeyset(file);
    }
    LazyKey key = new LazyKey(file, json);
    if (Boolean.getBoolean(EAGER)) {
      key.key();
    }
    return key;
  }

  private static HostSetupException notAKeyset(Path file) {
    return new HostSetupException("the at-rest key file " + file + " does not hold a Tink AEAD"
        + " keyset");
  }

  /** The key of a file, parsed by Tink on first use. */
  private static final class LazyKey implements AtRestKey {
    private final Path file;
    private @Nullable String json;
    private volatile @Nullable AtRestKey key;

    LazyKey(Path file, String json) {
      this.file = file;
      this.json = json;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
      return key().encrypt(plaintext, associatedData);
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
      return key().decrypt(ciphertext, associatedData);
    }

    AtRestKey key() {
      AtRestKey parsed = key;
      if (parsed != null) {
        return parsed;
      }
      synchronized (this) {
        if (key == null) {
          try {
            key = TinkAtRestKey.of(TinkJsonProtoKeysetFormat.parseKeyset(
                Objects.requireNonNull(json), AeadConfig2026.get(),
                InsecureSecretKeyAccess.get()));
          } catch (GeneralSecurityException | RuntimeException e) {
            throw notAKeyset(file);
          }
          json = null;
        }
        return Objects.requireNonNull(key);
      }
    }

    @Override
    public String toString() {
      return "the at-rest key in " + file;
    }
  }

  /** A new keyset in the clear, as Tink's JSON: this file is the sample's stand-in for a KMS. */
  private static byte[] newKeyset() throws GeneralSecurityException {
    KeysetHandle fresh = TinkAtRestKey.newKeyset();
    return TinkJsonProtoKeysetFormat.serializeKeyset(fresh, AeadConfig2026.get(),
        InsecureSecretKeyAccess.get()).getBytes(StandardCharsets.UTF_8);
  }
}
