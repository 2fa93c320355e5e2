package dev.secupass.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig2026;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.internal.crypto.CiphertextSource;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.ContentDecryptor;
import dev.secupass.core.internal.crypto.ContentEncryptor;
import dev.secupass.core.internal.crypto.EncryptedContent;
import dev.secupass.core.internal.crypto.SymmetricKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The operations the stream benchmarks compare, over the same random plaintext. Each processes the
 * whole buffer in 1 MiB segments.
 *
 * <ul>
 *   <li>{@code raw*}: {@code Cipher.doFinal} per 1 MiB from array to array, a fresh nonce each.
 *   <li>{@code rawDecryptFromStream}: the same, reading each segment from an {@code InputStream}
 *       first, the copy every stream reader makes: the baseline of {@code streamDecryptPulled}.
 *   <li>{@code stream*}: the SecuPass format through its public API, on the calling thread.
 *   <li>{@code parallel*}: the parallel mode with 2 worker threads.
 *   <li>{@code tink*}: Tink's AES-GCM-HKDF streaming AEAD with 1 MiB segments, for reference:
 *       {@code tinkKeyset*} through a keyset handle, as applications use it, the others through
 *       the {@code subtle} class directly.
 *   <li>{@code *Pulled}, {@code tinkDecrypt}: read in 1 MiB calls; {@code *TransferTo}: {@code
 *       InputStream.transferTo}, the way most code copies a stream.
 * </ul>
 *
 * <p>Not thread-safe: one workload per benchmark thread.
 */
final class StreamWorkload {
  private static final int SEGMENT = ContentCipher.DEFAULT_SEGMENT_SIZE;
  private static final int TAG = 16;
  private static final byte[] NO_AAD = new byte[0];

  final byte[] plaintext;
  private final byte[] rawCiphertext;
  private final byte[] ciphertext;
  private final byte[] tinkCiphertext;
  private final byte[] buffer;
  private final byte[] output;
  private final Cipher raw;
  private final SecretKeySpec rawKey;
  private final byte[] nonce = new byte[12];
  private long counter;
  private final ContentCipher cipher;
  private final ContentCipher digesting;
  private final ContentCipher version2;
  private final byte[] ciphertextV2;
  private final byte[] digestV2;
  private final MessageDigest sha256;
  private final AesGcmHkdfStreaming tink;
  private final StreamingAead tinkKeyset;
  private final byte[] tinkKeysetCiphertext;
  private final ExecutorService pool;

  /** Prepares {@code mebibytes} MiB of random plaintext and its ciphertexts in each format. */
  StreamWorkload(int mebibytes) throws GeneralSecurityException, IOException {
    SecureRandom random = new SecureRandom();
    plaintext = new byte[mebibytes << 20];
    random.nextBytes(plaintext);
    buffer = new byte[SEGMENT + TAG];
    output = new byte[SEGMENT + TAG];
    byte[] keyBytes = new byte[32];
    random.nextBytes(keyBytes);
    rawKey = new SecretKeySpec(keyBytes, "AES");
    raw = Cipher.getInstance("AES/GCM/NoPadding");
    rawCiphertext = new byte[plaintext.length + (plaintext.length / SEGMENT) * TAG];
    for (int i = 0, in = 0, out = 0; in < plaintext.length; i++, in += SEGMENT) {
      raw.init(Cipher.ENCRYPT_MODE, rawKey, new GCMParameterSpec(128, decryptNonce(i)));
      out += raw.doFinal(plaintext, in, SEGMENT, rawCiphertext, out);
    }
    SymmetricKey key = SymmetricKey.generate(random);
    ContentContext context = ContentContext.deliveryFile(DeliveryId.of("bench"),
        FileId.of("file"), SecurityLevel.SECRET);
    cipher = ContentCipher.builder(key, context).build();
    digesting = ContentCipher.builder(key, context).computeDigest(true).build();
    ByteArrayOutputStream encrypted = new ByteArrayOutputStream(plaintext.length + (1 << 20));
    try (ContentEncryptor encryptor = cipher.encrypt(encrypted)) {
      encryptor.write(plaintext);
      encryptor.finish();
    }
    ciphertext = encrypted.toByteArray();
    version2 = ContentCipher.builder(key, context).version(2).build();
    ByteArrayOutputStream encryptedV2 = new ByteArrayOutputStream(plaintext.length + (1 << 20));
    try (ContentEncryptor encryptor = version2.encrypt(encryptedV2)) {
      encryptor.write(plaintext);
      digestV2 = encryptor.finish().digest();
    }
    ciphertextV2 = encryptedV2.toByteArray();
    sha256 = MessageDigest.getInstance("SHA-256");
    tink = new AesGcmHkdfStreaming(keyBytes, "HmacSha256", 32, SEGMENT, 0);
    ByteArrayOutputStream tinkOut = new ByteArrayOutputStream(plaintext.length + (1 << 20));
    try (OutputStream out = tink.newEncryptingStream(tinkOut, NO_AAD)) {
      out.write(plaintext);
    }
    tinkCiphertext = tinkOut.toByteArray();
    tinkKeyset = KeysetHandle.generateNew(AesGcmHkdfStreamingParameters.builder()
            .setKeySizeBytes(32)
            .setDerivedAesGcmKeySizeBytes(32)
            .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
            .setCiphertextSegmentSizeBytes(SEGMENT)
            .build(), StreamingAeadConfig2026.get())
        .getPrimitive(StreamingAeadConfig2026.get(), StreamingAead.class);
    ByteArrayOutputStream keysetOut = new ByteArrayOutputStream(plaintext.length + (1 << 20));
    try (OutputStream out = tinkKeyset.newEncryptingStream(keysetOut, NO_AAD)) {
      out.write(plaintext);
    }
    tinkKeysetCiphertext = keysetOut.toByteArray();
    pool = Executors.newFixedThreadPool(2);
  }

  /** Stops the parallel mode's threads. */
  void close() {
    pool.shutdownNow();
  }

  private static byte[] decryptNonce(int index) {
    byte[] iv = new byte[12];
    iv[8] = (byte) (index >>> 24);
    iv[9] = (byte) (index >>> 16);
    iv[10] = (byte) (index >>> 8);
    iv[11] = (byte) index;
    return iv;
  }

  private GCMParameterSpec freshNonce() {
    long n = ++counter;
    for (int i = 0; i < 8; i++) {
      nonce[i] = (byte) (n >>> (56 - 8 * i));
    }
    nonce[8] = 1;
    return new GCMParameterSpec(128, nonce);
  }

  int rawEncrypt() throws GeneralSecurityException {
    int total = 0;
    for (int in = 0; in < plaintext.length; in += SEGMENT) {
      raw.init(Cipher.ENCRYPT_MODE, rawKey, freshNonce());
      total += raw.doFinal(plaintext, in, SEGMENT, output, 0);
    }
    return total;
  }

  EncryptedContent streamEncrypt() throws IOException {
    try (ContentEncryptor encryptor = cipher.encrypt(NullOutputStream.INSTANCE)) {
      for (int in = 0; in < plaintext.length; in += SEGMENT) {
        encryptor.write(plaintext, in, SEGMENT);
      }
      return encryptor.finish();
    }
  }

  /**
   * The baseline of a level 3/4 send (issue 14): raw AES-GCM of each segment, then SHA-256 over
   * the same ciphertext bytes.
   */
  int rawEncryptThenSha256() throws GeneralSecurityException {
    int total = 0;
    for (int in = 0; in < plaintext.length; in += SEGMENT) {
      raw.init(Cipher.ENCRYPT_MODE, rawKey, freshNonce());
      int n = raw.doFinal(plaintext, in, SEGMENT, output, 0);
      sha256.update(output, 0, n);
      sha256.digest();
      total += n;
    }
    return total;
  }

  /** The decryption baseline: SHA-256 over each segment's ciphertext, then raw AES-GCM. */
  int rawSha256ThenDecrypt() throws GeneralSecurityException {
    int total = 0;
    for (int i = 0, in = 0; in < rawCiphertext.length; i++, in += SEGMENT + TAG) {
      sha256.update(rawCiphertext, in, SEGMENT + TAG);
      sha256.digest();
      raw.init(Cipher.DECRYPT_MODE, rawKey, new GCMParameterSpec(128, decryptNonce(i)));
      total += raw.doFinal(rawCiphertext, in, SEGMENT + TAG, output, 0);
    }
    return total;
  }

  /** A level 3/4 send's encryption: a version-2 stream (segments, leaves, table, digest). */
  EncryptedContent v2Encrypt() throws IOException {
    try (ContentEncryptor encryptor = version2.encrypt(NullOutputStream.INSTANCE)) {
      for (int in = 0; in < plaintext.length; in += SEGMENT) {
        encryptor.write(plaintext, in, SEGMENT);
      }
      return encryptor.finish();
    }
  }

  EncryptedContent v2ParallelEncrypt() throws IOException {
    return version2.encryptParallel(new ByteArrayInputStream(plaintext),
        NullOutputStream.INSTANCE, pool, 2);
  }

  /** A whole verified read of a version-2 stream: table against the digest, segments against it. */
  long v2Decrypt() throws IOException {
    long total = 0;
    try (InputStream in = version2.decrypt(CiphertextSource.of(ciphertextV2), digestV2)) {
      int n;
      while ((n = in.read(output, 0, SEGMENT)) >= 0) {
        total += n;
      }
    }
    return total;
  }

  long v2ParallelDecrypt() throws IOException {
    version2.decryptParallel(CiphertextSource.of(ciphertextV2), NullOutputStream.INSTANCE, pool,
        2, digestV2);
    return ciphertextV2.length;
  }

  EncryptedContent streamEncryptWithDigest() throws IOException {
    try (ContentEncryptor encryptor = digesting.encrypt(NullOutputStream.INSTANCE)) {
      for (int in = 0; in < plaintext.length; in += SEGMENT) {
        encryptor.write(plaintext, in, SEGMENT);
      }
      return encryptor.finish();
    }
  }

  EncryptedContent parallelEncrypt() throws IOException {
    return cipher.encryptParallel(new ByteArrayInputStream(plaintext), NullOutputStream.INSTANCE,
        pool, 2);
  }

  EncryptedContent parallelEncryptWithDigest() throws IOException {
    return digesting.encryptParallel(new ByteArrayInputStream(plaintext),
        NullOutputStream.INSTANCE, pool, 2);
  }

  int rawDecrypt() throws GeneralSecurityException {
    int total = 0;
    for (int i = 0, in = 0; in < rawCiphertext.length; i++, in += SEGMENT + TAG) {
      raw.init(Cipher.DECRYPT_MODE, rawKey, new GCMParameterSpec(128, decryptNonce(i)));
      total += raw.doFinal(rawCiphertext, in, SEGMENT + TAG, output, 0);
    }
    return total;
  }

  int rawDecryptFromStream() throws GeneralSecurityException, IOException {
    int total = 0;
    InputStream in = new ByteArrayInputStream(rawCiphertext);
    for (int i = 0; in.readNBytes(buffer, 0, SEGMENT + TAG) == SEGMENT + TAG; i++) {
      raw.init(Cipher.DECRYPT_MODE, rawKey, new GCMParameterSpec(128, decryptNonce(i)));
      total += raw.doFinal(buffer, 0, SEGMENT + TAG, output, 0);
    }
    return total;
  }

  long streamDecryptPushed() throws IOException {
    try (ContentDecryptor decryptor = cipher.decryptTo(NullOutputStream.INSTANCE)) {
      decryptor.write(ciphertext);
      decryptor.finish();
    }
    return ciphertext.length;
  }

  long streamDecryptPulled() throws IOException {
    long total = 0;
    try (InputStream in = cipher.decrypt(new ByteArrayInputStream(ciphertext))) {
      int n;
      while ((n = in.read(output, 0, SEGMENT)) >= 0) {
        total += n;
      }
    }
    return total;
  }

  long parallelDecrypt() throws IOException {
    cipher.decryptParallel(new ByteArrayInputStream(ciphertext), NullOutputStream.INSTANCE, pool,
        2, null);
    return ciphertext.length;
  }

  long tinkEncrypt() throws GeneralSecurityException, IOException {
    try (OutputStream out = tink.newEncryptingStream(NullOutputStream.INSTANCE, NO_AAD)) {
      for (int in = 0; in < plaintext.length; in += SEGMENT) {
        out.write(plaintext, in, SEGMENT);
      }
    }
    return plaintext.length;
  }

  /** Pulled with {@code transferTo}, the way most code copies a stream. */
  long streamDecryptTransferTo() throws IOException {
    try (InputStream in = cipher.decrypt(new ByteArrayInputStream(ciphertext))) {
      return in.transferTo(NullOutputStream.INSTANCE);
    }
  }

  /** Tink's decrypting stream with {@code transferTo}. */
  long tinkDecryptTransferTo() throws GeneralSecurityException, IOException {
    try (InputStream in = tink.newDecryptingStream(new ByteArrayInputStream(tinkCiphertext),
        NO_AAD)) {
      return in.transferTo(NullOutputStream.INSTANCE);
    }
  }

  /** Tink's streaming AEAD as applications get it: the keyset primitive, read in 1 MiB calls. */
  long tinkKeysetDecrypt() throws GeneralSecurityException, IOException {
    long total = 0;
    try (InputStream in = tinkKeyset.newDecryptingStream(
        new ByteArrayInputStream(tinkKeysetCiphertext), NO_AAD)) {
      int n;
      while ((n = in.read(output, 0, SEGMENT)) >= 0) {
        total += n;
      }
    }
    return total;
  }

  long tinkDecrypt() throws GeneralSecurityException, IOException {
    long total = 0;
    try (InputStream in = tink.newDecryptingStream(new ByteArrayInputStream(tinkCiphertext),
        NO_AAD)) {
      int n;
      while ((n = in.read(output, 0, SEGMENT)) >= 0) {
        total += n;
      }
    }
    return total;
  }
}
