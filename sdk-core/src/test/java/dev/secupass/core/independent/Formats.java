package dev.secupass.core.independent;

import static dev.secupass.core.independent.Primitives.concat;
import static dev.secupass.core.independent.Primitives.label;
import static dev.secupass.core.independent.Primitives.sha256;
import static dev.secupass.core.independent.Primitives.str;
import static dev.secupass.core.independent.Primitives.u32;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;

/**
 * A reader of the SecuPass formats written from docs/format.md alone: each method follows the
 * section it names, in the order of checks the section gives, and reports what it rejects with
 * the outcome the section names.
 */
final class Formats {
  private Formats() {}

  // ----- Contexts -----

  /** The purpose codes of "Contexts", by the names the vectors use. */
  private static final Map<String, Integer> CONTENT_PURPOSES = Map.of("DELIVERY_FILE", 1,
      "DELIVERY_FILE_NAME", 2, "DELIVERY_DETAILS", 3, "ROOM_FILE", 4, "ROOM_ENTRY_NAME", 5,
      "ROOM_NAME", 6, "ROOM_FILE_KEY", 7);

  static byte[] contentContext(String purpose, String scope, String item, int level, int epoch) {
    return concat(new byte[] {(byte) (int) CONTENT_PURPOSES.get(purpose)}, str(scope), str(item),
        new byte[] {(byte) level}, u32(epoch));
  }

  record EnvelopeContext(int purpose, String scope, int level, int epoch) {}

  static EnvelopeContext envelopeContext(Cursor in) {
    int purpose = in.u8();
    String scope = Identifiers.token(in, in.str());
    int level = in.u8();
    int epoch = in.u31();
    boolean delivery = purpose == 1;
    if ((purpose != 1 && purpose != 2)
        || (delivery ? level < 1 || level > 4 || epoch != 0 : level != 0 || epoch < 1)) {
      throw in.damage("envelope context out of range (R6, R8)");
    }
    return new EnvelopeContext(purpose, scope, level, epoch);
  }

  // ----- Content stream, version 1 -----

  record Stream(byte[] plaintext, byte[] digest, int segmentSize) {}

  /** "Content stream": decrypts a whole stream held in memory, segment by segment (R10). */
  static Stream decryptStream(byte[] key, byte[] context, byte[] stream) {
    if (stream.length < 49) {
      throw Rejected.integrity("truncated header");
    }
    byte[] header = Arrays.copyOf(stream, 49);
    Cursor in = Cursor.integrity(header);
    if (in.prefix('C', 1, 2) == 2) {
      return decryptStreamV2(key, context, stream);
    }
    long segmentSize = in.u32();
    if (segmentSize < 16 || segmentSize > 8_388_608) {
      throw Rejected.integrity("segment size out of range (R9)");
    }
    int s = (int) segmentSize;
    byte[] fileKey = fileKey(key, header, context);
    byte[] noncePrefix = Arrays.copyOfRange(header, 42, 49);
    byte[] plaintext = new byte[0];
    List<byte[]> segmentHashes = new ArrayList<>();
    int position = 49;
    for (long i = 0; ; i++) {
      int chunk = Math.min(s + 16, stream.length - position);
      if (chunk < 16) {
        throw Rejected.integrity("cut: a final segment is missing or too short");
      }
      boolean last = chunk < s + 16;
      byte[] segment = Arrays.copyOfRange(stream, position, position + chunk);
      segmentHashes.add(sha256(segment));
      byte[] opened = Primitives.aesGcmOpen(fileKey, nonce(noncePrefix, i, last), new byte[0],
          segment);
      if (opened == null) {
        throw Rejected.integrity("segment " + i + " fails authentication");
      }
      plaintext = concat(plaintext, opened);
      position += chunk;
      if (last) {
        break;
      }
    }
    byte[] digest = sha256(concat(label("SecuPass ciphertext digest v1"), header,
        concat(segmentHashes.toArray(new byte[0][]))));
    return new Stream(plaintext, digest, s);
  }

  /**
   * "Random access": the plaintext bytes {@code [offset, offset + length)}, cut at P, reading only
   * the segments they lie in (at least one).
   */
  static byte[] decryptRange(byte[] key, byte[] context, byte[] stream, long offset,
      long length) {
    byte[] header = Arrays.copyOf(stream, 49);
    Cursor in = Cursor.integrity(header);
    if (in.prefix('C', 1, 2) == 2) {
      byte[] whole = decryptStreamV2(key, context, stream).plaintext();
      long rangeEnd = Math.min(whole.length, offset + length);
      if (offset > whole.length) {
        throw new IllegalArgumentException("offset beyond the plaintext");
      }
      return Arrays.copyOfRange(whole, (int) offset, (int) rangeEnd);
    }
    int s = (int) in.u32();
    long body = stream.length - 49L;
    long k = body / (s + 16);
    long r = body % (s + 16);
    if (body < 16 || r < 16) {
      throw Rejected.integrity("no stream has this size");
    }
    long n = k + 1;
    long p = k * s + r - 16;
    if (offset > p) {
      throw new IllegalArgumentException("offset beyond the plaintext");
    }
    long end = Math.min(p, offset + length);
    long first = offset / s;
    long lastIndex = Math.max(first, Math.max(offset, end - 1) / s);
    byte[] fileKey = fileKey(key, header, context);
    byte[] noncePrefix = Arrays.copyOfRange(header, 42, 49);
    byte[] out = new byte[0];
    for (long i = first; i <= lastIndex; i++) {
      int from = (int) (49 + i * (s + 16));
      int to = (int) Math.min(stream.length, from + s + 16L);
      byte[] opened = Primitives.aesGcmOpen(fileKey, nonce(noncePrefix, i, i == n - 1),
          new byte[0], Arrays.copyOfRange(stream, from, to));
      if (opened == null) {
        throw Rejected.integrity("segment " + i + " fails authentication");
      }
      out = concat(out, opened);
    }
    int skip = (int) (offset - first * s);
    return Arrays.copyOfRange(out, skip, skip + (int) (end - offset));
  }

  private static byte[] fileKey(byte[] key, byte[] header, byte[] context) {
    String label = header[3] == 2 ? "SecuPass content v2" : "SecuPass content v1";
    return Primitives.hkdf(key, Arrays.copyOfRange(header, 10, 42),
        concat(label(label), header, context), 32);
  }

  // ----- Content stream, version 2 -----

  /**
   * "Content stream, version 2": n and P from the stored size, the table after the final segment,
   * each segment checked against its leaf before it is opened; the digest over the Merkle root.
   */
  static Stream decryptStreamV2(byte[] key, byte[] context, byte[] stream) {
    byte[] header = Arrays.copyOf(stream, 49);
    Cursor in = Cursor.integrity(header);
    in.prefix('C', 2);
    long segmentSize = in.u32();
    if (segmentSize < 16 || segmentSize > 8_388_608) {
      throw Rejected.integrity("segment size out of range (R9)");
    }
    int s = (int) segmentSize;
    long m = stream.length - 49L;
    if (m < 48) {
      throw Rejected.integrity("no version-2 stream has this size");
    }
    long k = (m - 48) / (s + 48);
    long r = (m - 48) % (s + 48);
    if (r >= s) {
      throw Rejected.integrity("no version-2 stream has this size");
    }
    int n = (int) (k + 1);
    int p = (int) (k * s + r);
    int table = 49 + p + 16 * n;
    byte[] fileKey = fileKey(key, header, context);
    byte[] noncePrefix = Arrays.copyOfRange(header, 42, 49);
    byte[][] leaves = new byte[n][];
    byte[] plaintext = new byte[0];
    int position = 49;
    for (int i = 0; i < n; i++) {
      leaves[i] = Arrays.copyOfRange(stream, table + 32 * i, table + 32 * i + 32);
      int length = (i < n - 1 ? s : p - (n - 1) * s) + 16;
      byte[] segment = Arrays.copyOfRange(stream, position, position + length);
      if (!Arrays.equals(sha256(concat(new byte[] {0}, segment)), leaves[i])) {
        throw Rejected.integrity("segment " + i + " does not match its leaf");
      }
      byte[] opened = Primitives.aesGcmOpen(fileKey, nonce(noncePrefix, i, i == n - 1),
          new byte[0], segment);
      if (opened == null) {
        throw Rejected.integrity("segment " + i + " fails authentication");
      }
      plaintext = concat(plaintext, opened);
      position += length;
    }
    byte[] digest = sha256(concat(label("SecuPass stream digest v2"), header, u64(n),
        merkleRoot(leaves, 0, n)));
    return new Stream(plaintext, digest, s);
  }

  /** RFC 9162 section 2.1.1 over leaves {@code [from, from + n)}. */
  private static byte[] merkleRoot(byte[][] leaves, int from, int n) {
    if (n == 1) {
      return leaves[from];
    }
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return sha256(concat(new byte[] {1}, merkleRoot(leaves, from, k),
        merkleRoot(leaves, from + k, n - k)));
  }

  private static byte[] u64(long value) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (value >>> (56 - 8 * i));
    }
    return out;
  }

  private static byte[] nonce(byte[] prefix, long index, boolean last) {
    return concat(prefix, u32(index), new byte[] {(byte) (last ? 1 : 0)});
  }

  // ----- Public-key bundle, fingerprint -----

  record Bundle(String user, int version, byte[] x25519, byte[] ed25519) {}

  /** "Public-key bundle", checks in the order the section gives. */
  static Bundle bundle(byte[] encoded) {
    Cursor in = Cursor.integrity(encoded);
    in.prefix('P');
    String user = Identifiers.user(in, in.str());
    int version = in.u31();
    if (version < 1) {
      throw Rejected.integrity("key version 0");
    }
    byte[] x25519 = in.bytes(32);
    byte[] ed25519 = in.bytes(32);
    int signed = in.position();
    byte[] signature = in.bytes(64);
    in.end();
    if (!Primitives.x25519KeyAcceptable(x25519) || !Primitives.ed25519KeyAcceptable(ed25519)) {
      throw Rejected.integrity("a key of small order or not canonical (R13)");
    }
    if (!Primitives.verify(ed25519, Arrays.copyOf(encoded, signed), signature)) {
      throw Rejected.signature("self-signature");
    }
    return new Bundle(user, version, x25519, ed25519);
  }

  /** "Fingerprint". */
  static String fingerprint(Bundle bundle) {
    byte[] h = Primitives.sha512(label("SecuPass fingerprint v1"), str(bundle.user()),
        bundle.x25519(), bundle.ed25519());
    StringBuilder out = new StringBuilder();
    for (int g = 0; g < 8; g++) {
      long value = 0;
      for (int i = 0; i < 5; i++) {
        value = (value << 8) | (h[5 * g + i] & 0xFF);
      }
      out.append(g == 0 ? "" : " ").append(String.format("%05d", value % 100000));
    }
    return out.toString();
  }

  // ----- Envelope -----

  /**
   * "Envelope", opening: the prefix and layout, the expected context, the recipient, the granter,
   * the signature, then HPKE.
   */
  static byte[] openEnvelope(byte[] envelope, EnvelopeContext expected, Bundle recipient,
      byte[] recipientPrivate, Bundle granter) {
    Cursor in = Cursor.integrity(envelope);
    in.prefix('E');
    EnvelopeContext context = envelopeContext(in);
    String recipientUser = Identifiers.user(in, in.str());
    int recipientVersion = version(in);
    String granterUser = Identifiers.user(in, in.str());
    int granterVersion = version(in);
    int headerLength = in.position();
    byte[] enc = in.bytes(32);
    byte[] sealed = in.bytes(48);
    int signedLength = in.position();
    byte[] signature = in.bytes(64);
    in.end();
    if (!context.equals(expected)) {
      throw Rejected.integrity("another context");
    }
    if (!recipientUser.equals(recipient.user()) || recipientVersion != recipient.version()) {
      throw Rejected.integrity("another recipient");
    }
    if (!granterUser.equals(granter.user()) || granterVersion != granter.version()) {
      throw Rejected.signature("another granter");
    }
    if (!Primitives.verify(granter.ed25519(), Arrays.copyOf(envelope, signedLength),
        signature)) {
      throw Rejected.signature("signature");
    }
    byte[] info = concat(label("SecuPass envelope v1"), Arrays.copyOf(envelope, headerLength));
    try {
      HPKE hpke = new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256,
          HPKE.aead_AES_GCM256);
      AsymmetricCipherKeyPair keys = hpke.deserializePrivateKey(recipientPrivate,
          recipient.x25519());
      HPKEContext hpkeContext = hpke.setupBaseR(enc, keys, info);
      return hpkeContext.open(new byte[0], sealed);
    } catch (Exception e) {
      throw Rejected.integrity("HPKE does not open");
    }
  }

  private static int version(Cursor in) {
    int version = in.u31();
    if (version < 1) {
      throw in.damage("key version 0");
    }
    return version;
  }

  // ----- Private-key blob -----

  record Kdf(int memoryKiB, int passes, int lanes) {}

  /** "Private-key blob", opening steps 1 and 3-8; returns X25519 private key || Ed25519 seed. */
  static byte[] openKeyBlob(byte[] blob, Bundle record, Kdf recordKdf, String secuPass) {
    Cursor in = new Cursor(blob, Rejected::keyBlob);
    in.prefix('B');
    if (blob.length < 16 || !Arrays.equals(Arrays.copyOf(sha256(
        label("SecuPass key blob checksum v1"), Arrays.copyOf(blob, blob.length - 16)), 16),
        Arrays.copyOfRange(blob, blob.length - 16, blob.length))) {
      throw Rejected.keyBlob("checksum");
    }
    Kdf kdf = new Kdf((int) in.u32(), (int) in.u32(), (int) in.u32());
    byte[] salt = in.bytes(16);
    String user = in.str();
    long version = in.u32();
    byte[] check = in.bytes(16);
    int aadEnd = in.position();
    byte[] nonce = in.bytes(12);
    byte[] ciphertext = in.bytes(80);
    in.bytes(16);
    in.end();
    if (!user.equals(record.user()) || version != record.version()) {
      throw Rejected.keyBlob("foreign blob");
    }
    boolean inBounds = kdf.lanes() >= 1 && kdf.lanes() <= 16 && kdf.passes() >= 1
        && kdf.passes() <= 32 && kdf.memoryKiB() >= 8 * kdf.lanes()
        && kdf.memoryKiB() <= 1_048_576;
    if (!inBounds || !kdf.equals(recordKdf)) {
      throw Rejected.keyBlob("KDF parameters");
    }
    byte[] passphrase = Normalizer.normalize(secuPass, Normalizer.Form.NFC)
        .getBytes(StandardCharsets.UTF_8);
    byte[] out = Primitives.argon2id(passphrase, salt, kdf.memoryKiB(), kdf.passes(),
        kdf.lanes(), 48);
    if (!Arrays.equals(Arrays.copyOfRange(out, 32, 48), check)) {
      throw Rejected.wrongSecuPass("key check");
    }
    byte[] secrets = Primitives.aesGcmOpen(Arrays.copyOf(out, 32), nonce,
        concat(label("SecuPass key blob v1"), Arrays.copyOf(blob, aadEnd)), ciphertext);
    if (secrets == null) {
      throw Rejected.keyBlob("tag after a matching key check");
    }
    if (!Arrays.equals(Primitives.x25519Public(Arrays.copyOf(secrets, 32)), record.x25519())
        || !Arrays.equals(Primitives.ed25519Public(Arrays.copyOfRange(secrets, 32, 64)),
        record.ed25519())) {
      throw Rejected.keyBlob("keys of another record");
    }
    return secrets;
  }

  // ----- Signed statement -----

  record Signed(int type, String signer, int version, byte[] payload) {}

  /** "Signed statement": parse, then the expected type, the signer, the signature. */
  static byte[] verifiedPayload(byte[] statement, int expectedType, Bundle keys) {
    Cursor in = Cursor.integrity(statement);
    in.prefix('S');
    int type = in.u8();
    if (type != 1 && type != 2) {
      throw Rejected.unsupported("statement type " + type);
    }
    String signer = Identifiers.user(in, in.str());
    int version = version(in);
    long length = in.u32();
    if (length > 16_777_216) {
      throw Rejected.integrity("payload above 16 MiB (R9)");
    }
    byte[] payload = in.bytes((int) length);
    int signedLength = in.position();
    byte[] signature = in.bytes(64);
    in.end();
    if (type != expectedType) {
      throw Rejected.integrity("another statement type");
    }
    if (!signer.equals(keys.user()) || version != keys.version()) {
      throw Rejected.signature("keys of another signer");
    }
    if (!Primitives.verify(keys.ed25519(), Arrays.copyOf(statement, signedLength), signature)) {
      throw Rejected.signature("signature");
    }
    return payload;
  }

  // ----- Delivery manifest, version 1 -----

  record FileEntry(String file, long size, long storedSize, byte[] digest) {}

  record Manifest(String delivery, int level, long createdSeconds, long createdNanos,
      long expiresSeconds, long expiresNanos, List<String> recipients, List<FileEntry> files,
      byte[] detailsDigest, byte[] keyCommitment) {

    long createdMillis() {
      return createdSeconds * 1000 + createdNanos / 1_000_000;
    }

    long expiresMillis() {
      return expiresSeconds * 1000 + expiresNanos / 1_000_000;
    }
  }

  /** "Delivery manifest", version 1. */
  static Manifest manifest(byte[] payload) {
    Cursor in = Cursor.integrity(payload);
    int version = in.u8();
    if (version != 1) {
      throw Rejected.unsupported("manifest payload version " + version);
    }
    String delivery = Identifiers.token(in, in.str());
    int level = in.u8();
    if (level < 1 || level > 4) {
      throw Rejected.integrity("level (R6)");
    }
    long[] created = time(in);
    long[] expires = time(in);
    List<String> recipients = new ArrayList<>();
    for (int i = 0, count = count(in); i < count; i++) {
      recipients.add(Identifiers.user(in, in.str()));
    }
    List<FileEntry> files = new ArrayList<>();
    for (int i = 0, count = count(in); i < count; i++) {
      files.add(new FileEntry(Identifiers.token(in, in.str()), in.u64(), in.u64(),
          in.bytes(32)));
    }
    byte[] detailsDigest = in.bytes(32);
    byte[] commitment = in.bytes(32);
    in.end();
    Set<String> fileIds = new HashSet<>();
    files.forEach(f -> fileIds.add(f.file()));
    boolean expiresAfter = expires[0] > created[0]
        || (expires[0] == created[0] && expires[1] > created[1]);
    if (new HashSet<>(recipients).size() != recipients.size() || fileIds.size() != files.size()
        || !expiresAfter) {
      throw Rejected.integrity("repeated recipient or file, or expiry not after creation");
    }
    return new Manifest(delivery, level, created[0], created[1], expires[0], expires[1],
        recipients, files, detailsDigest, commitment);
  }

  private static long[] time(Cursor in) {
    long seconds = in.i64();
    long nanos = in.u32();
    if (nanos > 999_999_999L || seconds < -31_557_014_167_219_200L
        || seconds > 31_556_889_864_403_199L) {
      throw in.damage("time out of range");
    }
    return new long[] {seconds, nanos};
  }

  private static int count(Cursor in) {
    int count = in.u31();
    if (count > in.remaining()) {
      throw in.damage("count larger than the bytes that remain (R4)");
    }
    return count;
  }

  /** "Key commitment". */
  static byte[] keyCommitment(byte[] key) {
    return Primitives.hmacSha256(key, label("SecuPass key commitment v1"));
  }

  // ----- Delivery details -----

  record Details(String subject, String message) {}

  static Details details(byte[] stored) {
    Cursor in = Cursor.integrity(stored);
    in.prefix('D');
    String subject = in.str();
    byte[] message = in.bytes(in.u31());
    in.end();
    return new Details(subject, Cursor.utf8(message, Rejected::integrity));
  }

  // ----- At-rest AEAD and host-sealed manifest -----

  record AtRestKey(long keyId, String prefixType, byte[] key) {}

  /** "At-rest AEAD": decrypts with the keyset's ENABLED keys as the section says. */
  static byte[] atRestDecrypt(List<AtRestKey> keyset, byte[] ciphertext, byte[] aad) {
    for (AtRestKey key : keyset) {
      int prefix = key.prefixType().equals("RAW") ? 0 : 5;
      if (prefix == 5) {
        int marker = key.prefixType().equals("TINK") ? 1 : 0;
        if (ciphertext.length < 5 || ciphertext[0] != marker
            || !Arrays.equals(Arrays.copyOfRange(ciphertext, 1, 5), u32(key.keyId()))) {
          continue;
        }
      }
      if (ciphertext.length < prefix + 12 + 16) {
        continue;
      }
      byte[] plaintext = Primitives.aesGcmOpen(key.key(),
          Arrays.copyOfRange(ciphertext, prefix, prefix + 12), aad,
          Arrays.copyOfRange(ciphertext, prefix + 12, ciphertext.length));
      if (plaintext != null) {
        return plaintext;
      }
    }
    throw Rejected.integrity("no key of the keyset opens it");
  }

  /** The 32 key bytes from a keyset entry's {@code value}: protobuf field 3, field 1 skipped. */
  static byte[] aesGcmKeyValue(String base64) {
    byte[] proto = Base64.getDecoder().decode(base64);
    int i = 0;
    if (proto[i] == 0x08) {
      i += 2;
    }
    if (proto[i] != 0x1A || proto[i + 1] != 0x20 || proto.length != i + 34) {
      throw new IllegalArgumentException("not an AesGcmKey with 32 key bytes");
    }
    return Arrays.copyOfRange(proto, i + 2, i + 34);
  }

  record HostManifest(String sender, long downloadLimit, byte[] linkTokenHash, Manifest manifest,
      byte[] manifestPayload, byte[] contentKey) {}

  /** "Host-sealed manifest", version 1. */
  static HostManifest hostManifest(List<AtRestKey> keyset, byte[] stored, String delivery) {
    Cursor in = Cursor.integrity(stored);
    in.prefix('H');
    byte[] prefix = Arrays.copyOf(stored, 6);
    byte[] aad = concat(prefix, str("SecuPass host manifest v1"), new byte[] {0}, str(delivery));
    byte[] plaintext = atRestDecrypt(keyset, in.bytes(in.remaining()), aad);
    Cursor plain = Cursor.integrity(plaintext);
    String sender = Identifiers.user(plain, plain.str());
    long limit = plain.u32();
    int flag = plain.u8();
    if (flag != 0 && flag != 1) {
      throw Rejected.integrity("link-token flag (R6)");
    }
    byte[] linkHash = flag == 1 ? plain.bytes(32) : null;
    byte[] payload = plain.bytes(plain.u31());
    byte[] contentKey = plain.bytes(32);
    plain.end();
    return new HostManifest(sender, limit, linkHash, manifest(payload), payload, contentKey);
  }

  /** The link-token hash of "Host-sealed manifest". */
  static byte[] linkTokenHash(String linkText) {
    return sha256(label("SecuPass link token v1"), Base64.getUrlDecoder().decode(linkText));
  }

  // ----- Key-pin seal -----

  static byte[] pinSealKey(byte[] secrets, String observer, int observerVersion) {
    return Primitives.hkdf(secrets, new byte[32], concat(label("SecuPass pin seal key v1"),
        str(observer), u32(observerVersion)), 32);
  }

  static byte[] pinSeal(byte[] sealKey, String observer, int observerVersion, String subject,
      int subjectVersion, String fingerprint) {
    return concat(u32(observerVersion), Primitives.hmacSha256(sealKey,
        label("SecuPass pin seal v1"), str(observer), str(subject), u32(subjectVersion),
        str(fingerprint)));
  }

  // ----- Rooms -----

  record MembershipEntry(String room, long sequence, byte[] previous, long timeMillis,
      int action, String subject, int role, int epoch, byte[] commitment, int keyVersion,
      byte[] keyDigest) {}

  /** "Membership-log entry", payload version 1. */
  static MembershipEntry membershipEntry(byte[] payload) {
    Cursor in = new Cursor(payload, Rejected::membership);
    int version = in.u8();
    if (version != 1) {
      throw Rejected.unsupported("membership payload version " + version);
    }
    String room = Identifiers.token(in, in.str());
    long sequence = in.u64();
    byte[] previous = in.bytes(32);
    long time = in.i64();
    int action = in.u8();
    String subject = Identifiers.user(in, in.str());
    int role = in.u8();
    int epoch = in.u31();
    int flags = in.u8();
    if (action < 1 || action > 5 || role > 4 || (flags & ~3) != 0) {
      throw Rejected.membership("unknown action, role or flag (R6)");
    }
    byte[] commitment = (flags & 1) != 0 ? in.bytes(32) : null;
    int keyVersion = 0;
    byte[] keyDigest = null;
    if ((flags & 2) != 0) {
      keyVersion = in.u31();
      keyDigest = in.bytes(32);
    }
    in.end();
    return new MembershipEntry(room, sequence, previous, time, action, subject, role, epoch,
        commitment, keyVersion, keyDigest);
  }

  static byte[] chainHash(byte[] statement) {
    return sha256(label("SecuPass membership chain v1"), statement);
  }

  static byte[] memberKeyDigest(Bundle keys) {
    return sha256(label("SecuPass member key v1"), str(keys.user()), u32(keys.version()),
        keys.x25519(), keys.ed25519());
  }

  /** "Room sealed fields", version 1: the version byte, then a content stream. */
  static byte[] openSealedField(byte[] key, byte[] context, byte[] sealed) {
    if (sealed.length < 1) {
      throw Rejected.integrity("empty sealed field");
    }
    if (sealed[0] != 1) {
      throw Rejected.unsupported("sealed field version " + sealed[0]);
    }
    return decryptStream(key, context, Arrays.copyOfRange(sealed, 1, sealed.length)).plaintext();
  }

  record EntryMetadata(int kind, String parent, String blob, long size, long storedSize,
      String name) {}

  static EntryMetadata entryMetadata(byte[] plain) {
    Cursor in = Cursor.integrity(plain);
    int kind = in.u8();
    if (kind != 1 && kind != 2) {
      throw Rejected.integrity("entry kind (R6)");
    }
    String parent = in.str();
    String blob = in.str();
    long size = in.u64();
    long storedSize = in.u64();
    String name = in.str();
    in.end();
    if (!parent.isEmpty()) {
      Identifiers.token(in, parent);
    }
    if ((kind == 2) == blob.isEmpty()) {
      throw Rejected.integrity("a file has a blob, a folder none");
    }
    if (!blob.isEmpty()) {
      Identifiers.token(in, blob);
    }
    return new EntryMetadata(kind, parent, blob, size, storedSize, name);
  }
}
