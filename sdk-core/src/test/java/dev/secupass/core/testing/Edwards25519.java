package dev.secupass.core.testing;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A slow, plain reference model of edwards25519 (RFC 8032 section 5.1) on {@link BigInteger}, for
 * tests only: it builds the Ed25519 edge cases (small-order and mixed-order points, non-canonical
 * encodings, malleable scalars) as data and classifies them independently of BouncyCastle. It is
 * not constant-time and must never touch a secret.
 */
public final class Edwards25519 {
  /** The field prime 2^255 - 19. */
  public static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  /** The order of the prime-order subgroup, 2^252 + 27742317777372353535851937790883648493. */
  public static final BigInteger L = BigInteger.TWO.pow(252)
      .add(new BigInteger("27742317777372353535851937790883648493"));
  /** The curve constant d = -121665 / 121666. */
  public static final BigInteger D = BigInteger.valueOf(-121665)
      .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(
      P.subtract(BigInteger.ONE).shiftRight(2), P);

  /** The neutral element (0, 1). */
  public static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE);
  /** The base point B of RFC 8032. */
  public static final Point BASE = decodeLenient(encodeY(new BigInteger(
      "46316835694926478169428394003475163141307993866256225615783033603165251855960"), 0))
      .orElseThrow();

  private Edwards25519() {}

  /** An affine point; coordinates are reduced modulo p. */
  public record Point(BigInteger x, BigInteger y) {
    public Point add(Point q) {
      BigInteger xy = x.multiply(q.x).multiply(y).multiply(q.y).multiply(D).mod(P);
      BigInteger x3 = x.multiply(q.y).add(y.multiply(q.x))
          .multiply(BigInteger.ONE.add(xy).modInverse(P)).mod(P);
      BigInteger y3 = y.multiply(q.y).add(x.multiply(q.x))
          .multiply(BigInteger.ONE.subtract(xy).mod(P).modInverse(P)).mod(P);
      return new Point(x3, y3);
    }

    public Point negate() {
      return new Point(x.negate().mod(P), y);
    }

    /** {@code [k]} this point, for any {@code k >= 0}. */
    public Point times(BigInteger k) {
      Point result = IDENTITY;
      Point addend = this;
      for (int i = 0; i < k.bitLength(); i++) {
        if (k.testBit(i)) {
          result = result.add(addend);
        }
        addend = addend.add(addend);
      }
      return result;
    }

    public Point times(long k) {
      return times(BigInteger.valueOf(k));
    }

    public boolean isIdentity() {
      return x.signum() == 0 && y.equals(BigInteger.ONE);
    }

    /** Of order 1, 2, 4 or 8: {@code [8]P} is the identity. */
    public boolean isSmallOrder() {
      return times(8).isIdentity();
    }

    /** Has a component of small order (it is small or mixed): {@code [L]P} is not the identity. */
    public boolean hasTorsion() {
      return !times(L).isIdentity();
    }

    /** The canonical 32-byte encoding: y little-endian, the sign of x in the top bit. */
    public byte[] encode() {
      return encodeY(y, x.testBit(0) ? 1 : 0);
    }
  }

  /** {@code y} as 32 little-endian bytes (which may be p or more) with {@code sign} in bit 255. */
  public static byte[] encodeY(BigInteger y, int sign) {
    byte[] big = y.toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < big.length && i < 32; i++) {
      out[i] = big[big.length - 1 - i];
    }
    out[31] |= (byte) (sign << 7);
    return out;
  }

  /** The y value of an encoding, 0 to 2^255 - 1 (not reduced). */
  public static BigInteger rawY(byte[] encoded) {
    byte[] big = new byte[33];
    for (int i = 0; i < 32; i++) {
      big[32 - i] = encoded[i];
    }
    big[1] &= 0x7F;
    return new BigInteger(big);
  }

  /** Whether the encoding is canonical: y below p, and no sign bit on x = 0. */
  public static boolean isCanonical(byte[] encoded) {
    Optional<Point> point = decodeLenient(encoded);
    return rawY(encoded).compareTo(P) < 0 && point.isPresent()
        && point.get().encode()[31] == encoded[31];
  }

  /**
   * Decodes leniently: y is reduced modulo p and a sign bit on x = 0 is ignored; empty if no
   * point has that y. Strict readers refuse what {@link #isCanonical} refuses.
   */
  public static Optional<Point> decodeLenient(byte[] encoded) {
    BigInteger y = rawY(encoded).mod(P);
    int sign = (encoded[31] >> 7) & 1;
    BigInteger y2 = y.multiply(y);
    BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
    BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
    if (x2.signum() == 0) {
      return Optional.of(new Point(BigInteger.ZERO, y));
    }
    BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (!x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO)) {
      x = x.multiply(SQRT_M1).mod(P);
    }
    if (!x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO)) {
      return Optional.empty();
    }
    if (x.testBit(0) != (sign == 1)) {
      x = P.subtract(x);
    }
    return Optional.of(new Point(x, y));
  }

  /** The eight points of small order: {@code [i]T} for a point {@code T} of order 8. */
  public static List<Point> smallOrderPoints() {
    Point order8 = null;
    for (int y = 2; order8 == null; y++) {
      Optional<Point> candidate = decodeLenient(encodeY(BigInteger.valueOf(y), 0));
      if (candidate.isPresent()) {
        // [L]Q kills the prime-order part; what remains is small, of order 8 for some Q.
        Point torsion = candidate.get().times(L);
        if (!torsion.times(4).isIdentity()) {
          order8 = torsion;
        }
      }
    }
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      points.add(order8.times(i));
    }
    return points;
  }

  /** {@code SHA-512(parts...)} as a little-endian integer reduced modulo L (RFC 8032 k). */
  public static BigInteger hashModL(byte[]... parts) {
    try {
      MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
      for (byte[] part : parts) {
        sha512.update(part);
      }
      return littleEndian(sha512.digest()).mod(L);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static BigInteger littleEndian(byte[] bytes) {
    byte[] big = new byte[bytes.length + 1];
    for (int i = 0; i < bytes.length; i++) {
      big[bytes.length - i] = bytes[i];
    }
    return new BigInteger(big);
  }

  /** A scalar as 32 little-endian bytes (it must be below 2^256). */
  public static byte[] scalarBytes(BigInteger s) {
    byte[] big = s.toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < big.length && i < 32; i++) {
      out[i] = big[big.length - 1 - i];
    }
    return out;
  }

  /** The secret scalar RFC 8032 derives from a 32-byte seed (SHA-512, first half, clamped). */
  public static BigInteger secretScalar(byte[] seed) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
      h[0] &= (byte) 0xF8;
      h[31] &= 0x7F;
      h[31] |= 0x40;
      return littleEndian(java.util.Arrays.copyOf(h, 32));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A signature {@code R || S} with {@code R} as given and {@code S = r + k a mod L}, {@code k} over
   * the given encodings: what a key holder who knows {@code a} (and {@code r}, the discrete log of
   * R's prime-order part) can make for any public-key encoding and any R.
   */
  public static byte[] sign(BigInteger a, byte[] encodedA, byte[] encodedR, BigInteger r,
      byte[] message) {
    BigInteger k = hashModL(encodedR, encodedA, message);
    byte[] signature = java.util.Arrays.copyOf(encodedR, 64);
    System.arraycopy(scalarBytes(r.add(k.multiply(a)).mod(L)), 0, signature, 32, 32);
    return signature;
  }

  /**
   * Whether {@code [S]B = R + [k]A} (cofactorless) or {@code [8][S]B = [8]R + [8][k]A}
   * (cofactored) holds, decoding A and R leniently and taking S as the integer it encodes, with
   * {@code k = SHA-512(R || A || message) mod L} over the encodings as given.
   */
  public static boolean equationHolds(byte[] publicKey, byte[] message, byte[] signature,
      boolean cofactored) {
    byte[] r = java.util.Arrays.copyOfRange(signature, 0, 32);
    Optional<Point> pointA = decodeLenient(publicKey);
    Optional<Point> pointR = decodeLenient(r);
    if (pointA.isEmpty() || pointR.isEmpty()) {
      return false;
    }
    BigInteger s = littleEndian(java.util.Arrays.copyOfRange(signature, 32, 64));
    BigInteger k = hashModL(r, publicKey, message);
    Point difference = BASE.times(s).add(pointR.get().negate())
        .add(pointA.get().times(k).negate());
    return cofactored ? difference.times(8).isIdentity() : difference.isIdentity();
  }
}
