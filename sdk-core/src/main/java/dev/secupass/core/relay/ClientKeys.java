package dev.secupass.core.relay;

import dev.secupass.api.KeyVersion;
import java.util.Arrays;
import java.util.Objects;

/**
 * One version of a user's keys as a client made them: the self-signed public-key bundle and the
 * private keys sealed under the user's SecuPass ({@code docs/format.md}, "Public-key bundle" and
 * "Private-key blob"), with the Argon2id cost the blob names. Nothing in it is secret to the
 * server: the blob opens only with the SecuPass, which never leaves the client.
 *
 * @param version the key version (1 at a first activation; a reset's keys are one higher)
 * @param publicKeys the encoded public-key bundle
 * @param sealedPrivateKeys the encoded private-key blob
 * @param kdf the Argon2id cost the blob was sealed with
 */
public record ClientKeys(KeyVersion version, byte[] publicKeys, byte[] sealedPrivateKeys,
    KdfCost kdf) {

  public ClientKeys {
    Objects.requireNonNull(version, "version");
    publicKeys = Objects.requireNonNull(publicKeys, "publicKeys").clone();
    sealedPrivateKeys = Objects.requireNonNull(sealedPrivateKeys, "sealedPrivateKeys").clone();
    Objects.requireNonNull(kdf, "kdf");
  }

  @Override
  public byte[] publicKeys() {
    return publicKeys.clone();
  }

  @Override
  public byte[] sealedPrivateKeys() {
    return sealedPrivateKeys.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientKeys k && version.equals(k.version)
        && Arrays.equals(publicKeys, k.publicKeys)
        && Arrays.equals(sealedPrivateKeys, k.sealedPrivateKeys) && kdf.equals(k.kdf);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, Arrays.hashCode(publicKeys));
  }

  @Override
  public String toString() {
    return "ClientKeys[version=" + version + ", kdf=" + kdf + "]";
  }
}
