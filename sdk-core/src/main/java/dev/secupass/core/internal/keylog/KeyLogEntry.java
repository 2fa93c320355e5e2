package dev.secupass.core.internal.keylog;

import dev.secupass.api.KeyLogException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A key log leaf ({@code docs/format.md}, "Key log leaf"), format version 1:
 *
 * <pre>
 * u8       0x01              leaf format version
 * u8       event             1 activation, 2 reset, 3 new public keys in the same version
 * u16+utf8 user id
 * u32      key version
 * u8[32]   SHA-256 of the public-key bundle as stored (docs/format.md, "Public-key bundle")
 * </pre>
 *
 * <p>The bundle itself stays in the key store; the leaf commits to it by hash, so leaves are small
 * and a reader of the log checks a bundle by hashing it.
 *
 * @param event what made this key version
 * @param user whose keys
 * @param version the key version
 * @param bundleHash SHA-256 of the bundle
 */
public record KeyLogEntry(Event event, UserId user, KeyVersion version, byte[] bundleHash) {
  /** The leaf format version written now. */
  public static final int FORMAT = 0x01;

  public KeyLogEntry {
    bundleHash = bundleHash.clone();
    if (bundleHash.length != 32) {
      throw new IllegalArgumentException("bundle hash must be 32 bytes");
    }
  }

  /** What made a key version; its code is the leaf's {@code event} byte. */
  public enum Event {
    ACTIVATION(1),
    RESET(2),
    KEY_CHANGE(3);

    private final int code;

    Event(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  /** The entry for a stored bundle. */
  public static KeyLogEntry of(Event event, UserId user, KeyVersion version, byte[] bundle) {
    return new KeyLogEntry(event, user, version, Hashes.sha256(bundle));
  }

  @Override
  public byte[] bundleHash() {
    return bundleHash.clone();
  }

  /** Whether this entry commits to {@code bundle}. */
  public boolean commitsTo(byte[] bundle) {
    return MessageDigest.isEqual(bundleHash, Hashes.sha256(bundle));
  }

  public byte[] encode() {
    return new ByteWriter(48 + user.value().length()).u8(FORMAT).u8(event.code)
        .string(user.value()).u32(version.value()).bytes(bundleHash).toByteArray();
  }

  /**
   * Decodes a leaf.
   *
   * @throws KeyLogException of kind BAD_CHECKPOINT if it is malformed or of an unknown format
   */
  public static KeyLogEntry decode(byte[] leaf) {
    ByteReader in = new ByteReader(leaf, message ->
        new KeyLogException(KeyLogException.Kind.BAD_CHECKPOINT,
            "a key log entry is malformed: " + message));
    int format = in.u8();
    if (format != FORMAT) {
      throw in.malformed("unknown format " + format);
    }
    int code = in.u8();
    Event event = Arrays.stream(Event.values()).filter(e -> e.code == code).findFirst()
        .orElseThrow(() -> in.malformed("unknown event " + code));
    String user = in.string("the user id");
    long version = in.u32();
    if (version < 1 || version > Integer.MAX_VALUE) {
      throw in.malformed("key version out of range");
    }
    byte[] hash = in.bytes(32, "the bundle hash");
    in.end("the entry");
    UserId id;
    try {
      id = UserId.of(user);
    } catch (IllegalArgumentException e) {
      throw in.malformed("invalid user id");
    }
    return new KeyLogEntry(event, id, KeyVersion.of((int) version), hash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyLogEntry e && event == e.event && user.equals(e.user)
        && version.equals(e.version) && Arrays.equals(bundleHash, e.bundleHash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bundleHash);
  }

  @Override
  public String toString() {
    return "KeyLogEntry[" + event + ", " + user + ", " + version + "]";
  }
}
