package dev.secupass.core.internal.guests;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.secupass.core.guests.Password;
import dev.secupass.core.internal.keys.KdfLimiter;
import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.Fuzz;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.KdfParameters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Guests' stored password hashes: any bytes parse only as the one encoding the SDK writes, with
 * costs within the SDK's bounds (so a stored hash cannot make a sign-in run longer or take more
 * memory than allowed), and no changed hash accepts the password.
 */
class PasswordHashesFuzzTest {
  private static final Password PASSWORD = Password.of("guest password 1");
  private static final PasswordHashes HASHES = new PasswordHashes(TestPolicies.FAST,
      new DeterministicRandom("fuzz guest salt"), new KdfLimiter(64L << 20, Duration.ofSeconds(5)));
  static final byte[] HASH = HASHES.hash(PASSWORD);

  @FuzzTest(maxDuration = "24h")
  void anyStoredHash_parsesOnlyTheCanonicalBoundedEncoding(byte[] data) {
    Optional<PasswordHashes.Phc> phc = Fuzz.decode(data.length,
        () -> PasswordHashes.Phc.parse(data));

    phc.ifPresent(parsed -> {
      assertThat(parsed.encode().getBytes(StandardCharsets.US_ASCII)).isEqualTo(data);
      assertThat(KeyBlob.withinBounds(new KdfParameters(KeyBlob.ALGORITHM, parsed.memoryKiB(),
          parsed.iterations(), parsed.parallelism()))).isTrue();
    });
  }

  @FuzzTest(maxDuration = "24h")
  void changedHash_doesNotMatch(FuzzedDataProvider data) {
    byte[] changed = Fuzz.mutate(HASH, data);
    PasswordHashes.Phc phc = PasswordHashes.Phc.parse(changed);
    // Only cheap hashes are checked, so that the target stays fast; the parser bounds the rest.
    if (phc == null || phc.memoryKiB() > 1024 || phc.iterations() > 2) {
      return;
    }

    boolean matches = HASHES.matches(PASSWORD, changed);

    assertThat(matches).as("the password matched").isEqualTo(Arrays.equals(changed, HASH));
  }
}
