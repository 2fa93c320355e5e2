package dev.secupass.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.MacConfig2026;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import dev.secupass.api.IntegrityException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Making, keeping and reading the host's at-rest keyset, without Tink's global registry. */
class TinkAtRestKeyTest {
  private static final byte[] AAD = "delivery:1".getBytes(StandardCharsets.UTF_8);

  /** A stand-in for a KMS key's {@link Aead}. */
  private final Aead kmsAead = kek();

  private static Aead kek() {
    try {
      return TinkAtRestKey.newKeyset().getPrimitive(AeadConfig2026.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void newKeyset_holdsOneAes256GcmKey_asItsPrimary() {
    KeysetHandle keyset = TinkAtRestKey.newKeyset();

    assertThat(keyset.size()).isEqualTo(1);
    assertThat(keyset.getPrimary().getKey().getParameters())
        .isEqualTo(PredefinedAeadParameters.AES256_GCM);
  }

  @Test
  void writtenKeyset_readBack_opensWhatTheOriginalSealed() {
    KeysetHandle keyset = TinkAtRestKey.newKeyset();
    byte[] sealed = TinkAtRestKey.of(keyset).encrypt(bytes("content key"), AAD);

    byte[] kept = TinkAtRestKey.writeKeyset(keyset, kmsAead);
    AtRestKey restarted = TinkAtRestKey.of(TinkAtRestKey.readKeyset(kept, kmsAead));

    assertThat(restarted.decrypt(sealed, AAD)).isEqualTo(bytes("content key"));
  }

  @Test
  void writtenKeyset_doesNotHoldTheKeyInTheClear() {
    KeysetHandle keyset = TinkAtRestKey.newKeyset();
    byte[] kept = TinkAtRestKey.writeKeyset(keyset, kmsAead);

    assertThatThrownBy(() -> TinkAtRestKey.readKeyset(kept, kek()))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("another key-encryption key");
  }

  @Test
  void readKeyset_anyAlteredByte_throwsIntegrity() {
    byte[] kept = TinkAtRestKey.writeKeyset(TinkAtRestKey.newKeyset(), kmsAead);

    for (int i = 0; i < kept.length; i++) {
      byte[] altered = kept.clone();
      altered[i] ^= 0x01;
      assertThatThrownBy(() -> TinkAtRestKey.readKeyset(altered, kmsAead))
          .as("byte %d flipped", i)
          .isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  void readKeyset_encryptedForAnotherPurposeUnderTheSameKey_throwsIntegrity() throws Exception {
    KeysetHandle keyset = TinkAtRestKey.newKeyset();
    byte[] otherUse = TinkProtoKeysetFormat.serializeEncryptedKeyset(
        keyset, kmsAead, bytes("another application"), AeadConfig2026.get());

    assertThatThrownBy(() -> TinkAtRestKey.readKeyset(otherUse, kmsAead))
        .isInstanceOf(IntegrityException.class);
  }

  @Test
  void of_keysetThatIsNotAead_throwsIllegalArgument() throws Exception {
    KeysetHandle mac = KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG,
        MacConfig2026.get());

    assertThatThrownBy(() -> TinkAtRestKey.of(mac))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an AEAD keyset");
  }

  /**
   * In a JVM of its own, where nothing else can have registered anything: the keyset is made,
   * written, read and used, and afterwards Tink's global registry still knows no AEAD.
   */
  @Test
  void atRestKey_worksWithoutTinksGlobalRegistry_andRegistersNothing() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), RegistryFree.class.getName())
        .redirectErrorStream(true)
        .start();
    String output;
    try (InputStream in = child.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(output).contains("round trip: content key", "registry knows no AEAD");
    assertThat(child.exitValue()).as(output).isZero();
  }

  /** The child JVM of the test above. */
  static final class RegistryFree {
    public static void main(String[] args) throws Exception {
      Aead kms = kek();
      byte[] kept = TinkAtRestKey.writeKeyset(TinkAtRestKey.newKeyset(), kms);
      KeysetHandle keyset = TinkAtRestKey.readKeyset(kept, kms);
      AtRestKey key = TinkAtRestKey.of(keyset);
      System.out.println("round trip: " + new String(key.decrypt(key.encrypt(bytes("content key"),
          AAD), AAD), StandardCharsets.UTF_8));
      TinkAtRestKey.generate();
      try {
        keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        System.out.println("registry has an AEAD: something registered it");
        System.exit(1);
      } catch (GeneralSecurityException expected) {
        System.out.println("registry knows no AEAD");
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
