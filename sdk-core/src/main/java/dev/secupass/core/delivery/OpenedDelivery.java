package dev.secupass.core.delivery;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecretAccess;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * A delivery opened for download, after every check passed: the reader may open it, it is live,
 * its manifest verified (the sender's signature at levels 3-4, the host seal at 1-2) and matches
 * the stored record, and the key unwrapped is the one the sender committed to. It holds the content
 * key until {@link #close()}.
 *
 * <p>File streams verify as they read: a tampered or truncated blob raises {@link
 * dev.secupass.api.IntegrityException} before any unverified byte is returned. Not safe to close
 * while another thread reads.
 */
public interface OpenedDelivery extends AutoCloseable {

  DeliveryId id();

  UserId sender();

  SecurityLevel level();

  /** The subject (decrypted at level 4). */
  String subject();

  /** The message (decrypted at level 4). */
  String message();

  Instant expiresAt();

  /** The files, in the sender's order. */
  List<DeliveredFile> files();

  /**
   * The whole file's bytes. Every segment is checked against what the sender signed before its
   * bytes are returned (deliveries sent since format version 2; for older ones the stream checks
   * the ciphertext digest the manifest names before it returns the last bytes).
   *
   * @throws dev.secupass.api.NotFoundException if the delivery has no such file
   */
  InputStream read(FileId file);

  /**
   * Bytes {@code [offset, offset + length)} of a file (fewer at its end), reading only the
   * segments that hold them: for resumed downloads. Each segment read is checked against what
   * the sender signed before its bytes are returned (deliveries sent since format version 2;
   * older ones are authenticated under the content key only).
   *
   * @throws IllegalArgumentException if the range is negative or starts beyond the end
   */
  InputStream read(FileId file, long offset, long length) throws IOException;

  /**
   * The delivery's 32-byte content key, for a host that must decrypt the stored ciphertext with
   * the format specification alone (an independent archive export, say; {@code docs/format.md},
   * "Content stream"). The caller owns the copy returned and should wipe it. Asking for it takes a
   * {@link SecretAccess} token, so such calls stand out in a code review.
   *
   * @throws NullPointerException without a token
   * @throws IllegalStateException after {@link #close()}
   */
  byte[] contentKey(SecretAccess access);

  /** Wipes the content key; reading afterwards fails. */
  @Override
  void close();
}
