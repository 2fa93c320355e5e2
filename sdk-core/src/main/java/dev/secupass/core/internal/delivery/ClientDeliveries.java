package dev.secupass.core.internal.delivery;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryExpiredException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.DeliveryWithdrawnException;
import dev.secupass.api.DownloadLimitReachedException;
import dev.secupass.api.FileId;
import dev.secupass.api.GrantId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotARecipientException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.Person;
import dev.secupass.api.PolicyViolationException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryPolicy;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.internal.content.UploadJournal;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.Envelope;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventTypes;
import dev.secupass.core.internal.firstcontact.AccessCodes;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.internal.stream.StreamVerifier;
import dev.secupass.core.relay.ClientCopy;
import dev.secupass.core.relay.ClientDelivery;
import dev.secupass.core.relay.ClientFile;
import dev.secupass.core.relay.ClientGrant;
import dev.secupass.core.relay.ClientRecipient;
import dev.secupass.core.relay.UploadedContent;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.GuestAccount;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantFilter;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.Lease;
import dev.secupass.spi.Invitation;
import dev.secupass.spi.Recipient;
import dev.secupass.spi.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery half of the relay for clients that hold their own keys ({@link
 * dev.secupass.core.relay.ClientRelay}): takes what a client encrypted and signed, checks all
 * that can be checked without a key, and stores it with the bookkeeping of a delivery the SDK
 * sent itself; serves a reader's client; takes a sender's client's grant envelopes.
 */
public final class ClientDeliveries {
  private static final Logger LOG = LoggerFactory.getLogger(ClientDeliveries.class);

  /** How far a manifest's creation time may be from the relay's clock. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** How many of a delivery's ready grants one fulfilment claims to find its own. */
  private static final int CLAIM_BATCH = 64;

  private static final Pattern NEW_GUEST = Pattern.compile("guest-[0-9a-f]{32}");

  private final DeliveryContext ctx;
  private final GrantEngine engine;
  private final Duration lease;
  private final Retirement retirement;

  public ClientDeliveries(DeliveryContext ctx, GrantEngine engine, Duration lease) {
    this.ctx = ctx;
    this.engine = engine;
    this.lease = lease;
    this.retirement = new Retirement(ctx, engine);
  }

  // ---- sending ----

  public List<ClientRecipient> recipients(List<Addressee> addressees) {
    GuestRecipients resolved = GuestRecipients.resolve(addressees, ctx.storage().guests(),
        ctx.random(), ctx.now());
    List<ClientRecipient> out = new ArrayList<>();
    for (Recipient recipient : resolved.recipients()) {
      out.add(new ClientRecipient(People.of(recipient), ctx.storage().keys()
          .findActive(recipient.user()).map(KeyRecord::publicKeys).orElse(null)));
    }
    return out;
  }

  public UploadedContent upload(SignedInUser sender, long storedSize, InputStream ciphertext) {
    requireSender(sender);
    DeliveryPolicy policy = ctx.policies().policyFor(sender.user());
    if (storedSize < 1) {
      throw new IllegalArgumentException("storedSize must be positive");
    }
    BlobId blob = ctx.journal().begin(BlobId.random(ctx.random()));
    try (InputStream in = ciphertext; BlobOutput out = ctx.blobs().create(blob, storedSize)) {
      StreamVerifier.Checked checked = StreamVerifier.copy(in, out, storedSize, plaintext -> {
        if (plaintext > policy.maxFileSize()) {
          throw policy.fileTooLarge("uploaded file");
        }
      });
      out.commit();
      return new UploadedContent(blob, checked.plaintextSize(), storedSize, checked.version(),
          checked.digest());
    } catch (IOException e) {
      ctx.journal().discard(blob);
      throw new UncheckedIOException("receiving a file's ciphertext failed", e);
    } catch (RuntimeException | Error e) {
      ctx.journal().discard(blob);
      throw e;
    }
  }

  public void discard(List<UploadedContent> uploads) {
    for (UploadedContent upload : uploads) {
      ctx.journal().discard(upload.blob());
    }
  }

  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  public SentDelivery deliver(SignedInUser sender, ClientDelivery delivery) {
    requireSender(sender);
    DeliveryPolicy policy = ctx.policies().policyFor(sender.user());
    PublicKeys senderKeys = activeKeys(ctx.storage(), sender.user())
        .orElseThrow(() -> new SecuPassRequiredException(People.of(ctx.storage(),
            sender.user())));
    DeliveryManifest manifest = verifyManifest(delivery.manifest(), sender.user(), senderKeys);
    ctx.keys().requireOfThisLog(manifest.seen());
    SecurityLevel level = manifest.level();
    if (!level.endToEndFiles()) {
      throw new IntegrityException("a client's delivery must be of level 3 or 4, not "
          + level.number());
    }
    policy.checkLevel(level);
    Instant now = ctx.now();
    if (Duration.between(manifest.createdAt(), now).abs().compareTo(CLOCK_SKEW) > 0) {
      throw new IntegrityException("the manifest's creation time is more than "
          + CLOCK_SKEW.toMinutes() + " minutes from the server's clock");
    }
    policy.checkExpiry(manifest.createdAt(), manifest.expiresAt());
    policy.checkRecipients(delivery.recipients());
    checkFiles(policy, delivery.files());
    Resolved recipients = resolve(delivery.recipients(), manifest.recipients(), sender.user(),
        now);
    List<DeliveryFile> files = new ArrayList<>();
    for (ClientFile file : delivery.files()) {
      UploadedContent content = file.content();
      BlobInfo info = ctx.blobs().stat(content.blob()).orElseThrow(() -> new IntegrityException(
          "the ciphertext of file " + file.id() + " was not uploaded"));
      if (info.size() != content.storedSize()) {
        throw new IntegrityException("the stored ciphertext of file " + file.id()
            + " is not the size its upload had");
      }
      if (content.streamVersion() != manifest.streamVersion()) {
        // A version-1 manifest signs version-1 digests, versions 2 and 3 stream digests.
        throw new IntegrityException("file " + file.id() + " is a version-"
            + content.streamVersion() + " stream, but a version-" + manifest.version()
            + " manifest names version-" + manifest.streamVersion() + " streams");
      }
      if (level == SecurityLevel.SECRET) {
        utf8(file.name(), "the name of file " + file.id());
      }
      files.add(new DeliveryFile(file.id(), content.blob(), content.size(),
          content.storedSize(), content.digest(), file.name()));
    }
    byte[] details = delivery.details();
    @Nullable String subject = null;
    if (level == SecurityLevel.SECRET) {
      subject = Details.decode(details).subject();
    }
    DeliveryRecord record = new DeliveryRecord(manifest.delivery(), sender.user(), level,
        DeliveryState.ACTIVE, manifest.createdAt(), manifest.expiresAt(),
        delivery.downloadLimit(), 0, details, delivery.manifest(), null, files,
        recipients.recipients());
    ManifestChecks.check(manifest, record);
    List<DeliveryEnvelope> envelopes = envelopes(record, senderKeys, delivery.envelopes(), now);
    Set<UserId> enveloped = new HashSet<>();
    envelopes.forEach(e -> enveloped.add(e.recipient()));
    Set<UserId> keyless = new HashSet<>();
    Set<UserId> waiting = new HashSet<>();
    for (Recipient recipient : record.recipients()) {
      if (!enveloped.contains(recipient.user())) {
        waiting.add(recipient.user());
        if (ctx.storage().keys().findActive(recipient.user()).isEmpty()) {
          keyless.add(recipient.user());
        }
      }
    }
    Map<UserId, byte[]> codes = delivery.accessCodeChecks();
    for (Map.Entry<UserId, byte[]> code : codes.entrySet()) {
      Recipient coded = record.recipient(code.getKey()).orElseThrow(() -> new IntegrityException(
          "an access code check names " + code.getKey() + ", who is not a recipient"));
      if (coded.kind() != PrincipalKind.GUEST || !keyless.contains(coded.user())) {
        throw new IntegrityException("an access code protects a guest's first keys only; "
            + People.of(coded).displayName() + " is not a guest without a SecuPass");
      }
      AccessCodes.parseCheck(code.getValue());
    }
    Person senderPerson = new Person(sender.user(), sender.kind(), null);
    String finalSubject = subject;
    ctx.storage().inTransaction(tx -> {
      recipients.newGuests().forEach(tx.guests()::create);
      tx.deliveries().create(record);
      files.forEach(file -> UploadJournal.adopt(tx, file.blob()));
      tx.deliveries().putEnvelopes(envelopes);
      Announcements announcements = new Announcements(ctx, engine, record.id(), senderPerson,
          level, record.createdAt(), record.expiresAt(), finalSubject);
      for (Recipient recipient : record.recipients()) {
        announcements.announce(tx, recipient, null, waiting.contains(recipient.user())
            ? Announcements.Wait.SECUPASS : Announcements.Wait.NONE, codes.get(recipient.user()));
      }
      ctx.audit().record(tx, sender.user(), "delivery.send", "delivery:" + record.id(),
          AuditRecorder.OK);
      return null;
    });
    List<Person> people = record.recipients().stream().map(People::of).toList();
    return new Sent(record.id(), level, record.expiresAt(), people,
        people.stream().filter(p -> keyless.contains(p.user())).toList(), List.of(), null,
        Map.of());
  }

  private void requireSender(SignedInUser sender) {
    if (sender.kind() == PrincipalKind.GUEST) {
      throw new PolicyViolationException(PolicyViolationException.Rule.SENDER,
          "guests cannot send deliveries");
    }
  }

  private static void checkFiles(DeliveryPolicy policy, List<ClientFile> files) {
    policy.checkFileCount(files.size());
    long total = 0;
    for (ClientFile file : files) {
      if (file.content().size() > policy.maxFileSize()) {
        throw policy.fileTooLarge(file.id().value());
      }
      total += file.content().size();
      if (total > policy.maxTotalSize()) {
        throw policy.totalTooLarge();
      }
    }
  }

  /** The manifest, signed by {@code sender}'s active keys. */
  private static DeliveryManifest verifyManifest(byte[] signed, UserId sender,
      PublicKeys senderKeys) {
    SignedStatement statement = SignedStatement.parse(signed);
    if (!statement.signer().equals(sender)
        || !statement.signerKeyVersion().equals(senderKeys.version())) {
      throw new InvalidSignatureException("the manifest is signed by " + statement.signer() + " "
          + statement.signerKeyVersion() + ", not by the sender's active keys (" + sender + " "
          + senderKeys.version() + ")");
    }
    return DeliveryManifest.verify(signed, senderKeys);
  }

  /** The recipients in the manifest's order, and the guest accounts to create. */
  private record Resolved(List<Recipient> recipients, List<GuestAccount> newGuests) {}

  private Resolved resolve(List<Addressee> addressees, List<UserId> named, UserId sender,
      Instant now) {
    if (addressees.size() != named.size()) {
      throw new IntegrityException("the manifest names " + named.size() + " recipients, the"
          + " delivery " + addressees.size());
    }
    List<Recipient> recipients = new ArrayList<>();
    List<GuestAccount> created = new ArrayList<>();
    for (int i = 0; i < addressees.size(); i++) {
      Addressee addressee = addressees.get(i);
      UserId user = named.get(i);
      if (user.equals(sender)) {
        throw new IntegrityException("the sender cannot be a recipient of their delivery");
      }
      if (addressee.kind() != PrincipalKind.GUEST) {
        if (!addressee.knownUser().orElseThrow().equals(user)) {
          throw new IntegrityException("the manifest's recipient " + (i + 1) + " is " + user
              + ", not " + addressee.address());
        }
      } else {
        Optional<GuestAccount> existing = ctx.storage().guests().findByEmail(addressee.address());
        if (existing.isPresent()) {
          if (!existing.get().user().equals(user)) {
            throw new IntegrityException("the manifest names another account for guest "
                + addressee.address());
          }
        } else {
          if (!NEW_GUEST.matcher(user.value()).matches()
              || ctx.storage().guests().find(user).isPresent()
              || ctx.storage().keys().findActive(user).isPresent()) {
            throw new IntegrityException("the manifest names " + user + " for the new guest "
                + addressee.address() + ", which is not a new guest's id");
          }
          created.add(new GuestAccount(user, addressee.address(), null, new byte[0], now, 0));
        }
      }
      recipients.add(new Recipient(user, addressee.kind(), addressee.address()));
    }
    return new Resolved(recipients, created);
  }

  /** Every envelope checked: this delivery's context, signed by the sender, to a party's key. */
  private List<DeliveryEnvelope> envelopes(DeliveryRecord record, PublicKeys senderKeys,
      List<byte[]> encoded, Instant now) {
    EnvelopeContext context = EnvelopeContext.delivery(record.id(), record.level());
    Map<UserId, DeliveryEnvelope> byRecipient = new LinkedHashMap<>();
    for (byte[] bytes : encoded) {
      Envelope envelope = Envelope.parse(bytes);
      UserId recipient = envelope.recipient();
      if (!recipient.equals(record.sender()) && record.recipient(recipient).isEmpty()) {
        throw new IntegrityException("an envelope is addressed to " + recipient
            + ", who is not a recipient of the delivery");
      }
      PublicKeys recipientKeys = recipient.equals(record.sender()) ? senderKeys
          : activeKeys(ctx.storage(), recipient).orElseThrow(() -> new IntegrityException(
              "an envelope is addressed to " + recipient + ", who has no SecuPass"));
      checkEnvelope(envelope, context, recipientKeys, senderKeys);
      if (byRecipient.put(recipient, new DeliveryEnvelope(record.id(), recipient,
          recipientKeys.version(), record.sender(), bytes, now)) != null) {
        throw new IntegrityException("two envelopes are addressed to " + recipient);
      }
    }
    if (!byRecipient.containsKey(record.sender())) {
      throw new IntegrityException("the delivery has no envelope for its sender");
    }
    return List.copyOf(byRecipient.values());
  }

  /**
   * What a relay checks of an envelope: its context, that it is to the recipient's active keys in
   * their suite, and that the granter's keys signed it.
   */
  public static void checkEnvelope(Envelope envelope, EnvelopeContext context,
      PublicKeys recipient, PublicKeys granter) {
    if (!envelope.context().equals(context)) {
      throw new IntegrityException("an envelope belongs to another context ("
          + envelope.context() + ") than " + context);
    }
    if (!envelope.recipientKeyVersion().equals(recipient.version())) {
      throw new ConflictException("an envelope is wrapped to key " + envelope.recipientKeyVersion()
          + " of " + recipient.user() + ", whose active key is " + recipient.version());
    }
    if (envelope.suite() != recipient.suite()) {
      throw new IntegrityException("an envelope to " + recipient.user() + " is sealed in suite "
          + envelope.suite() + ", their keys are of suite " + recipient.suite());
    }
    envelope.checkSignature(granter);
  }

  // ---- reading ----

  public ClientCopy open(SignedInUser reader, DeliveryId id) {
    DeliveryRecord record = readable(reader, id);
    KeyRecord readerKeys = ctx.storage().keys().findActive(reader.user())
        .orElseThrow(() -> new SecuPassRequiredException(person(record, reader)));
    checkLimit(record, reader);
    KeyVersion signerVersion = SignedStatement.parse(record.manifest()).signerKeyVersion();
    byte[] senderKeys = ctx.storage().keys().find(record.sender(), signerVersion)
        .map(KeyRecord::publicKeys)
        .orElseThrow(() -> new IntegrityException("the keys that signed delivery "
            + record.id() + " are not stored"));
    byte @Nullable [] envelope = ctx.storage().deliveries()
        .findEnvelope(record.id(), reader.user(), readerKeys.version())
        .map(DeliveryEnvelope::envelope).orElse(null);
    ctx.audit().record(ctx.storage(), reader.user(), "delivery.open", "delivery:" + record.id(),
        AuditRecorder.OK);
    return new ClientCopy(record.id(), record.level(), People.of(ctx.storage(), record.sender()),
        record.createdAt(), record.expiresAt(), record.details(), record.manifest(), senderKeys,
        envelope, record.files().stream().map(f -> new ClientCopy.File(f.id(), f.size(),
            f.storedSize(), f.name())).toList());
  }

  public InputStream read(SignedInUser reader, DeliveryId id, FileId fileId, long offset,
      long length) {
    if (offset < 0 || length < 1) {
      throw new IllegalArgumentException("a range starts at 0 or later and has 1 byte or more");
    }
    DeliveryRecord record = readable(reader, id);
    DeliveryFile file = record.files().stream().filter(f -> f.id().equals(fileId)).findFirst()
        .orElseThrow(() -> new NotFoundException("the delivery has no such file"));
    if (offset >= file.storedSize()) {
      throw new IllegalArgumentException("the range starts after the file's end");
    }
    long cut = Math.min(length, file.storedSize() - offset);
    Map<FileId, String> clearNames = new HashMap<>();
    if (record.level() == SecurityLevel.SECRET) {
      clearNames.put(file.id(), new String(file.name(), StandardCharsets.UTF_8));
    }
    Downloads downloads = new Downloads(ctx, record, reader.user().value(),
        person(record, reader), clearNames);
    downloads.checkLimit();
    if (offset + cut == file.storedSize()) {
      downloads.completed(file.id());
    }
    return ctx.blobs().open(file.blob(), offset, cut);
  }

  /** A live level 3-4 delivery the reader is the sender or a recipient of. */
  private DeliveryRecord readable(SignedInUser reader, DeliveryId id) {
    DeliveryRecord record = ctx.storage().deliveries().find(id)
        .orElseThrow(() -> new NotFoundException("there is no such delivery"));
    if (!record.level().endToEndFiles()) {
      throw new IllegalArgumentException("a level " + record.level().number()
          + " delivery is opened on the server (sdk.deliveries()), not by a client");
    }
    if (!record.sender().equals(reader.user()) && record.recipient(reader.user()).isEmpty()) {
      throw new NotARecipientException(People.of(ctx.storage(), reader.user()).displayName()
          + " is not a recipient of this delivery");
    }
    if (record.state() == DeliveryState.WITHDRAWN) {
      throw new DeliveryWithdrawnException("the sender withdrew this delivery");
    }
    if (record.state() == DeliveryState.EXPIRED || !record.expiresAt().isAfter(ctx.now())) {
      throw new DeliveryExpiredException("this delivery expired");
    }
    return record;
  }

  private static void checkLimit(DeliveryRecord record, SignedInUser reader) {
    if (!record.sender().equals(reader.user()) && record.downloadLimit() > 0
        && record.downloadCount() >= record.downloadLimit()) {
      throw new DownloadLimitReachedException("this delivery was downloaded as often as its"
          + " sender allowed (" + record.downloadLimit()
          + (record.downloadLimit() == 1 ? " time)" : " times)"));
    }
  }

  private Person person(DeliveryRecord record, SignedInUser reader) {
    return record.recipient(reader.user()).map(People::of)
        .orElseGet(() -> new Person(reader.user(), reader.kind(), null));
  }

  // ---- withdrawal ----

  /**
   * Withdraws a level 3-4 delivery with the withdrawal statement the sender's client signed
   * ({@code docs/format.md}, "Withdrawal statement"), checked as every reader will check it, and
   * against the sender's active keys and the server's clock; then as {@code
   * sdk.deliveries().withdraw}: envelopes deleted, grants cancelled, files deleted. Nothing changes
   * when a check fails. A delivery withdrawn already only has its files deleted again.
   */
  public void withdraw(SignedInUser sender, DeliveryId id, byte[] statement) {
    DeliveryRecord record = ctx.storage().deliveries().find(id)
        .orElseThrow(() -> new NotFoundException("there is no such delivery"));
    if (!record.sender().equals(sender.user())) {
      throw new NotARecipientException(People.of(ctx.storage(), sender.user()).displayName()
          + " did not send this delivery");
    }
    if (!record.level().endToEndFiles()) {
      throw new IllegalArgumentException("a level " + record.level().number()
          + " delivery is withdrawn on the server (sdk.deliveries()), not by a client");
    }
    if (record.state() == DeliveryState.EXPIRED) {
      throw new DeliveryExpiredException("this delivery expired already");
    }
    PublicKeys senderKeys = activeKeys(ctx.storage(), sender.user())
        .orElseThrow(() -> new SecuPassRequiredException(People.of(ctx.storage(),
            sender.user())));
    SignedStatement parsed = Withdrawal.signedBy(statement, sender.user());
    if (!parsed.signerKeyVersion().equals(senderKeys.version())) {
      throw new InvalidSignatureException("the withdrawal is signed by key version "
          + parsed.signerKeyVersion() + ", not by the sender's active keys ("
          + senderKeys.version() + ")");
    }
    Withdrawal withdrawal = Withdrawal.verify(parsed, id, senderKeys);
    if (Duration.between(withdrawal.withdrawnAt(), ctx.now()).abs().compareTo(CLOCK_SKEW) > 0) {
      throw new IntegrityException("the withdrawal's time is more than "
          + CLOCK_SKEW.toMinutes() + " minutes from the server's clock");
    }
    retirement.withdrawWith(record, record.state() == DeliveryState.ACTIVE ? statement : null);
  }

  // ---- grants ----

  public List<ClientGrant> pendingGrants(SignedInUser granter, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more");
    }
    Optional<PublicKeys> own = activeKeys(ctx.storage(), granter.user());
    if (own.isEmpty()) {
      return List.of();
    }
    List<ClientGrant> out = new ArrayList<>();
    for (Grant grant : ctx.storage().grants().find(GrantFilter.granter(granter.user()),
        Set.of(GrantState.READY), limit)) {
      if (grant.target().kind() != GrantTarget.Kind.DELIVERY) {
        continue;
      }
      DeliveryId id = DeliveryId.of(grant.target().id());
      Optional<DeliveryRecord> record = ctx.storage().deliveries().find(id);
      Optional<byte[]> envelope = ctx.storage().deliveries()
          .findEnvelope(id, granter.user(), own.get().version()).map(DeliveryEnvelope::envelope);
      Optional<KeyRecord> recipientKeys = ctx.storage().keys().findActive(grant.recipient())
          .filter(k -> k.version().equals(grant.recipientKeyVersion()));
      if (record.isEmpty() || envelope.isEmpty() || recipientKeys.isEmpty()) {
        continue; // stale: the delivery is gone, or the sender's or recipient's keys changed
      }
      byte @Nullable [] check = null;
      byte @Nullable [] binding = null;
      for (Invitation invitation : ctx.storage().guests().invitations(grant.recipient())) {
        if (invitation.delivery().equals(id) && invitation.accessCode() != null) {
          check = invitation.accessCode();
          binding = invitation.binding();
          break;
        }
      }
      out.add(new ClientGrant(grant.id(), id, record.get().level(),
          record.get().recipient(grant.recipient()).map(People::of)
              .orElseGet(() -> People.of(ctx.storage(), grant.recipient())),
          recipientKeys.get().publicKeys(), envelope.get(), record.get().manifest(), check,
          binding));
    }
    return out;
  }

  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  public void fulfil(SignedInUser granter, GrantId grantId, byte[] encoded) {
    Grant grant = ctx.storage().grants().find(grantId)
        .orElseThrow(() -> new NotFoundException("there is no such grant"));
    if (grant.target().kind() != GrantTarget.Kind.DELIVERY
        || !granter.user().equals(grant.granter())) {
      throw new NotPermittedException(People.of(ctx.storage(), granter.user()).displayName()
          + " cannot fulfil this grant");
    }
    if (grant.state() != GrantState.READY) {
      throw new ConflictException("the grant is not ready to be fulfilled (it is "
          + grant.state().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    DeliveryId id = DeliveryId.of(grant.target().id());
    DeliveryRecord record = readable(granter, id);
    PublicKeys granterKeys = activeKeys(ctx.storage(), granter.user())
        .orElseThrow(() -> new SecuPassRequiredException(People.of(ctx.storage(),
            granter.user())));
    if (!SignedStatement.parse(record.manifest()).signerKeyVersion()
        .equals(granterKeys.version())) {
      throw new ConflictException("the sender reset their SecuPass since sending; this"
          + " delivery can no longer be granted");
    }
    PublicKeys recipientKeys = activeKeys(ctx.storage(), grant.recipient())
        .filter(k -> k.version().equals(grant.recipientKeyVersion()))
        .orElseThrow(() -> new ConflictException("the recipient's keys changed since the grant"
            + " became ready"));
    Envelope envelope = Envelope.parse(encoded);
    if (!envelope.recipient().equals(grant.recipient())) {
      throw new IntegrityException("the envelope is addressed to " + envelope.recipient()
          + ", not to the grant's recipient");
    }
    checkEnvelope(envelope, EnvelopeContext.delivery(id, record.level()), recipientKeys,
        granterKeys);
    Grant claimed = claim(grant);
    Lease held = java.util.Objects.requireNonNull(claimed.lease());
    Person recipient = record.recipient(grant.recipient()).map(People::of)
        .orElseGet(() -> People.of(ctx.storage(), grant.recipient()));
    try {
      ctx.storage().inTransaction(tx -> {
        tx.deliveries().putEnvelope(new DeliveryEnvelope(id, grant.recipient(),
            recipientKeys.version(), granter.user(), encoded, ctx.now()));
        tx.grants().complete(grant.id(), held.token());
        ctx.events().record(tx, EventTypes.DELIVERY_RELEASED, recipient, EventPayload.builder()
            .put(EventTypes.DELIVERY, id.value())
            .person(EventTypes.SENDER, People.of(tx, granter.user())));
        ctx.audit().record(tx, granter.user(), "grant.fulfil", "grant:" + grant.id(),
            AuditRecorder.OK);
        return null;
      });
    } catch (RuntimeException e) {
      ctx.storage().grants().release(grant.id(), held.token());
      throw e;
    }
  }

  /**
   * Claims {@code grant} under a lease; gives back any other grant the claim took.
   *
   * @throws ConflictException if another worker holds it
   */
  public Grant claim(Grant grant) {
    List<Grant> claimed = ctx.storage().grants().claim(
        new GrantFilter(Set.of(), Set.of(grant.target())), CLAIM_BATCH, lease);
    Grant mine = null;
    for (Grant other : claimed) {
      Lease held = java.util.Objects.requireNonNull(other.lease());
      if (other.id().equals(grant.id())) {
        mine = other;
      } else {
        ctx.storage().grants().release(other.id(), held.token());
      }
    }
    if (mine == null) {
      LOG.debug("grant {} is held by another worker", grant.id());
      throw new ConflictException("the grant is being fulfilled elsewhere; try again shortly");
    }
    return mine;
  }

  // ---- shared ----

  private static Optional<PublicKeys> activeKeys(Storage on, UserId user) {
    return on.keys().findActive(user).map(PublicKeys::of);
  }

  private static void utf8(byte[] bytes, String what) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new IntegrityException(what + " is not valid UTF-8");
    }
  }
}
