package dev.secupass.core.internal.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.guests.Password;
import dev.secupass.core.internal.keys.KdfLimiter;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.TestPolicies;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A stored guest password hash is read only in the encoding the SDK writes and only with costs a
 * private-key blob may have: a storage operator who rewrites a hash cannot make sign-ins run 99
 * passes or 99 lanes of Argon2id (found by the first fuzzing campaign's target review), nor get a
 * second spelling of the same hash accepted.
 */
class StoredPasswordHashTest {
  private static final Password PASSWORD = Password.of("guest password 1");
  private final PasswordHashes hashes = new PasswordHashes(TestPolicies.FAST,
      new DeterministicRandom("salt"), new KdfLimiter(64L << 20, Duration.ofSeconds(5)));
  private final String hash = new String(hashes.hash(PASSWORD), StandardCharsets.US_ASCII);

  private boolean matches(String stored) {
    return hashes.matches(PASSWORD, stored.getBytes(StandardCharsets.US_ASCII));
  }

  /** A planted hash is an integrity failure (after the work of a check), never a silent mismatch. */
  private void assertRefused(String stored) {
    assertThatThrownBy(() -> matches(stored)).isInstanceOf(IntegrityException.class);
  }

  @Test
  void hashThenMatch_acceptsThePasswordOnly() {
    assertThat(matches(hash)).isTrue();
    assertThat(hashes.matches(Password.of("guest password 2"),
        hash.getBytes(StandardCharsets.US_ASCII))).isFalse();
  }

  @Test
  void matches_costsAboveTheBlobBounds_areRefusedAsDamage() {
    assertRefused(hash.replace(",t=1,", ",t=99,"));
    assertRefused(hash.replace(",t=1,", ",t=33,"));
    assertRefused(hash.replace(",p=1$", ",p=17$"));
    assertRefused(hash.replace("m=64,", "m=1048577,"));
    assertThat(PasswordHashes.Phc.parse(
        hash.replace(",t=1,", ",t=32,").getBytes(StandardCharsets.US_ASCII))).isNotNull();
  }

  @Test
  void matches_anotherSpellingOfTheSameHash_isRefusedAsDamage() {
    assertRefused(hash.replace("m=64,", "m=064,"));
    assertRefused(hash.replace(",t=1,", ",t=01,"));
    // The last base64 digit of the 16-byte salt carries 4 unused bits: another digit that decodes
    // to the same salt is not the hash the SDK wrote.
    String[] parts = hash.split("\\$");
    String salt = parts[4];
    char last = salt.charAt(salt.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char other = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String respelled = hash.replace("$" + salt + "$",
        "$" + salt.substring(0, salt.length() - 1) + other + "$");
    assertRefused(respelled);
  }

  @Test
  void matches_zeroCosts_areRefusedAsDamage() {
    assertRefused(hash.replace("m=64,", "m=0,"));
    assertRefused(hash.replace(",p=1$", ",p=0$"));
  }
}
