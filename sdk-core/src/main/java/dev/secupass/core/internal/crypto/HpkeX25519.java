package dev.secupass.core.internal.crypto;

import dev.secupass.api.IntegrityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
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

  /**
   * The u-coordinates of the points of small order on Curve25519 and its twist (order 1, 2, 4 or
   * 8), little-endian: 0, 1, 2^255 - 20 (p - 1) and the two of order 8. X25519 with any private key
   * maps them to zero, so a key among them makes every shared secret public.
   */
  private static final byte[][] SMALL_ORDER = {
      HexFormat.of().parseHex("0000000000000000000000000000000000000000000000000000000000000000"),
      HexFormat.of().parseHex("0100000000000000000000000000000000000000000000000000000000000000"),
      HexFormat.of().parseHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
      HexFormat.of().parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
      HexFormat.of().parseHex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
  };

  /** p = 2^255 - 19, little-endian. */
  private static final byte[] FIELD_PRIME =
      HexFormat.of().parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

  /**
   * Whether {@code publicKey} is a key the SDK accepts in a public-key bundle: a canonical
   * u-coordinate (below 2^255 - 19, so the top bit is clear) that is not of small order ({@code
   * docs/format.md}, "X25519 keys"). RFC 7748 lets X25519 take any 32 bytes; a bundle is stricter
   * because the SDK never writes another encoding, and a small-order key would let anyone compute
   * the shared secret of every envelope sealed to it.
   */
  public static boolean isValidPublicKey(byte[] publicKey) {
    if (publicKey.length != KEY_SIZE || !lessThan(publicKey, FIELD_PRIME)) {
      return false;
    }
    for (byte[] smallOrder : SMALL_ORDER) {
      if (Arrays.equals(publicKey, smallOrder)) {
        return false;
      }
    }
    return true;
  }

  /** {@code a < b} for little-endian unsigned numbers of equal length. */
  private static boolean lessThan(byte[] a, byte[] b) {
    for (int i = a.length - 1; i >= 0; i--) {
      int x = a[i] & 0xFF;
      int y = b[i] & 0xFF;
      if (x != y) {
        return x < y;
      }
    }
    return false;
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
    return openBase(hpke(), privateKey, publicKey, enc, info, ciphertext);
  }

  /** Single-shot base-mode open with empty associated data, for every suite's {@code hpke}. */
  static byte[] openBase(HPKE hpke, byte[] privateKey, byte[] publicKey, byte[] enc, byte[] info,
      byte[] ciphertext) throws AEADBadTagException {
    try {
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
