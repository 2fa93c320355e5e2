package dev.secupass.core.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.testing.Fuzz;
import dev.secupass.core.testing.FuzzKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Signed statements (the container of delivery manifests and membership entries): any bytes fail
 * with a damage exception or parse, no changed statement verifies, and sign then verify returns
 * the payload.
 */
class SignedStatementFuzzTest {
  private static final PrivateKeys ALICE = FuzzKeys.alice();
  private static final PublicKeys ALICE_PUBLIC = FuzzKeys.alicePublic();
  private static final byte[] PAYLOAD = "a payload".getBytes(StandardCharsets.UTF_8);
  static final byte[] VALID = SignedStatementCodec.sign(ALICE, FuzzKeys.ALICE,
      FuzzKeys.ALICE_VERSION, SignedType.MEMBERSHIP_ENTRY, PAYLOAD);

  @FuzzTest(maxDuration = "24h")
  void anyBytes_verifyOnlyIfTheValidStatement(byte[] data) {
    Optional<byte[]> payload = Fuzz.decode(data.length, () -> SignedStatement.parse(data)
        .verifiedPayload(ALICE_PUBLIC, SignedType.MEMBERSHIP_ENTRY));

    payload.ifPresent(verified -> {
      assertThat(data).as("a statement that verified").isEqualTo(VALID);
      assertThat(verified).isEqualTo(PAYLOAD);
    });
  }

  @FuzzTest(maxDuration = "24h")
  void changedStatement_failsOrIsUnchanged(FuzzedDataProvider data) {
    byte[] changed = Fuzz.mutate(VALID, data);

    Optional<byte[]> payload = Fuzz.decode(changed.length, () -> SignedStatement.parse(changed)
        .verifiedPayload(ALICE_PUBLIC, SignedType.MEMBERSHIP_ENTRY));

    if (!Arrays.equals(changed, VALID)) {
      assertThat(payload).as("a changed statement verified").isEmpty();
    }
  }

  @FuzzTest(maxDuration = "24h")
  void signThenVerify_returnsThePayload(FuzzedDataProvider data) {
    SignedType type = data.pickValue(SignedType.values());
    byte[] payload = data.consumeRemainingAsBytes();

    byte[] signed = SignedStatementCodec.sign(ALICE, FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION, type,
        payload);

    SignedStatement statement = SignedStatement.parse(signed);
    assertThat(statement.type()).isEqualTo(type);
    assertThat(statement.signer()).isEqualTo(FuzzKeys.ALICE);
    assertThat(statement.verifiedPayload(ALICE_PUBLIC, type)).isEqualTo(payload);
  }
}
