package dev.secupass.core.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.secupass.api.Fingerprint;
import dev.secupass.api.WrongSecuPassException;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.format.FormatPrefix;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.Fuzz;
import dev.secupass.core.testing.FuzzKeys;
import dev.secupass.spi.KdfParameters;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the key store holds: private-key blobs, public-key bundles and key-pin seals. Any bytes
 * fail with a damage exception (a blob may also say wrong SecuPass), and no changed blob, bundle
 * or seal is accepted.
 */
class KeyFormatsFuzzTest {
  /** The cheapest parameters a blob may have, so that a blob that reaches the KDF costs little. */
  private static final KdfParameters CHEAP = new KdfParameters(KeyBlob.ALGORITHM, 8, 1, 1);
  private static final byte[] SECUPASS = "correct horse".getBytes(StandardCharsets.UTF_8);
  private static final PrivateKeys ALICE = FuzzKeys.alice();
  static final byte[] BLOB = KeyBlob.seal(FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION, ALICE, SECUPASS,
      CHEAP, new DeterministicRandom("fuzz blob"));
  static final byte[] BUNDLE = PublicKeyBundle.encode(FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION,
      ALICE);
  /** Alice's keys of suite 2 (with an X-Wing key), their blob and bundle. */
  private static final PrivateKeys ALICE_XWING = PrivateKeys.generate(
      new DeterministicRandom("fuzz alice x-wing"), FormatPrefix.SUITE_2);
  static final byte[] BLOB_XWING = KeyBlob.seal(FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION,
      ALICE_XWING, SECUPASS, CHEAP, new DeterministicRandom("fuzz blob x-wing"));
  static final byte[] BUNDLE_XWING = PublicKeyBundle.encode(FuzzKeys.ALICE,
      FuzzKeys.ALICE_VERSION, ALICE_XWING);
  private static final byte[] SEAL_KEY = PinSeal.deriveKey(ALICE, FuzzKeys.ALICE,
      FuzzKeys.ALICE_VERSION);
  private static final PublicKeys BOB_PUBLIC = FuzzKeys.bobPublic();
  static final byte[] SEAL = PinSeal.sealV2(SEAL_KEY, FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION,
      FuzzKeys.BOB, FuzzKeys.BOB_VERSION, BOB_PUBLIC.fingerprint(), PinSeal.Trust.FIRST_USE,
      BOB_PUBLIC.suite(), List.of());

  private static Optional<byte[]> open(byte[] blob) {
    return Fuzz.decode(blob.length, 0, () -> {
      try (PrivateKeys keys = KeyBlob.open(blob, FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION, CHEAP,
          SECUPASS)) {
        return keys.secrets();
      }
    }, Fuzz.damageOr(WrongSecuPassException.class));
  }

  @FuzzTest(maxDuration = "24h")
  void anyKeyBlob_opensOnlyIfTheValidBlob(byte[] data) {
    open(data).ifPresent(secrets -> {
      assertThat(data).as("a blob that opened").isIn(BLOB, BLOB_XWING);
      assertThat(secrets).isEqualTo(
          Arrays.equals(data, BLOB) ? ALICE.secrets() : ALICE_XWING.secrets());
    });
  }

  @FuzzTest(maxDuration = "24h")
  void changedKeyBlob_failsOrIsUnchanged(FuzzedDataProvider data) {
    byte[] changed = Fuzz.mutate(BLOB, data);

    Optional<byte[]> secrets = open(changed);

    if (!Arrays.equals(changed, BLOB)) {
      assertThat(secrets).as("a changed blob opened").isEmpty();
    }
  }

  @FuzzTest(maxDuration = "24h")
  void changedXWingKeyBlob_failsOrIsUnchanged(FuzzedDataProvider data) {
    byte[] changed = Fuzz.mutate(BLOB_XWING, data);

    Optional<byte[]> secrets = open(changed);

    if (!Arrays.equals(changed, BLOB_XWING)) {
      assertThat(secrets).as("a changed suite-2 blob opened").isEmpty();
    } else {
      assertThat(secrets).hasValue(ALICE_XWING.secrets());
    }
  }

  @FuzzTest(maxDuration = "24h")
  void anyBundle_decodesOnlyIfTheValidBundle(byte[] data) {
    Optional<PublicKeys> keys = Fuzz.decode(data.length, () -> PublicKeys.parse(data));

    keys.ifPresent(parsed -> assertThat(data).as("a bundle that decoded")
        .isIn(BUNDLE, BUNDLE_XWING));
  }

  @FuzzTest(maxDuration = "24h")
  void changedXWingBundle_failsOrIsUnchanged(FuzzedDataProvider data) {
    byte[] changed = Fuzz.mutate(BUNDLE_XWING, data);

    Optional<PublicKeys> keys = Fuzz.decode(changed.length, () -> PublicKeys.parse(changed));

    if (!Arrays.equals(changed, BUNDLE_XWING)) {
      assertThat(keys).as("a changed suite-2 bundle decoded").isEmpty();
    } else {
      assertThat(keys).hasValueSatisfying(parsed -> assertThat(parsed.suite()).isEqualTo(2));
    }
  }

  @FuzzTest(maxDuration = "24h")
  void changedBundle_failsOrIsUnchanged(FuzzedDataProvider data) {
    byte[] changed = Fuzz.mutate(BUNDLE, data);

    Optional<PublicKeys> keys = Fuzz.decode(changed.length, () -> PublicKeys.parse(changed));

    if (!Arrays.equals(changed, BUNDLE)) {
      assertThat(keys).as("a changed bundle decoded").isEmpty();
    }
  }

  @FuzzTest(maxDuration = "24h")
  void anySeal_isValidOnlyIfTheObserversOwn(FuzzedDataProvider data) {
    boolean mutate = data.consumeBoolean();
    byte[] seal = mutate ? Fuzz.mutate(SEAL, data) : data.consumeRemainingAsBytes();
    Fingerprint fingerprint = BOB_PUBLIC.fingerprint();

    PinSeal.Check check = PinSeal.open(seal, SEAL_KEY, FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION,
        FuzzKeys.BOB, FuzzKeys.BOB_VERSION, fingerprint).check();

    if (!Arrays.equals(seal, SEAL)) {
      assertThat(check).as("a changed seal").isNotEqualTo(PinSeal.Check.VALID);
    } else {
      assertThat(check).isEqualTo(PinSeal.Check.VALID);
    }
  }
}
