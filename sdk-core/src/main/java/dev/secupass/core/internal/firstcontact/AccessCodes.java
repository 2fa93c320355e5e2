package dev.secupass.core.internal.firstcontact;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.api.UserId;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.internal.crypto.Argon2id;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.Hkdf;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.crypto.Wipe;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.keys.KeyBlob;
import dev.secupass.spi.KdfParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The access code format, version 1 ({@code docs/format.md}, "Access code"): the code, the key
 * stretched from it with Argon2id, the sender's check stored with the invitation, and the
 * recipient's binding of their new public keys. Pure functions; no I/O.
 */
public final class AccessCodes {
  /** The format version, the first byte of a check and of a binding. */
  public static final int VERSION = 1;
  /** Bytes of the stretched key, of a verifier and of a binding's MAC. */
  public static final int KEY_SIZE = 32;
  /** Bytes of a check's header: version, memory, iterations, parallelism. */
  static final int HEADER_SIZE = 1 + 4 + 4 + 1;
  /** Bytes of a check: header, verifier, sealed key with its tag. */
  public static final int CHECK_SIZE = HEADER_SIZE + KEY_SIZE + KEY_SIZE + 16;
  /** Bytes of a binding: version, key version, MAC. */
  public static final int BINDING_SIZE = 1 + 4 + KEY_SIZE;

  static final String SALT = "SecuPass access code salt v1";
  static final String VERIFIER = "SecuPass access code verifier v1";
  static final String SEAL = "SecuPass access code seal v1";
  static final String BINDING = "SecuPass access code binding v1";

  private AccessCodes() {}

  /** A new code: twelve symbols, each five bits from {@code random} (60 bits). */
  public static AccessCode generate(SecureRandom random) {
    char[] symbols = new char[AccessCode.LENGTH];
    for (int i = 0; i < symbols.length; i++) {
      symbols[i] = AccessCode.ALPHABET.charAt(random.nextInt(32));
    }
    return AccessCode.parse(new String(symbols));
  }

  /**
   * The key stretched from {@code code} for the first contact of {@code guest} on {@code
   * delivery}: Argon2id with the costs of {@code kdf}, 32 bytes. The caller wipes it.
   *
   * @throws IllegalArgumentException if the costs are outside the private-key blob's bounds
   */
  public static byte[] stretch(AccessCode code, DeliveryId delivery, UserId guest,
      KdfParameters kdf) {
    if (!KeyBlob.withinBounds(kdf)) {
      throw new IllegalArgumentException("access code costs out of bounds: " + kdf);
    }
    byte[] password = code.reveal().replace("-", "").getBytes(StandardCharsets.US_ASCII);
    try {
      return Argon2id.derive(password, salt(delivery, guest), kdf.memoryKiB(), kdf.iterations(),
          kdf.parallelism(), KEY_SIZE);
    } finally {
      Wipe.bytes(password);
    }
  }

  /** The Argon2id salt: the first 16 bytes of SHA-256 over the label and both ids. */
  public static byte[] salt(DeliveryId delivery, UserId guest) {
    return Arrays.copyOf(Hashes.sha256(Labels.of(SALT), ids(delivery, guest)), 16);
  }

  /**
   * The sender's check: the costs, a verifier of the stretched key, and the key sealed under a key
   * derived from the delivery's content key (so only someone who can open the delivery, the
   * sender, recovers it).
   */
  public static byte[] check(byte[] stretched, SymmetricKey contentKey, DeliveryId delivery,
      UserId guest, KdfParameters kdf) {
    byte[] header = new ByteWriter(HEADER_SIZE).u8(VERSION).u32(kdf.memoryKiB())
        .u32(kdf.iterations()).u8(kdf.parallelism()).toByteArray();
    byte[] sealed = gcm(Cipher.ENCRYPT_MODE, sealKey(contentKey, delivery, guest), header,
        stretched);
    return new ByteWriter(CHECK_SIZE).bytes(header).bytes(verifier(stretched, delivery, guest))
        .bytes(sealed).toByteArray();
  }

  /** A parsed check. */
  public record Check(byte[] header, KdfParameters kdf, byte[] verifier, byte[] sealed) {

    /** Whether {@code stretched} is the key this check was made with. */
    public boolean verifies(byte[] stretched, DeliveryId delivery, UserId guest) {
      return Hashes.constantTimeEquals(verifier, AccessCodes.verifier(stretched, delivery, guest));
    }

    /**
     * The stretched key, opened with the delivery's content key. The caller wipes it.
     *
     * @throws IntegrityException if the check was altered
     */
    public byte[] openKey(SymmetricKey contentKey, DeliveryId delivery, UserId guest) {
      byte[] key = gcm(Cipher.DECRYPT_MODE, sealKey(contentKey, delivery, guest), header, sealed);
      if (!verifies(key, delivery, guest)) {
        Wipe.bytes(key);
        throw new IntegrityException("the stored access code check was altered");
      }
      return key;
    }
  }

  /**
   * Parses a check.
   *
   * @throws UnsupportedFormatException for another version
   * @throws IntegrityException if it is malformed or its costs are out of bounds
   */
  public static Check parseCheck(byte[] check) {
    if (check.length > 0 && (check[0] & 0xFF) != VERSION) {
      throw new UnsupportedFormatException("access code check version " + (check[0] & 0xFF)
          + " is not supported");
    }
    if (check.length != CHECK_SIZE) {
      throw new IntegrityException("the stored access code check is malformed");
    }
    ByteReader in = new ByteReader(check, IntegrityException::new);
    in.u8();
    KdfParameters kdf = new KdfParameters(KeyBlob.ALGORITHM, (int) in.u32(), (int) in.u32(),
        in.u8());
    if (!KeyBlob.withinBounds(kdf)) {
      throw new IntegrityException("the stored access code check has costs out of bounds");
    }
    byte[] header = Arrays.copyOf(check, HEADER_SIZE);
    byte[] verifier = Arrays.copyOfRange(check, HEADER_SIZE, HEADER_SIZE + KEY_SIZE);
    byte[] sealed = Arrays.copyOfRange(check, HEADER_SIZE + KEY_SIZE, CHECK_SIZE);
    return new Check(header, kdf, verifier, sealed);
  }

  /**
   * The recipient's binding of their public keys of {@code version} (the stored bundle {@code
   * publicKeys}) to the stretched key.
   */
  public static byte[] bind(byte[] stretched, DeliveryId delivery, UserId guest,
      KeyVersion version, byte[] publicKeys) {
    return new ByteWriter(BINDING_SIZE).u8(VERSION).u32(version.value())
        .bytes(bindingMac(stretched, delivery, guest, version, publicKeys)).toByteArray();
  }

  /**
   * Whether {@code binding} binds the public keys {@code publicKeys} of {@code version} to the
   * stretched key. A binding of another version or length does not.
   */
  public static boolean verifiesBinding(byte[] binding, byte[] stretched, DeliveryId delivery,
      UserId guest, KeyVersion version, byte[] publicKeys) {
    if (binding.length != BINDING_SIZE || (binding[0] & 0xFF) != VERSION) {
      return false;
    }
    ByteReader in = new ByteReader(binding, IntegrityException::new);
    in.u8();
    if (in.u32() != version.value()) {
      return false;
    }
    return Hashes.constantTimeEquals(Arrays.copyOfRange(binding, 5, BINDING_SIZE),
        bindingMac(stretched, delivery, guest, version, publicKeys));
  }

  private static byte[] bindingMac(byte[] stretched, DeliveryId delivery, UserId guest,
      KeyVersion version, byte[] publicKeys) {
    return Hashes.hmacSha256(stretched, Labels.of(BINDING), ids(delivery, guest),
        new ByteWriter(4).u32(version.value()).toByteArray(), Hashes.sha256(publicKeys));
  }

  static byte[] verifier(byte[] stretched, DeliveryId delivery, UserId guest) {
    return Hashes.hmacSha256(stretched, Labels.of(VERIFIER), ids(delivery, guest));
  }

  static byte[] sealKey(SymmetricKey contentKey, DeliveryId delivery, UserId guest) {
    byte[] ikm = contentKey.exportBytes();
    try {
      return Hkdf.sha256(ikm, new byte[0], new ByteWriter().bytes(Labels.of(SEAL))
          .bytes(ids(delivery, guest)).toByteArray(), KEY_SIZE);
    } finally {
      Wipe.bytes(ikm);
    }
  }

  private static byte[] ids(DeliveryId delivery, UserId guest) {
    return new ByteWriter().string(delivery.value()).string(guest.value()).toByteArray();
  }

  /** AES-256-GCM with a zero nonce: each seal key seals exactly one stretched key. */
  private static byte[] gcm(int mode, byte[] key, byte[] aad, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, new byte[12]));
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new IntegrityException("the stored access code check was altered");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    } finally {
      Wipe.bytes(key);
    }
  }
}
