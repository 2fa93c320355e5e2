package dev.secupass.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.secupass.core.testing.Fuzz;
import java.util.Optional;

/**
 * A delivery's stored subject and message: any bytes fail with a damage exception or decode to
 * details that encode back the same.
 */
class DetailsFuzzTest {
  static final Details DETAILS = new Details("Contract draft", "Please sign by Friday.\nThanks!");
  static final byte[] ENCODED = DETAILS.encode();

  @FuzzTest(maxDuration = "24h")
  void anyDetails_failOrEncodeBackTheSame(byte[] data) {
    Optional<Details> details = Fuzz.decode(data.length, () -> Details.decode(data));

    details.ifPresent(decoded -> assertThat(decoded.encode()).isEqualTo(data));
  }
}
