package dev.secupass.core.internal.crypto;

import java.nio.charset.StandardCharsets;

/**
 * The domain-separation labels of {@code docs/format.md}, "Labels". Each is its ASCII text followed
 * by one zero byte, so no label is a prefix of another input.
 */
public final class Labels {
  /** HKDF info prefix of the per-file key of a content stream. */
  public static final String CONTENT = "SecuPass content v1";
  /** Prefix of the two-level ciphertext digest of a content stream. */
  public static final String CIPHERTEXT_DIGEST = "SecuPass ciphertext digest v1";
  /** HPKE info prefix of an envelope. */
  public static final String ENVELOPE = "SecuPass envelope v1";
  /** Prefix of every Ed25519 signature input. */
  public static final String SIGNED = "SecuPass signed v1";
  /** HMAC message of a key commitment. */
  public static final String KEY_COMMITMENT = "SecuPass key commitment v1";
  /** AES-GCM associated-data prefix of a private-key blob. */
  public static final String KEY_BLOB = "SecuPass key blob v1";
  /** Checksum prefix of a private-key blob. */
  public static final String KEY_BLOB_CHECKSUM = "SecuPass key blob checksum v1";
  /** Hash prefix of a fingerprint. */
  public static final String FINGERPRINT = "SecuPass fingerprint v1";
  /** HKDF info prefix of the key that seals an observer's key pins. */
  public static final String PIN_SEAL_KEY = "SecuPass pin seal key v1";
  /** HMAC message prefix of a key-pin seal. */
  public static final String PIN_SEAL = "SecuPass pin seal v1";
  /** HMAC message prefix of a version-2 key-pin seal. */
  public static final String PIN_SEAL_V2 = "SecuPass pin seal v2";
  /** MAC of a user's sealed view of the key log. */
  public static final String KEY_LOG_VIEW = "SecuPass key log view v1";
  /** Associated data of the host's checkpoint key sealed under the at-rest key. */
  public static final String KEY_LOG_CHECKPOINT_KEY = "SecuPass key log checkpoint key v1";

  /** HKDF info prefix of the per-file key of a version-2 content stream. */
  public static final String CONTENT_V2 = "SecuPass content v2";
  /** Prefix of the stream digest of a version-2 content stream. */
  public static final String STREAM_DIGEST_V2 = "SecuPass stream digest v2";
  /** Prefix of a file's name digest in a version-2 delivery manifest. */
  public static final String FILE_NAME_V2 = "SecuPass file name v2";
  /** Associated-data prefix of a version-2 host-sealed manifest. */
  public static final String HOST_MANIFEST_V2 = "SecuPass host manifest v2";
  /** Associated-data prefix of a host-sealed withdrawal (levels 1-2). */
  public static final String HOST_WITHDRAWAL = "SecuPass host withdrawal v1";

  private Labels() {}

  /** The label's bytes followed by a zero byte. */
  public static byte[] of(String label) {
    byte[] text = label.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[text.length + 1];
    System.arraycopy(text, 0, out, 0, text.length);
    return out;
  }
}
