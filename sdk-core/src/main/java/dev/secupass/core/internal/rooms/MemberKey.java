package dev.secupass.core.internal.rooms;

import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.format.ByteWriter;
import java.util.Arrays;
import java.util.Objects;

/**
 * A member's SecuPass key as the membership log records it: the key version and a SHA-256 digest
 * of the user and the public keys ({@code docs/data-rooms.md}, "Member key digest").
 *
 * @param version the key version
 * @param digest 32 bytes
 */
public record MemberKey(KeyVersion version, byte[] digest) {
  /** Length of the digest in bytes. */
  public static final int DIGEST_SIZE = 32;

  private static final byte[] LABEL = Labels.of(RoomLabels.MEMBER_KEY);

  public MemberKey {
    Objects.requireNonNull(version, "version");
    if (digest.length != DIGEST_SIZE) {
      throw new IllegalArgumentException("a member key digest is " + DIGEST_SIZE + " bytes");
    }
    digest = digest.clone();
  }

  /** The record of {@code keys}. */
  public static MemberKey of(PublicKeys keys) {
    return new MemberKey(keys.version(), digest(keys.user(), keys));
  }

  /** Whether {@code keys} are the keys this record names. */
  public boolean matches(PublicKeys keys) {
    return version.equals(keys.version())
        && Hashes.constantTimeEquals(digest, digest(keys.user(), keys));
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  private static byte[] digest(UserId user, PublicKeys keys) {
    byte[] input = new ByteWriter(128)
        .bytes(LABEL)
        .string(user.value())
        .u32(keys.version().value())
        .bytes(keys.encryptionKey())
        .bytes(keys.signingKey())
        .toByteArray();
    return Hashes.sha256(input);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemberKey k && version.equals(k.version) && Arrays.equals(digest, k.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, Arrays.hashCode(digest));
  }

  @Override
  public String toString() {
    return "MemberKey[" + version + "]";
  }
}
