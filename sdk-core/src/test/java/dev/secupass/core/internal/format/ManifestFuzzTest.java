package dev.secupass.core.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.Fuzz;
import dev.secupass.core.testing.FuzzKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Delivery manifests, versions 1, 2 and 3: any payload fails with a damage exception or decodes to a manifest that
 * encodes back to the same bytes (one encoding per manifest), and no changed signed manifest
 * verifies.
 */
class ManifestFuzzTest {
  private static final PublicKeys ALICE_PUBLIC = FuzzKeys.alicePublic();
  static final DeliveryManifest MANIFEST = new DeliveryManifest(1, DeliveryId.of("d1"),
      SecurityLevel.TOP_SECRET, FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION,
      Instant.parse("2026-03-01T09:00:00.123456789Z"), Instant.parse("2026-03-08T09:00:00Z"),
      List.of(FuzzKeys.BOB, UserId.of("carol")),
      List.of(new DeliveryManifest.FileEntry(FileId.of("f1"), 1000, 1081, digest("f1")),
          new DeliveryManifest.FileEntry(FileId.of("f2"), 0, 65, digest("f2"))),
      digest("details"), digest("commitment"));
  static final byte[] PAYLOAD = ManifestCodec.encode(MANIFEST);
  static final byte[] SIGNED = signed(PAYLOAD);
  /** Version 2 binds each file's name digest and position too. */
  static final DeliveryManifest MANIFEST_V2 = new DeliveryManifest(2, DeliveryId.of("d2"),
      SecurityLevel.SECRET, FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION,
      Instant.parse("2026-03-01T09:00:00Z"), Instant.parse("2026-03-31T09:00:00.5Z"),
      List.of(FuzzKeys.BOB),
      List.of(new DeliveryManifest.FileEntry(FileId.of("f1"), 70_000, 70_600, digest("v2 f1"),
              DeliveryManifest.nameDigest("report.pdf".getBytes(StandardCharsets.UTF_8))),
          new DeliveryManifest.FileEntry(FileId.of("f2"), 0, 97, digest("v2 f2"),
              DeliveryManifest.nameDigest(new byte[0]))),
      digest("v2 details"), digest("v2 commitment"));
  static final byte[] PAYLOAD_V2 = ManifestCodec.encode(MANIFEST_V2);
  static final byte[] SIGNED_V2 = signed(PAYLOAD_V2);

  private static byte[] signed(byte[] payload) {
    return SignedStatementCodec.sign(FuzzKeys.alice(), FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION,
        SignedType.DELIVERY_MANIFEST, payload);
  }

  private static byte[] digest(String seed) {
    return new DeterministicRandom(seed).generateSeed(DeliveryManifest.DIGEST_SIZE);
  }

  @FuzzTest(maxDuration = "24h")
  void anyPayload_failsOrEncodesBackTheSame(byte[] data) {
    Optional<DeliveryManifest> manifest = Fuzz.decode(data.length,
        () -> ManifestCodec.decode(data, FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION));

    manifest.ifPresent(decoded -> assertThat(ManifestCodec.encode(decoded)).isEqualTo(data));
  }

  @FuzzTest(maxDuration = "24h")
  void changedSignedManifest_failsOrIsUnchanged(FuzzedDataProvider data) {
    changedFailsOrIsUnchanged(SIGNED, MANIFEST, data);
  }

  @FuzzTest(maxDuration = "24h")
  void changedSignedManifestV2_failsOrIsUnchanged(FuzzedDataProvider data) {
    changedFailsOrIsUnchanged(SIGNED_V2, MANIFEST_V2, data);
  }

  private static void changedFailsOrIsUnchanged(byte[] signed, DeliveryManifest valid,
      FuzzedDataProvider data) {
    byte[] changed = Fuzz.mutate(signed, data);

    Optional<DeliveryManifest> manifest = Fuzz.decode(changed.length,
        () -> DeliveryManifest.verify(changed, ALICE_PUBLIC));

    if (Arrays.equals(changed, signed)) {
      assertThat(manifest).contains(valid);
    } else {
      assertThat(manifest).as("a changed manifest verified").isEmpty();
    }
  }
}
