package dev.secupass.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A worker's temporary, exclusive hold on a grant or an event. The token is a random value the
 * store generates; it proves the holder when completing or releasing. It is not a secret of the
 * user.
 *
 * @param token identifies this hold
 * @param expiresAt after this instant another worker may claim the grant
 */
public record Lease(String token, Instant expiresAt) {
  public Lease {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (token.isEmpty() || token.length() > 64) {
      throw new IllegalArgumentException("lease token must be 1-64 characters");
    }
  }
}
