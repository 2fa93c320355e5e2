package dev.secupass.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.UnsupportedFormatException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The key ring's ciphertext as {@code docs/format.md} ("At-rest key ring") states it, checked with
 * the JDK alone: a named key that is plain AES-256-GCM with a fixed nonce (so the bytes are
 * reproducible) gives exactly the frozen bytes below, whose inner AEAD input is the spec's.
 */
class AtRestKeyRingFormatTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] KEY = HEX.parseHex(
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  private static final byte[] NONCE = HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaab");
  private static final byte[] AD = "delivery:d-1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PLAINTEXT = "a content key".getBytes(StandardCharsets.UTF_8);
  /** prefix 53 50 4B 01 00 01, name length 7, "2026-12". */
  private static final String HEAD = "53504b010001" + "07" + "323032362d3132";

  /** AES-256-GCM with a fixed nonce: only for reproducible vectors, never for real data. */
  private static final AtRestKey FIXED = new AtRestKey() {
    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
      return gcm(Cipher.ENCRYPT_MODE, plaintext, associatedData);
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
      try {
        return gcm(Cipher.DECRYPT_MODE, ciphertext, associatedData);
      } catch (IllegalStateException e) {
        throw new IntegrityException("does not decrypt");
      }
    }
  };

  private static byte[] gcm(int mode, byte[] input, byte[] associatedData) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, NONCE));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException("tag", e);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private final AtRestKeyRing ring = AtRestKeyRing.builder().primary("2026-12", FIXED).build();

  @Test
  void ringCiphertext_isTheHeadThenTheNamedKeysCiphertextOverLabelHeadAndAd() {
    byte[] sealed = ring.encrypt(PLAINTEXT, AD);

    byte[] head = HEX.parseHex(HEAD);
    byte[] innerAd = concat("SecuPass at-rest key ring v1".getBytes(StandardCharsets.US_ASCII),
        new byte[] {0}, head, AD);
    assertThat(HEX.formatHex(sealed)).isEqualTo(HEAD + HEX.formatHex(gcm(Cipher.ENCRYPT_MODE,
        PLAINTEXT, innerAd)));
    assertThat(HEX.formatHex(sealed)).isEqualTo(HEAD
        + "87381f422bbf67d11645ecb67e" + "ff994241ad921b6e80a5eb707418da6b");
    assertThat(ring.decrypt(sealed, AD)).isEqualTo(PLAINTEXT);
  }

  @Test
  void unknownVersion_isUnsupportedFormat() {
    byte[] sealed = ring.encrypt(PLAINTEXT, AD);
    sealed[3] = 2;

    assertThatThrownBy(() -> ring.decrypt(sealed, AD))
        .isInstanceOf(UnsupportedFormatException.class);
  }

  @Test
  void nameOutsideTheGrammar_orCutShort_isIntegrity() {
    byte[] sealed = ring.encrypt(PLAINTEXT, AD);
    byte[] badName = sealed.clone();
    badName[7] = '/';

    assertThatThrownBy(() -> ring.decrypt(badName, AD)).isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> ring.decrypt(Arrays.copyOf(sealed, 9), AD))
        .isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> ring.decrypt(Arrays.copyOf(sealed, 3), AD))
        .isInstanceOf(IntegrityException.class);
  }

  @Test
  void builder_rejectsBadNames_duplicates_nestedRings_andAMissingPrimary() {
    assertThatThrownBy(() -> AtRestKeyRing.builder().primary("a b", FIXED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"a b\"");
    assertThatThrownBy(() -> AtRestKeyRing.builder().primary("k", FIXED).previous("k", FIXED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
    assertThatThrownBy(() -> AtRestKeyRing.builder().primary("k", ring))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AtRestKeyRing.builder().previous("k", FIXED).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("primary");
  }

  @Test
  void toString_namesThePrimaryOnly() {
    assertThat(ring).hasToString("AtRestKeyRing[primary=2026-12, keys=1]");
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
