package dev.secupass.core.internal.crypto;

import dev.secupass.api.IntegrityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * HPKE (RFC 9180) base mode with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-256-GCM, on
 * BouncyCastle, single-shot with empty associated data. The ephemeral key comes from the caller's
 * {@link SecureRandom}, so envelopes are reproducible for the known-answer vectors.
 */
public final class HpkeX25519 {
  public static final int KEY_SIZE = X25519.SCALAR_SIZE;
  public static final int ENC_SIZE = X25519.POINT_SIZE;
  public static final int TAG_SIZE = 16;

  private static final byte[] NO_AAD = new byte[0];

  private HpkeX25519() {}

  private static HPKE hpke() {
    return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256,
        HPKE.aead_AES_GCM256);
  }

  /** A fresh X25519 private key from {@code random}. */
  public static byte[] generatePrivateKey(SecureRandom random) {
    byte[] privateKey = new byte[KEY_SIZE];
    X25519.generatePrivateKey(random, privateKey);
    return privateKey;
  }

  public static byte[] publicKey(byte[] privateKey) {
    byte[] publicKey = new byte[KEY_SIZE];
    X25519.generatePublicKey(privateKey, 0, publicKey, 0);
    return publicKey;
  }

  /** The sealed result: the encapsulated ephemeral key and the AEAD ciphertext with its tag. */
  public record Sealed(byte[] enc, byte[] ciphertext) {}

  /**
   * Seals {@code plaintext} to {@code recipientPublicKey}.
   *
   * @throws IntegrityException if the public key is unusable (a low-order point)
   */
  public static Sealed seal(byte[] recipientPublicKey, byte[] info, byte[] plaintext,
      SecureRandom random) {
    X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(random);
    AsymmetricCipherKeyPair ephemeralPair =
        new AsymmetricCipherKeyPair(ephemeral.generatePublicKey(), ephemeral);
    try {
      HPKEContextWithEncapsulation context = hpke().setupBaseS(
          new X25519PublicKeyParameters(recipientPublicKey), info, ephemeralPair);
      return new Sealed(context.getEncapsulation(), context.seal(NO_AAD, plaintext));
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("HPKE seal failed", e);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // BouncyCastle rejects an all-zero X25519 shared secret (a low-order public key).
      throw new IntegrityException("the recipient's X25519 public key is unusable", e);
    }
  }

  /**
   * Opens what {@link #seal} made.
   *
   * @throws AEADBadTagException if the ciphertext, {@code enc} or {@code info} is not the sealed
   *     one, or the key is not the recipient's
   */
  public static byte[] open(byte[] privateKey, byte[] publicKey, byte[] enc, byte[] info,
      byte[] ciphertext) throws AEADBadTagException {
    try {
      HPKE hpke = hpke();
      AsymmetricCipherKeyPair recipient = hpke.deserializePrivateKey(privateKey, publicKey);
      HPKEContext context = hpke.setupBaseR(enc, recipient, info);
      return context.open(NO_AAD, ciphertext);
    } catch (InvalidCipherTextException | RuntimeException e) {
      // BouncyCastle signals a bad tag, a small-order enc or a malformed key in several ways.
      AEADBadTagException failure = new AEADBadTagException("HPKE open failed");
      failure.initCause(e);
      throw failure;
    }
  }
}
