package dev.secupass.core.internal.delivery;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.DownloadLimitReachedException;
import dev.secupass.api.FileId;
import dev.secupass.api.Person;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventTypes;
import dev.secupass.core.internal.people.People;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.DownloadOutcome;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Counts the downloads of one opened delivery: a file counts when its reader reads it to the end,
 * once per reader and file ({@link dev.secupass.spi.DeliveryStore#recordDownload}); then, in the
 * same transaction, the sender gets a {@code delivery.downloaded} event and the audit trail a
 * {@code delivery.download} line. The sender's own reads are audited but neither counted nor
 * announced. The limit is checked when a file's first read starts and again, atomically, when it
 * is counted: a reader who loses the last download to another gets {@link
 * DownloadLimitReachedException} instead of the file's last bytes.
 */
final class Downloads {
  static final String ACTION = "delivery.download";

  private final DeliveryContext ctx;
  private final DeliveryId delivery;
  private final UserId sender;
  private final int limit;
  private final String reader;
  private final @Nullable Person readerPerson;
  private final boolean bySender;
  private final Map<FileId, String> clearNames;

  /**
   * @param reader the reader's name in the store: their user id, or a key of this opening alone
   *     for an anonymous link
   * @param readerPerson who reads, or {@code null} for a link
   * @param clearNames the files' names where the level shows them (levels 1-3), else empty
   */
  Downloads(DeliveryContext ctx, DeliveryRecord record, String reader,
      @Nullable Person readerPerson, Map<FileId, String> clearNames) {
    this.ctx = ctx;
    this.delivery = record.id();
    this.sender = record.sender();
    this.limit = record.downloadLimit();
    this.reader = reader;
    this.readerPerson = readerPerson;
    this.bySender = readerPerson != null && readerPerson.user().equals(sender);
    this.clearNames = Map.copyOf(clearNames);
  }

  /** Before a file's first read: refuses if the delivery reached its limit meanwhile. */
  void checkLimit() {
    if (bySender || limit == 0) {
      return;
    }
    int count = ctx.storage().deliveries().find(delivery).map(DeliveryRecord::downloadCount)
        .orElse(limit);
    if (count >= limit) {
      throw refused();
    }
  }

  /** A file was read to its end; counts it (once per reader and file) before its last bytes go. */
  void completed(FileId file) {
    UserId actor = readerPerson == null ? null : readerPerson.user();
    String target = "delivery:" + delivery;
    if (bySender) {
      ctx.audit().record(ctx.storage(), actor, ACTION, target, AuditRecorder.OK);
      return;
    }
    DownloadOutcome outcome = ctx.storage().inTransaction(tx -> {
      DownloadOutcome recorded = tx.deliveries().recordDownload(delivery, file, reader);
      if (recorded == DownloadOutcome.COUNTED) {
        EventPayload.Builder payload = EventPayload.builder()
            .put(EventTypes.DELIVERY, delivery.value())
            .put(EventTypes.FILE, file.value());
        String name = clearNames.get(file);
        if (name != null) {
          payload.put(EventTypes.FILE_NAME, name);
        }
        if (readerPerson != null) {
          payload.person(EventTypes.DOWNLOADER, readerPerson);
        }
        ctx.events().record(tx, EventTypes.DELIVERY_DOWNLOADED, People.of(tx, sender), payload);
        ctx.audit().record(tx, actor, ACTION, target, AuditRecorder.OK);
      }
      return recorded;
    });
    if (outcome == DownloadOutcome.LIMIT_REACHED) {
      ctx.audit().record(ctx.storage(), actor, ACTION, target, "download_limit");
      throw refused();
    }
  }

  private DownloadLimitReachedException refused() {
    return new DownloadLimitReachedException("this delivery was downloaded as often as its"
        + " sender allowed (" + limit + (limit == 1 ? " time)" : " times)"));
  }
}
