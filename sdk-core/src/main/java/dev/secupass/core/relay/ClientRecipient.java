package dev.secupass.core.relay;

import dev.secupass.api.Person;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A recipient as a sending client needs them: who they are (a new guest with the user id their
 * account will have) and, if they have a SecuPass, their current public-key bundle, which the
 * client checks against its own pin before it seals an envelope to it.
 *
 * @param person the recipient, as the manifest names them (by {@code person.user()})
 * @param publicKeys their active public-key bundle, or {@code null} if they have no SecuPass yet
 *     (the delivery then queues a grant for them)
 */
public record ClientRecipient(Person person, byte @Nullable [] publicKeys) {
  public ClientRecipient {
    java.util.Objects.requireNonNull(person, "person");
    publicKeys = publicKeys == null ? null : publicKeys.clone();
  }

  /** The bundle, if the recipient has a SecuPass. */
  public Optional<byte[]> keys() {
    return Optional.ofNullable(publicKeys).map(byte[]::clone);
  }

  @Override
  public byte @Nullable [] publicKeys() {
    return publicKeys == null ? null : publicKeys.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientRecipient r && person.equals(r.person)
        && java.util.Arrays.equals(publicKeys, r.publicKeys);
  }

  @Override
  public int hashCode() {
    return person.hashCode();
  }

  @Override
  public String toString() {
    return "ClientRecipient[" + person + (publicKeys == null ? ", no SecuPass" : "") + "]";
  }
}
