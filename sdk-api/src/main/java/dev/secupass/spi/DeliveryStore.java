package dev.secupass.spi;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Deliveries, their recipients and files, the key envelopes wrapped to recipients. */
public interface DeliveryStore {

  /**
   * Stores a new delivery with its files and recipients.
   *
   * @throws dev.secupass.api.ConflictException if a delivery with the same id, or with the same
   *     non-null link-token hash, exists
   */
  void create(DeliveryRecord delivery);

  /** The delivery with this id; empty if there is none. */
  Optional<DeliveryRecord> find(DeliveryId id);

  /**
   * The delivery whose link-token hash equals {@code tokenHash} (an exact byte comparison of
   * hashes; the token itself is never stored).
   *
   * @return empty if no delivery has that hash
   */
  Optional<DeliveryRecord> findByLinkTokenHash(byte[] tokenHash);

  /**
   * The deliveries addressed to {@code recipient}, in every state, newest first (by creation time,
   * then id descending).
   */
  Page<DeliveryRecord> inbox(UserId recipient, PageRequest page);

  /**
   * The deliveries sent by {@code sender}, in every state, newest first (by creation time, then id
   * descending).
   */
  Page<DeliveryRecord> outbox(UserId sender, PageRequest page);

  /**
   * Active deliveries whose expiry is at or before {@code now}, earliest expiry first.
   *
   * @param limit at most this many, 1 or more
   */
  List<DeliveryRecord> findExpired(Instant now, int limit);

  /**
   * Moves a delivery from one state to another.
   *
   * @return the delivery as stored afterwards
   * @throws dev.secupass.api.NotFoundException if there is no such delivery
   * @throws dev.secupass.api.ConflictException if its state is not {@code expected}
   */
  DeliveryRecord updateState(DeliveryId id, DeliveryState expected, DeliveryState next);

  /**
   * Counts one download, atomically: of many concurrent calls on a delivery with a limit of
   * {@code n}, exactly {@code n - count} succeed.
   *
   * @return {@code true} if counted; {@code false} if the download limit was already reached
   * @throws dev.secupass.api.NotFoundException if there is no such delivery
   */
  boolean countDownload(DeliveryId id);

  /**
   * Stores an envelope, replacing one with the same delivery, recipient and key version (so
   * writing the same grant twice is harmless).
   *
   * @throws dev.secupass.api.NotFoundException if the delivery does not exist
   */
  void putEnvelope(DeliveryEnvelope envelope);

  /** The envelope of this delivery for this recipient and key version; empty if none. */
  Optional<DeliveryEnvelope> findEnvelope(
      DeliveryId delivery, UserId recipient, KeyVersion keyVersion);

  /** Every envelope of the delivery, in no particular order; empty if none. */
  List<DeliveryEnvelope> envelopes(DeliveryId delivery);
}
