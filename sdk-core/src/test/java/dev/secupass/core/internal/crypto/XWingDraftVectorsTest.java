package dev.secupass.core.internal.crypto;

import static dev.secupass.core.internal.crypto.Rfc9180HpkeVectorsTest.aesGcm;
import static dev.secupass.core.internal.crypto.Rfc9180HpkeVectorsTest.concat;
import static dev.secupass.core.internal.crypto.Rfc9180HpkeVectorsTest.labeledExpand;
import static dev.secupass.core.internal.crypto.Rfc9180HpkeVectorsTest.labeledExtract;
import static dev.secupass.core.internal.crypto.StandardVectors.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.secupass.core.testing.FixedRandom;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.pqc.crypto.xwing.XWingKEMExtractor;
import org.bouncycastle.pqc.crypto.xwing.XWingPrivateKeyParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The X-Wing draft's own test vectors (draft-connolly-cfrg-xwing-kem, {@code spec/test-vectors.json}:
 * seed, public key, encapsulation seed, ciphertext, shared secret) against {@link HpkeXWing}: its
 * key generation gives the recorded public key, its encapsulation with the recorded seed the
 * recorded ciphertext, decapsulation the recorded shared secret, and the HPKE key schedule of RFC
 * 9180 computed here from that shared secret (KEM id 0x647a, as the draft's "Use in HPKE" says)
 * gives exactly the AEAD ciphertext {@link HpkeXWing#seal} produces.
 */
class XWingDraftVectorsTest {
  private static final byte[] HPKE_SUITE =
      {'H', 'P', 'K', 'E', 0x64, 0x7a, 0x00, 0x01, 0x00, 0x02};

  private static List<JsonObject> vectors;

  @BeforeAll
  static void load() {
    vectors = StandardVectors.objects(StandardVectors.load("xwing-draft.json"), "vectors");
    assertThat(vectors).hasSize(3);
  }

  @Test
  @DisplayName("key generation from the recorded seed gives the recorded 1216-byte public key")
  void publicKey_fromSeed_isTheRecordedOne() {
    for (JsonObject vector : vectors) {
      assertThat(HpkeXWing.publicKey(bytes(vector, "seed"))).isEqualTo(bytes(vector, "pk"));
      assertThat(bytes(vector, "sk")).isEqualTo(bytes(vector, "seed"));
      assertThat(HpkeXWing.isValidPublicKey(bytes(vector, "pk"))).isTrue();
    }
  }

  @Test
  @DisplayName("HPKE with X-Wing encapsulates with the recorded seed to the recorded ciphertext,"
      + " and seals under RFC 9180's key schedule of the recorded shared secret")
  void seal_withRecordedSeed_matchesTheDraftAndTheKeySchedule() throws Exception {
    byte[] info = "SecuPass X-Wing vector".getBytes(StandardCharsets.US_ASCII);
    byte[] plaintext = "a 32-byte content key, as bytes!".getBytes(StandardCharsets.US_ASCII);
    for (JsonObject vector : vectors) {
      HpkeX25519.Sealed sealed = HpkeXWing.seal(bytes(vector, "pk"), info, plaintext,
          new FixedRandom(bytes(vector, "eseed")));
      assertThat(sealed.enc()).isEqualTo(bytes(vector, "ct"));

      byte[] sharedSecret = bytes(vector, "ss");
      byte[] pskIdHash = labeledExtract(HPKE_SUITE, new byte[0], "psk_id_hash", new byte[0]);
      byte[] infoHash = labeledExtract(HPKE_SUITE, new byte[0], "info_hash", info);
      byte[] context = concat(new byte[] {0}, concat(pskIdHash, infoHash));
      byte[] secret = labeledExtract(HPKE_SUITE, sharedSecret, "secret", new byte[0]);
      byte[] key = labeledExpand(HPKE_SUITE, secret, "key", context, 32);
      byte[] nonce = labeledExpand(HPKE_SUITE, secret, "base_nonce", context, 12);
      assertThat(sealed.ciphertext()).isEqualTo(aesGcm(key, nonce, new byte[0], plaintext));

      assertThat(HpkeXWing.open(bytes(vector, "seed"), bytes(vector, "pk"), sealed.enc(), info,
          sealed.ciphertext())).isEqualTo(plaintext);
    }
  }

  @Test
  @DisplayName("decapsulating the recorded ciphertext gives the recorded shared secret")
  void decapsulate_recordedCiphertext_givesRecordedSharedSecret() {
    for (JsonObject vector : vectors) {
      XWingKEMExtractor extractor =
          new XWingKEMExtractor(new XWingPrivateKeyParameters(bytes(vector, "seed")));
      assertThat(extractor.extractSecret(bytes(vector, "ct"))).isEqualTo(bytes(vector, "ss"));
    }
  }

  @Test
  @DisplayName("a changed ciphertext, info or key does not open")
  void open_changedInputs_fails() {
    JsonObject vector = vectors.get(0);
    byte[] info = {1};
    byte[] plaintext = new byte[32];
    HpkeX25519.Sealed sealed = HpkeXWing.seal(bytes(vector, "pk"), info, plaintext,
        new FixedRandom(bytes(vector, "eseed")));
    byte[] seed = bytes(vector, "seed");
    byte[] pk = bytes(vector, "pk");
    for (int i : new int[] {0, 1087, 1088, 1119}) {
      byte[] enc = sealed.enc();
      enc[i] ^= 1;
      assertThatThrownBy(() -> HpkeXWing.open(seed, pk, enc, info, sealed.ciphertext()))
          .isInstanceOf(AEADBadTagException.class);
    }
    assertThatThrownBy(() -> HpkeXWing.open(seed, pk, sealed.enc(), new byte[] {2},
        sealed.ciphertext())).isInstanceOf(AEADBadTagException.class);
    byte[] otherSeed = bytes(vectors.get(1), "seed");
    assertThatThrownBy(() -> HpkeXWing.open(otherSeed, HpkeXWing.publicKey(otherSeed),
        sealed.enc(), info, sealed.ciphertext())).isInstanceOf(AEADBadTagException.class);
  }

  @Test
  @DisplayName("a public key fails the check when an ML-KEM coefficient is q or more, its X25519"
      + " part is of small order or not canonical, or its length is wrong")
  void isValidPublicKey_refusesBadKeys() {
    byte[] pk = bytes(vectors.get(0), "pk");
    byte[] coefficient = pk.clone();
    // first coefficient = 0xFFF = 4095 >= 3329
    coefficient[0] = (byte) 0xFF;
    coefficient[1] = (byte) (coefficient[1] | 0x0F);
    assertThat(HpkeXWing.isValidPublicKey(coefficient)).isFalse();
    byte[] smallOrder = pk.clone();
    Arrays.fill(smallOrder, HpkeXWing.ML_KEM_KEY_SIZE, HpkeXWing.PUBLIC_KEY_SIZE, (byte) 0);
    smallOrder[HpkeXWing.ML_KEM_KEY_SIZE] = 1;
    assertThat(HpkeXWing.isValidPublicKey(smallOrder)).isFalse();
    byte[] nonCanonical = pk.clone();
    nonCanonical[HpkeXWing.PUBLIC_KEY_SIZE - 1] |= (byte) 0x80;
    assertThat(HpkeXWing.isValidPublicKey(nonCanonical)).isFalse();
    assertThat(HpkeXWing.isValidPublicKey(Arrays.copyOf(pk, pk.length - 1))).isFalse();
  }
}
