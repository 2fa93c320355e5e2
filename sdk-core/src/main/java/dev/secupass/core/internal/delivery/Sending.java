package dev.secupass.core.internal.delivery;

import dev.secupass.api.BlobId;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.EventId;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Person;
import dev.secupass.api.PolicyViolationException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UnlockRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.DeliveryPolicy;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.EncryptedContent;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.Hashes;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventTypes;
import dev.secupass.core.internal.events.OutboxEvents;
import dev.secupass.core.internal.firstcontact.FirstContact;
import dev.secupass.core.internal.firstcontact.SafetyWordList;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.keylog.BoundCheckpoint;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.people.People;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.Invitation;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.Recipient;
import dev.secupass.spi.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Sends a delivery: checks the policy and (at levels 3-4) the recipients' keys against the
 * sender's pins, streams the files into blobs, then stores the record, envelopes, grants,
 * invitations, events and audit line in one transaction. Each blob is journaled before it is
 * written and adopted by that transaction; if anything fails first, every blob is deleted again,
 * and a crash leaves them to the sweep.
 */
final class Sending {
  /**
   * New deliveries are written in format version 2 (host-sealed manifest, streams); a signed
   * manifest (levels 3-4) in version 3, which binds the key-log checkpoint the sender relied on.
   */
  private static final int MANIFEST_VERSION = 2;
  private static final int SIGNED_MANIFEST_VERSION = 3;
  private static final int STREAM_VERSION = 2;

  private final DeliveryContext ctx;
  private final GrantEngine engine;

  Sending(DeliveryContext ctx, GrantEngine engine) {
    this.ctx = ctx;
    this.engine = engine;
  }

  SentDelivery send(SignedInUser sender, @Nullable KeySession session, DeliveryDraft draft) {
    if (sender.kind() == PrincipalKind.GUEST) {
      throw new PolicyViolationException(PolicyViolationException.Rule.SENDER,
          "guests cannot send deliveries");
    }
    DeliveryPolicy policy = ctx.policies().policyFor(sender.user());
    SecurityLevel level = draft.level().orElse(policy.defaultLevel());
    policy.checkLevel(level);
    if (level.requiresSecuPass()) {
      requireSession(sender.user(), session);
    }
    if (session != null && !session.user().equals(sender.user())) {
      throw new IllegalArgumentException("the session is not the sender's");
    }
    Instant now = ctx.now();
    Instant expiresAt = draft.expiry(now).orElse(now.plus(policy.defaultExpiry()))
        .truncatedTo(ChronoUnit.MILLIS);
    policy.checkExpiry(now, expiresAt);
    policy.checkRecipients(draft);
    policy.checkFiles(draft);
    GuestRecipients resolved = GuestRecipients.resolve(draft.recipients(), ctx.storage().guests(),
        ctx.random(), now);
    if (resolved.recipients().stream().anyMatch(r -> r.user().equals(sender.user()))) {
      throw new IllegalArgumentException("the sender cannot be a recipient of their delivery");
    }
    Map<UserId, PublicKeys> keys = new LinkedHashMap<>();
    Set<UserId> held = new HashSet<>();
    if (session != null && level.requiresSecuPass()) {
      recipientKeys(session, level, resolved.recipients(), keys, held);
    }
    Draft prepared = new Draft(DeliveryId.random(ctx.random()), sender.user(),
        new Person(sender.user(), sender.kind(), null), level, now, expiresAt, draft, resolved,
        keys, held, policy);
    Uploads uploads = new Uploads(ctx.journal());
    try (SymmetricKey contentKey = SymmetricKey.generate(ctx.random())) {
      return store(prepared, session, contentKey, uploads);
    } catch (RuntimeException | Error e) {
      uploads.discardAll();
      throw e;
    }
  }

  private void requireSession(UserId sender, @Nullable KeySession session) {
    if (session == null) {
      if (!ctx.keys().hasSecuPass(sender)) {
        throw new SecuPassRequiredException(People.of(ctx.storage(), sender));
      }
      throw new UnlockRequiredException(People.of(ctx.storage(), sender));
    }
  }

  /**
   * Sorts the recipients who have a SecuPass: those the first-contact policy lets the sender wrap
   * to at once go into {@code keys} (checked against the sender's pins, or pinned on first use
   * where the policy trusts it); those whose keys the sender never verified go into {@code held}:
   * they get a grant that waits for the sender's confirmation of their safety words, like a
   * first-contact grant's.
   */
  private void recipientKeys(KeySession session, SecurityLevel level, List<Recipient> recipients,
      Map<UserId, PublicKeys> keys, Set<UserId> held) {
    for (Recipient recipient : recipients) {
      UserId user = recipient.user();
      if (!ctx.keys().hasSecuPass(user)) {
        continue;
      }
      if (ctx.firstContact().releasesAtOnce(session, user, level, ctx.keys().pinning())) {
        keys.put(user, ctx.keys().pinning().verifiedKeys(session, user));
      } else {
        held.add(user);
      }
    }
  }

  /**
   * Everything decided before the content key is made.
   *
   * @param keys the recipients wrapped to at once
   * @param held the recipients with keys the sender never verified: a grant the policy holds
   */
  private record Draft(DeliveryId id, UserId sender, Person senderPerson, SecurityLevel level,
      Instant now, Instant expiresAt, DeliveryDraft draft, GuestRecipients recipients,
      Map<UserId, PublicKeys> keys, Set<UserId> held, DeliveryPolicy policy) {}

  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  private SentDelivery store(Draft d, @Nullable KeySession session, SymmetricKey contentKey,
      Uploads uploads) {
    List<DeliveryFile> files = upload(d, contentKey, uploads);
    byte[] details = new Details(d.draft().subject(), d.draft().message()).encode();
    if (d.level().endToEndMessage()) {
      details = cipher(contentKey, ContentContext.deliveryDetails(d.id(), d.level()))
          .seal(details);
    }
    LinkToken link = d.level() == SecurityLevel.LINK ? LinkToken.generate(ctx.random()) : null;
    byte[] linkHash = link == null ? null : link.hash();
    boolean signed = d.level().endToEndFiles();
    // Signed after the wraps were checked (recipientKeys): the checkpoint the sender relied on.
    BoundCheckpoint seen = signed ? ctx.keys().pinning()
        .reliedCheckpoint(Objects.requireNonNull(session, "session")) : BoundCheckpoint.NONE;
    DeliveryManifest manifest = new DeliveryManifest(
        signed ? SIGNED_MANIFEST_VERSION : MANIFEST_VERSION, d.id(), d.level(), d.sender(),
        session != null ? session.keyVersion() : KeyVersion.FIRST, d.now(),
        d.expiresAt(), d.recipients().recipients().stream().map(Recipient::user).toList(),
        files.stream().map(f -> new DeliveryManifest.FileEntry(f.id(), f.size(), f.storedSize(),
            f.digest(), DeliveryManifest.nameDigest(f.name()))).toList(),
        Hashes.sha256(details), contentKey.commitment(), seen);
    byte[] storedManifest = d.level().endToEndFiles()
        ? Objects.requireNonNull(session, "session").signManifest(manifest)
        : new HostManifest(manifest, d.draft().downloadLimit(), linkHash, contentKey)
            .seal(ctx.atRestKey());
    DeliveryRecord record = new DeliveryRecord(d.id(), d.sender(), d.level(),
        DeliveryState.ACTIVE, d.now(), d.expiresAt(), d.draft().downloadLimit(), 0, details,
        storedManifest, linkHash, files, d.recipients().recipients());
    List<DeliveryEnvelope> envelopes = d.level().endToEndFiles()
        ? envelopes(d, Objects.requireNonNull(session, "session"), contentKey) : List.of();
    Set<UserId> awaiting = new HashSet<>();
    if (d.level().endToEndFiles()) {
      d.recipients().recipients().stream().map(Recipient::user)
          .filter(user -> !d.keys().containsKey(user) && !d.held().contains(user))
          .forEach(awaiting::add);
    }
    Map<UserId, FirstContact.IssuedCode> codes = new HashMap<>();
    if (ctx.firstContact().wantsCode(d.level(), d.draft().accessCodes())) {
      for (Recipient recipient : d.recipients().recipients()) {
        if (recipient.kind() == PrincipalKind.GUEST && awaiting.contains(recipient.user())) {
          codes.put(recipient.user(),
              ctx.firstContact().issue(d.id(), recipient.user(), contentKey));
        }
      }
    }
    List<FirstContactHold> holds = ctx.storage().inTransaction(tx -> {
      d.recipients().newGuests().forEach(tx.guests()::create);
      tx.deliveries().create(record);
      uploads.adoptAll(tx);
      envelopes.forEach(tx.deliveries()::putEnvelope);
      Announcements announcements = new Announcements(ctx, engine, d.id(), d.senderPerson(),
          d.level(), d.now(), d.expiresAt(), d.level().endToEndMessage() ? null
          : d.draft().subject());
      List<FirstContactHold> waiting = new ArrayList<>();
      for (Recipient recipient : d.recipients().recipients()) {
        FirstContact.IssuedCode code = codes.get(recipient.user());
        UserId user = recipient.user();
        Grant grant = announcements.announce(tx, recipient, link,
            awaiting.contains(user) ? Announcements.Wait.SECUPASS
                : d.held().contains(user) ? Announcements.Wait.CONFIRMATION
                : Announcements.Wait.NONE,
            code == null ? null : code.check());
        if (grant != null && d.held().contains(user)) {
          waiting.add(hold(tx, grant, recipient));
        }
      }
      ctx.audit().record(tx, d.sender(), "delivery.send", "delivery:" + d.id(),
          AuditRecorder.OK);
      return waiting;
    });
    List<Person> recipients = d.recipients().recipients().stream().map(People::of).toList();
    Map<Person, AccessCode> issued = new LinkedHashMap<>();
    recipients.stream().filter(p -> codes.containsKey(p.user()))
        .forEach(p -> issued.put(p, codes.get(p.user()).code()));
    return new Sent(d.id(), d.level(), d.expiresAt(), recipients,
        recipients.stream().filter(p -> awaiting.contains(p.user())).toList(), holds, link,
        issued);
  }

  /**
   * What the sender is shown for a recipient held back: the grant to confirm and the safety words
   * of the keys stored now (the confirmation compares against the keys stored then).
   */
  private static FirstContactHold hold(Storage tx, Grant grant, Recipient recipient) {
    KeyRecord stored = tx.keys().findActive(recipient.user())
        .orElseThrow(() -> new SecuPassRequiredException(People.of(recipient)));
    return new FirstContactHold(grant.id(), People.of(recipient), DeliveryId.of(
        grant.target().id()), null, SafetyWordList.of(PublicKeys.of(stored).fingerprint()));
  }

  private List<DeliveryFile> upload(Draft d, SymmetricKey contentKey, Uploads uploads) {
    List<DeliveryFile> files = new ArrayList<>();
    long total = 0;
    for (DeliveryDraft.FileSource source : d.draft().files()) {
      FileId fileId = FileId.random(ctx.random());
      BlobId blobId = BlobId.random(ctx.random());
      ContentCipher cipher = ContentCipher.builder(contentKey,
          ContentContext.deliveryFile(d.id(), fileId, d.level()))
          .random(ctx.random()).version(STREAM_VERSION).build();
      EncryptedContent written = uploads.write(blobId, cipher, new MeteredInput(open(source),
          source.name(), source.declaredSize(), d.policy(), d.draft().progress(), total),
          "file '" + source.name() + "'", source.declaredSize());
      total += written.plaintextSize();
      byte[] name = source.name().getBytes(StandardCharsets.UTF_8);
      if (d.level().endToEndMessage()) {
        name = cipher(contentKey, ContentContext.deliveryFileName(d.id(), fileId, d.level()))
            .seal(name);
      }
      files.add(new DeliveryFile(fileId, blobId, written.plaintextSize(),
          written.ciphertextSize(), written.digest(), name));
    }
    return files;
  }

  private static InputStream open(DeliveryDraft.FileSource source) {
    try {
      return source.content().open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open file '" + source.name() + "' to send", e);
    }
  }

  private List<DeliveryEnvelope> envelopes(Draft d, KeySession session,
      SymmetricKey contentKey) {
    EnvelopeContext context = EnvelopeContext.delivery(d.id(), d.level());
    List<DeliveryEnvelope> envelopes = new ArrayList<>();
    envelopes.add(new DeliveryEnvelope(d.id(), d.sender(), session.keyVersion(), d.sender(),
        session.sealEnvelope(contentKey, session.publicKeys(), context), d.now()));
    d.keys().forEach((user, keys) -> envelopes.add(new DeliveryEnvelope(d.id(), user,
        keys.version(), d.sender(), session.sealEnvelope(contentKey, keys, context), d.now())));
    return envelopes;
  }

  private ContentCipher cipher(SymmetricKey key, ContentContext context) {
    return ContentCipher.builder(key, context).random(ctx.random()).version(STREAM_VERSION)
        .build();
  }
}
