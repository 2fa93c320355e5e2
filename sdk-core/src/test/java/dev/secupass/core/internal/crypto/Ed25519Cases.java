package dev.secupass.core.internal.crypto;

import static dev.secupass.core.testing.Edwards25519.BASE;
import static dev.secupass.core.testing.Edwards25519.IDENTITY;
import static dev.secupass.core.testing.Edwards25519.L;
import static dev.secupass.core.testing.Edwards25519.P;

import com.google.gson.JsonObject;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.Edwards25519;
import dev.secupass.core.testing.Edwards25519.Point;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The Ed25519 edge cases of "Taming the many EdDSAs" (Chalkias, Garillot, Nikolaenko, 2020), built
 * as data with the {@link Edwards25519} reference model from one fixed key: small-order and
 * mixed-order R and A, non-canonical encodings of R and A, non-canonical S, points off the curve.
 * Each case records what it is (classified by the model, not by BouncyCastle) and the results the
 * SDK's rules give ({@code docs/format.md}, "Ed25519 verification").
 */
final class Ed25519Cases {
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] seed = new byte[32];
  private final byte[] publicKey = new byte[32];
  private final BigInteger secretScalar;
  private final List<Point> torsion = Edwards25519.smallOrderPoints();
  private final Point order8;

  Ed25519Cases() {
    new DeterministicRandom("ed25519 strictness").nextBytes(seed);
    Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    secretScalar = Edwards25519.secretScalar(seed);
    if (!Arrays.equals(BASE.times(secretScalar).encode(), publicKey)) {
      throw new IllegalStateException("the reference model disagrees with RFC 8032 key generation");
    }
    order8 = torsion.stream().filter(t -> !t.times(4).isIdentity()).findFirst().orElseThrow();
  }

  /** Every case, in a fixed order. */
  List<JsonObject> build() {
    List<JsonObject> cases = new ArrayList<>();
    Point a = BASE.times(secretScalar);
    byte[] m = message("honest");
    byte[] honest = new byte[64];
    Ed25519.sign(seed, 0, publicKey, 0, m, 0, m.length, honest, 0);
    cases.add(describe("honest signature", publicKey, m, honest));
    cases.add(describe("honest signature, message altered", publicKey, message("altered"),
        honest));

    BigInteger s = Edwards25519.littleEndian(Arrays.copyOfRange(honest, 32, 64));
    cases.add(describe("S + L: the same scalar, not canonically encoded", publicKey, m,
        withS(honest, s.add(L))));

    // R of small or mixed order, S computed with the secret scalar so the equation holds.
    m = message("R identity");
    cases.add(describe("R the identity (small order), S = k a", publicKey, m,
        signWithR(IDENTITY.encode(), BigInteger.ZERO, publicKey, m)));
    m = message("R order 8");
    cases.add(describe("R of order 8, S = k a", publicKey, m,
        signWithR(order8.encode(), BigInteger.ZERO, publicKey, m)));
    m = message("R mixed");
    BigInteger r = Edwards25519.hashModL(message("nonce"));
    cases.add(describe("R of mixed order ([r]B + T8), S = r + k a", publicKey, m,
        signWithR(BASE.times(r).add(order8).encode(), r, publicKey, m)));
    m = message("R non-canonical y");
    cases.add(describe("R the identity encoded with y = p + 1 (not canonical), S = k a",
        publicKey, m, signWithR(Edwards25519.encodeY(P.add(BigInteger.ONE), 0), BigInteger.ZERO,
            publicKey, m)));
    m = message("R sign bit");
    cases.add(describe("R the identity with the sign bit of x = 0 set (not canonical), S = k a",
        publicKey, m, signWithR(Edwards25519.encodeY(BigInteger.ONE, 1), BigInteger.ZERO,
            publicKey, m)));
    m = message("R off curve");
    byte[] offCurve = offCurve();
    cases.add(describe("R not on the curve", publicKey, m, concat(offCurve, new byte[32])));

    // A of small order: S = 0 and R the identity satisfy the cofactored equation for any message.
    for (int i = 0; i < torsion.size(); i++) {
      Point t = torsion.get(i);
      m = message("A small " + i);
      cases.add(describe("A of small order ([" + i + "]T8, order " + order(t) + "), R the"
          + " identity, S = 0", t.encode(), m, concat(IDENTITY.encode(), new byte[32])));
    }
    m = message("A identity non-canonical");
    cases.add(describe("A the identity encoded with y = p + 1 (not canonical), R the identity,"
        + " S = 0", Edwards25519.encodeY(P.add(BigInteger.ONE), 0), m,
        concat(IDENTITY.encode(), new byte[32])));
    m = message("A identity sign bit");
    cases.add(describe("A the identity with the sign bit of x = 0 set (not canonical), R the"
        + " identity, S = 0", Edwards25519.encodeY(BigInteger.ONE, 1), m,
        concat(IDENTITY.encode(), new byte[32])));
    byte[] largeNonCanonical = largeOrderNonCanonical();
    m = message("A large non-canonical");
    cases.add(describe("A not of small order, encoded with y + p (not canonical)", largeNonCanonical,
        m, honest));
    cases.add(describe("A not on the curve", offCurve, m, honest));

    // A of mixed order: the holder of a can sign; only the cofactored equation always holds.
    byte[] mixedA = a.add(order8).encode();
    for (int attempt = 0; ; attempt++) {
      // The first attempt whose k is not a multiple of 8, so the cofactorless equation fails.
      m = message("A mixed " + attempt);
      BigInteger nonce = Edwards25519.hashModL(message("mixed nonce " + attempt));
      byte[] signature = signWithR(BASE.times(nonce).encode(), nonce, mixedA, m);
      if (!Edwards25519.equationHolds(mixedA, m, signature, false)) {
        cases.add(describe("A of mixed order (A + T8), R = [r]B, S = r + k a", mixedA, m,
            signature));
        break;
      }
    }
    return cases;
  }

  /**
   * The model's classification of a case and the results the SDK's rules give. {@code verify}:
   * S canonical, R and A canonical points, A not of small order, and the cofactored equation.
   * {@code keyAccepted}: A canonical, on the curve, not of small order.
   */
  static JsonObject describe(String name, byte[] publicKey, byte[] message, byte[] signature) {
    JsonObject json = new JsonObject();
    json.addProperty("name", name);
    json.addProperty("publicKey", HEX.formatHex(publicKey));
    json.addProperty("message", HEX.formatHex(message));
    json.addProperty("signature", HEX.formatHex(signature));
    JsonObject model = classify(publicKey, message, signature);
    json.add("model", model);
    boolean keyAccepted = model.get("keyCanonical").getAsBoolean()
        && model.get("keyOnCurve").getAsBoolean() && !model.get("keySmallOrder").getAsBoolean();
    boolean verify = keyAccepted && model.get("sCanonical").getAsBoolean()
        && model.get("rCanonical").getAsBoolean() && model.get("rOnCurve").getAsBoolean()
        && model.get("cofactored").getAsBoolean();
    json.addProperty("keyAccepted", keyAccepted);
    json.addProperty("verify", verify ? "valid" : "invalid");
    return json;
  }

  /** What the reference model says about a case, independent of BouncyCastle. */
  static JsonObject classify(byte[] publicKey, byte[] message, byte[] signature) {
    JsonObject model = new JsonObject();
    byte[] r = Arrays.copyOf(signature, 32);
    Optional<Point> pointA = Edwards25519.decodeLenient(publicKey);
    Optional<Point> pointR = Edwards25519.decodeLenient(r);
    model.addProperty("keyOnCurve", pointA.isPresent());
    model.addProperty("keyCanonical", Edwards25519.isCanonical(publicKey));
    model.addProperty("keySmallOrder", pointA.map(Point::isSmallOrder).orElse(false));
    model.addProperty("keyMixedOrder", pointA.map(p -> p.hasTorsion() && !p.isSmallOrder())
        .orElse(false));
    model.addProperty("rOnCurve", pointR.isPresent());
    model.addProperty("rCanonical", Edwards25519.isCanonical(r));
    model.addProperty("rSmallOrder", pointR.map(Point::isSmallOrder).orElse(false));
    model.addProperty("rMixedOrder", pointR.map(p -> p.hasTorsion() && !p.isSmallOrder())
        .orElse(false));
    model.addProperty("sCanonical", Edwards25519.littleEndian(Arrays.copyOfRange(signature, 32,
        64)).compareTo(L) < 0);
    model.addProperty("cofactorless", Edwards25519.equationHolds(publicKey, message, signature,
        false));
    model.addProperty("cofactored", Edwards25519.equationHolds(publicKey, message, signature,
        true));
    return model;
  }

  /** R as given, S = r + k a mod L with k over the given encodings. */
  private byte[] signWithR(byte[] encodedR, BigInteger r, byte[] encodedA, byte[] message) {
    return Edwards25519.sign(secretScalar, encodedA, encodedR, r, message);
  }

  private static byte[] withS(byte[] signature, BigInteger s) {
    return concat(Arrays.copyOf(signature, 32), Edwards25519.scalarBytes(s));
  }

  /** The first canonical y encoding (from y = 2 up) that is not on the curve. */
  private static byte[] offCurve() {
    for (int y = 2; ; y++) {
      byte[] encoded = Edwards25519.encodeY(BigInteger.valueOf(y), 0);
      if (Edwards25519.decodeLenient(encoded).isEmpty()) {
        return encoded;
      }
    }
  }

  /** y + p for the first y below 19 (so y + p fits 255 bits) of a point not of small order. */
  private static byte[] largeOrderNonCanonical() {
    for (int y = 2; y < 19; y++) {
      Optional<Point> point = Edwards25519.decodeLenient(Edwards25519.encodeY(
          BigInteger.valueOf(y), 0));
      if (point.isPresent() && !point.get().isSmallOrder()) {
        return Edwards25519.encodeY(BigInteger.valueOf(y).add(P), 0);
      }
    }
    throw new IllegalStateException("no point of large order with y below 19");
  }

  private static int order(Point point) {
    for (int order = 1; ; order *= 2) {
      if (point.times(order).isIdentity()) {
        return order;
      }
    }
  }

  private static byte[] message(String text) {
    return ("SecuPass Ed25519 edge case: " + text).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
