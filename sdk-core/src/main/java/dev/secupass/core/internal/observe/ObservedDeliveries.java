package dev.secupass.core.internal.observe;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.AuditRecord;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.Deliveries;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.delivery.SweepResult;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.observe.Count;
import dev.secupass.core.observe.ObservationTag;
import dev.secupass.core.observe.Operation;
import dev.secupass.core.observe.SecuPassObserver;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryStore;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Measures sends, opens (refusals as failures, by kind) and sweeps; installed only with an
 * observer. A refused open is tagged with the level the route implies ({@code link} for a link
 * token) or {@code unknown}: the refusal itself says no more.
 */
public final class ObservedDeliveries implements Deliveries {
  private final Deliveries delegate;
  private final DeliveryStore records;
  private final SecuPassObserver observer;

  /**
   * @param records where the sizes of files sent without a declared size are read after the send
   */
  public ObservedDeliveries(Deliveries delegate, DeliveryStore records,
      SecuPassObserver observer) {
    this.delegate = delegate;
    this.records = records;
    this.observer = observer;
  }

  @Override
  public SentDelivery send(SignedInUser sender, DeliveryDraft draft) {
    return send(draft, () -> delegate.send(sender, draft));
  }

  @Override
  public SentDelivery send(SignedInUser sender, SecuPassSession session, DeliveryDraft draft) {
    return send(draft, () -> delegate.send(sender, session, draft));
  }

  private SentDelivery send(DeliveryDraft draft, Supplier<SentDelivery> sending) {
    return Run.measure(observer, Operation.SEND, run -> {
      draft.level().ifPresent(run::level);
      run.count(Count.FILES, draft.files().size());
      SentDelivery sent = sending.get();
      run.level(sent.level());
      run.count(Count.BYTES, sentBytes(draft, sent));
      return sent;
    });
  }

  private long sentBytes(DeliveryDraft draft, SentDelivery sent) {
    long declared = 0;
    for (DeliveryDraft.FileSource file : draft.files()) {
      if (file.declaredSize() < 0) {
        return records.find(sent.id()).map(r -> r.files().stream()
            .mapToLong(DeliveryFile::size).sum()).orElse(0L);
      }
      declared += file.declaredSize();
    }
    return declared;
  }

  @Override
  public OpenedDelivery open(SignedInUser reader, DeliveryId id) {
    return open("login", null, () -> delegate.open(reader, id));
  }

  @Override
  public OpenedDelivery open(SignedInUser reader, SecuPassSession session, DeliveryId id) {
    return open("secupass", null, () -> delegate.open(reader, session, id));
  }

  @Override
  public OpenedDelivery openByLink(DeliveryId id, LinkToken token) {
    return open("link", SecurityLevel.LINK, () -> delegate.openByLink(id, token));
  }

  private OpenedDelivery open(String route, @Nullable SecurityLevel known,
      Supplier<OpenedDelivery> opening) {
    return Run.measure(observer, Operation.OPEN, run -> {
      run.tag(ObservationTag.ROUTE, route);
      if (known != null) {
        run.level(known);
      } else {
        run.tag(ObservationTag.LEVEL, "unknown");
      }
      OpenedDelivery opened = opening.get();
      run.level(opened.level());
      List<DeliveredFile> files = opened.files();
      run.count(Count.FILES, files.size());
      run.count(Count.BYTES, files.stream().mapToLong(DeliveredFile::size).sum());
      return opened;
    });
  }

  @Override
  public SweepResult sweepExpired(int batchSize) {
    return Run.measure(observer, Operation.SWEEP, run -> {
      SweepResult result = delegate.sweepExpired(batchSize);
      run.count(Count.EXPIRED, result.expired());
      run.count(Count.BLOBS_DELETED, result.blobsDeleted() + result.orphansDeleted());
      return result;
    });
  }

  @Override
  public Page<DeliverySummary> inbox(SignedInUser user, PageRequest page) {
    return delegate.inbox(user, page);
  }

  @Override
  public Page<DeliverySummary> outbox(SignedInUser user, PageRequest page) {
    return delegate.outbox(user, page);
  }

  @Override
  public List<RecipientStatus> recipientStatus(SignedInUser sender, DeliveryId id) {
    return delegate.recipientStatus(sender, id);
  }

  @Override
  public void withdraw(SignedInUser sender, DeliveryId id) {
    delegate.withdraw(sender, id);
  }

  @Override
  public void withdraw(SignedInUser sender, SecuPassSession session, DeliveryId id) {
    delegate.withdraw(sender, session, id);
  }

  @Override
  public Page<AuditRecord> auditTrail(SignedInUser sender, DeliveryId id, PageRequest page) {
    return delegate.auditTrail(sender, id, page);
  }
}
