package dev.secupass.core.testing;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the seed corpus of the fuzz targets into {@code src/test/resources} (Jazzer's regression
 * inputs, {@code <package>/<Class>Inputs/<method>/}): for a target that takes bytes, the valid
 * encodings its class holds and edge cases made from them; for a target that takes a {@link
 * com.code_intelligence.jazzer.api.FuzzedDataProvider}, a few fixed pseudo-random inputs that drive
 * different edits. Run from {@code sdk-core} by {@code scripts/fuzz.sh --seeds}; the seeds are
 * deterministic, so running it again changes nothing.
 */
public final class FuzzSeeds {
  private static final String BASE = "dev.secupass.core.internal.";

  /** Target class, method and the static byte[] fields of the class that seed it. */
  private static final List<String[]> BYTE_TARGETS = List.of(
      new String[] {"format.EnvelopeFuzzTest", "anyBytes_openOnlyIfTheValidEnvelope", "VALID"},
      new String[] {"format.EnvelopeFuzzTest", "anyBytes_openOnlyIfTheValidXWingEnvelope",
          "VALID_XWING"},
      new String[] {"format.SignedStatementFuzzTest", "anyBytes_verifyOnlyIfTheValidStatement",
          "VALID"},
      new String[] {"format.ManifestFuzzTest", "anyPayload_failsOrEncodesBackTheSame", "PAYLOAD",
          "PAYLOAD_V2"},
      new String[] {"keys.KeyFormatsFuzzTest", "anyKeyBlob_opensOnlyIfTheValidBlob", "BLOB",
          "BLOB_XWING"},
      new String[] {"keys.KeyFormatsFuzzTest", "anyBundle_decodesOnlyIfTheValidBundle", "BUNDLE",
          "BUNDLE_XWING"},
      new String[] {"crypto.ContentStreamFuzzTest", "anyHeader_failsOrEncodesBackTheSame",
          "HEADER", "HEADER_V2"},
      new String[] {"rooms.RoomFormatsFuzzTest", "anyMembershipEntry_failsOrEncodesBackTheSame",
          "ENCODED_RECORD"},
      new String[] {"rooms.RoomFormatsFuzzTest", "anyEntryMetadata_failsOrEncodesBackTheSame",
          "ENCODED_METADATA"},
      new String[] {"events.EventPayloadFuzzTest", "anyPayload_failsOrEncodesBackTheSame",
          "ENCODED"},
      new String[] {"delivery.DetailsFuzzTest", "anyDetails_failOrEncodeBackTheSame", "ENCODED"},
      new String[] {"delivery.WithdrawalFuzzTest", "anyPayload_failsOrEncodesBackTheSame",
          "PAYLOAD"},
      new String[] {"delivery.WithdrawalFuzzTest", "anyStatement_verifiesOnlyIfTheValidWithdrawal",
          "VALID"},
      new String[] {"guests.PasswordHashesFuzzTest",
          "anyStoredHash_parsesOnlyTheCanonicalBoundedEncoding", "HASH"},
      new String[] {"keylog.KeyLogFormatsFuzzTest",
          "anyNote_failsOrVerifiesOnlyIfTheHostSignedIt", "NOTE"},
      new String[] {"keylog.KeyLogFormatsFuzzTest", "anyLeaf_failsOrEncodesBackTheSame", "LEAF"},
      new String[] {"keylog.KeyLogFormatsFuzzTest", "anyView_failsOrEncodesBackTheSame", "VIEW"},
      new String[] {"keylog.KeyLogFormatsFuzzTest",
          "anyCheckpointStatementPayload_failsOrEncodesBackTheSame", "STATEMENT_PAYLOAD"},
      new String[] {"keylog.KeyLogFormatsFuzzTest",
          "anyInclusionProof_verifiesOnlyIfItIsTheRealOne", "PROOF"});

  private static final List<String[]> PROVIDER_TARGETS = List.of(
      new String[] {"format.EnvelopeFuzzTest", "changedEnvelope_failsOrIsUnchanged"},
      new String[] {"format.EnvelopeFuzzTest", "changedXWingEnvelope_failsOrIsUnchanged"},
      new String[] {"format.SignedStatementFuzzTest", "changedStatement_failsOrIsUnchanged"},
      new String[] {"format.SignedStatementFuzzTest", "signThenVerify_returnsThePayload"},
      new String[] {"format.ManifestFuzzTest", "changedSignedManifest_failsOrIsUnchanged"},
      new String[] {"format.ManifestFuzzTest", "changedSignedManifestV2_failsOrIsUnchanged"},
      new String[] {"keys.KeyFormatsFuzzTest", "changedKeyBlob_failsOrIsUnchanged"},
      new String[] {"keys.KeyFormatsFuzzTest", "changedBundle_failsOrIsUnchanged"},
      new String[] {"keys.KeyFormatsFuzzTest", "changedXWingKeyBlob_failsOrIsUnchanged"},
      new String[] {"keys.KeyFormatsFuzzTest", "changedXWingBundle_failsOrIsUnchanged"},
      new String[] {"keys.KeyFormatsFuzzTest", "anySeal_isValidOnlyIfTheObserversOwn"},
      new String[] {"crypto.ContentStreamFuzzTest", "anyStream_failsWithDamage"},
      new String[] {"crypto.ContentStreamFuzzTest", "changedStream_failsOrGivesThePlaintext"},
      new String[] {"crypto.ContentStreamFuzzTest", "changedV2Stream_failsOrGivesThePlaintext"},
      new String[] {"crypto.ContentStreamFuzzTest", "encryptThenDecrypt_givesThePlaintext"},
      new String[] {"crypto.ContentStreamFuzzTest", "encryptThenDecryptV2_givesThePlaintext"},
      new String[] {"rooms.RoomFormatsFuzzTest", "changedSealedField_failsOrIsUnchanged"},
      new String[] {"guests.PasswordHashesFuzzTest", "changedHash_doesNotMatch"},
      new String[] {"delivery.WithdrawalFuzzTest", "changedStatement_failsOrIsUnchanged"});

  private FuzzSeeds() {}

  public static void main(String[] args) throws Exception {
    Path resources = Path.of(args.length > 0 ? args[0] : "src/test/resources");
    int written = 0;
    for (String[] target : BYTE_TARGETS) {
      Class<?> type = Class.forName(BASE + target[0]);
      List<byte[]> seeds = new ArrayList<>();
      for (int i = 2; i < target.length; i++) {
        Field field = type.getDeclaredField(target[i]);
        field.setAccessible(true);
        byte[] valid = (byte[]) field.get(null);
        seeds.add(valid);
        seeds.add(Arrays.copyOf(valid, valid.length / 2));
        seeds.add(Arrays.copyOf(valid, Math.max(0, valid.length - 1)));
        byte[] flipped = valid.clone();
        flipped[valid.length / 3] ^= 1;
        seeds.add(flipped);
      }
      written += write(resources, type, target[1], seeds);
    }
    for (String[] target : PROVIDER_TARGETS) {
      Class<?> type = Class.forName(BASE + target[0]);
      DeterministicRandom random = new DeterministicRandom(target[0] + "#" + target[1]);
      List<byte[]> seeds = new ArrayList<>();
      for (int length : new int[] {8, 24, 64, 160, 400}) {
        seeds.add(random.generateSeed(length));
      }
      written += write(resources, type, target[1], seeds);
    }
    System.out.println("wrote " + written + " seed inputs under " + resources);
  }

  private static int write(Path resources, Class<?> type, String method, List<byte[]> seeds)
      throws IOException, GeneralSecurityException {
    Method target = Arrays.stream(type.getDeclaredMethods())
        .filter(m -> m.getName().equals(method)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(type + " has no target " + method));
    Path dir = resources.resolve(type.getPackageName().replace('.', '/'))
        .resolve(type.getSimpleName() + "Inputs").resolve(target.getName());
    Files.createDirectories(dir);
    for (byte[] seed : seeds) {
      String name = "seed-" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(seed), 0, 8);
      Files.write(dir.resolve(name), seed);
    }
    return seeds.size();
  }
}
