package dev.secupass.core.independent;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The primitives docs/format.md names ("Conventions", "Ed25519 verification", "X25519 keys"), on
 * the JDK and BouncyCastle's low-level classes only.
 */
final class Primitives {
  private static final HexFormat HEX = HexFormat.of();
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger L = BigInteger.TWO.pow(252)
      .add(new BigInteger("27742317777372353535851937790883648493"));
  private static final BigInteger D = BigInteger.valueOf(-121665)
      .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);

  /** docs/format.md, "X25519 keys": the small-order u values. */
  private static final String[] X25519_SMALL_ORDER = {
      "0000000000000000000000000000000000000000000000000000000000000000",
      "0100000000000000000000000000000000000000000000000000000000000000",
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
      "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"};

  /** docs/format.md, "Ed25519 verification": the canonical encodings of the small-order points. */
  private static final String[] ED25519_SMALL_ORDER = {
      "0100000000000000000000000000000000000000000000000000000000000000",
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "0000000000000000000000000000000000000000000000000000000000000000",
      "0000000000000000000000000000000000000000000000000000000000000080",
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85"};

  private Primitives() {}

  static byte[] label(String text) {
    return Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), text.length() + 1);
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, offset, part.length);
      offset += part.length;
    }
    return out;
  }

  static byte[] str(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return concat(new byte[] {(byte) (utf8.length >>> 8), (byte) utf8.length}, utf8);
  }

  static byte[] u32(long value) {
    return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
        (byte) value};
  }

  static byte[] sha256(byte[]... parts) {
    return digest("SHA-256", parts);
  }

  static byte[] sha512(byte[]... parts) {
    return digest("SHA-512", parts);
  }

  private static byte[] digest(String algorithm, byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] hmacSha256(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[32] : key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HKDF-SHA256 (RFC 5869), extract then expand. */
  static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
    byte[] prk = hmacSha256(salt, ikm);
    byte[] out = new byte[0];
    byte[] block = new byte[0];
    for (int i = 1; out.length < length; i++) {
      block = hmacSha256(prk, block, info, new byte[] {(byte) i});
      out = concat(out, block);
    }
    return Arrays.copyOf(out, length);
  }

  /** AES-256-GCM decryption with a 16-byte tag; {@code null} if the tag fails. */
  static byte[] aesGcmOpen(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad);
      return cipher.doFinal(sealed);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] argon2id(byte[] password, byte[] salt, int memoryKiB, int passes, int lanes,
      int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt)
        .withMemoryAsKB(memoryKiB).withIterations(passes).withParallelism(lanes).build());
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }

  static byte[] x25519Public(byte[] privateKey) {
    byte[] out = new byte[32];
    X25519.scalarMultBase(privateKey, 0, out, 0);
    return out;
  }

  static byte[] ed25519Public(byte[] seed) {
    byte[] out = new byte[32];
    Ed25519.generatePublicKey(seed, 0, out, 0);
    return out;
  }

  /** docs/format.md, "X25519 keys": canonical (below p) and not of small order. */
  static boolean x25519KeyAcceptable(byte[] u) {
    if (littleEndian(u).compareTo(P) >= 0) {
      return false;
    }
    for (String small : X25519_SMALL_ORDER) {
      if (Arrays.equals(u, HEX.parseHex(small))) {
        return false;
      }
    }
    return true;
  }

  /**
   * docs/format.md, "Ed25519 verification", rule 3: a canonical encoding (y below p; the sign
   * bit on x = 0 only occurs for y = 1 and y = p - 1, both small-order points) of a point on the
   * curve, not one of the eight of small order.
   */
  static boolean ed25519KeyAcceptable(byte[] a) {
    BigInteger y = littleEndian(Arrays.copyOf(a, 32)).clearBit(255);
    if (y.compareTo(P) >= 0) {
      return false;
    }
    for (String small : ED25519_SMALL_ORDER) {
      if (Arrays.equals(a, HEX.parseHex(small))) {
        return false;
      }
    }
    if ((a[31] & 0x80) != 0 && (y.equals(BigInteger.ONE) || y.equals(P.subtract(BigInteger.ONE)))) {
      return false;
    }
    // On the curve -x^2 + y^2 = 1 + d x^2 y^2: x^2 = (y^2 - 1) / (d y^2 + 1) must be a square.
    BigInteger y2 = y.multiply(y).mod(P);
    BigInteger x2 = y2.subtract(BigInteger.ONE).multiply(
        D.multiply(y2).add(BigInteger.ONE).modInverse(P)).mod(P);
    return x2.signum() == 0 || x2.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P)
        .equals(BigInteger.ONE);
  }

  /**
   * docs/format.md, "Ed25519 verification": over {@code "SecuPass signed v1"\0 || message}; S
   * below L and R's y below p checked here, the rest (R on the curve and canonical, the cofactored
   * equation) by BouncyCastle's verifier, whose rules the spec adopts.
   */
  static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (signature.length != 64 || publicKey.length != 32 || !ed25519KeyAcceptable(publicKey)) {
      return false;
    }
    if (littleEndian(Arrays.copyOfRange(signature, 32, 64)).compareTo(L) >= 0
        || littleEndian(Arrays.copyOf(signature, 32)).clearBit(255).compareTo(P) >= 0) {
      return false;
    }
    byte[] input = concat(label("SecuPass signed v1"), message);
    return Ed25519.verify(signature, 0, publicKey, 0, input, 0, input.length);
  }

  static BigInteger littleEndian(byte[] bytes) {
    byte[] big = new byte[bytes.length + 1];
    for (int i = 0; i < bytes.length; i++) {
      big[bytes.length - i] = bytes[i];
    }
    return new BigInteger(big);
  }
}
