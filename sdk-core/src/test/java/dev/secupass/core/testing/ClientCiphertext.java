package dev.secupass.core.testing;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.ContentEncryptor;
import dev.secupass.core.internal.crypto.SymmetricKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;

/**
 * A well-formed content stream as a client that holds its own keys uploads one, under a key that
 * is thrown away: for tests of what a server checks without a key (the relay's upload, a host's
 * upload routes).
 */
public final class ClientCiphertext {
  private ClientCiphertext() {}

  /** A stream of {@code version} (1 or 2) over {@code plaintextSize} zero bytes. */
  public static byte[] of(int plaintextSize, int version, int segmentSize) {
    SecureRandom random = new SecureRandom();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (SymmetricKey key = SymmetricKey.generate(random);
        ContentEncryptor encryptor = ContentCipher.builder(key, ContentContext.deliveryFile(
            DeliveryId.random(random), FileId.random(random), SecurityLevel.SECRET))
            .random(random).version(version).segmentSize(segmentSize).build().encrypt(out)) {
      encryptor.write(new byte[plaintextSize]);
      encryptor.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
