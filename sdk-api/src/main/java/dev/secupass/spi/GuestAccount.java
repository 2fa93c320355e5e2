package dev.secupass.spi;

import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A guest: a person without a login at the host, who signs in with the username and password they
 * chose on their first delivery.
 *
 * @param user the guest's user id
 * @param email where their invitations go (normalised by the SDK, compared exactly by stores)
 * @param username the username they chose, or {@code null} before registration
 * @param passwordHash their password's hash (an encoded Argon2id hash; empty before registration)
 * @param createdAt when the guest was first invited
 * @param revision compare-and-set counter: 0 before the first store
 */
public record GuestAccount(
    UserId user,
    String email,
    @Nullable String username,
    byte[] passwordHash,
    Instant createdAt,
    long revision) {

  public GuestAccount {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(email, "email");
    if (email.isBlank() || email.length() > 320) {
      throw new IllegalArgumentException("email must be 1-320 characters");
    }
    if (username != null && (username.isBlank() || username.length() > 100)) {
      throw new IllegalArgumentException("username must be 1-100 characters");
    }
    passwordHash = Bytes.copy(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
    if (revision < 0) {
      throw new IllegalArgumentException("revision must not be negative");
    }
  }

  @Override
  public byte[] passwordHash() {
    return passwordHash.clone();
  }

  /** Whether the guest has chosen a username and password. */
  public boolean isRegistered() {
    return username != null;
  }

  /** The username, once chosen. */
  public Optional<String> chosenUsername() {
    return Optional.ofNullable(username);
  }

  /** This account with credentials set. */
  public GuestAccount withCredentials(String newUsername, byte[] newPasswordHash) {
    return new GuestAccount(user, email, newUsername, newPasswordHash, createdAt, revision);
  }

  /** This account as stored at {@code newRevision}. */
  public GuestAccount withRevision(long newRevision) {
    return new GuestAccount(user, email, username, passwordHash, createdAt, newRevision);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GuestAccount g
        && user.equals(g.user)
        && email.equals(g.email)
        && Objects.equals(username, g.username)
        && Arrays.equals(passwordHash, g.passwordHash)
        && createdAt.equals(g.createdAt)
        && revision == g.revision;
  }

  @Override
  public int hashCode() {
    return Objects.hash(user, email, username, revision);
  }

  /** Leaves the password hash out. */
  @Override
  public String toString() {
    return "GuestAccount[user=" + user + ", registered=" + isRegistered()
        + ", revision=" + revision + "]";
  }
}
