package dev.secupass.atrest;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.secupass.api.IntegrityException;
import dev.secupass.atrest.internal.KmsAead;
import dev.secupass.core.AtRestKey;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * An {@link AtRestKey} in AWS KMS, by envelope encryption: every {@link #encrypt} makes a fresh
 * AES-256-GCM data key, encrypts the data with it locally, and has the KMS key wrap the data key
 * (one KMS {@code Encrypt} call); {@link #decrypt} has KMS unwrap it (one {@code Decrypt}). The key
 * never leaves KMS, so whoever copies the database and the blob store without the right to call
 * KMS reads nothing of levels 1 and 2; revoking that right (or disabling the key) stops every
 * reader at once.
 *
 * <p>The ciphertext is Tink's KMS envelope format ({@code KmsEnvelopeAead}: a 4-byte length, the
 * KMS-wrapped data key, then the AES-GCM ciphertext); the data key is wrapped under the KMS
 * encryption context {@code {"secupass": "at-rest data key v1"}}. For rotation, put the new KMS
 * key first in an {@link dev.secupass.core.AtRestKeyRing} (or use KMS automatic key rotation,
 * which keeps the key's ARN and needs no re-seal).
 *
 * <pre>{@code
 * KmsClient kms = KmsClient.create();   // credentials and region as the host configures them
 * AtRestKey atRest = AwsKmsAtRestKey.of(kms, "arn:aws:kms:eu-central-1:111122223333:key/...");
 * }</pre>
 *
 * <p>Failures: data that was altered, moved or sealed under another key is an {@link
 * IntegrityException}; a KMS that cannot be reached, throttles or denies the call is a {@link
 * dev.secupass.api.StorageException} ({@code retryable()} for passing failures). Safe for use by
 * many threads (as {@link KmsClient} is). Needs {@code software.amazon.awssdk:kms} on the class
 * path, which this module declares optional.
 */
public final class AwsKmsAtRestKey implements AtRestKey {
  private static final Pattern KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[^:]+:[^:]+:key/.+");

  private final String keyArn;
  private final Aead envelope;

  private AwsKmsAtRestKey(String keyArn, Aead envelope) {
    this.keyArn = keyArn;
    this.envelope = envelope;
  }

  /**
   * The at-rest key whose data keys {@code keyArn} wraps.
   *
   * @param kms the client to call; the host owns it (and closes it)
   * @param keyArn the full ARN of a symmetric KMS key ({@code arn:aws:kms:<region>:<account>:key/
   *     <id>}), not an alias, so that decryption can insist on exactly this key
   * @throws IllegalArgumentException if {@code keyArn} is not a KMS key ARN
   */
  public static AwsKmsAtRestKey of(KmsClient kms, String keyArn) {
    Objects.requireNonNull(kms, "kms");
    Objects.requireNonNull(keyArn, "keyArn");
    if (!KEY_ARN.matcher(keyArn).matches()) {
      throw new IllegalArgumentException("an AWS KMS key is given by its full key ARN"
          + " (arn:aws:kms:<region>:<account>:key/<id>), got \"" + keyArn + "\"");
    }
    try {
      return new AwsKmsAtRestKey(keyArn, KmsEnvelopeAead.create(
          PredefinedAeadParameters.AES256_GCM, new KmsAead(kms, keyArn)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink cannot make an AES-256-GCM envelope", e);
    }
  }

  /** The ARN of the KMS key. */
  public String keyArn() {
    return keyArn;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    try {
      return envelope.encrypt(plaintext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the envelope's local encryption failed", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
    try {
      return envelope.decrypt(ciphertext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IntegrityException("data sealed under the AWS KMS at-rest key does not decrypt:"
          + " it was altered, moved, or sealed under another key");
    }
  }

  @Override
  public String toString() {
    return "AwsKmsAtRestKey[" + keyArn + "]";
  }
}
