package dev.secupass.core.delivery;

import dev.secupass.api.DeliveryExpiredException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryWithdrawnException;
import dev.secupass.api.DownloadLimitReachedException;
import dev.secupass.api.NotARecipientException;
import dev.secupass.api.NotReleasedException;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.PolicyViolationException;
import dev.secupass.api.SignInRequiredException;
import dev.secupass.api.UnlockRequiredException;
import dev.secupass.api.WrongLinkTokenException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.keys.SecuPassSession;
import java.util.List;

/**
 * Sending and opening deliveries at levels 1-4 ({@code docs/deliveries.md}).
 *
 * <p>Sending streams each file through the content format into the blob store, then stores the
 * delivery, its envelopes, grants, invitations and events in one transaction; if anything fails,
 * the blobs written are deleted and nothing is visible. Opening checks, in this order, that the
 * reader may open it (typed errors: {@link NotARecipientException}, {@link
 * SignInRequiredException}, {@link WrongLinkTokenException}, {@link
 * dev.secupass.api.SecuPassRequiredException}, {@link UnlockRequiredException}), that it is live
 * ({@link DeliveryWithdrawnException}, {@link DeliveryExpiredException}), that it is released to
 * the reader ({@link NotReleasedException}), that nothing was tampered with ({@link
 * dev.secupass.api.IntegrityException}, {@link dev.secupass.api.InvalidSignatureException}, {@link
 * dev.secupass.api.KeyChangedException}), and that the download limit is not reached ({@link
 * DownloadLimitReachedException}). Every attempt, refused or not, is recorded in the audit trail.
 *
 * <p>Opening is not downloading: a file counts as downloaded when a reader reads its content to the
 * end, once per reader and file; then the download count rises, the sender gets a {@link
 * dev.secupass.core.events.DeliveryDownloaded} event and the audit trail records {@code
 * delivery.download}. The limit is checked again when a file's first read starts.
 */
public interface Deliveries {

  /**
   * Sends at level 1 or 2 without a SecuPass session. A draft without a level takes the sender's
   * policy's default level, which is level 3 for {@link DeliveryPolicy#DEFAULT}: such a draft needs
   * the other overload.
   *
   * @throws dev.secupass.api.SecuPassRequiredException at level 3 or 4 if the sender has no
   *     SecuPass (the UI shows the activation dialog)
   * @throws UnlockRequiredException at level 3 or 4 if they have one (use the other overload)
   * @throws PolicyViolationException if the sender's policy forbids it
   */
  SentDelivery send(SignedInUser sender, DeliveryDraft draft);

  /**
   * Sends at any level with the sender's unlocked session: at levels 3 and 4 the content key is
   * wrapped to the sender and to every recipient who has a SecuPass (their keys checked against
   * the sender's pins), and a grant is queued for each who has none.
   *
   * @throws dev.secupass.api.KeyChangedException if a recipient's keys are not the pinned ones
   *     (nothing is sent; compare fingerprints and re-verify)
   * @throws PolicyViolationException if the sender's policy forbids it
   * @throws IllegalArgumentException if the session is another user's
   */
  SentDelivery send(SignedInUser sender, SecuPassSession session, DeliveryDraft draft);

  /**
   * Opens a level 1 or 2 delivery for a signed-in recipient (or its sender).
   *
   * @throws dev.secupass.api.SecuPassRequiredException at level 3 or 4 if the reader has no
   *     SecuPass
   * @throws UnlockRequiredException at level 3 or 4 if they have one
   */
  OpenedDelivery open(SignedInUser reader, DeliveryId id);

  /** Opens a delivery of any level for a signed-in recipient (or its sender) with their session. */
  OpenedDelivery open(SignedInUser reader, SecuPassSession session, DeliveryId id);

  /**
   * Opens a level-1 delivery by its link, without sign-in.
   *
   * @throws SignInRequiredException if the delivery is level 2-4
   * @throws WrongLinkTokenException if the token is not this delivery's
   */
  OpenedDelivery openByLink(DeliveryId id, LinkToken token);

  /**
   * The deliveries addressed to an employee or partner, newest first.
   *
   * @throws dev.secupass.api.NotPermittedException for a guest (guests have no inbox)
   */
  Page<DeliverySummary> inbox(SignedInUser user, PageRequest page);

  /** The deliveries {@code user} sent, newest first, expired ones included. */
  Page<DeliverySummary> outbox(SignedInUser user, PageRequest page);

  /**
   * Where each recipient of the sender's delivery stands.
   *
   * @throws NotARecipientException if {@code sender} did not send it
   */
  List<RecipientStatus> recipientStatus(SignedInUser sender, DeliveryId id);

  /**
   * Withdraws a delivery at level 1 or 2 without a SecuPass session: the withdrawal is sealed
   * under the host's at-rest key and stored with the delivery, which can no longer be opened; its
   * grants are cancelled and its files deleted. Idempotent (running it again deletes files a crash
   * left behind; that needs no session at any level).
   *
   * @throws NotARecipientException if {@code sender} did not send it
   * @throws DeliveryExpiredException if it already expired
   * @throws dev.secupass.api.SecuPassRequiredException for an active delivery at level 3 or 4 if
   *     the sender has no SecuPass
   * @throws UnlockRequiredException for an active delivery at level 3 or 4 if they have one (its
   *     withdrawal is signed: use the other overload)
   */
  void withdraw(SignedInUser sender, DeliveryId id);

  /**
   * Withdraws a delivery of any level with the sender's session: at levels 3 and 4 the sender signs
   * the withdrawal, which every reader checks ({@code docs/format.md}, "Withdrawal statement"),
   * and every envelope of the delivery is deleted with it, the sender's own included, so that its
   * content key can no longer be unwrapped; its grants are cancelled and its files deleted.
   *
   * @throws NotARecipientException if {@code sender} did not send it
   * @throws DeliveryExpiredException if it already expired
   * @throws IllegalArgumentException if the session is another user's
   */
  void withdraw(SignedInUser sender, SecuPassSession session, DeliveryId id);

  /**
   * Expires up to {@code batchSize} deliveries past their expiry: deletes their files, marks them
   * expired (the record stays in the sender's outbox), cancels their grants and tells the senders.
   * Then deletes up to {@code batchSize} orphaned blobs: blobs of uploads (deliveries and data
   * rooms alike) that no record took over within the grace period ({@code
   * SecuPassSdk.Builder#orphanGracePeriod}, 1 hour by default), because the upload failed, was
   * abandoned, or its process died; never a blob a record refers to. Call repeatedly while {@link
   * SweepResult#more()}.
   *
   * @param batchSize 1-1000
   */
  SweepResult sweepExpired(int batchSize);

  /**
   * Who opened (or tried to open) the sender's delivery, and when, oldest first.
   *
   * @throws NotARecipientException if {@code sender} did not send it
   */
  Page<AuditRecord> auditTrail(SignedInUser sender, DeliveryId id, PageRequest page);
}
