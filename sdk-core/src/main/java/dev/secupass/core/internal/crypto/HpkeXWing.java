package dev.secupass.core.internal.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.pqc.crypto.xwing.XWingPrivateKeyParameters;

/**
 * HPKE (RFC 9180) base mode with the X-Wing KEM (draft-connolly-cfrg-xwing-kem: ML-KEM-768 and
 * X25519 combined with SHA3-256, HPKE KEM id {@code 0x647a}), HKDF-SHA256 and AES-256-GCM, on
 * BouncyCastle, single-shot with empty associated data. The private key is the draft's 32-byte
 * seed; the public key is the ML-KEM-768 encapsulation key (1184 bytes) followed by the X25519
 * public key (32 bytes); the encapsulation is the ML-KEM ciphertext (1088 bytes) followed by the
 * ephemeral X25519 public key (32 bytes). The 64-byte encapsulation seed comes from the caller's
 * {@link SecureRandom}, so envelopes are reproducible for the known-answer vectors.
 */
public final class HpkeXWing {
  /** HPKE KEM identifier of X-Wing. */
  public static final int KEM_ID = 0x647a;
  public static final int SEED_SIZE = 32;
  public static final int ML_KEM_KEY_SIZE = 1184;
  public static final int PUBLIC_KEY_SIZE = ML_KEM_KEY_SIZE + HpkeX25519.KEY_SIZE;
  public static final int ENC_SIZE = 1088 + HpkeX25519.ENC_SIZE;
  public static final int ENCAPSULATION_SEED_SIZE = 64;
  public static final int TAG_SIZE = 16;

  private static final int Q = 3329;
  private static final byte[] NO_AAD = new byte[0];

  private HpkeXWing() {}

  private static HPKE hpke() {
    return new HPKE(HPKE.mode_base, HPKE.kem_X_WING, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
  }

  /** A fresh X-Wing private key (the 32-byte seed) from {@code random}. */
  public static byte[] generateSeed(SecureRandom random) {
    byte[] seed = new byte[SEED_SIZE];
    random.nextBytes(seed);
    return seed;
  }

  /** The 1216-byte public key of {@code seed} (the draft's {@code GenerateKeyPairDerand}). */
  public static byte[] publicKey(byte[] seed) {
    if (seed.length != SEED_SIZE) {
      throw new IllegalArgumentException("an X-Wing private key is " + SEED_SIZE + " bytes");
    }
    return new XWingPrivateKeyParameters(seed).getPublicKeyParameters().getEncoded();
  }

  /**
   * Whether {@code publicKey} is a key the SDK accepts in a public-key bundle: 1216 bytes whose
   * ML-KEM-768 part passes FIPS 203's encapsulation key check (every 12-bit coefficient of the
   * 1152 bytes before the 32-byte seed is below q = 3329) and whose X25519 part is a canonical
   * u-coordinate not of small order ({@link HpkeX25519#isValidPublicKey}).
   */
  public static boolean isValidPublicKey(byte[] publicKey) {
    if (publicKey.length != PUBLIC_KEY_SIZE) {
      return false;
    }
    int polyBytes = ML_KEM_KEY_SIZE - 32;
    for (int i = 0; i < polyBytes; i += 3) {
      int b0 = publicKey[i] & 0xFF;
      int b1 = publicKey[i + 1] & 0xFF;
      int b2 = publicKey[i + 2] & 0xFF;
      int d1 = b0 | ((b1 & 0x0F) << 8);
      int d2 = (b1 >> 4) | (b2 << 4);
      if (d1 >= Q || d2 >= Q) {
        return false;
      }
    }
    return HpkeX25519.isValidPublicKey(
        Arrays.copyOfRange(publicKey, ML_KEM_KEY_SIZE, PUBLIC_KEY_SIZE));
  }

  /** Seals {@code plaintext} to {@code recipientPublicKey} (a key {@link #isValidPublicKey}). */
  public static HpkeX25519.Sealed seal(byte[] recipientPublicKey, byte[] info, byte[] plaintext,
      SecureRandom random) {
    byte[] encapsulationSeed = new byte[ENCAPSULATION_SEED_SIZE];
    random.nextBytes(encapsulationSeed);
    try {
      HPKE hpke = hpke();
      HPKEContextWithEncapsulation context = hpke.setupBaseS(
          hpke.deserializePublicKey(recipientPublicKey), info, encapsulationSeed);
      return new HpkeX25519.Sealed(context.getEncapsulation(), context.seal(NO_AAD, plaintext));
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("HPKE seal failed", e);
    } finally {
      Wipe.bytes(encapsulationSeed);
    }
  }

  /**
   * Opens what {@link #seal} made.
   *
   * @throws AEADBadTagException if the ciphertext, {@code enc} or {@code info} is not the sealed
   *     one, or the key is not the recipient's
   */
  public static byte[] open(byte[] seed, byte[] publicKey, byte[] enc, byte[] info,
      byte[] ciphertext) throws AEADBadTagException {
    return HpkeX25519.openBase(hpke(), seed, publicKey, enc, info, ciphertext);
  }
}
