package dev.secupass.core.relay;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import java.util.Arrays;
import java.util.Objects;

/**
 * A client's pin of someone's keys ({@link ClientRelay#pin}, {@link ClientRelay#savePin}): the
 * subject's key version and fingerprint the observer verified, and the observer's seal over them
 * ({@code docs/format.md}, "Key-pin seal"), a MAC under a key only the observer's private keys
 * give. The server stores it in the same key store as the Java SDK's own pins, so a user's pins
 * are the same in the browser and in Java; it cannot make or alter one unnoticed, only lose it.
 *
 * @param subject whose keys
 * @param version their key version
 * @param fingerprint their fingerprint
 * @param seal the observer's seal (version 1 or 2)
 */
public record ClientPin(UserId subject, KeyVersion version, Fingerprint fingerprint, byte[] seal) {
  /** The largest seal accepted: version 2 with 64 earlier pins of 16-group fingerprints. */
  public static final int MAX_SEAL_SIZE = 8 * 1024;

  public ClientPin {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(fingerprint, "fingerprint");
    seal = Objects.requireNonNull(seal, "seal").clone();
  }

  @Override
  public byte[] seal() {
    return seal.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientPin p && subject.equals(p.subject) && version.equals(p.version)
        && fingerprint.equals(p.fingerprint) && Arrays.equals(seal, p.seal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(subject, version, fingerprint);
  }

  @Override
  public String toString() {
    return "ClientPin[subject=" + subject + ", version=" + version + "]";
  }
}
