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

  private AtRestKeyFile() {}

  /**
   * Loads the key in {@code file}, or creates it (owner-only) if there is none.
   *
   * @throws HostSetupException if the file cannot be read or written, is readable by others, or
   *     does not hold an AEAD keyset
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
    try {
      return TinkAtRestKey.of(TinkJsonProtoKeysetFormat.parseKeyset(json, AeadConfig2026.get(),
          InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new HostSetupException("the at-rest key file " + file + " does not hold a Tink AEAD"
          + " keyset");
    }
  }

  /** A new keyset in the clear, as Tink's JSON: this file is the sample's stand-in for a KMS. */
  private static byte[] newKeyset() throws GeneralSecurityException {
    KeysetHandle fresh = TinkAtRestKey.newKeyset();
    return TinkJsonProtoKeysetFormat.serializeKeyset(fresh, AeadConfig2026.get(),
        InsecureSecretKeyAccess.get()).getBytes(StandardCharsets.UTF_8);
  }
}
