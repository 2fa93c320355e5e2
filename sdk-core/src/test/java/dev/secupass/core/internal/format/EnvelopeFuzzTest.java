package dev.secupass.core.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.Fuzz;
import dev.secupass.core.testing.FuzzKeys;
import java.util.Arrays;
import java.util.Optional;

/**
 * Envelopes as a recipient receives them from storage: any bytes fail with a damage exception or
 * parse, and no changed envelope opens.
 */
class EnvelopeFuzzTest {
  private static final PrivateKeys BOB = FuzzKeys.bob();
  private static final PublicKeys BOB_PUBLIC = FuzzKeys.bobPublic();
  private static final PublicKeys ALICE_PUBLIC = FuzzKeys.alicePublic();
  private static final EnvelopeContext CONTEXT =
      EnvelopeContext.delivery(DeliveryId.of("d1"), SecurityLevel.SECRET);
  private static final byte[] KEY = new DeterministicRandom("fuzz envelope key").generateSeed(32);
  static final byte[] VALID = EnvelopeCodec.seal(FuzzKeys.alice(), FuzzKeys.ALICE,
      FuzzKeys.ALICE_VERSION, BOB_PUBLIC, CONTEXT, KEY, new DeterministicRandom("fuzz envelope"));
  private static final PrivateKeys BOB_XWING = FuzzKeys.bobXWing();
  private static final PublicKeys BOB_XWING_PUBLIC = FuzzKeys.bobXWingPublic();
  /** An envelope of suite 2 (X-Wing), to Bob's suite-2 keys. */
  static final byte[] VALID_XWING = EnvelopeCodec.seal(FuzzKeys.alice(), FuzzKeys.ALICE,
      FuzzKeys.ALICE_VERSION, BOB_XWING_PUBLIC, CONTEXT, KEY,
      new DeterministicRandom("fuzz envelope x-wing"));

  @FuzzTest(maxDuration = "24h")
  void anyBytes_openOnlyIfTheValidEnvelope(byte[] data) {
    Optional<byte[]> key = Fuzz.decode(data.length,
        () -> EnvelopeCodec.open(EnvelopeCodec.parse(data), BOB, BOB_PUBLIC, ALICE_PUBLIC,
            CONTEXT));

    key.ifPresent(opened -> {
      assertThat(data).as("an envelope that opened").isEqualTo(VALID);
      assertThat(opened).isEqualTo(KEY);
    });
  }

  @FuzzTest(maxDuration = "24h")
  void changedEnvelope_failsOrIsUnchanged(FuzzedDataProvider data) {
    byte[] changed = Fuzz.mutate(VALID, data);

    Optional<byte[]> key = Fuzz.decode(changed.length,
        () -> EnvelopeCodec.open(EnvelopeCodec.parse(changed), BOB, BOB_PUBLIC, ALICE_PUBLIC,
            CONTEXT));

    if (!Arrays.equals(changed, VALID)) {
      assertThat(key).as("a changed envelope opened").isEmpty();
    } else {
      assertThat(key).hasValueSatisfying(opened -> assertThat(opened).isEqualTo(KEY));
    }
  }

  @FuzzTest(maxDuration = "24h")
  void anyBytes_openOnlyIfTheValidXWingEnvelope(byte[] data) {
    Optional<byte[]> key = Fuzz.decode(data.length,
        () -> EnvelopeCodec.open(EnvelopeCodec.parse(data), BOB_XWING, BOB_XWING_PUBLIC,
            ALICE_PUBLIC, CONTEXT));

    key.ifPresent(opened -> {
      assertThat(data).as("a suite-2 envelope that opened").isEqualTo(VALID_XWING);
      assertThat(opened).isEqualTo(KEY);
    });
  }

  @FuzzTest(maxDuration = "24h")
  void changedXWingEnvelope_failsOrIsUnchanged(FuzzedDataProvider data) {
    byte[] changed = Fuzz.mutate(VALID_XWING, data);

    Optional<byte[]> key = Fuzz.decode(changed.length,
        () -> EnvelopeCodec.open(EnvelopeCodec.parse(changed), BOB_XWING, BOB_XWING_PUBLIC,
            ALICE_PUBLIC, CONTEXT));

    if (!Arrays.equals(changed, VALID_XWING)) {
      assertThat(key).as("a changed suite-2 envelope opened").isEmpty();
    } else {
      assertThat(key).hasValueSatisfying(opened -> assertThat(opened).isEqualTo(KEY));
    }
  }
}
