package dev.secupass.core.internal.delivery;

import dev.secupass.api.BlobId;
import dev.secupass.api.DeliveryExpiredException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.DeliveryWithdrawnException;
import dev.secupass.api.DownloadLimitReachedException;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.NotARecipientException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.NotReleasedException;
import dev.secupass.api.Person;
import dev.secupass.api.SecuPassException;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SignInRequiredException;
import dev.secupass.api.StorageException;
import dev.secupass.api.UnlockRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongLinkTokenException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.Envelope;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.keys.KeyPinning;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.internal.text.Durations;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Opens deliveries: checks who may open, that the delivery is live and released to the reader,
 * verifies its manifest, envelope and key against the stored record, checks the download limit and
 * records the opening. Opening counts nothing: a file counts as downloaded when it is read to its
 * end ({@link Downloads}). Every refusal is recorded in the audit trail with its own outcome.
 */
final class Opening {
  private static final String ACTION = "delivery.open";

  private final DeliveryContext ctx;

  Opening(DeliveryContext ctx) {
    this.ctx = ctx;
  }

  OpenedDelivery openByLink(DeliveryId id, LinkToken token) {
    return audited(null, id, () -> {
      DeliveryRecord record = find(id);
      if (record.level().requiresSignIn()) {
        throw new SignInRequiredException("this delivery is level " + record.level().number()
            + " and opens only for a signed-in recipient, not by a link");
      }
      byte[] hash = record.linkTokenHash();
      if (hash == null || !token.matches(hash)) {
        throw new WrongLinkTokenException("this link does not open the delivery");
      }
      checkLive(record, null);
      byte[] anonymous = new byte[16];
      ctx.random().nextBytes(anonymous);
      return openHostSealed(record, new Reader("link:" + HexFormat.of().formatHex(anonymous),
          null));
    });
  }

  OpenedDelivery open(SignedInUser reader, @Nullable KeySession session, DeliveryId id) {
    if (session != null && !session.user().equals(reader.user())) {
      throw new IllegalArgumentException("the session is not the reader's");
    }
    return audited(reader.user(), id, () -> {
      DeliveryRecord record = find(id);
      Person person;
      if (record.sender().equals(reader.user())) {
        person = new Person(reader.user(), reader.kind(), null);
      } else {
        person = record.recipient(reader.user()).map(People::of)
            .orElseThrow(() -> new NotARecipientException(
                People.of(ctx.storage(), reader.user()).displayName()
                    + " is not a recipient of this delivery"));
      }
      if (record.level().requiresSecuPass() && session == null) {
        if (!ctx.keys().hasSecuPass(reader.user())) {
          throw new SecuPassRequiredException(person);
        }
        throw new UnlockRequiredException(person);
      }
      checkLive(record, session);
      Reader opener = new Reader(reader.user().value(), person);
      return session != null && record.level().endToEndFiles()
          ? openEndToEnd(record, session, opener)
          : openHostSealed(record, opener);
    });
  }

  /** Who opens: the name the download records use, and the person (none for a link). */
  private record Reader(String key, @Nullable Person person) {
    @Nullable UserId user() {
      return person == null ? null : person.user();
    }
  }

  private DeliveryRecord find(DeliveryId id) {
    return ctx.storage().deliveries().find(id)
        .orElseThrow(() -> new NotFoundException("there is no such delivery"));
  }

  /**
   * Refuses a withdrawn or expired delivery. A stored withdrawal is checked first, whatever the
   * stored state says: one that verifies (signed by the sender at levels 3-4, sealed under the
   * at-rest key at levels 1-2) makes the delivery withdrawn, one that does not is damage, and so is
   * the state withdrawn without one (nothing proves that the sender withdrew it).
   *
   * @param session the reader's session; not null at levels 3-4
   */
  private void checkLive(DeliveryRecord record, @Nullable KeySession session) {
    byte[] stored = record.withdrawal();
    if (stored.length > 0) {
      if (record.level().requiresSecuPass()) {
        verifiedWithdrawal(record, stored, Objects.requireNonNull(session, "session"));
      } else {
        Withdrawal.open(ctx.atRestKey(), stored, record.id());
      }
      throw new DeliveryWithdrawnException("the sender withdrew this delivery");
    }
    if (record.state() == DeliveryState.WITHDRAWN) {
      throw new IntegrityException("this delivery is stored as withdrawn, but without its"
          + " sender's withdrawal: the stored delivery was altered");
    }
    if (record.state() == DeliveryState.EXPIRED || !record.expiresAt().isAfter(ctx.now())) {
      Duration ago = Duration.between(record.expiresAt(), ctx.now());
      throw new DeliveryExpiredException("this delivery expired " + Durations.words(ago)
          + " ago");
    }
  }

  /** The withdrawal signed by the sender, checked against the keys the reader trusts for them. */
  private Withdrawal verifiedWithdrawal(DeliveryRecord record, byte[] stored,
      KeySession session) {
    SignedStatement statement = Withdrawal.signedBy(stored, record.sender());
    PublicKeys keys = ctx.keys().pinning().verifiedKeys(session, record.sender(),
        statement.signerKeyVersion());
    return Withdrawal.verify(statement, record.id(), keys);
  }

  private OpenedDelivery openHostSealed(DeliveryRecord record, Reader reader) {
    HostManifest manifest = HostManifest.open(ctx.atRestKey(), record);
    try {
      Details details = Details.decode(record.details());
      List<DeliveredFile> files = new ArrayList<>();
      for (DeliveryFile file : record.files()) {
        files.add(new DeliveredFile(file.id(), utf8(file.name()), file.size()));
      }
      return opened(record, reader, manifest.manifest(), details, files, manifest.contentKey());
    } catch (RuntimeException e) {
      manifest.close();
      throw e;
    }
  }

  private OpenedDelivery openEndToEnd(DeliveryRecord record, KeySession session,
      Reader reader) {
    byte[] envelope = ctx.storage().deliveries()
        .findEnvelope(record.id(), session.user(), session.keyVersion())
        .map(DeliveryEnvelope::envelope)
        .orElseThrow(() -> new NotReleasedException("this delivery is not released to the"
            + " current SecuPass of " + reader.person() + " yet; its sender's next unlock"
            + " releases it"));
    Envelope header = Envelope.parse(envelope);
    if (!header.granter().equals(record.sender())) {
      throw new IntegrityException("the key of this delivery was not wrapped by its sender");
    }
    KeyPinning pinning = ctx.keys().pinning();
    PublicKeys senderKeys = pinning.verifiedKeys(session, record.sender(),
        header.granterKeyVersion());
    SignedStatement statement = SignedStatement.parse(record.manifest());
    PublicKeys signerKeys = statement.signerKeyVersion().equals(senderKeys.version())
        ? senderKeys
        : pinning.verifiedKeys(session, record.sender(), statement.signerKeyVersion());
    DeliveryManifest manifest = DeliveryManifest.verify(record.manifest(), signerKeys);
    ManifestChecks.check(manifest, record);
    pinning.compareBound(session, record.sender(), manifest.seen());
    SymmetricKey key = session.openEnvelope(envelope, senderKeys,
        EnvelopeContext.delivery(record.id(), record.level()));
    try {
      manifest.checkKey(key);
      boolean sealed = record.level().endToEndMessage();
      Details details = Details.decode(sealed
          ? cipher(key, ContentContext.deliveryDetails(record.id(), record.level()))
              .open(record.details())
          : record.details());
      List<DeliveredFile> files = new ArrayList<>();
      for (DeliveryFile file : record.files()) {
        byte[] name = sealed
            ? cipher(key, ContentContext.deliveryFileName(record.id(), file.id(), record.level()))
                .open(file.name())
            : file.name();
        files.add(new DeliveredFile(file.id(), utf8(name), file.size()));
      }
      return opened(record, reader, manifest, details, files, key);
    } catch (RuntimeException e) {
      key.close();
      throw e;
    }
  }

  /**
   * After every check passed: refuses a delivery at its download limit (not for its sender),
   * records the opening, and hands out the content with its download counter.
   */
  private OpenedDelivery opened(DeliveryRecord record, Reader reader, DeliveryManifest manifest,
      Details details, List<DeliveredFile> files, SymmetricKey key) {
    boolean bySender = record.sender().equals(reader.user());
    if (!bySender && record.downloadLimit() > 0
        && record.downloadCount() >= record.downloadLimit()) {
      throw new DownloadLimitReachedException("this delivery was downloaded as often as its"
          + " sender allowed (" + record.downloadLimit()
          + (record.downloadLimit() == 1 ? " time)" : " times)"));
    }
    ctx.audit().record(ctx.storage(), reader.user(), ACTION, "delivery:" + record.id(),
        AuditRecorder.OK);
    Map<FileId, String> clearNames = new LinkedHashMap<>();
    if (!record.level().endToEndMessage()) {
      files.forEach(file -> clearNames.put(file.id(), file.name()));
    }
    Downloads downloads = new Downloads(ctx, record, reader.key(), reader.person(), clearNames);
    return new OpenedContent(manifest, details, files, blobs(record), key, ctx.blobs(),
        ctx.random(), downloads);
  }

  /** Runs an opening; records a refusal in the audit trail (unless the storage itself failed). */
  private OpenedDelivery audited(@Nullable UserId actor, DeliveryId id,
      Supplier<OpenedDelivery> opening) {
    try {
      return opening.get();
    } catch (StorageException e) {
      throw e;
    } catch (SecuPassException e) {
      try {
        ctx.audit().record(ctx.storage(), actor, ACTION, "delivery:" + id, OpenOutcomes.of(e));
      } catch (RuntimeException auditFailure) {
        e.addSuppressed(auditFailure);
      }
      throw e;
    }
  }

  private ContentCipher cipher(SymmetricKey key, ContentContext context) {
    return ContentCipher.builder(key, context).random(ctx.random()).build();
  }

  private static Map<FileId, BlobId> blobs(DeliveryRecord record) {
    Map<FileId, BlobId> blobs = new LinkedHashMap<>();
    record.files().forEach(file -> blobs.put(file.id(), file.blob()));
    return blobs;
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
