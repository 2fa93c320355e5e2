package dev.secupass.core.relay;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.GrantId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.rooms.MemberAccess;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The server's side of the exchange with clients that hold their own keys (the browser client,
 * {@code docs/browser-client.md}): it stores a client's sealed keys, accepts the deliveries a
 * client encrypted and signed, serves their ciphertext by range with the envelopes and the signed
 * manifest a reader's client needs, and takes the envelopes a sender's client wraps to fulfil its
 * grants; for data rooms it takes the membership-log entries, envelopes and sealed entries a
 * member's client signed and sealed, and serves them with the room files' ciphertext. It never
 * needs a SecuPass, a private key or plaintext, and it checks everything that can
 * be checked without them: every signature against the signer's stored public keys, every
 * structure, every size and digest of the stored ciphertext against the signed manifest, the
 * contexts and key versions envelopes name. What it cannot check (that a segment decrypts, that
 * a key opens) is the reading client's check, which it cannot skip.
 *
 * <p>The host authenticates its users and passes them in as {@link SignedInUser}; each operation
 * is one request of {@code docs/client-exchange.md}, which a host maps onto its own routes. The
 * flows' bookkeeping (grants queued and made ready, invitations, events, the audit trail) is the
 * same as for deliveries the Java SDK sends itself, so events and mails work unchanged.
 *
 * <p>Errors are the SDK's typed exceptions: {@link dev.secupass.api.IntegrityException} for
 * malformed data or data that contradicts the manifest, {@link
 * dev.secupass.api.InvalidSignatureException} for a signature that does not verify or a signer
 * that is not the sender, {@link dev.secupass.api.UnsupportedFormatException} for an unknown
 * version or suite, {@link dev.secupass.api.InvalidKeyBlobException} for a sealed key blob that
 * is damaged or does not match its public keys, {@link dev.secupass.api.ConflictException} for an
 * id already taken or keys that changed meanwhile, and the refusals of {@code
 * sdk.deliveries()} (not a recipient, expired, withdrawn, download limit, policy).
 */
public interface ClientRelay {

  /**
   * Stores a user's first keys, made and sealed by their client, and makes the grants that waited
   * for them ready (their senders are told, as after an activation in Java).
   *
   * @param keys version 1: a self-signed bundle naming {@code user}, and a blob sealed for
   *     {@code user}'s version 1 in the bundle's suite, with a KDF cost within bounds
   * @throws dev.secupass.api.ConflictException if the user has keys already
   * @throws dev.secupass.api.InvalidSignatureException if the bundle's self-signature fails
   * @throws dev.secupass.api.IntegrityException if the bundle is malformed or names someone else
   * @throws dev.secupass.api.InvalidKeyBlobException if the blob is damaged, foreign or out of
   *     bounds
   */
  void activate(UserId user, ClientKeys keys);

  /**
   * A guest's first activation with the access code the sender passed them: as {@link
   * #activate(UserId, ClientKeys)}, and in the same transaction the guest's client's {@code
   * binding} of the new keys to the code ({@code docs/format.md}, "Access code binding") is
   * stored with the invitation to {@code delivery}. The server checks the binding's structure (its
   * version and key version); only the sender's client, which recovers the stretched code with the
   * content key, can check its MAC, and releases to nothing else.
   *
   * @throws dev.secupass.api.NotFoundException if no live invitation of the guest to {@code
   *     delivery} waits for an access code
   * @throws dev.secupass.api.ConflictException if it has a binding already, or the user has keys
   * @throws dev.secupass.api.IntegrityException if the binding is malformed or of another key
   *     version
   */
  void activate(UserId user, ClientKeys keys, DeliveryId delivery, byte[] binding);

  /**
   * The deliveries that wait for {@code guest}'s access code: the checks of their live
   * invitations that carry one and have no binding yet. The guest's client tests the typed code
   * against each check and binds its new keys to the one it matches.
   */
  List<ClientAccessCode> accessCodes(UserId guest);

  /**
   * The key log's verifier key ({@code name+id+key}, C2SP note verifier), which clients check
   * checkpoints with. A host publishes it beside the bundle's hash, so that a client's copy does
   * not come only from the server it checks.
   */
  String keyLogVerifierKey();

  /**
   * The proof a client checks before it wraps a key to {@code subject}'s keys of {@code
   * version}: the current signed checkpoint, the keys' log entry with its inclusion proof, and the
   * consistency proof from the tree size the client relied on before.
   *
   * @param seenSize the checkpoint size the client relied on last (0 if none)
   * @throws dev.secupass.api.NotFoundException if the subject has no keys of that version
   * @throws dev.secupass.api.KeyLogException if the keys are not in the log (NOT_LOGGED), or the
   *     current checkpoint cannot be served (BAD_CHECKPOINT, NOT_WITNESSED, ...)
   */
  ClientKeyLogProof keyLogProof(UserId subject, KeyVersion version, long seenSize);

  /**
   * The observer's pin of {@code subject}, as stored: the same row whether the observer's Java
   * SDK or their client made it. The client checks its seal before trusting it.
   */
  Optional<ClientPin> pin(UserId observer, UserId subject);

  /**
   * Stores the observer's client's pin of {@code pin.subject()}, replacing the one before. The
   * server checks what it can without the observer's keys: the observer has a SecuPass, the
   * subject is someone else, and the seal has the shape of a version-1 or version-2 seal.
   *
   * @throws dev.secupass.api.SecuPassRequiredException if the observer has no SecuPass
   * @throws dev.secupass.api.IntegrityException if the seal is malformed
   * @throws IllegalArgumentException if the subject is the observer
   */
  void savePin(UserId observer, ClientPin pin);

  /**
   * Replaces a user's keys after a forgotten SecuPass: {@code next} (the active version plus one)
   * becomes active, and what was granted to the old keys is queued again, as {@code
   * secuPass().reset} does.
   *
   * @throws dev.secupass.api.SecuPassRequiredException if the user has no keys yet
   * @throws dev.secupass.api.ConflictException if the keys changed meanwhile
   */
  void reset(UserId user, ClientKeys next);

  /**
   * Stores the same keys sealed anew: a changed SecuPass, or a blob re-sealed under a stronger
   * cost. The public keys must be the stored ones byte for byte.
   *
   * @throws dev.secupass.api.ConflictException if {@code keys} is not of the active version or its
   *     public keys differ from the stored ones
   */
  void reseal(UserId user, ClientKeys keys);

  /**
   * The user's active keys, which their client unlocks with the SecuPass.
   *
   * @return empty if the user has no SecuPass
   */
  Optional<ClientKeys> keys(UserId user);

  /**
   * Resolves addressees for a sending client: employees and partners as named, guests by address
   * (an existing guest account, or the user id a new one will have, which the manifest must use),
   * each with their active public keys if they have a SecuPass.
   */
  List<ClientRecipient> recipients(List<Addressee> addressees);

  /**
   * Stores one file's ciphertext as the sender's client streams it, checking while it copies:
   * a known stream version and segment size, exactly {@code storedSize} bytes, a size a stream
   * can have, and in version 2 a segment table that matches the segments. The blob is invisible
   * until a delivery names it; a failed upload leaves nothing. It is journaled: if no delivery
   * names it within the orphan grace period ({@code SecuPassSdk.Builder#orphanGracePeriod}, 1 hour
   * by default), {@code deliveries().sweepExpired} deletes it.
   *
   * @param storedSize the ciphertext's size, which the client computes from the plaintext size
   * @throws dev.secupass.api.IntegrityException if the stream is malformed, shorter or longer
   * @throws dev.secupass.api.PolicyViolationException if it is larger than the sender's policy
   *     allows for one file
   */
  UploadedContent upload(SignedInUser sender, long storedSize, InputStream ciphertext);

  /** Deletes uploaded blobs that no delivery was committed with (an abandoned sending). */
  void discard(List<UploadedContent> uploads);

  /**
   * Commits a delivery the sender's client encrypted and signed. Checked before anything is
   * stored, in this order: the sender may send (not a guest, the level and recipients allowed);
   * the manifest is a delivery manifest signed by the sender's active keys; it names a new
   * delivery id, level 3 or 4, the sender and their key version, times near now and an expiry
   * the policy allows, exactly the resolved recipients, and exactly the uploaded files (their
   * ids in order, sizes, digests the relay computed, and name digests in version 2); the details
   * match its digest; every envelope is a delivery envelope of this delivery and level, signed by
   * the sender's active keys, to the sender or a recipient at their active key version and suite,
   * one per person, the sender's own included; a version-3 manifest's seen checkpoint (the key-log
   * checkpoint the client relied on) is one of this host's log: of size 0, or at most the size of
   * its latest checkpoint with the root of its tree at that size. Recipients without a SecuPass
   * get a grant.
   *
   * @return the delivery as sent, with the recipients who wait for a SecuPass
   * @throws dev.secupass.api.InvalidSignatureException if the manifest or an envelope is not
   *     signed by the sender's active keys
   * @throws dev.secupass.api.IntegrityException if anything contradicts the manifest or is
   *     malformed
   * @throws dev.secupass.api.ConflictException if the delivery id is taken, a recipient's keys
   *     changed since the client read them, or an uploaded file is no longer waiting for a
   *     delivery (the sweep deleted it as abandoned, or another delivery names it)
   * @throws dev.secupass.api.KeyLogException FORKED if a version-3 manifest's seen checkpoint is
   *     not one of this host's log (nothing is stored)
   */
  SentDelivery deliver(SignedInUser sender, ClientDelivery delivery);

  /**
   * What a recipient's (or the sender's) client needs to open a level 3 or 4 delivery.
   *
   * @throws dev.secupass.api.NotFoundException if there is no such delivery
   * @throws dev.secupass.api.NotARecipientException if the reader is neither sender nor recipient
   * @throws dev.secupass.api.DeliveryExpiredException if it expired
   * @throws dev.secupass.api.DeliveryWithdrawnException if it was withdrawn
   * @throws dev.secupass.api.SecuPassRequiredException if the reader has no SecuPass yet
   * @throws dev.secupass.api.DownloadLimitReachedException if its downloads are used up
   * @throws IllegalArgumentException if it is a level 1 or 2 delivery (opened by {@code
   *     sdk.deliveries()})
   */
  ClientCopy open(SignedInUser reader, DeliveryId delivery);

  /**
   * A range of a file's ciphertext, for a reader the same checks as {@link #open} allow. A read
   * that reaches the ciphertext's end counts the reader's download of the file (once), before
   * the stream is handed out, as a Java reader's read to the end does.
   *
   * @param offset the first byte, 0 or more
   * @param length bytes from there, at least 1; a range beyond the end is cut at the end
   * @throws dev.secupass.api.NotFoundException if the delivery has no such file
   */
  InputStream read(SignedInUser reader, DeliveryId delivery, FileId file, long offset,
      long length);

  /**
   * The grants the sender's client can fulfil now: the ready grants of {@code granter}'s
   * deliveries.
   *
   * @param limit at most this many, 1 or more
   */
  List<ClientGrant> pendingGrants(SignedInUser granter, int limit);

  /**
   * Fulfils a grant with the envelope the granter's client wrapped: it must be a delivery
   * envelope of the grant's delivery and level, to the grant's recipient at their active key
   * version and suite, signed by the granter's active keys, who must be the delivery's sender.
   * Stores it, marks the grant done and tells the recipient (a {@code delivery.released} event).
   *
   * @throws dev.secupass.api.NotFoundException if there is no such grant
   * @throws dev.secupass.api.NotPermittedException if the grant is not the granter's
   * @throws dev.secupass.api.ConflictException if the grant is not ready (done, cancelled, or the
   *     recipient's keys changed)
   * @throws dev.secupass.api.InvalidSignatureException if the granter's keys did not sign it
   * @throws dev.secupass.api.IntegrityException if it is malformed or of another context
   */
  void fulfil(SignedInUser granter, GrantId grant, byte[] envelope);

  /**
   * Withdraws a level 3 or 4 delivery with the withdrawal its sender's client signed: a signed
   * statement of type 4 ({@code docs/format.md}, "Withdrawal statement") by the sender's active
   * keys, naming the delivery, made within 5 minutes of the server's clock. Checked before
   * anything changes; then stored with the delivery in the step that marks it withdrawn and deletes
   * every envelope (the sender's own included), its grants are cancelled and its files deleted, as
   * {@code sdk.deliveries().withdraw} does with a session. Every reader's client checks the stored
   * statement again. A delivery withdrawn already only has any files a crash left deleted.
   *
   * @throws dev.secupass.api.NotFoundException if there is no such delivery
   * @throws dev.secupass.api.NotARecipientException if {@code sender} did not send it
   * @throws dev.secupass.api.DeliveryExpiredException if it expired already
   * @throws dev.secupass.api.SecuPassRequiredException if the sender has no keys
   * @throws dev.secupass.api.InvalidSignatureException if the statement is not signed by the
   *     sender's active keys, or its signature does not verify
   * @throws dev.secupass.api.IntegrityException if it is malformed, not a withdrawal, of another
   *     delivery, or its time is not near the server's clock
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown version
   * @throws IllegalArgumentException if it is a level 1 or 2 delivery (withdrawn by {@code
   *     sdk.deliveries()}, which needs no key)
   */
  void withdraw(SignedInUser sender, DeliveryId delivery, byte[] statement);

  // ---- Data rooms (docs/client-exchange.md, "Rooms") ----

  /**
   * Creates a data room a client founded: {@code entry} is entry 0 of its membership log, a
   * {@code CREATE} signed by the creator's active keys that records them and commits to epoch 1's
   * key; {@code sealedName} the room's name sealed under that key; {@code envelope} the key
   * wrapped to the creator by the creator. The room id is the one the entry names.
   *
   * @return the new room
   * @throws dev.secupass.api.NotPermittedException if the creator is a guest
   * @throws dev.secupass.api.SecuPassRequiredException if the creator has no SecuPass
   * @throws dev.secupass.api.InvalidSignatureException if the creator's active keys did not sign
   *     the entry or the envelope
   * @throws dev.secupass.api.MembershipLogException if the entry is not a valid entry 0
   * @throws dev.secupass.api.IntegrityException if the entry's time is more than 5 minutes from
   *     the server's clock, or the envelope is of another room, epoch or user
   * @throws dev.secupass.api.ConflictException if the room id is taken
   * @throws dev.secupass.api.KeyLogException FORKED if a version-2 entry's seen checkpoint is not
   *     one of this host's log (as for {@link #deliver}; nothing is stored). The same holds for
   *     every membership entry a client sends.
   */
  RoomId createRoom(SignedInUser creator, byte[] entry, byte[] sealedName, byte[] envelope);

  /**
   * What a member's client needs to verify a room and open its keys: the signed membership log,
   * the public keys it names, the member's envelopes of the epoch keys (for their active keys)
   * and the sealed name. The relay verified the log's chain, signatures and rules, and that the
   * stored room and member list agree with it; the client checks them again and anchors entry 0
   * on its own pin of the creator. The rooms a user is in are {@code sdk.rooms().roomsOf(user)}.
   *
   * @throws dev.secupass.api.NotFoundException if there is no such room
   * @throws dev.secupass.api.NotPermittedException if the reader is not a member
   * @throws dev.secupass.api.SecuPassRequiredException if the reader has no SecuPass
   */
  ClientRoomCopy room(SignedInUser member, RoomId room);

  /**
   * Adds the member an {@code ADD} entry names. The entry must be signed by an owner or manager
   * at the keys the log records for them (their active keys), continue the log (sequence, chain,
   * epoch) and keep its rules. If it records the member's key, that must be their active key and
   * {@code envelopes} must wrap every epoch's key to it, signed by the manager; if not, no
   * envelopes come and a room grant is queued: waiting for the member's SecuPass, or ready for an
   * owner or manager who confirms their never-verified keys ({@link #fulfilRoomGrant}).
   *
   * @param kind the member's kind, as the host knows them (guests cannot be members)
   * @return how the member gets the key
   * @throws dev.secupass.api.NotPermittedException if the manager may not add, or the member is
   *     a guest
   * @throws dev.secupass.api.ConflictException if the member is one already, the log moved on, or
   *     the member's keys are not the recorded ones
   */
  MemberAccess addRoomMember(SignedInUser manager, RoomId room, PrincipalKind kind, byte[] entry,
      List<byte[]> envelopes);

  /**
   * Removes the member a {@code REMOVE} entry names and begins the next epoch, whose key the
   * entry commits to: {@code envelopes} wrap it, signed by the manager, to remaining members at
   * their active keys where the log records those, the manager's own included; every other
   * remaining member gets a room grant. The removed member's envelopes are deleted and their
   * grants cancelled, in the transaction that appends the entry.
   *
   * @throws dev.secupass.api.NotPermittedException if the manager may not remove that member
   * @throws dev.secupass.api.NotFoundException if the subject is not a member
   * @throws dev.secupass.api.IntegrityException if an envelope is of another room or epoch, to
   *     someone not remaining, or the manager's own is missing
   * @throws dev.secupass.api.ConflictException if the log moved on meanwhile, or an envelope is to
   *     keys that are not the member's recorded, active ones
   */
  void removeRoomMember(SignedInUser manager, RoomId room, byte[] entry, List<byte[]> envelopes);

  /**
   * The entries of a folder ({@code null}: the room's top) as stored: clear index fields and
   * sealed fields, which the member's client opens and checks.
   *
   * @throws dev.secupass.api.NotPermittedException if the reader is not a member
   * @throws dev.secupass.api.NotFoundException if there is no such room or folder
   */
  List<ClientRoomEntry> roomEntries(SignedInUser member, RoomId room, @Nullable FileId folder);

  /**
   * Adds a file whose ciphertext (a version-2 content stream) the writer's client uploaded with
   * {@link #upload}: the writer must be an editor, manager or owner; the fields are stored under
   * the room's current epoch, which the client sealed them under.
   *
   * @throws dev.secupass.api.NotPermittedException if the writer may not write
   * @throws dev.secupass.api.StaleEpochException if the room is not at the epoch the client sealed
   *     the fields under ({@link ClientRoomFile#epoch}): a member was removed meanwhile (seal again
   *     under the new key; the upload stays)
   * @throws dev.secupass.api.IntegrityException if the upload is missing, of another size or
   *     stream version, or a sealed field is malformed
   * @throws dev.secupass.api.ConflictException if the entry id is taken or the upload was swept
   */
  void addRoomFile(SignedInUser writer, RoomId room, ClientRoomFile file);

  /**
   * A range of a room file's ciphertext for a member; a read that reaches the end is audited as
   * their download.
   *
   * @param offset the first byte, 0 or more
   * @param length bytes from there, at least 1; a range beyond the end is cut at the end
   * @throws dev.secupass.api.NotPermittedException if the reader is not a member
   * @throws dev.secupass.api.NotFoundException if the room has no such file
   */
  InputStream readRoomFile(SignedInUser member, RoomId room, FileId file, long offset,
      long length);

  /**
   * The room grants {@code granter}'s client can fulfil now: ready grants of rooms they own or
   * manage, each with the member's active keys.
   *
   * @param limit at most this many, 1 or more
   */
  List<ClientRoomGrant> pendingRoomGrants(SignedInUser granter, int limit);

  /**
   * Fulfils a room grant with what the granter's client made: unless the membership log records
   * the member's active keys already, {@code keyEntry} is a {@code KEY} entry recording them,
   * signed by the granter (an owner or manager whose active keys the log records); {@code
   * envelopes} wrap every epoch's key to the member's active keys, signed by the granter. Stores
   * them, completes the grant and tells the member ({@code room.access_granted}) in one
   * transaction.
   *
   * @param keyEntry the {@code KEY} entry, or {@code null} if the log records the keys already
   * @throws dev.secupass.api.NotFoundException if there is no such grant
   * @throws dev.secupass.api.NotPermittedException if it is not a room grant, or the granter may
   *     not manage the room
   * @throws dev.secupass.api.ConflictException if the grant is not ready, the member left or
   *     changed keys, or the log moved on
   * @throws dev.secupass.api.IntegrityException if an envelope or the entry is of another room,
   *     epoch, member or keys, or an epoch's envelope is missing
   */
  void fulfilRoomGrant(SignedInUser granter, GrantId grant, byte @Nullable [] keyEntry,
      List<byte[]> envelopes);

  // ---- The key transparency log beyond the check before a wrap (docs/key-log.md, issue 15):
  // ---- the checkpoint exchange between correspondents and the self-monitoring at unlock.

  /**
   * Stores the key log checkpoint statement {@code user}'s client signed ({@code
   * docs/format.md}, "Key log checkpoint statement") as their published checkpoint, replacing the
   * one before, as the Java SDK stores its own users' ({@code KeyLogStore.saveSeenCheckpoint}).
   * The client publishes after it relied on a new checkpoint (before a wrap, at unlock). The
   * server checks what a reader checks: a statement of type 6 signed by the user's active keys,
   * whose note carries the host's signature over a checkpoint of its log.
   *
   * @throws dev.secupass.api.SecuPassRequiredException if the user has no SecuPass
   * @throws dev.secupass.api.InvalidSignatureException if the user's active keys did not sign it
   * @throws dev.secupass.api.IntegrityException if it is malformed or of another type
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown type or payload version
   * @throws dev.secupass.api.KeyLogException BAD_CHECKPOINT if the note is not the host's
   */
  void publishKeyLogCheckpoint(UserId user, byte[] statement);

  /**
   * The checkpoint statement {@code subject} published (from their client or their Java SDK),
   * for a client about to rely on the subject's keys to compare with the checkpoint it holds,
   * with the RFC 9162 consistency proof between the two from this server's tree. The client
   * checks the statement with the keys it verified for the subject and raises {@code FORKED}
   * when the two are not one history (a split view).
   *
   * @param heldSize the size of the checkpoint the asking client relied on last
   * @return empty if the subject published nothing
   * @throws IllegalArgumentException if {@code heldSize} is negative
   */
  Optional<ClientSeenCheckpoint> keyLogCheckpointOf(UserId subject, long heldSize);

  /**
   * The RFC 9162 consistency proof between two sizes of this server's key log tree, for a client
   * that compares the checkpoint a signer bound into a version-3 delivery manifest or a version-2
   * membership-log entry with the checkpoint it holds itself; the client verifies it with the two
   * roots and raises {@code FORKED} when it fails (a split view).
   *
   * @return empty (not an error) if the tree holds fewer than {@code toSize} entries, {@code
   *     fromSize} is 0 or the two sizes are equal: the client's verification then decides
   * @throws IllegalArgumentException if a size is negative or {@code fromSize > toSize}
   */
  List<byte[]> keyLogConsistency(long fromSize, long toSize);

  /**
   * What {@code user}'s client checks at unlock: every entry the key log holds for the user, each
   * with its inclusion proof in the current checkpoint (signed, witnessed), the consistency proof
   * from the checkpoint the client relied on before, and every entry added since the size the
   * client read the whole log to at its last unlock, with the compact range at that size.
   *
   * @param seenSize the checkpoint size the client relied on last (0 if none)
   * @param monitoredSize the size the client read the whole log to at its last unlock (0 at its
   *     first look: then no entries are added); none are added either if it is beyond the
   *     checkpoint (the client's check then fails)
   * @throws dev.secupass.api.KeyLogException if the current checkpoint cannot be served
   *     (BAD_CHECKPOINT, NOT_WITNESSED, WITNESS_REFUSED)
   * @throws IllegalArgumentException if a size is negative
   */
  ClientKeyLogEntries keyLogEntries(UserId user, long seenSize, long monitoredSize);
}
