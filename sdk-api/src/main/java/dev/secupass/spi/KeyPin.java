package dev.secupass.spi;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The key an observer first used for a subject (trust on first use). The SDK refuses a subject key
 * that does not match the pin until the observer re-verifies explicitly.
 *
 * @param observer who pinned
 * @param subject whose key is pinned
 * @param version the subject's key version that was pinned
 * @param fingerprint the fingerprint of that key
 * @param pinnedAt when
 * @param seal the observer's authentication of this pin, so a storage operator cannot rewrite it
 *     unnoticed (opaque to stores, which keep it as given, empty included; the SDK treats an empty
 *     or altered seal as tampering)
 */
public record KeyPin(
    UserId observer,
    UserId subject,
    KeyVersion version,
    Fingerprint fingerprint,
    Instant pinnedAt,
    byte[] seal) {

  public KeyPin {
    Objects.requireNonNull(observer, "observer");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(pinnedAt, "pinnedAt");
    seal = Bytes.copy(seal, "seal");
  }

  @Override
  public byte[] seal() {
    return seal.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyPin p
        && observer.equals(p.observer)
        && subject.equals(p.subject)
        && version.equals(p.version)
        && fingerprint.equals(p.fingerprint)
        && pinnedAt.equals(p.pinnedAt)
        && Arrays.equals(seal, p.seal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observer, subject, version, fingerprint);
  }

  @Override
  public String toString() {
    return "KeyPin[observer=" + observer + ", subject=" + subject + ", version=" + version
        + ", fingerprint=" + fingerprint + "]";
  }
}
