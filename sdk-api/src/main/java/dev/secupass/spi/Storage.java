package dev.secupass.spi;

/**
 * The metadata stores of one backend, and the transactions that group changes across them.
 *
 * <p>Changes that belong together (a delivery, its envelopes, its grants and its events) are made
 * through the {@code Storage} handed to {@link #inTransaction}'s work, and commit together or not
 * at all. Blob content is not part of a transaction: the SDK writes blobs first and deletes them
 * again if the transaction fails; the {@linkplain #blobJournal upload journal} names the blobs a
 * crash could leave behind, so that a sweep deletes them.
 */
public interface Storage {

  KeyStore keys();

  DeliveryStore deliveries();

  GrantQueue grants();

  RoomStore rooms();

  GuestStore guests();

  EventOutbox events();

  AuditLog audit();

  /** The key transparency log. */
  KeyLogStore keyLog();

  /**
   * The upload journal: the blobs that may have no row referring to them yet (or any more). No
   * default: a store that dropped it would leave every crashed upload's blob behind for good.
   */
  BlobJournal blobJournal();

  /**
   * Runs {@code work} in one transaction and returns its result.
   *
   * <ul>
   *   <li>Every change made through the {@code Storage} passed to {@code work} becomes visible
   *       to others together, when {@code work} returns, and only then.
   *   <li>If {@code work} throws, none of them becomes visible and the exception propagates
   *       unchanged (a failure to commit surfaces as {@link dev.secupass.api.StorageException}).
   *   <li>Inside, {@code work} reads its own changes.
   *   <li>Calling {@code inTransaction} on the transactional {@code Storage} joins the running
   *       transaction.
   *   <li>The transactional {@code Storage} must not be used after {@code work} returns.
   *   <li>{@code work} runs once: stores do not retry it.
   * </ul>
   */
  <T> T inTransaction(TransactionWork<T> work);

  /** Work done in a transaction. */
  @FunctionalInterface
  interface TransactionWork<T> {
    /**
     * Does the work.
     *
     * @param tx the stores, bound to the transaction
     */
    T run(Storage tx);
  }
}
