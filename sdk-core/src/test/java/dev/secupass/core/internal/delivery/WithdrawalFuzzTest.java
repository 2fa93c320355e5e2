package dev.secupass.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.secupass.api.DeliveryId;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.format.SignedStatementCodec;
import dev.secupass.core.testing.Fuzz;
import dev.secupass.core.testing.FuzzKeys;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The withdrawal statement ({@code docs/format.md}, "Withdrawal statement"): any payload fails
 * with a damage exception or decodes to a withdrawal that encodes back the same; no bytes but the
 * valid statement verify as the sender's withdrawal of the delivery, and no changed statement does.
 */
class WithdrawalFuzzTest {
  private static final PublicKeys ALICE_PUBLIC = FuzzKeys.alicePublic();
  private static final DeliveryId DELIVERY = DeliveryId.of("3f6d0c1e9b2a4d5c8e7f6a5b4c3d2e1f");
  static final byte[] PAYLOAD = new Withdrawal(DELIVERY, Instant.ofEpochMilli(1_765_000_000_123L))
      .encode();
  static final byte[] VALID = SignedStatementCodec.sign(FuzzKeys.alice(), FuzzKeys.ALICE,
      FuzzKeys.ALICE_VERSION, SignedType.WITHDRAWAL, PAYLOAD);

  @FuzzTest(maxDuration = "24h")
  void anyPayload_failsOrEncodesBackTheSame(byte[] data) {
    Optional<Withdrawal> withdrawal = Fuzz.decode(data.length, () -> Withdrawal.decode(data));

    withdrawal.ifPresent(decoded -> assertThat(decoded.encode()).isEqualTo(data));
  }

  @FuzzTest(maxDuration = "24h")
  void anyStatement_verifiesOnlyIfTheValidWithdrawal(byte[] data) {
    Optional<Withdrawal> withdrawal = Fuzz.decode(data.length, () -> verify(data));

    withdrawal.ifPresent(verified -> {
      assertThat(data).as("a statement that verified").isEqualTo(VALID);
      assertThat(verified.encode()).isEqualTo(PAYLOAD);
    });
  }

  @FuzzTest(maxDuration = "24h")
  void changedStatement_failsOrIsUnchanged(FuzzedDataProvider data) {
    byte[] changed = Fuzz.mutate(VALID, data);

    Optional<Withdrawal> withdrawal = Fuzz.decode(changed.length, () -> verify(changed));

    if (!Arrays.equals(changed, VALID)) {
      assertThat(withdrawal).as("a changed statement verified").isEmpty();
    }
  }

  private static Withdrawal verify(byte[] statement) {
    return Withdrawal.verify(Withdrawal.signedBy(statement, FuzzKeys.ALICE), DELIVERY,
        ALICE_PUBLIC);
  }
}
