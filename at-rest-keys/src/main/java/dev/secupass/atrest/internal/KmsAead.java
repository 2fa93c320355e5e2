package dev.secupass.atrest.internal;

import com.google.crypto.tink.Aead;
import dev.secupass.api.StorageException;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * A Tink {@link Aead} whose key is an AWS KMS symmetric key: each call is one KMS {@code Encrypt}
 * or {@code Decrypt}, so it only wraps small data keys. The associated data goes into the KMS
 * encryption context (as hex, beside a fixed purpose entry), and decryption names the key, so KMS
 * refuses ciphertext of another key. What Tink's {@code tink-awskms} does, on the AWS SDK for Java
 * v2 the rest of the SDK uses.
 *
 * <p>Failures: a ciphertext KMS refuses is a {@link GeneralSecurityException} (Tink reads it as
 * tampering); a KMS that cannot be reached or refuses the call is a {@link StorageException},
 * retryable when it is throttling or failing on its side, so an outage is never reported as
 * tampered data.
 */
public final class KmsAead implements Aead {
  private static final String PURPOSE_KEY = "secupass";
  private static final String PURPOSE = "at-rest data key v1";

  private final KmsClient kms;
  private final String keyArn;

  public KmsAead(KmsClient kms, String keyArn) {
    this.kms = kms;
    this.keyArn = keyArn;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    try {
      return kms.encrypt(r -> r.keyId(keyArn)
              .plaintext(SdkBytes.fromByteArray(plaintext))
              .encryptionContext(context(associatedData)))
          .ciphertextBlob().asByteArray();
    } catch (SdkException e) {
      throw failure("encrypt", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
      throws GeneralSecurityException {
    DecryptResponse response;
    try {
      response = kms.decrypt(r -> r.keyId(keyArn)
          .ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
          .encryptionContext(context(associatedData)));
    } catch (InvalidCiphertextException | IncorrectKeyException e) {
      throw new GeneralSecurityException("KMS refused the wrapped data key");
    } catch (KmsException e) {
      if (!(e instanceof NotFoundException) && !"AccessDeniedException".equals(errorCode(e))) {
        throw failure("decrypt", e);
      }
      // Either the host may not use its key (its configuration), or the ciphertext names a key
      // that is not ours (damage: some KMS implementations answer so for a garbled key id). The
      // key itself tells which: if it still encrypts, the ciphertext is at fault.
      if (keyWorks()) {
        throw new GeneralSecurityException("the wrapped data key names another KMS key");
      }
      throw failure("decrypt", e);
    } catch (SdkException e) {
      throw failure("decrypt", e);
    }
    if (!keyArn.equals(response.keyId())) {
      throw new GeneralSecurityException("the wrapped data key belongs to another KMS key");
    }
    return response.plaintext().asByteArray();
  }

  private static @Nullable String errorCode(KmsException e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  private boolean keyWorks() {
    try {
      encrypt(new byte[1], new byte[0]);
      return true;
    } catch (StorageException e) {
      return false;
    }
  }

  private static Map<String, String> context(byte[] associatedData) {
    return associatedData.length == 0
        ? Map.of(PURPOSE_KEY, PURPOSE)
        : Map.of(PURPOSE_KEY, PURPOSE, "ad", HexFormat.of().formatHex(associatedData));
  }

  private static StorageException failure(String operation, SdkException e) {
    boolean retryable = e.retryable()
        || (e instanceof KmsException kmsError && kmsError.statusCode() >= 500);
    String code = e instanceof KmsException kmsError && errorCode(kmsError) != null
        ? " (" + errorCode(kmsError) + ")" : "";
    return new StorageException("AWS KMS failed to " + operation + " an at-rest data key" + code
        + (retryable ? "; a passing failure, try again" : ""), retryable, e);
  }
}
