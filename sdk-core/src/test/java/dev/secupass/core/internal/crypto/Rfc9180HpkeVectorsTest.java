package dev.secupass.core.internal.crypto;

import static dev.secupass.core.internal.crypto.StandardVectors.bytes;
import static dev.secupass.core.internal.crypto.StandardVectors.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.secupass.core.testing.FixedRandom;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 9180's published vector for the envelope suite (base mode, DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256, AES-256-GCM): the key schedule is derived here from the RFC's definitions with the
 * JDK's HMAC, and both BouncyCastle's HPKE (as {@link HpkeX25519} configures it) and {@link
 * HpkeX25519} itself must produce and open exactly the recorded values.
 */
class Rfc9180HpkeVectorsTest {
  private static final byte[] KEM_SUITE = {'K', 'E', 'M', 0x00, 0x20};
  private static final byte[] HPKE_SUITE = {'H', 'P', 'K', 'E', 0x00, 0x20, 0x00, 0x01, 0x00, 0x02};

  private static JsonObject vector;

  @BeforeAll
  static void load() {
    List<JsonObject> vectors = StandardVectors.objects(
        StandardVectors.load("rfc9180-hpke-base-x25519-sha256-aes256gcm.json"), "vectors");
    assertThat(vectors).hasSize(1);
    vector = vectors.get(0);
    assertThat(List.of(integer(vector, "mode"), integer(vector, "kem_id"),
        integer(vector, "kdf_id"), integer(vector, "aead_id"))).containsExactly(0, 0x20, 1, 2);
  }

  private static HPKE hpke() {
    return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256,
        HPKE.aead_AES_GCM256);
  }

  @Test
  @DisplayName("DeriveKeyPair and the key schedule, computed from RFC 9180's definitions, give the"
      + " recorded keys, shared secret, key, base nonce and exporter secret")
  void keySchedule_fromTheRfcDefinitions_matchesTheVector() throws Exception {
    assertThat(deriveSecretKey(bytes(vector, "ikmE"))).isEqualTo(bytes(vector, "skEm"));
    assertThat(deriveSecretKey(bytes(vector, "ikmR"))).isEqualTo(bytes(vector, "skRm"));
    assertThat(HpkeX25519.publicKey(bytes(vector, "skEm"))).isEqualTo(bytes(vector, "pkEm"));
    assertThat(HpkeX25519.publicKey(bytes(vector, "skRm"))).isEqualTo(bytes(vector, "pkRm"));
    assertThat(bytes(vector, "enc")).isEqualTo(bytes(vector, "pkEm"));

    byte[] dh = new byte[32];
    assertThat(X25519.calculateAgreement(bytes(vector, "skEm"), 0, bytes(vector, "pkRm"), 0, dh,
        0)).isTrue();
    byte[] kemContext = concat(bytes(vector, "enc"), bytes(vector, "pkRm"));
    byte[] eaePrk = labeledExtract(KEM_SUITE, new byte[0], "eae_prk", dh);
    byte[] sharedSecret = labeledExpand(KEM_SUITE, eaePrk, "shared_secret", kemContext, 32);
    assertThat(sharedSecret).isEqualTo(bytes(vector, "shared_secret"));

    byte[] pskIdHash = labeledExtract(HPKE_SUITE, new byte[0], "psk_id_hash", new byte[0]);
    byte[] infoHash = labeledExtract(HPKE_SUITE, new byte[0], "info_hash",
        bytes(vector, "info"));
    byte[] context = concat(new byte[] {0}, concat(pskIdHash, infoHash));
    assertThat(context).isEqualTo(bytes(vector, "key_schedule_context"));
    byte[] secret = labeledExtract(HPKE_SUITE, sharedSecret, "secret", new byte[0]);
    assertThat(secret).isEqualTo(bytes(vector, "secret"));
    assertThat(labeledExpand(HPKE_SUITE, secret, "key", context, 32))
        .isEqualTo(bytes(vector, "key"));
    assertThat(labeledExpand(HPKE_SUITE, secret, "base_nonce", context, 12))
        .isEqualTo(bytes(vector, "base_nonce"));
    assertThat(labeledExpand(HPKE_SUITE, secret, "exp", context, 32))
        .isEqualTo(bytes(vector, "exporter_secret"));

    // Every recorded encryption is AES-256-GCM under the key with base_nonce XOR the sequence.
    List<JsonObject> encryptions = StandardVectors.objects(vector, "encryptions");
    for (int sequence = 0; sequence < encryptions.size(); sequence++) {
      JsonObject encryption = encryptions.get(sequence);
      byte[] nonce = nonce(bytes(vector, "base_nonce"), sequence);
      assertThat(nonce).isEqualTo(bytes(encryption, "nonce"));
      assertThat(aesGcm(bytes(vector, "key"), nonce, bytes(encryption, "aad"),
          bytes(encryption, "pt"))).isEqualTo(bytes(encryption, "ct"));
    }
  }

  @Test
  @DisplayName("BouncyCastle's HPKE, configured as the SDK configures it, derives the keys, seals,"
      + " opens and exports exactly as recorded")
  void bouncyCastleHpke_sealsOpensAndExportsAsRecorded() throws Exception {
    HPKE hpke = hpke();
    AsymmetricCipherKeyPair ephemeral = hpke.deriveKeyPair(bytes(vector, "ikmE"));
    AsymmetricCipherKeyPair recipient = hpke.deriveKeyPair(bytes(vector, "ikmR"));
    // BouncyCastle keeps X25519 private keys clamped (RFC 7748 decodeScalar25519), the same scalar.
    assertThat(hpke.serializePrivateKey(ephemeral.getPrivate()))
        .isEqualTo(clamp(bytes(vector, "skEm")));
    assertThat(hpke.serializePublicKey(ephemeral.getPublic())).isEqualTo(bytes(vector, "pkEm"));
    assertThat(hpke.serializePublicKey(recipient.getPublic())).isEqualTo(bytes(vector, "pkRm"));

    HPKEContextWithEncapsulation sender = hpke.setupBaseS(recipient.getPublic(),
        bytes(vector, "info"), ephemeral);
    assertThat(sender.getEncapsulation()).isEqualTo(bytes(vector, "enc"));
    HPKEContext receiver = hpke.setupBaseR(bytes(vector, "enc"),
        hpke.deserializePrivateKey(bytes(vector, "skRm"), bytes(vector, "pkRm")),
        bytes(vector, "info"));
    List<JsonObject> encryptions = StandardVectors.objects(vector, "encryptions");
    assertThat(encryptions).hasSizeGreaterThan(1);
    for (JsonObject encryption : encryptions) {
      assertThat(sender.seal(bytes(encryption, "aad"), bytes(encryption, "pt")))
          .isEqualTo(bytes(encryption, "ct"));
      assertThat(receiver.open(bytes(encryption, "aad"), bytes(encryption, "ct")))
          .isEqualTo(bytes(encryption, "pt"));
    }
    for (JsonObject export : StandardVectors.objects(vector, "exports")) {
      assertThat(sender.export(bytes(export, "exporter_context"), integer(export, "L")))
          .isEqualTo(bytes(export, "exported_value"));
      assertThat(receiver.export(bytes(export, "exporter_context"), integer(export, "L")))
          .isEqualTo(bytes(export, "exported_value"));
    }
  }

  @Test
  @DisplayName("HpkeX25519 seals with the recorded ephemeral key to the recorded enc and to the key"
      + " schedule's first AES-256-GCM encryption (empty associated data), and opens it")
  void hpkeX25519_sealsAndOpensUnderTheRecordedKeySchedule() throws Exception {
    byte[] plaintext = "a 32-byte content key, as bytes!".getBytes(StandardCharsets.US_ASCII);
    HpkeX25519.Sealed sealed = HpkeX25519.seal(bytes(vector, "pkRm"), bytes(vector, "info"),
        plaintext, new FixedRandom(bytes(vector, "skEm")));

    assertThat(sealed.enc()).isEqualTo(bytes(vector, "enc"));
    assertThat(sealed.ciphertext()).isEqualTo(aesGcm(bytes(vector, "key"),
        bytes(vector, "base_nonce"), new byte[0], plaintext));
    assertThat(HpkeX25519.open(bytes(vector, "skRm"), bytes(vector, "pkRm"), sealed.enc(),
        bytes(vector, "info"), sealed.ciphertext())).isEqualTo(plaintext);

    byte[] flipped = sealed.ciphertext().clone();
    flipped[0] ^= 1;
    assertThatThrownBy(() -> HpkeX25519.open(bytes(vector, "skRm"), bytes(vector, "pkRm"),
        sealed.enc(), bytes(vector, "info"), flipped)).isInstanceOf(AEADBadTagException.class);
    byte[] otherInfo = concat(bytes(vector, "info"), new byte[] {0});
    assertThatThrownBy(() -> HpkeX25519.open(bytes(vector, "skRm"), bytes(vector, "pkRm"),
        sealed.enc(), otherInfo, sealed.ciphertext())).isInstanceOf(AEADBadTagException.class);
  }

  // ----- RFC 9180 section 4 and 7.1.3, written out -----

  /** DeriveKeyPair of DHKEM(X25519): {@code sk = LabeledExpand(dkp_prk, "sk", "", 32)}. */
  private static byte[] deriveSecretKey(byte[] ikm) throws Exception {
    byte[] prk = labeledExtract(KEM_SUITE, new byte[0], "dkp_prk", ikm);
    return labeledExpand(KEM_SUITE, prk, "sk", new byte[0], 32);
  }

  private static byte[] clamp(byte[] scalar) {
    byte[] clamped = scalar.clone();
    clamped[0] &= (byte) 0xF8;
    clamped[31] &= 0x7F;
    clamped[31] |= 0x40;
    return clamped;
  }

  static byte[] labeledExtract(byte[] suite, byte[] salt, String label, byte[] ikm)
      throws Exception {
    byte[] labeled = concat(concat(ascii("HPKE-v1"), suite), concat(ascii(label), ikm));
    return hmac(salt.length == 0 ? new byte[32] : salt, labeled);
  }

  static byte[] labeledExpand(byte[] suite, byte[] prk, String label, byte[] info,
      int length) throws Exception {
    byte[] labeled = concat(new byte[] {(byte) (length >>> 8), (byte) length},
        concat(concat(ascii("HPKE-v1"), suite), concat(ascii(label), info)));
    // HKDF-Expand (RFC 5869) for one or two blocks.
    byte[] t1 = hmac(prk, concat(labeled, new byte[] {1}));
    byte[] out = length <= 32 ? t1 : concat(t1, hmac(prk, concat(t1,
        concat(labeled, new byte[] {2}))));
    return java.util.Arrays.copyOf(out, length);
  }

  private static byte[] hmac(byte[] key, byte[] message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message);
  }

  private static byte[] nonce(byte[] baseNonce, long sequence) {
    byte[] nonce = baseNonce.clone();
    for (int i = 0; i < 8; i++) {
      nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
    }
    return nonce;
  }

  static byte[] aesGcm(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext)
      throws Exception {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
        new GCMParameterSpec(128, nonce));
    cipher.updateAAD(aad);
    return cipher.doFinal(plaintext);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
