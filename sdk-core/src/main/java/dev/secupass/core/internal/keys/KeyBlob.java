package dev.secupass.core.internal.keys;

import dev.secupass.api.InvalidKeyBlobException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Person;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongSecuPassException;
import dev.secupass.core.internal.crypto.Argon2id;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.FormatPrefix;
import dev.secupass.spi.KdfParameters;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The private-key blob stored in {@code KeyRecord.encryptedPrivateKeys} ({@code docs/format.md},
 * "Private-key blob"): the private keys under AES-256-GCM with a key derived from the SecuPass by
 * Argon2id, bound to the user and key version, with a key-check value and a checksum. Suite 1
 * holds the X25519 and Ed25519 keys, suite 2 also the X-Wing seed.
 *
 * <p>Opening tells a wrong SecuPass from a damaged or foreign blob: a blob whose checksum, structure,
 * user, version or parameters are wrong is {@link InvalidKeyBlobException} before the KDF runs;
 * only a key-check mismatch on an intact, matching blob is {@link WrongSecuPassException}; a
 * ciphertext that fails after the key check matched is damage again.
 */
public final class KeyBlob {
  public static final String ALGORITHM = "argon2id";
  public static final int SALT_SIZE = 16;
  public static final int CHECK_SIZE = 16;
  public static final int NONCE_SIZE = 12;
  public static final int CHECKSUM_SIZE = 16;
  public static final int MAX_MEMORY_KIB = 1 << 20;
  public static final int MAX_ITERATIONS = 32;
  public static final int MAX_PARALLELISM = 16;

  private static final int KEK_SIZE = 32;
  private static final int TAG_SIZE = 16;
  private static final byte[] AD_LABEL = Labels.of(Labels.KEY_BLOB);
  private static final byte[] CHECKSUM_LABEL = Labels.of(Labels.KEY_BLOB_CHECKSUM);

  private KeyBlob() {}

  /** Whether {@code kdf} is within the bounds a blob may have. */
  public static boolean withinBounds(KdfParameters kdf) {
    return ALGORITHM.equals(kdf.algorithm())
        && kdf.parallelism() >= 1 && kdf.parallelism() <= MAX_PARALLELISM
        && kdf.memoryKiB() >= 8 * kdf.parallelism() && kdf.memoryKiB() <= MAX_MEMORY_KIB
        && kdf.iterations() >= 1 && kdf.iterations() <= MAX_ITERATIONS;
  }

  /** Encrypts {@code keys} under {@code passphrase} with a fresh salt and nonce. */
  public static byte[] seal(UserId user, KeyVersion version, PrivateKeys keys, byte[] passphrase,
      KdfParameters kdf, SecureRandom random) {
    byte[] salt = new byte[SALT_SIZE];
    byte[] nonce = new byte[NONCE_SIZE];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    return seal(user, version, keys, passphrase, kdf, salt, nonce);
  }

  /** As {@link #seal(UserId, KeyVersion, PrivateKeys, byte[], KdfParameters, SecureRandom)}. */
  public static byte[] seal(UserId user, KeyVersion version, PrivateKeys keys, byte[] passphrase,
      KdfParameters kdf, byte[] salt, byte[] nonce) {
    if (!withinBounds(kdf)) {
      throw new IllegalArgumentException("KDF parameters out of bounds: " + kdf);
    }
    ByteWriter out = header(user, version, kdf, salt, keys.suite());
    byte[] derived = Argon2id.derive(passphrase, salt, kdf.memoryKiB(), kdf.iterations(),
        kdf.parallelism(), KEK_SIZE + CHECK_SIZE);
    byte[] secrets = keys.secrets();
    try {
      out.bytes(derived, KEK_SIZE, CHECK_SIZE);
      byte[] aad = associatedData(out);
      out.bytes(nonce);
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, derived, nonce);
      cipher.updateAAD(aad);
      out.bytes(cipher.doFinal(secrets));
      byte[] body = out.toByteArray();
      return out.bytes(checksum(body, body.length)).toByteArray();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    } finally {
      Wipe.bytes(derived, secrets);
    }
  }

  /**
   * Opens a blob stored for {@code user}'s key {@code version} with cost {@code recordKdf}.
   *
   * @throws InvalidKeyBlobException if the blob is damaged, foreign, or its parameters disagree
   *     with the record or are out of bounds
   * @throws WrongSecuPassException if the blob is intact and matching but {@code passphrase} is
   *     not the one it was sealed under
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown version or suite
   */
  public static PrivateKeys open(byte[] blob, UserId user, KeyVersion version,
      KdfParameters recordKdf, byte[] passphrase) {
    Parsed parsed = parse(blob, user, version, recordKdf);
    KdfParameters kdf = parsed.kdf();
    byte[] salt = parsed.salt();
    byte[] check = parsed.check();
    int aadEnd = parsed.aadEnd();
    byte[] nonce = parsed.nonce();
    byte[] ciphertext = parsed.ciphertext();
    byte[] derived = Argon2id.derive(passphrase, salt, kdf.memoryKiB(), kdf.iterations(),
        kdf.parallelism(), KEK_SIZE + CHECK_SIZE);
    byte[] secrets = null;
    try {
      if (!Hashes.constantTimeEquals(Arrays.copyOfRange(derived, KEK_SIZE, derived.length),
          check)) {
        throw new WrongSecuPassException(Person.of(user));
      }
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, derived, nonce);
      cipher.updateAAD(associatedData(blob, aadEnd));
      secrets = cipher.doFinal(ciphertext);
      return PrivateKeys.fromSecrets(secrets);
    } catch (AEADBadTagException e) {
      throw damaged("the key check matched but the ciphertext failed authentication");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    } finally {
      Wipe.bytes(derived, secrets);
    }
  }

  /**
   * Checks a blob that a client sealed under its SecuPass, without the SecuPass: its format,
   * checksum, owner and version, that its KDF cost is within bounds and the record's, and that it
   * holds the private keys of {@code suite} (the suite of the public keys stored beside it).
   *
   * @throws InvalidKeyBlobException if it is damaged, foreign, out of bounds or of another suite
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown version or suite
   */
  public static void checkSealed(byte[] blob, UserId user, KeyVersion version,
      KdfParameters recordKdf, int suite) {
    if (parse(blob, user, version, recordKdf).suite() != suite) {
      throw damaged("it holds the private keys of another suite than its public keys");
    }
  }

  /** A blob's fields, its checksum, owner and KDF cost checked. */
  private record Parsed(int suite, KdfParameters kdf, byte[] salt, byte[] check, int aadEnd,
      byte[] nonce, byte[] ciphertext) {}

  private static Parsed parse(byte[] blob, UserId user, KeyVersion version,
      KdfParameters recordKdf) {
    ByteReader in = new ByteReader(blob, KeyBlob::damaged);
    int suite = FormatPrefix.readSuite(in, FormatPrefix.Kind.KEY_BLOB, FormatPrefix.SUITE_2);
    if (blob.length < CHECKSUM_SIZE
        || !Hashes.constantTimeEquals(checksum(blob, blob.length - CHECKSUM_SIZE),
            Arrays.copyOfRange(blob, blob.length - CHECKSUM_SIZE, blob.length))) {
      throw damaged("its checksum does not match (the stored bytes were altered or cut)");
    }
    KdfParameters kdf = readKdf(in);
    byte[] salt = in.bytes(SALT_SIZE, "salt");
    String blobUser = in.string("user id");
    long blobVersion = in.u32();
    byte[] check = in.bytes(CHECK_SIZE, "key check");
    int aadEnd = in.position();
    byte[] nonce = in.bytes(NONCE_SIZE, "nonce");
    byte[] ciphertext = in.bytes((suite == FormatPrefix.SUITE_2
        ? PrivateKeys.SECRETS_SIZE_X_WING : PrivateKeys.SECRETS_SIZE) + TAG_SIZE, "ciphertext");
    in.bytes(CHECKSUM_SIZE, "checksum");
    in.end("key blob");
    if (!blobUser.equals(user.value()) || blobVersion != version.value()) {
      throw damaged("it belongs to another user or key version");
    }
    if (!withinBounds(kdf)) {
      throw damaged("its KDF parameters are out of bounds");
    }
    if (!kdf.equals(recordKdf)) {
      throw damaged("its KDF parameters differ from the key record's");
    }
    return new Parsed(suite, kdf, salt, check, aadEnd, nonce, ciphertext);
  }

  private static KdfParameters readKdf(ByteReader in) {
    int memory = in.u32AsInt("memory");
    int iterations = in.u32AsInt("iterations");
    int parallelism = in.u32AsInt("parallelism");
    try {
      return new KdfParameters(ALGORITHM, memory, iterations, parallelism);
    } catch (IllegalArgumentException e) {
      throw damaged("its KDF parameters are out of bounds");
    }
  }

  private static ByteWriter header(UserId user, KeyVersion version, KdfParameters kdf,
      byte[] salt, int suite) {
    return FormatPrefix.writeSuite(new ByteWriter(256), FormatPrefix.Kind.KEY_BLOB, suite)
        .u32(kdf.memoryKiB())
        .u32(kdf.iterations())
        .u32(kdf.parallelism())
        .bytes(salt)
        .string(user.value())
        .u32(version.value());
  }

  private static byte[] associatedData(ByteWriter headerAndCheck) {
    byte[] written = headerAndCheck.toByteArray();
    return associatedData(written, written.length);
  }

  private static byte[] associatedData(byte[] blob, int length) {
    return new ByteWriter(AD_LABEL.length + length).bytes(AD_LABEL).bytes(blob, 0, length)
        .toByteArray();
  }

  private static byte[] checksum(byte[] body, int length) {
    byte[] hash = Hashes.sha256(CHECKSUM_LABEL, Arrays.copyOf(body, length));
    return Arrays.copyOf(hash, CHECKSUM_SIZE);
  }

  private static Cipher cipher(int mode, byte[] derived, byte[] nonce)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(derived, 0, KEK_SIZE, "AES"),
        new GCMParameterSpec(TAG_SIZE * 8, nonce));
    return cipher;
  }

  private static InvalidKeyBlobException damaged(String reason) {
    return new InvalidKeyBlobException("the private-key blob is invalid: " + reason);
  }
}
