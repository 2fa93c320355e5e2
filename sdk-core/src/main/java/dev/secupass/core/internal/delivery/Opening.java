package dev.secupass.core.internal.delivery;

import dev.secupass.api.BlobId;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.SecuPassException;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.StorageException;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.crypto.ContentCipher;
import dev.secupass.core.crypto.ContentContext;
import dev.secupass.core.crypto.DeliveryManifest;
import dev.secupass.core.crypto.Envelope;
import dev.secupass.core.crypto.EnvelopeContext;
import dev.secupass.core.crypto.PublicKeys;
import dev.secupass.core.crypto.SignedStatement;
import dev.secupass.core.crypto.SymmetricKey;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.DeliveryExpiredException;
import dev.secupass.core.delivery.DeliveryWithdrawnException;
import dev.secupass.core.delivery.DownloadLimitReachedException;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.NotARecipientException;
import dev.secupass.core.delivery.NotReleasedException;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SignInRequiredException;
import dev.secupass.core.delivery.UnlockRequiredException;
import dev.secupass.core.delivery.WrongLinkTokenException;
import dev.secupass.core.events.EventTypes;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.keys.KeyPinning;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.DeliveryState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Opens deliveries: checks who may open, that the delivery is live and released to the reader,
 * verifies its manifest, envelope and key against the stored record, counts the download and
 * records it. Every refusal is recorded in the audit trail with its own outcome.
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
        throw new SignInRequiredException("delivery " + id + " is level "
            + record.level().number() + " and opens only for a signed-in recipient");
      }
      byte[] hash = record.linkTokenHash();
      if (hash == null || !token.matches(hash)) {
        throw new WrongLinkTokenException("the link does not open delivery " + id);
      }
      checkLive(record);
      return openHostSealed(record, null);
    });
  }

  OpenedDelivery open(SignedInUser reader, @Nullable SecuPassSession session, DeliveryId id) {
    if (session != null && !session.user().equals(reader.user())) {
      throw new IllegalArgumentException("the session is not the reader's");
    }
    return audited(reader.user(), id, () -> {
      DeliveryRecord record = find(id);
      if (!record.sender().equals(reader.user()) && record.recipient(reader.user()).isEmpty()) {
        throw new NotARecipientException("user " + reader.user()
            + " is not a recipient of delivery " + id);
      }
      if (record.level().requiresSecuPass() && session == null) {
        if (!ctx.keys().hasSecuPass(reader.user())) {
          throw new SecuPassRequiredException(reader.user());
        }
        throw new UnlockRequiredException(reader.user());
      }
      checkLive(record);
      return session != null && record.level().endToEndFiles()
          ? openEndToEnd(record, session)
          : openHostSealed(record, reader.user());
    });
  }

  private DeliveryRecord find(DeliveryId id) {
    return ctx.storage().deliveries().find(id)
        .orElseThrow(() -> new NotFoundException("no delivery " + id));
  }

  private void checkLive(DeliveryRecord record) {
    if (record.state() == DeliveryState.WITHDRAWN) {
      throw new DeliveryWithdrawnException("delivery " + record.id() + " was withdrawn");
    }
    if (record.state() == DeliveryState.EXPIRED || !record.expiresAt().isAfter(ctx.now())) {
      throw new DeliveryExpiredException("delivery " + record.id() + " expired at "
          + record.expiresAt());
    }
  }

  private OpenedDelivery openHostSealed(DeliveryRecord record, @Nullable UserId reader) {
    HostManifest manifest = HostManifest.open(ctx.atRestKey(), record);
    try {
      Details details = Details.decode(record.details());
      List<DeliveredFile> files = new ArrayList<>();
      for (DeliveryFile file : record.files()) {
        files.add(new DeliveredFile(file.id(), utf8(file.name()), file.size()));
      }
      countDownload(record, reader);
      return new OpenedContent(manifest.manifest(), details, files, blobs(record),
          manifest.contentKey(), ctx.blobs(), ctx.random());
    } catch (RuntimeException e) {
      manifest.close();
      throw e;
    }
  }

  private OpenedDelivery openEndToEnd(DeliveryRecord record, SecuPassSession session) {
    byte[] envelope = ctx.storage().deliveries()
        .findEnvelope(record.id(), session.user(), session.keyVersion())
        .map(DeliveryEnvelope::envelope)
        .orElseThrow(() -> new NotReleasedException("delivery " + record.id()
            + " is not released to the current key of user " + session.user() + " yet"));
    Envelope header = Envelope.parse(envelope);
    if (!header.granter().equals(record.sender())) {
      throw new IntegrityException("the envelope of delivery " + record.id()
          + " was not made by its sender");
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
      countDownload(record, session.user());
      return new OpenedContent(manifest, details, files, blobs(record), key, ctx.blobs(),
          ctx.random());
    } catch (RuntimeException e) {
      key.close();
      throw e;
    }
  }

  /**
   * Counts one download (not for the sender), tells the sender and records the opening, in one
   * transaction.
   */
  @SuppressWarnings("NullAway") // a transaction's work without a result returns null
  private void countDownload(DeliveryRecord record, @Nullable UserId reader) {
    boolean bySender = record.sender().equals(reader);
    ctx.storage().inTransaction(tx -> {
      if (!bySender) {
        if (!tx.deliveries().countDownload(record.id())) {
          throw new DownloadLimitReachedException("delivery " + record.id()
              + " reached its limit of " + record.downloadLimit() + " downloads");
        }
        EventPayload.Builder payload = EventPayload.builder()
            .put(HostEvent.DELIVERY, record.id().value());
        if (reader != null) {
          payload.put(HostEvent.DOWNLOADER, reader.value());
        }
        ctx.events().record(tx, EventTypes.DELIVERY_DOWNLOADED, record.sender(),
            payload.build());
      }
      ctx.audit().record(tx, reader, ACTION, "delivery:" + record.id(), AuditRecorder.OK);
      return null;
    });
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
