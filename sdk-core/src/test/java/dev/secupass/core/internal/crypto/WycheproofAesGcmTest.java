package dev.secupass.core.internal.crypto;

import static dev.secupass.core.internal.crypto.StandardVectors.bytes;
import static dev.secupass.core.internal.crypto.StandardVectors.describe;
import static dev.secupass.core.internal.crypto.StandardVectors.integer;
import static dev.secupass.core.internal.crypto.StandardVectors.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.stream.SegmentCipher;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof's AES-GCM vectors with the parameters the SDK uses everywhere (256-bit keys, 12-byte
 * nonces, 16-byte tags), run on the JDK cipher in both ways the SDK calls it: with associated data
 * and whole arrays (key blobs), and between arrays at offsets with empty associated data (content
 * segments, through {@link SegmentCipher} where the nonce has a segment's shape).
 */
class WycheproofAesGcmTest {
  private static final List<JsonObject> TESTS = StandardVectors.wycheproof("aes_gcm_test.json")
      .stream()
      .filter(t -> integer(t.getAsJsonObject("group"), "keySize") == 256
          && integer(t.getAsJsonObject("group"), "ivSize") == 96
          && integer(t.getAsJsonObject("group"), "tagSize") == 128)
      .toList();

  @Test
  @DisplayName("Every applicable Wycheproof AES-GCM vector encrypts and decrypts as recorded, and"
      + " every invalid one fails authentication")
  void aesGcm256_matchesEveryApplicableVector() throws Exception {
    assertThat(TESTS).hasSize(66);
    for (JsonObject t : TESTS) {
      byte[] key = bytes(t, "key");
      byte[] iv = bytes(t, "iv");
      byte[] aad = bytes(t, "aad");
      byte[] message = bytes(t, "msg");
      byte[] sealed = concat(bytes(t, "ct"), bytes(t, "tag"));
      if (string(t, "result").equals("valid")) {
        assertThat(cipher(Cipher.ENCRYPT_MODE, key, iv, aad).doFinal(message)).as(describe(t))
            .isEqualTo(sealed);
        assertThat(cipher(Cipher.DECRYPT_MODE, key, iv, aad).doFinal(sealed)).as(describe(t))
            .isEqualTo(message);
        // In place, at an offset, as the content segments are decrypted.
        byte[] buffer = new byte[sealed.length + 7];
        System.arraycopy(sealed, 0, buffer, 7, sealed.length);
        int length = cipher(Cipher.DECRYPT_MODE, key, iv, aad).doFinal(buffer, 7, sealed.length,
            buffer, 7);
        assertThat(Arrays.copyOfRange(buffer, 7, 7 + length)).isEqualTo(message);
      } else {
        assertThat(string(t, "result")).isEqualTo("invalid");
        assertThatThrownBy(() -> cipher(Cipher.DECRYPT_MODE, key, iv, aad).doFinal(sealed))
            .as(describe(t)).isInstanceOf(AEADBadTagException.class);
      }
    }
  }

  @Test
  @DisplayName("SegmentCipher decrypts the Wycheproof vectors whose nonce has a segment's shape")
  void segmentCipher_matchesTheVectorsItCanExpress() {
    int checked = 0;
    for (JsonObject t : TESTS) {
      byte[] iv = bytes(t, "iv");
      if (bytes(t, "aad").length > 0 || (iv[11] != 0 && iv[11] != 1)) {
        continue;
      }
      long index = ((iv[7] & 0xFFL) << 24) | ((iv[8] & 0xFF) << 16) | ((iv[9] & 0xFF) << 8)
          | (iv[10] & 0xFF);
      boolean last = iv[11] == 1;
      SegmentCipher cipher = new SegmentCipher(bytes(t, "key"), Arrays.copyOf(iv, 7));
      byte[] sealed = concat(bytes(t, "ct"), bytes(t, "tag"));
      byte[] out = new byte[sealed.length];
      if (string(t, "result").equals("valid")) {
        int length = cipher.decrypt(index, last, sealed, 0, sealed.length, out, 0);
        assertThat(Arrays.copyOf(out, length)).isEqualTo(bytes(t, "msg"));
        byte[] encrypted = new byte[sealed.length];
        cipher.encrypt(index, last, bytes(t, "msg"), 0, bytes(t, "msg").length, encrypted, 0);
        assertThat(encrypted).isEqualTo(sealed);
      } else {
        assertThatThrownBy(() -> cipher.decrypt(index, last, sealed, 0, sealed.length, out, 0))
            .isInstanceOf(IntegrityException.class);
      }
      checked++;
    }
    assertThat(checked).isPositive();
  }

  private static Cipher cipher(int mode, byte[] key, byte[] iv, byte[] aad) throws Exception {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
    cipher.updateAAD(aad);
    return cipher;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
