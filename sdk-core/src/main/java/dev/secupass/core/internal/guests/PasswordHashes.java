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
import org.jspecify.annotations.Nullable;

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
  private final Phc decoy;

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
      return new Phc(cost.memoryKiB(), cost.iterations(), cost.parallelism(), salt, derived)
          .encode().getBytes(StandardCharsets.US_ASCII);
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
    Phc phc = Phc.parse(stored);
    if (phc == null) {
      checkDecoy(password);
      throw new IntegrityException("the stored password of this guest account is damaged or"
          + " asks for more work than a password check may take");
    }
    return check(password, phc);
  }

  private boolean check(Password password, Phc phc) {
    byte[] expected = phc.hash();
    byte[] derived = derive(password, phc.salt(), phc.memoryKiB(), phc.iterations(),
        phc.parallelism());
    try {
      return Hashes.constantTimeEquals(derived, expected);
    } finally {
      Wipe.bytes(derived);
    }
  }

  /**
   * A stored hash, parsed. Only the one encoding {@link #hash} writes is accepted (no leading
   * zeros, canonical base64), and only costs a private-key blob may have ({@link
   * KeyBlob#withinBounds}): a stored hash cannot make a check run longer or take more memory than
   * the SDK allows, whoever wrote it.
   */
  static final class Phc {
    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final byte[] salt;
    private final byte[] hash;

    Phc(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {
      this.memoryKiB = memoryKiB;
      this.iterations = iterations;
      this.parallelism = parallelism;
      this.salt = salt.clone();
      this.hash = hash.clone();
    }

    int memoryKiB() {
      return memoryKiB;
    }

    int iterations() {
      return iterations;
    }

    int parallelism() {
      return parallelism;
    }

    byte[] salt() {
      return salt.clone();
    }

    byte[] hash() {
      return hash.clone();
    }

    /** The stored hash in {@code stored}, or {@code null} if it is not one. */
    static @Nullable Phc parse(byte[] stored) {
      String text = new String(stored, StandardCharsets.US_ASCII);
      Matcher phc = PHC.matcher(text);
      if (!phc.matches()) {
        return null;
      }
      int memory = Integer.parseInt(phc.group(1));
      int iterations = Integer.parseInt(phc.group(2));
      int parallelism = Integer.parseInt(phc.group(3));
      if (memory < 8 || iterations < 1 || parallelism < 1 || !KeyBlob.withinBounds(
          new KdfParameters(KeyBlob.ALGORITHM, memory, iterations, parallelism))) {
        return null;
      }
      Phc parsed = new Phc(memory, iterations, parallelism,
          Base64.getDecoder().decode(phc.group(4)), Base64.getDecoder().decode(phc.group(5)));
      return parsed.encode().equals(text) ? parsed : null;
    }

    /** The PHC string. */
    String encode() {
      Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
      return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
          + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @Override
    public String toString() {
      return "password hash (m=" + memoryKiB + ", t=" + iterations + ", p=" + parallelism + ")";
    }
  }

  /**
   * Spends the work of a check for a username that does not exist: the same derivation at the
   * policy's costs as for a stored hash made under it, against a hash no password matches.
   */
  void checkDecoy(Password password) {
    check(password, decoy);
  }

  /** A hash in the policy's costs of random bytes, made without a derivation. */
  private static Phc decoy(KdfParameters cost, SecureRandom random) {
    byte[] salt = new byte[SALT];
    byte[] hash = new byte[HASH];
    random.nextBytes(salt);
    random.nextBytes(hash);
    return new Phc(cost.memoryKiB(), cost.iterations(), cost.parallelism(), salt, hash);
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
