package dev.secupass.samples.web.host;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import java.util.Objects;

/**
 * An employee or partner of the sample's user directory: the people the host signs in itself.
 *
 * @param id their user id
 * @param kind employee or partner
 * @param name their display name
 * @param email where the sample's mails to them go
 */
public record SampleUser(UserId id, PrincipalKind kind, String name, String email) {
  public SampleUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    if (kind == PrincipalKind.GUEST) {
      throw new IllegalArgumentException("guests are not in the host's directory");
    }
  }

  /** This user as the SDK sees them once the host signed them in. */
  public SignedInUser signedIn() {
    return new SignedInUser(id, kind);
  }

  /** This user as a recipient of a delivery. */
  public Addressee addressee() {
    return new Addressee(id, kind, email);
  }
}
