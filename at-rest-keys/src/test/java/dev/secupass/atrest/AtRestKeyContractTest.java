package dev.secupass.atrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.AtRestKeyRing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AtRestKey} must do, alone and in an {@link AtRestKeyRing} (rotation). A key's
 * test is a subclass with one factory hook; the file-based Tink key, the AWS KMS key and the HSM
 * key all pass it.
 */
abstract class AtRestKeyContractTest {
  private static final byte[] AAD = bytes("delivery:d-1");

  /** A new key, distinct from every key this method made before. */
  protected abstract AtRestKey newKey();

  /** How many bytes of a ciphertext the tamper rules flip one by one (all, unless costly). */
  protected int bytesToFlip(byte[] ciphertext) {
    return ciphertext.length;
  }

  @Nested
  @DisplayName("sealing")
  class Sealing {
    @Test
    @DisplayName("what it seals opens again with the same associated data")
    void sealed_opensWithTheSameAssociatedData() {
      AtRestKey key = newKey();
      byte[] plaintext = new byte[1000];
      new Random(7).nextBytes(plaintext);

      assertThat(key.decrypt(key.encrypt(plaintext, AAD), AAD)).isEqualTo(plaintext);
    }

    @Test
    @DisplayName("an empty plaintext and empty associated data seal and open")
    void empty_sealsAndOpens() {
      AtRestKey key = newKey();

      assertThat(key.decrypt(key.encrypt(new byte[0], new byte[0]), new byte[0])).isEmpty();
    }

    @Test
    @DisplayName("sealing the same plaintext twice gives different ciphertext, never the plaintext")
    void sealTwice_differs_andHidesThePlaintext() {
      AtRestKey key = newKey();
      byte[] plaintext = bytes("a content key of thirty-two bytes");

      byte[] first = key.encrypt(plaintext, AAD);
      byte[] second = key.encrypt(plaintext, AAD);

      assertThat(first).isNotEqualTo(second);
      assertThat(new String(first, StandardCharsets.ISO_8859_1))
          .doesNotContain("a content key");
    }

    @Test
    @DisplayName("a restarted handle on the same key opens what the first sealed")
    void anotherHandle_opens() {
      AtRestKey key = newKey();
      byte[] sealed = key.encrypt(bytes("kept"), AAD);

      assertThat(reopen(key).decrypt(sealed, AAD)).isEqualTo(bytes("kept"));
    }

    @Test
    @DisplayName("many threads seal and open at once")
    void concurrentUse_works() throws Exception {
      AtRestKey key = newKey();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          byte[] plaintext = bytes("thread " + t);
          results.add(pool.submit(() -> {
            for (int i = 0; i < 10; i++) {
              if (!java.util.Arrays.equals(key.decrypt(key.encrypt(plaintext, AAD), AAD),
                  plaintext)) {
                return false;
              }
            }
            return true;
          }));
        }
        for (Future<Boolean> result : results) {
          assertThat(result.get()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  @DisplayName("refusing")
  class Refusing {
    @Test
    @DisplayName("other associated data is an integrity failure (nothing moves between contexts)")
    void otherAssociatedData_throwsIntegrity() {
      AtRestKey key = newKey();
      byte[] sealed = key.encrypt(bytes("secret"), AAD);

      assertThatThrownBy(() -> key.decrypt(sealed, bytes("delivery:d-2")))
          .isInstanceOf(IntegrityException.class)
          .hasMessageNotContaining("secret");
    }

    @Test
    @DisplayName("any altered byte is an integrity failure")
    void anyAlteredByte_throwsIntegrity() {
      AtRestKey key = newKey();
      byte[] sealed = key.encrypt(bytes("secret"), AAD);

      for (int i = 0; i < bytesToFlip(sealed); i++) {
        byte[] altered = sealed.clone();
        altered[i] ^= 0x01;
        assertThatThrownBy(() -> key.decrypt(altered, AAD))
            .as("byte %d flipped", i)
            .isInstanceOf(IntegrityException.class);
      }
    }

    @Test
    @DisplayName("a ciphertext cut short anywhere is an integrity failure")
    void truncated_throwsIntegrity() {
      AtRestKey key = newKey();
      byte[] sealed = key.encrypt(bytes("secret"), AAD);

      for (int length = 0; length < sealed.length; length += Math.max(1, sealed.length / 40)) {
        byte[] cut = java.util.Arrays.copyOf(sealed, length);
        assertThatThrownBy(() -> key.decrypt(cut, AAD))
            .as("cut to %d bytes", length)
            .isInstanceOf(IntegrityException.class);
      }
    }

    @Test
    @DisplayName("what another key sealed is an integrity failure")
    void anotherKeysCiphertext_throwsIntegrity() {
      AtRestKey key = newKey();
      byte[] sealed = newKey().encrypt(bytes("secret"), AAD);

      assertThatThrownBy(() -> key.decrypt(sealed, AAD)).isInstanceOf(IntegrityException.class);
    }
  }

  @Nested
  @DisplayName("rotation in a key ring")
  class Rotation {
    @Test
    @DisplayName("after rotation new data is sealed under the new key and old data still opens")
    void rotated_sealsUnderNew_opensOld() {
      AtRestKey oldKey = newKey();
      AtRestKey newKey = newKey();
      AtRestKeyRing before = AtRestKeyRing.builder().primary("k1", oldKey).build();
      byte[] old = before.encrypt(bytes("old record"), AAD);

      AtRestKeyRing after = AtRestKeyRing.builder()
          .primary("k2", newKey).previous("k1", reopen(oldKey)).build();
      byte[] fresh = after.encrypt(bytes("new record"), AAD);

      assertThat(after.decrypt(old, AAD)).isEqualTo(bytes("old record"));
      assertThat(after.sealedUnder(old)).contains("k1");
      assertThat(after.sealedUnder(fresh)).contains("k2");
      assertThat(AtRestKeyRing.builder().primary("k2", newKey).build().decrypt(fresh, AAD))
          .as("the new key alone opens new data").isEqualTo(bytes("new record"));
    }

    @Test
    @DisplayName("a re-sealed record opens without the old key, which can then be dropped")
    void resealed_opensWithoutTheOldKey() {
      AtRestKey oldKey = newKey();
      AtRestKey newKey = newKey();
      byte[] old = AtRestKeyRing.builder().primary("k1", oldKey).build()
          .encrypt(bytes("old record"), AAD);
      AtRestKeyRing after = AtRestKeyRing.builder()
          .primary("k2", newKey).previous("k1", oldKey).build();

      byte[] moved = after.reseal(old, AAD).orElseThrow();
      AtRestKeyRing dropped = AtRestKeyRing.builder().primary("k2", newKey).build();

      assertThat(dropped.decrypt(moved, AAD)).isEqualTo(bytes("old record"));
      assertThat(after.reseal(moved, AAD)).as("already under the primary").isEmpty();
      assertThatThrownBy(() -> dropped.decrypt(old, AAD))
          .isInstanceOf(IntegrityException.class)
          .hasMessageContaining("\"k1\"");
    }

    @Test
    @DisplayName("data a bare key sealed before the ring opens through the ring's unnamed key")
    void beforeTheRing_opensThroughUnnamed() {
      AtRestKey bare = newKey();
      byte[] legacy = bare.encrypt(bytes("from before"), AAD);
      AtRestKeyRing ring = AtRestKeyRing.builder().primary("k2", newKey()).unnamed(bare).build();

      assertThat(ring.sealedUnder(legacy)).isEmpty();
      assertThat(ring.decrypt(legacy, AAD)).isEqualTo(bytes("from before"));
      assertThat(ring.sealedUnder(ring.reseal(legacy, AAD).orElseThrow())).contains("k2");
    }

    @Test
    @DisplayName("a key name rewritten to another key of the ring is an integrity failure")
    void keyNameRewritten_throwsIntegrity() {
      AtRestKey first = newKey();
      AtRestKeyRing ring = AtRestKeyRing.builder()
          .primary("ka", first).previous("kb", newKey()).build();
      byte[] sealed = ring.encrypt(bytes("secret"), AAD);
      byte[] renamed = sealed.clone();
      renamed[8] = 'b'; // prefix (6) || length (1) || "ka": the second letter

      assertThat(ring.sealedUnder(renamed)).contains("kb");
      assertThatThrownBy(() -> ring.decrypt(renamed, AAD)).isInstanceOf(IntegrityException.class);
    }

    @Test
    @DisplayName("the ring's ciphertext is the named key's, bound to the name: the bare key refuses it")
    void ringCiphertext_isBoundToTheRing() {
      AtRestKey key = newKey();
      AtRestKeyRing ring = AtRestKeyRing.builder().primary("k1", key).build();
      byte[] sealed = ring.encrypt(bytes("secret"), AAD);
      byte[] inner = java.util.Arrays.copyOfRange(sealed, 9, sealed.length);

      assertThatThrownBy(() -> key.decrypt(inner, AAD)).isInstanceOf(IntegrityException.class);
    }
  }

  /**
   * A second handle on the same key, as a restarted host would make it (by default the same
   * object: a subclass whose key can be opened anew overrides this).
   */
  protected AtRestKey reopen(AtRestKey key) {
    return key;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
