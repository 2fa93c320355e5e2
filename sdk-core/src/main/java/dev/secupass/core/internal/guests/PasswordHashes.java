package dev.secupass.core.internal.guests;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.guests.Password;
import dev.secupass.core.internal.crypto.Argon2id;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.keys.KdfLimiter;
import dev.secupass.core.internal.keys.KdfPolicies;
import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.core.internal.keys.TypedSecrets;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.spi.KdfParameters;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guests' password hashes: Argon2id in the PHC string format ({@code
 * $argon2id$v=19$m=65536,t=3,p=1$salt$hash}, unpadded base64), stored as its ASCII bytes. New hashes
 * take the key-derivation policy's costs; a stored hash is checked with its own, which must lie
 * within the private-key blob's bounds ({@link KeyBlob#withinBounds}). Every derivation runs under
 * the SDK's {@link KdfLimiter}.
 */
final class PasswordHashes {
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{22})"
          + "\\$([A-Za-z0-9+/]{43})");
  private static final int SALT = 16;
  private static final int HASH = 32;

  private final KdfParameters cost;
  private final SecureRandom random;
  private final KdfLimiter limiter;
  private final byte[] decoy;

  PasswordHashes(KdfPolicy policy, SecureRandom random, KdfLimiter limiter) {
    this.cost = KdfPolicies.parameters(policy);
    this.random = random;
    this.limiter = limiter;
    this.decoy = decoy(cost, random);
  }

  /** A new hash of {@code password}. */
  byte[] hash(Password password) {
    byte[] salt = new byte[SALT];
    random.nextBytes(salt);
    byte[] derived = derive(password, salt, cost.memoryKiB(), cost.iterations(),
        cost.parallelism());
    try {
      return phc(cost, salt, derived);
    } finally {
      Wipe.bytes(derived);
    }
  }

  /**
   * Whether {@code password} matches {@code stored}.
   *
   * @throws IntegrityException if {@code stored} is not a hash this format allows (another shape,
   *     or Argon2id costs outside the key blob's bounds, as a planted hash of 9.5 GiB would be); the
   *     work of a check at the policy's costs is spent first, as for any other failed sign-in
   */
  boolean matches(Password password, byte[] stored) {
    Matcher phc = PHC.matcher(new String(stored, StandardCharsets.US_ASCII));
    if (!phc.matches() || !withinBounds(Integer.parseInt(phc.group(1)),
        Integer.parseInt(phc.group(2)), Integer.parseInt(phc.group(3)))) {
      checkDecoy(password);
      throw new IntegrityException("the stored password of this guest account is damaged or"
          + " asks for more work than a password check may take");
    }
    return check(password, phc);
  }

  /**
   * Spends the work of a check for a username that does not exist: the same derivation at the
   * policy's costs as for a stored hash made under it, against a hash no password matches.
   */
  void checkDecoy(Password password) {
    Matcher phc = PHC.matcher(new String(decoy, StandardCharsets.US_ASCII));
    if (!phc.matches()) {
      throw new IllegalStateException("the decoy hash is malformed");
    }
    check(password, phc);
  }

  private static boolean withinBounds(int memory, int iterations, int parallelism) {
    return parallelism >= 1 && iterations >= 1 && memory >= 8 * parallelism
        && KeyBlob.withinBounds(new KdfParameters(KeyBlob.ALGORITHM, memory, iterations,
            parallelism));
  }

  private boolean check(Password password, Matcher phc) {
    int memory = Integer.parseInt(phc.group(1));
    int iterations = Integer.parseInt(phc.group(2));
    int parallelism = Integer.parseInt(phc.group(3));
    byte[] expected = Base64.getDecoder().decode(phc.group(5));
    byte[] derived = derive(password, Base64.getDecoder().decode(phc.group(4)), memory, iterations,
        parallelism);
    try {
      return Hashes.constantTimeEquals(derived, expected);
    } finally {
      Wipe.bytes(derived);
    }
  }

  /** A hash in the policy's costs of random bytes, made without a derivation. */
  private static byte[] decoy(KdfParameters cost, SecureRandom random) {
    byte[] salt = new byte[SALT];
    byte[] hash = new byte[HASH];
    random.nextBytes(salt);
    random.nextBytes(hash);
    return phc(cost, salt, hash);
  }

  private static byte[] phc(KdfParameters cost, byte[] salt, byte[] hash) {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    String phc = "$argon2id$v=19$m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p="
        + cost.parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    return phc.getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] derive(Password password, byte[] salt, int memory, int iterations,
      int parallelism) {
    byte[] utf8 = TypedSecrets.utf8(password);
    try {
      return limiter.run(memory,
          () -> Argon2id.derive(utf8, salt, memory, iterations, parallelism, HASH));
    } finally {
      Wipe.bytes(utf8);
    }
  }
}
