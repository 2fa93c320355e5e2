package dev.secupass.core.vectors;

import static dev.secupass.core.vectors.Vectors.VALID;
import static dev.secupass.core.vectors.Vectors.hex;
import static dev.secupass.core.vectors.Vectors.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.Fingerprint;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.RoomId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.EncryptedContent;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.EnvelopeCodec;
import dev.secupass.core.internal.format.FormatPrefix;
import dev.secupass.core.internal.format.ManifestCodec;
import dev.secupass.core.internal.format.SignedStatementCodec;
import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.core.internal.keys.PinSeal;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.Edwards25519;
import dev.secupass.core.testing.FixedRandom;
import dev.secupass.core.testing.Streams;
import dev.secupass.core.vectors.Vectors.User;
import dev.secupass.spi.KdfParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the known-answer vector files from fixed seeds. Disabled by default: the files are frozen
 * and a format change must fail {@link KnownAnswerVectorsTest}. Regenerate only for a deliberate
 * format change (a new version or suite), then review the diff:
 *
 * <pre>{@code
 * mvn -B -ntp -pl sdk-core -am verify -Dtest=VectorGenerator \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dsecupass.vectors.generate=true
 * }</pre>
 *
 * Running it twice gives identical files.
 */
@EnabledIfSystemProperty(named = "secupass.vectors.generate", matches = "true")
class VectorGenerator {
  static final int SEGMENT = 32;
  static final KdfParameters KDF = new KdfParameters("argon2id", 64, 1, 1);

  private final User alice = User.make("alice", 1);
  private final User bob = User.make("bob", 1);
  private final User carol = User.make("carol", 1);
  private final User mallory = User.make("mallory", 1);

  @Test
  void writeAll() throws IOException {
    Vectors.write("content-stream.json", contentStreams());
    Vectors.write("envelope.json", envelopes());
    Vectors.write("key-blob.json", keyBlobs());
    Vectors.write("public-keys.json", publicKeys());
    Vectors.write("signed-statement.json", signedStatements());
    Vectors.write("key-pin.json", keyPins());
  }

  private static JsonObject file(String description, JsonArray vectors, User... users) {
    JsonObject file = new JsonObject();
    file.addProperty("description", description);
    if (users.length > 0) {
      JsonObject map = new JsonObject();
      for (User user : users) {
        map.add(user.id().value().substring(0, user.id().value().indexOf('@')), user.toJson());
      }
      file.add("users", map);
    }
    file.add("vectors", vectors);
    return file;
  }

  private static byte[] seeded(String seed, int length) {
    byte[] bytes = new byte[length];
    new DeterministicRandom("vectors/" + seed).nextBytes(bytes);
    return bytes;
  }

  // ----- content streams -----

  private JsonObject contentStreams() throws IOException {
    JsonArray vectors = new JsonArray();
    SymmetricKey key = SymmetricKey.importBytes(seeded("content key", 32));
    ContentContext file = ContentContext.deliveryFile(DeliveryId.of("delivery-1"),
        FileId.of("file-1"), SecurityLevel.SECRET);
    for (int size : new int[] {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT + 4}) {
      vectors.add(content("delivery file of " + size + " bytes", key, file, size));
    }
    vectors.add(content("level-4 details", key, ContentContext.deliveryDetails(
        DeliveryId.of("delivery-1"), SecurityLevel.TOP_SECRET), 20));
    vectors.add(content("room entry name under epoch 3", key, ContentContext.roomEntryName(
        RoomId.of("room-1"), FileId.of("entry-1"), 3), 12));
    vectors.add(content("room file key wrapped under epoch 2", key, ContentContext.roomFileKey(
        RoomId.of("room-1"), FileId.of("file-9"), 2), 32));

    JsonObject base = content("base of the negative cases", key, file, 3 * SEGMENT + 4);
    byte[] ct = Vectors.bytes(base, "ciphertext");
    int header = 49;
    int stride = SEGMENT + 16;
    vectors.add(negative(base, "truncated at a segment boundary",
        Arrays.copyOf(ct, header + 2 * stride), "IntegrityException"));
    vectors.add(negative(base, "final segment missing (cut after the last full segment)",
        Arrays.copyOf(ct, header + 3 * stride), "IntegrityException"));
    vectors.add(negative(base, "truncated inside a segment",
        Arrays.copyOf(ct, header + stride + 7), "IntegrityException"));
    vectors.add(negative(base, "header only", Arrays.copyOf(ct, header), "IntegrityException"));
    vectors.add(negative(base, "empty", new byte[0], "IntegrityException"));
    vectors.add(negative(base, "segments 0 and 1 swapped",
        swap(ct, header, stride), "IntegrityException"));
    byte[] duplicated = new byte[ct.length + stride];
    System.arraycopy(ct, 0, duplicated, 0, header + 2 * stride);
    System.arraycopy(ct, header + stride, duplicated, header + 2 * stride, ct.length - header
        - stride);
    vectors.add(negative(base, "segment 1 duplicated", duplicated, "IntegrityException"));
    vectors.add(negative(base, "bit flipped in the salt", flip(ct, 20), "IntegrityException"));
    vectors.add(negative(base, "bit flipped in the nonce prefix", flip(ct, 45),
        "IntegrityException"));
    vectors.add(negative(base, "bit flipped in segment 2", flip(ct, header + 2 * stride + 3),
        "IntegrityException"));
    vectors.add(negative(base, "bit flipped in the final tag", flip(ct, ct.length - 1),
        "IntegrityException"));
    vectors.add(negative(base, "byte appended", Arrays.copyOf(ct, ct.length + 1),
        "IntegrityException"));
    // Version 2 exists now (see contentStreamsV2): a version-1 stream relabelled as version 2 is
    // damage, which "v2 relabelled as version 1" covers the other way round.
    vectors.add(negative(base, "unknown version 3", set(ct, 3, 3), "UnsupportedFormatException"));
    vectors.add(negative(base, "unknown suite 2", set(ct, 5, 2), "UnsupportedFormatException"));
    vectors.add(negative(base, "not a content stream (kind byte)", set(ct, 2, 'E'),
        "IntegrityException"));
    vectors.add(negative(base, "segment size changed to 64", set(ct, 9, 64),
        "IntegrityException"));
    vectors.add(negative(base, "segment size 0", set(ct, 9, 0), "IntegrityException"));
    vectors.add(inContext(base, "wrong associated data: another file", ct,
        ContentContext.deliveryFile(DeliveryId.of("delivery-1"), FileId.of("file-2"),
            SecurityLevel.SECRET)));
    vectors.add(inContext(base, "wrong associated data: another delivery", ct,
        ContentContext.deliveryFile(DeliveryId.of("delivery-2"), FileId.of("file-1"),
            SecurityLevel.SECRET)));
    vectors.add(inContext(base, "level downgrade 3 to 2", ct,
        ContentContext.deliveryFile(DeliveryId.of("delivery-1"), FileId.of("file-1"),
            SecurityLevel.LOGIN)));
    vectors.add(inContext(base, "wrong associated data: read as a file name", ct,
        ContentContext.deliveryFileName(DeliveryId.of("delivery-1"), FileId.of("file-1"),
            SecurityLevel.SECRET)));
    JsonObject wrongKey = negative(base, "wrong content key", ct, "IntegrityException");
    wrongKey.addProperty("decryptKey", hex(seeded("other content key", 32)));
    vectors.add(wrongKey);
    contentStreamsV2(vectors, key, file);
    return file("SecuPass content stream v1 and v2, suite 1 (docs/format.md, Content stream and"
        + " Content stream, version 2; the header's version byte tells them apart, and a"
        + " version-2 digest is the stream digest). Segment size 32 bytes; the default is 1 MiB.",
        vectors);
  }

  /** Version 2, added beside version 1 (issue 14): the v1 vectors above stay as they were. */
  private void contentStreamsV2(JsonArray vectors, SymmetricKey key, ContentContext file)
      throws IOException {
    for (int size : new int[] {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT + 1,
        3 * SEGMENT + 4, 4 * SEGMENT + 2}) {
      vectors.add(content("v2 delivery file of " + size + " bytes", key, file, size, 2));
    }
    vectors.add(content("v2 level-4 file name", key, ContentContext.deliveryFileName(
        DeliveryId.of("delivery-1"), FileId.of("file-1"), SecurityLevel.TOP_SECRET), 11, 2));

    JsonObject base = content("v2 base of the negative cases", key, file, 3 * SEGMENT + 4, 2);
    byte[] ct = Vectors.bytes(base, "ciphertext");
    int header = 49;
    int stride = SEGMENT + 16;
    int table = ct.length - 4 * 32;
    byte[] swappedLeaves = ct.clone();
    System.arraycopy(ct, table, swappedLeaves, table + 32, 32);
    System.arraycopy(ct, table + 32, swappedLeaves, table, 32);
    vectors.add(negative(base, "v2 table entries 0 and 1 swapped", swappedLeaves,
        "IntegrityException"));
    vectors.add(negative(base, "v2 bit flipped in the table", flip(ct, table + 70),
        "IntegrityException"));
    vectors.add(negative(base, "v2 table cut short by one leaf",
        Arrays.copyOf(ct, ct.length - 32), "IntegrityException"));
    vectors.add(negative(base, "v2 table missing", Arrays.copyOf(ct, table),
        "IntegrityException"));
    vectors.add(negative(base, "v2 size with r >= S (28 bytes appended)",
        Arrays.copyOf(ct, ct.length + 28), "IntegrityException"));
    vectors.add(negative(base, "v2 segments 0 and 1 swapped", swap(ct, header, stride),
        "IntegrityException"));
    vectors.add(negative(base, "v2 bit flipped in segment 2", flip(ct, header + 2 * stride + 3),
        "IntegrityException"));
    // Another stream under the same key, header and context: its segment 1 authenticates at
    // index 1 under GCM, only the table tells it apart.
    JsonObject other = content("v2 base of the negative cases", key, file, 3 * SEGMENT + 4, 2,
        "v2 forged plaintext");
    byte[] forged = ct.clone();
    System.arraycopy(Vectors.bytes(other, "ciphertext"), header + stride, forged, header + stride,
        stride);
    vectors.add(negative(base, "v2 segment 1 from another stream under the same key and header",
        forged, "IntegrityException"));
    vectors.add(negative(base, "v2 relabelled as version 1", set(ct, 3, 1),
        "IntegrityException"));
    vectors.add(negative(base, "v2 unknown version 3", set(ct, 3, 3),
        "UnsupportedFormatException"));
    vectors.add(inContext(base, "v2 wrong associated data: another file", ct,
        ContentContext.deliveryFile(DeliveryId.of("delivery-1"), FileId.of("file-2"),
            SecurityLevel.SECRET)));
  }

  private JsonObject content(String name, SymmetricKey key, ContentContext context, int size)
      throws IOException {
    return content(name, key, context, size, 1);
  }

  private JsonObject content(String name, SymmetricKey key, ContentContext context, int size,
      int version) throws IOException {
    return content(name, key, context, size, version, "content plaintext " + name);
  }

  private JsonObject content(String name, SymmetricKey key, ContentContext context, int size,
      int version, String plaintextSeed) throws IOException {
    byte[] salt = seeded("content salt " + name, 32);
    byte[] prefix = seeded("content prefix " + name, 7);
    byte[] plaintext = Arrays.copyOf(seeded(plaintextSeed, size), size);
    ContentCipher cipher = ContentCipher.builder(key, context).segmentSize(SEGMENT)
        .random(new FixedRandom(salt, prefix)).computeDigest(true).version(version).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EncryptedContent result = Streams.encrypt(cipher, plaintext, out);
    JsonObject vector = new JsonObject();
    vector.addProperty("name", name);
    vector.addProperty("key", hex(key.exportBytes()));
    vector.add("context", json(context));
    vector.addProperty("segmentSize", SEGMENT);
    vector.addProperty("salt", hex(salt));
    vector.addProperty("noncePrefix", hex(prefix));
    vector.addProperty("plaintext", hex(plaintext));
    vector.addProperty("ciphertext", hex(out.toByteArray()));
    vector.addProperty("digest", hex(result.digest()));
    vector.addProperty("result", VALID);
    return vector;
  }

  private static JsonObject negative(JsonObject base, String name, byte[] ciphertext,
      String result) {
    JsonObject vector = new JsonObject();
    vector.addProperty("name", name);
    vector.add("key", base.get("key"));
    vector.add("context", base.get("context"));
    vector.addProperty("ciphertext", hex(ciphertext));
    vector.addProperty("result", result);
    return vector;
  }

  /** A vector of {@code ciphertext} decrypted in {@code context}, which must fail. */
  private static JsonObject inContext(JsonObject base, String name, byte[] ciphertext,
      ContentContext context) {
    JsonObject vector = negative(base, name, ciphertext, "IntegrityException");
    vector.add("decryptContext", json(context));
    return vector;
  }

  private static byte[] flip(byte[] bytes, int position) {
    byte[] out = bytes.clone();
    out[position] ^= 0x01;
    return out;
  }

  private static byte[] set(byte[] bytes, int position, int value) {
    byte[] out = bytes.clone();
    out[position] = (byte) value;
    return out;
  }

  private static byte[] swap(byte[] ct, int header, int stride) {
    byte[] out = ct.clone();
    System.arraycopy(ct, header + stride, out, header, stride);
    System.arraycopy(ct, header, out, header + stride, stride);
    return out;
  }

  // ----- envelopes -----

  private JsonObject envelopes() {
    JsonArray vectors = new JsonArray();
    EnvelopeContext delivery = EnvelopeContext.delivery(DeliveryId.of("delivery-1"),
        SecurityLevel.SECRET);
    JsonObject base = envelope("delivery key from alice to bob", alice, bob, delivery,
        alice, bob, delivery, VALID);
    vectors.add(base);
    vectors.add(envelope("room epoch 2 key from alice to bob", alice, bob,
        EnvelopeContext.roomEpoch(RoomId.of("room-1"), 2), alice, bob,
        EnvelopeContext.roomEpoch(RoomId.of("room-1"), 2), VALID));
    vectors.add(envelope("to oneself", alice, alice, delivery, alice, alice, delivery, VALID));
    vectors.add(envelope("wrong recipient: carol opens bob's", alice, bob, delivery, alice,
        carol, delivery, "IntegrityException"));
    vectors.add(envelope("level downgrade: opened as level 2", alice, bob, delivery, alice, bob,
        EnvelopeContext.delivery(DeliveryId.of("delivery-1"), SecurityLevel.LOGIN),
        "IntegrityException"));
    vectors.add(envelope("moved to another delivery", alice, bob, delivery, alice, bob,
        EnvelopeContext.delivery(DeliveryId.of("delivery-2"), SecurityLevel.SECRET),
        "IntegrityException"));
    vectors.add(envelope("checked against another granter", alice, bob, delivery, carol, bob,
        delivery, "InvalidSignatureException"));
    byte[] good = Vectors.bytes(base, "envelope");
    vectors.add(envelopeVariant(base, "forged signature (bit flipped)",
        flip(good, good.length - 1), "InvalidSignatureException"));
    byte[] unsigned = Arrays.copyOf(good, good.length - 64);
    vectors.add(envelopeVariant(base, "signed by mallory, claiming alice",
        concat(unsigned, mallory.keys().sign(unsigned)), "InvalidSignatureException"));
    byte[] badCiphertext = flip(unsigned, unsigned.length - 20);
    vectors.add(envelopeVariant(base, "sealed key altered and re-signed by alice",
        concat(badCiphertext, alice.keys().sign(badCiphertext)), "IntegrityException"));
    byte[] otherEnc = flip(unsigned, unsigned.length - 49);
    vectors.add(envelopeVariant(base, "encapsulated key altered and re-signed by alice",
        concat(otherEnc, alice.keys().sign(otherEnc)), "IntegrityException"));
    vectors.add(envelopeVariant(base, "unknown version 2", set(good, 3, 2),
        "UnsupportedFormatException"));
    vectors.add(envelopeVariant(base, "unknown suite 7", set(good, 5, 7),
        "UnsupportedFormatException"));
    vectors.add(envelopeVariant(base, "truncated", Arrays.copyOf(good, good.length - 1),
        "IntegrityException"));
    return file("SecuPass envelope v1, suite 1: HPKE base mode DHKEM(X25519, HKDF-SHA256),"
        + " HKDF-SHA256, AES-256-GCM, signed with Ed25519 (docs/format.md, Envelope).",
        vectors, alice, bob, carol, mallory);
  }

  private JsonObject envelope(String name, User granter, User recipient, EnvelopeContext context,
      User verifyWith, User opener, EnvelopeContext expected, String result) {
    byte[] key = seeded("envelope key " + name, 32);
    byte[] ephemeral = seeded("envelope ephemeral " + name, 32);
    byte[] envelope = EnvelopeCodec.seal(granter.keys(), granter.id(), granter.version(),
        PublicKeys.parse(recipient.bundle()), context, key, new FixedRandom(ephemeral));
    JsonObject vector = new JsonObject();
    vector.addProperty("name", name);
    vector.addProperty("granter", name(granter));
    vector.addProperty("recipient", name(recipient));
    vector.add("context", json(context));
    vector.addProperty("key", hex(key));
    vector.addProperty("ephemeralPrivateKey", hex(ephemeral));
    vector.addProperty("envelope", hex(envelope));
    vector.addProperty("verifyWith", name(verifyWith));
    vector.addProperty("openAs", name(opener));
    vector.add("expectedContext", json(expected));
    vector.addProperty("result", result);
    return vector;
  }

  private static JsonObject envelopeVariant(JsonObject base, String name, byte[] envelope,
      String result) {
    JsonObject vector = base.deepCopy();
    vector.addProperty("name", name);
    vector.remove("ephemeralPrivateKey");
    vector.addProperty("envelope", hex(envelope));
    vector.addProperty("result", result);
    return vector;
  }

  private static String name(User user) {
    return user.id().value().substring(0, user.id().value().indexOf('@'));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  // ----- key blobs -----

  private JsonObject keyBlobs() {
    JsonArray vectors = new JsonArray();
    String pass = "Gr\u00fc\u00dfe aus K\u00f6ln, 7 Hasen";
    byte[] salt = seeded("blob salt", 16);
    byte[] nonce = seeded("blob nonce", 12);
    byte[] blob = KeyBlob.seal(alice.id(), alice.version(), alice.keys(),
        pass.getBytes(StandardCharsets.UTF_8), KDF, salt, nonce);
    JsonObject base = blob("alice's blob, right SecuPass", alice, blob, KDF, pass, VALID);
    base.addProperty("salt", hex(salt));
    base.addProperty("nonce", hex(nonce));
    vectors.add(base);
    vectors.add(blob("SecuPass typed with decomposed umlauts (NFD)", alice, blob, KDF,
        "Gru\u0308\u00dfe aus Ko\u0308ln, 7 Hasen", VALID));
    vectors.add(blob("wrong SecuPass", alice, blob, KDF, pass + " ", "WrongSecuPassException"));
    vectors.add(blob("alice's blob in bob's record (foreign)", bob, blob, KDF, pass,
        "InvalidKeyBlobException"));
    vectors.add(blob("record KDF parameters differ from the blob's", alice, blob,
        new KdfParameters("argon2id", 128, 1, 1), pass, "InvalidKeyBlobException"));
    vectors.add(blob("bit flipped in the ciphertext", alice, flip(blob, blob.length - 30), KDF,
        pass, "InvalidKeyBlobException"));
    vectors.add(blob("bit flipped in the salt", alice, flip(blob, 20), KDF, pass,
        "InvalidKeyBlobException"));
    vectors.add(blob("bit flipped in the checksum", alice, flip(blob, blob.length - 1), KDF, pass,
        "InvalidKeyBlobException"));
    vectors.add(blob("ciphertext altered, checksum recomputed", alice,
        rechecksum(flip(blob, blob.length - 30)), KDF, pass, "InvalidKeyBlobException"));
    vectors.add(blob("salt altered, checksum recomputed (indistinguishable from a wrong"
        + " SecuPass)", alice, rechecksum(flip(blob, 20)), KDF, pass, "WrongSecuPassException"));
    vectors.add(blob("memory cost above 1 GiB, checksum recomputed", alice,
        rechecksum(set(blob, 7, 0x20)), KDF, pass, "InvalidKeyBlobException"));
    vectors.add(blob("truncated", alice, Arrays.copyOf(blob, blob.length - 1), KDF, pass,
        "InvalidKeyBlobException"));
    vectors.add(blob("unknown version 2", alice, set(blob, 3, 2), KDF, pass,
        "UnsupportedFormatException"));
    vectors.add(blob("unknown suite 7", alice, set(blob, 5, 7), KDF, pass,
        "UnsupportedFormatException"));
    return file("SecuPass private-key blob v1, suite 1: Argon2id v1.3 (48-byte output: key and"
        + " key check), AES-256-GCM (docs/format.md, Private-key blob). Test cost: 64 KiB, 1 pass,"
        + " 1 lane.", vectors, alice, bob);
  }

  private JsonObject blob(String name, User owner, byte[] blob, KdfParameters recordKdf,
      String pass, String result) {
    JsonObject vector = new JsonObject();
    vector.addProperty("name", name);
    vector.addProperty("recordOwner", name(owner));
    JsonObject kdf = new JsonObject();
    kdf.addProperty("memoryKiB", recordKdf.memoryKiB());
    kdf.addProperty("iterations", recordKdf.iterations());
    kdf.addProperty("parallelism", recordKdf.parallelism());
    vector.add("recordKdf", kdf);
    vector.addProperty("secuPass", pass);
    vector.addProperty("blob", hex(blob));
    vector.addProperty("result", result);
    return vector;
  }

  private static byte[] rechecksum(byte[] blob) {
    byte[] body = Arrays.copyOf(blob, blob.length - 16);
    byte[] label = "SecuPass key blob checksum v1\0".getBytes(StandardCharsets.US_ASCII);
    byte[] hash = dev.secupass.core.internal.crypto.Hashes.sha256(label, body);
    return concat(body, Arrays.copyOf(hash, 16));
  }

  // ----- public keys and fingerprints -----

  private JsonObject publicKeys() {
    JsonArray vectors = new JsonArray();
    for (User user : List.of(alice, bob, User.make("carol", 7))) {
      JsonObject vector = new JsonObject();
      vector.addProperty("name", "bundle of " + user.id() + " " + user.version());
      vector.add("keys", user.toJson());
      vector.addProperty("fingerprint", PublicKeys.parse(user.bundle()).fingerprint().digits());
      vector.addProperty("result", VALID);
      vectors.add(vector);
    }
    vectors.add(bundleVariant("self-signature flipped", flip(alice.bundle(),
        alice.bundle().length - 5), "InvalidSignatureException"));
    byte[] swapped = alice.bundle().clone();
    System.arraycopy(bob.bundle(), bob.bundle().length - 64 - 64, swapped,
        swapped.length - 64 - 64, 32);
    vectors.add(bundleVariant("X25519 key replaced by bob's", swapped,
        "InvalidSignatureException"));
    vectors.add(bundleVariant("unknown version 2", set(alice.bundle(), 3, 2),
        "UnsupportedFormatException"));
    vectors.add(bundleVariant("truncated", Arrays.copyOf(alice.bundle(), 40),
        "IntegrityException"));
    bundleKeyChecks(vectors);
    return file("SecuPass public-key bundle v1, suite 1: X25519 and Ed25519 public keys,"
        + " self-signed; fingerprints (docs/format.md, Public-key bundle and Fingerprint).",
        vectors);
  }

  /**
   * Bundles with keys the decoder refuses (docs/format.md, "Public-key bundle": small-order or
   * non-canonical keys), each with a self-signature that BouncyCastle's cofactored check would
   * otherwise accept or that a lenient verifier would; and a key of mixed order, which is accepted.
   */
  private void bundleKeyChecks(JsonArray vectors) {
    byte[] seed = Arrays.copyOfRange(alice.keys().secrets(), 32, 64);
    BigInteger a = Edwards25519.secretScalar(seed);
    byte[] x25519 = alice.keys().encryptionPublic();
    byte[] ed25519 = alice.keys().signingPublic();
    HexFormat hex = HexFormat.of();

    byte[] topBit = x25519.clone();
    topBit[31] |= (byte) 0x80;
    for (Object[] bad : new Object[][] {
        {"X25519 key of small order (u = 0)", new byte[32]},
        {"X25519 key of small order (order 8)",
            hex.parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")},
        {"X25519 key of small order (u = p - 1)",
            hex.parseHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")},
        {"X25519 key of small order, not canonical (u = p)",
            hex.parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")},
        {"X25519 key not canonical (alice's key with bit 255 set)", topBit}}) {
      byte[] body = bundleBody(alice, (byte[]) bad[1], ed25519);
      vectors.add(bundleVariant(bad[0] + ", self-signed by alice's key",
          concat(body, alice.keys().sign(body)), "IntegrityException"));
    }

    byte[] identity = Edwards25519.IDENTITY.encode();
    byte[] zeroSignature = Arrays.copyOf(identity, 64); // R the identity, S = 0
    List<Edwards25519.Point> torsion = Edwards25519.smallOrderPoints();
    for (int i : new int[] {0, 1, 2, 4}) {
      byte[] body = bundleBody(alice, x25519, torsion.get(i).encode());
      vectors.add(bundleVariant("Ed25519 key of small order ([" + i + "]T8), self-signature R ="
          + " identity, S = 0 (cofactored equation holds)", concat(body, zeroSignature),
          "IntegrityException"));
    }
    byte[] signBit = identity.clone();
    signBit[31] |= (byte) 0x80;
    byte[] body = bundleBody(alice, x25519, signBit);
    vectors.add(bundleVariant("Ed25519 key the identity with the sign bit set (not canonical)",
        concat(body, zeroSignature), "IntegrityException"));

    // alice's key plus a point of order 8: she can sign for it; the decoder accepts it.
    byte[] mixed = Edwards25519.decodeLenient(ed25519).orElseThrow().add(torsion.get(1))
        .encode();
    body = bundleBody(alice, x25519, mixed);
    BigInteger r = Edwards25519.hashModL(seeded("mixed-order nonce", 32));
    byte[] signature = Edwards25519.sign(a, mixed, Edwards25519.BASE.times(r).encode(), r,
        concat(Labels.of(Labels.SIGNED), body));
    vectors.add(bundleVariant("Ed25519 key of mixed order (alice's key plus a point of order"
        + " 8), self-signed by alice", concat(body, signature), VALID));
  }

  /** A bundle up to its self-signature, with the given keys. */
  private static byte[] bundleBody(User user, byte[] x25519, byte[] ed25519) {
    return FormatPrefix.write(new ByteWriter(), FormatPrefix.Kind.PUBLIC_KEYS)
        .string(user.id().value())
        .u32(user.version().value())
        .bytes(x25519)
        .bytes(ed25519)
        .toByteArray();
  }

  private static JsonObject bundleVariant(String name, byte[] bundle, String result) {
    JsonObject vector = new JsonObject();
    vector.addProperty("name", name);
    vector.addProperty("bundle", hex(bundle));
    vector.addProperty("result", result);
    return vector;
  }

  // ----- signed statements and manifests -----

  private JsonObject signedStatements() {
    JsonArray vectors = new JsonArray();
    byte[] payload = "membership entry payload".getBytes(StandardCharsets.UTF_8);
    byte[] signed = SignedStatementCodec.sign(alice.keys(), alice.id(), alice.version(),
        SignedType.MEMBERSHIP_ENTRY, payload);
    vectors.add(statement("membership entry signed by alice", signed, payload, "alice",
        SignedType.MEMBERSHIP_ENTRY, VALID));
    vectors.add(statement("forged signature (bit flipped)", flip(signed, signed.length - 1),
        payload, "alice", SignedType.MEMBERSHIP_ENTRY, "InvalidSignatureException"));
    vectors.add(statement("payload altered", flip(signed, signed.length - 65), payload, "alice",
        SignedType.MEMBERSHIP_ENTRY, "InvalidSignatureException"));
    vectors.add(statement("verified with mallory's keys", signed, payload, "mallory",
        SignedType.MEMBERSHIP_ENTRY, "InvalidSignatureException"));
    vectors.add(statement("expected a manifest", signed, payload, "alice",
        SignedType.DELIVERY_MANIFEST, "IntegrityException"));
    vectors.add(statement("unknown type 9", set(signed, 6, 9), payload, "alice",
        SignedType.MEMBERSHIP_ENTRY, "UnsupportedFormatException"));
    vectors.add(statement("unknown version 2", set(signed, 3, 2), payload, "alice",
        SignedType.MEMBERSHIP_ENTRY, "UnsupportedFormatException"));

    SymmetricKey contentKey = SymmetricKey.importBytes(seeded("manifest content key", 32));
    DeliveryManifest manifest = new DeliveryManifest(1, DeliveryId.of("delivery-1"),
        SecurityLevel.TOP_SECRET, alice.id(), alice.version(),
        Instant.parse("2026-03-01T09:00:00.123Z"), Instant.parse("2026-05-30T09:00:00.123Z"),
        List.of(bob.id(), carol.id()),
        List.of(new DeliveryManifest.FileEntry(FileId.of("file-1"), 100, 213,
                seeded("digest 1", 32)),
            new DeliveryManifest.FileEntry(FileId.of("file-2"), 0, 65, seeded("digest 2", 32))),
        seeded("details digest", 32), contentKey.commitment());
    byte[] manifestPayload = ManifestCodec.encode(manifest);
    byte[] signedManifest = SignedStatementCodec.sign(alice.keys(), alice.id(), alice.version(),
        SignedType.DELIVERY_MANIFEST, manifestPayload);
    JsonObject manifestVector = statement("delivery manifest signed by alice", signedManifest,
        manifestPayload, "alice", SignedType.DELIVERY_MANIFEST, VALID);
    manifestVector.addProperty("contentKey", hex(contentKey.exportBytes()));
    manifestVector.addProperty("keyCommitment", hex(contentKey.commitment()));
    manifestVector.addProperty("manifest", manifest.toString());
    vectors.add(manifestVector);
    JsonObject otherKey = statement("manifest checked with another content key", signedManifest,
        manifestPayload, "alice", SignedType.DELIVERY_MANIFEST, "IntegrityException");
    otherKey.addProperty("contentKey", hex(seeded("other content key", 32)));
    vectors.add(otherKey);
    return file("SecuPass signed statement v1, suite 1 (Ed25519), with a delivery manifest"
        + " payload and its key commitment (docs/format.md, Signed statement, Delivery manifest,"
        + " Key commitment).", vectors, alice, mallory);
  }

  private static JsonObject statement(String name, byte[] signed, byte[] payload,
      String verifyWith, SignedType expected, String result) {
    JsonObject vector = new JsonObject();
    vector.addProperty("name", name);
    vector.addProperty("signed", hex(signed));
    vector.addProperty("payload", hex(payload));
    vector.addProperty("verifyWith", verifyWith);
    vector.addProperty("expectedType", expected.name());
    vector.addProperty("result", result);
    return vector;
  }

  // ----- key pins -----

  private JsonObject keyPins() {
    JsonArray vectors = new JsonArray();
    Fingerprint fingerprint = PublicKeys.parse(bob.bundle()).fingerprint();
    byte[] sealKey = PinSeal.deriveKey(alice.keys(), alice.id(), alice.version());
    JsonObject vector = new JsonObject();
    vector.addProperty("name", "alice pins bob v1");
    vector.addProperty("observer", "alice");
    vector.addProperty("subject", bob.id().value());
    vector.addProperty("subjectVersion", 1);
    vector.addProperty("fingerprint", fingerprint.digits());
    vector.addProperty("sealKey", hex(sealKey));
    vector.addProperty("seal", hex(PinSeal.seal(sealKey, alice.id(), alice.version(), bob.id(),
        KeyVersion.FIRST, fingerprint)));
    vector.addProperty("result", VALID);
    vectors.add(vector);
    return file("SecuPass key-pin seal v1 (docs/format.md, Key-pin seal).", vectors, alice);
  }
}
