package dev.secupass.spi;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
   * The deliveries at levels 1 and 2 (whose manifests the host's at-rest key seals), in every
   * state, in ascending order of id, starting after {@code after}: paging through them with the
   * last id of each page visits every such delivery that existed throughout, once. For the re-seal
   * job that moves manifests to a new at-rest key.
   *
   * @param after the last id of the previous page (exclusive); null for the first page
   * @param limit at most this many, 1 or more
   */
  List<DeliveryRecord> hostSealed(@Nullable DeliveryId after, int limit);

  /**
   * Replaces a delivery's manifest if it still is {@code expected}, compared byte for byte, in one
   * atomic step; nothing else of the delivery changes.
   *
   * @return true if it was replaced; false if the stored manifest is not {@code expected}
   * @throws dev.secupass.api.NotFoundException if there is no such delivery
   */
  boolean replaceManifest(DeliveryId id, byte[] expected, byte[] replacement);

  /**
   * Moves a delivery from one state to another.
   *
   * @return the delivery as stored afterwards
   * @throws dev.secupass.api.NotFoundException if there is no such delivery
   * @throws dev.secupass.api.ConflictException if its state is not {@code expected}
   */
  DeliveryRecord updateState(DeliveryId id, DeliveryState expected, DeliveryState next);

  /**
   * Withdraws an active delivery, in one atomic step: stores {@code withdrawal} as the record's
   * {@link DeliveryRecord#withdrawal()}, moves its state from {@link DeliveryState#ACTIVE} to
   * {@link DeliveryState#WITHDRAWN}, and deletes every envelope of the delivery (so that nobody
   * can unwrap its content key afterwards). Nothing else of the delivery changes.
   *
   * @param withdrawal the withdrawal statement, 1 byte or more (opaque to the store)
   * @return the delivery as stored afterwards
   * @throws dev.secupass.api.NotFoundException if there is no such delivery
   * @throws dev.secupass.api.ConflictException if it is not active (nothing changes)
   * @throws IllegalArgumentException if {@code withdrawal} is empty
   */
  DeliveryRecord withdraw(DeliveryId id, byte[] withdrawal);

  /**
   * Records that {@code reader} read {@code file} of the delivery to its end, and counts one
   * download if this is the first record of that file and reader, atomically and idempotently:
   *
   * <ul>
   *   <li>a record of the same delivery, file and reader exists: nothing changes, {@link
   *       DownloadOutcome#ALREADY_COUNTED};
   *   <li>the delivery has a download limit and its count reached it: nothing changes, {@link
   *       DownloadOutcome#LIMIT_REACHED};
   *   <li>otherwise the record is stored and the delivery's download count rises by one, together,
   *       {@link DownloadOutcome#COUNTED}.
   * </ul>
   *
   * <p>Of many concurrent calls on a delivery with a limit of {@code n}, at most {@code n - count}
   * count, and concurrent calls for the same file and reader count once.
   *
   * @param reader who read it, as the SDK names readers (a user id, or a key of its own for an
   *     anonymous link opening); 1-{@value #MAX_READER_LENGTH} characters
   * @throws dev.secupass.api.NotFoundException if there is no such delivery
   * @throws IllegalArgumentException if {@code reader} is empty or too long
   */
  DownloadOutcome recordDownload(DeliveryId delivery, FileId file, String reader);

  /** The longest reader name {@link #recordDownload} accepts. */
  int MAX_READER_LENGTH = 200;

  /**
   * Stores an envelope, replacing one with the same delivery, recipient and key version (so
   * writing the same grant twice is harmless).
   *
   * @throws dev.secupass.api.NotFoundException if the delivery does not exist
   */
  void putEnvelope(DeliveryEnvelope envelope);

  /**
   * Stores each of {@code envelopes} as {@link #putEnvelope} would, in order. Called in a
   * transaction ({@link Storage#inTransaction}) it is all or nothing with it. The default calls
   * {@link #putEnvelope} for each; an adapter may use fewer round trips.
   *
   * @throws dev.secupass.api.NotFoundException if the delivery of one of them does not exist
   */
  default void putEnvelopes(List<DeliveryEnvelope> envelopes) {
    envelopes.forEach(this::putEnvelope);
  }

  /** The envelope of this delivery for this recipient and key version; empty if none. */
  Optional<DeliveryEnvelope> findEnvelope(
      DeliveryId delivery, UserId recipient, KeyVersion keyVersion);

  /** Every envelope of the delivery, in no particular order; empty if none. */
  List<DeliveryEnvelope> envelopes(DeliveryId delivery);

  // Batch reads: one call for what a batch of grants reads one by one. The defaults call the
  // single read for each; an adapter may answer with one statement. Each returns the rows found,
  // keyed as asked (absent keys: nothing found), never a row that was not asked for.

  /** {@link #find} of each of {@code ids}: the deliveries that exist, by id. */
  default Map<DeliveryId, DeliveryRecord> findAll(Collection<DeliveryId> ids) {
    Map<DeliveryId, DeliveryRecord> found = new LinkedHashMap<>();
    for (DeliveryId id : ids) {
      find(id).ifPresent(record -> found.put(id, record));
    }
    return found;
  }

  /**
   * {@link #findEnvelope} of each of {@code deliveries} for one recipient and key version: the
   * envelopes that exist, by delivery.
   */
  default Map<DeliveryId, DeliveryEnvelope> findEnvelopes(Collection<DeliveryId> deliveries,
      UserId recipient, KeyVersion keyVersion) {
    Map<DeliveryId, DeliveryEnvelope> found = new LinkedHashMap<>();
    for (DeliveryId delivery : deliveries) {
      findEnvelope(delivery, recipient, keyVersion).ifPresent(e -> found.put(delivery, e));
    }
    return found;
  }
}
