package dev.secupass.core.internal.delivery;

import dev.secupass.api.DeliveryExpiredException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotARecipientException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.NotPermittedException;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.Person;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.UnlockRequiredException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.AuditRecord;
import dev.secupass.core.delivery.Deliveries;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.delivery.SweepResult;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.people.People;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantFilter;
import dev.secupass.spi.GrantState;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@link Deliveries} on the SDK's stores. */
public final class DeliveryService implements Deliveries {
  private final DeliveryContext ctx;
  private final Sending sending;
  private final Opening opening;
  private final Retirement retirement;

  public DeliveryService(DeliveryContext ctx, GrantEngine engine) {
    this.ctx = ctx;
    this.sending = new Sending(ctx, engine);
    this.opening = new Opening(ctx);
    this.retirement = new Retirement(ctx, engine);
  }

  @Override
  public SentDelivery send(SignedInUser sender, DeliveryDraft draft) {
    return sending.send(sender, null, draft);
  }

  @Override
  public SentDelivery send(SignedInUser sender, SecuPassSession session, DeliveryDraft draft) {
    return sending.send(sender, ctx.own(session), draft);
  }

  @Override
  public OpenedDelivery open(SignedInUser reader, DeliveryId id) {
    return opening.open(reader, null, id);
  }

  @Override
  public OpenedDelivery open(SignedInUser reader, SecuPassSession session, DeliveryId id) {
    return opening.open(reader, ctx.own(session), id);
  }

  @Override
  public OpenedDelivery openByLink(DeliveryId id, LinkToken token) {
    return opening.openByLink(id, token);
  }

  @Override
  public Page<DeliverySummary> inbox(SignedInUser user, PageRequest page) {
    if (user.kind() == PrincipalKind.GUEST) {
      throw new NotPermittedException("guests have no inbox; they open deliveries from their"
          + " invitation links");
    }
    return summaries(ctx.storage().deliveries().inbox(user.user(), page));
  }

  @Override
  public Page<DeliverySummary> outbox(SignedInUser user, PageRequest page) {
    return summaries(ctx.storage().deliveries().outbox(user.user(), page));
  }

  @Override
  public List<RecipientStatus> recipientStatus(SignedInUser sender, DeliveryId id) {
    DeliveryRecord record = sent(sender, id);
    if (!record.level().endToEndFiles()) {
      return record.recipients().stream()
          .map(r -> new RecipientStatus(People.of(r), RecipientStatus.State.CAN_OPEN)).toList();
    }
    Map<UserId, GrantState> grants = new HashMap<>();
    for (Grant grant : ctx.storage().grants().find(
        new GrantFilter(Set.of(), Set.of(GrantTarget.delivery(id))),
        EnumSet.of(GrantState.WAITING_FOR_KEY, GrantState.READY), PageRequest.MAX_LIMIT)) {
      grants.put(grant.recipient(), grant.state());
    }
    List<RecipientStatus> statuses = new ArrayList<>();
    for (Recipient recipient : record.recipients()) {
      statuses.add(new RecipientStatus(People.of(recipient), state(record, recipient.user(),
          grants.get(recipient.user()))));
    }
    return statuses;
  }

  private RecipientStatus.State state(DeliveryRecord record, UserId user,
      @Nullable GrantState grant) {
    if (grant == GrantState.WAITING_FOR_KEY) {
      return RecipientStatus.State.AWAITING_SECUPASS;
    }
    if (grant == GrantState.READY) {
      return RecipientStatus.State.AWAITING_GRANT;
    }
    Optional<KeyVersion> active = ctx.storage().keys().findActive(user).map(KeyRecord::version);
    if (active.isEmpty()) {
      return RecipientStatus.State.AWAITING_SECUPASS;
    }
    Optional<DeliveryEnvelope> envelope = ctx.storage().deliveries()
        .findEnvelope(record.id(), user, active.get());
    return envelope.isPresent() ? RecipientStatus.State.CAN_OPEN
        : RecipientStatus.State.AWAITING_GRANT;
  }

  @Override
  public void withdraw(SignedInUser sender, DeliveryId id) {
    withdraw(sender, null, id);
  }

  @Override
  public void withdraw(SignedInUser sender, SecuPassSession session, DeliveryId id) {
    withdraw(sender, ctx.own(session), id);
  }

  private void withdraw(SignedInUser sender, @Nullable KeySession session, DeliveryId id) {
    if (session != null && !session.user().equals(sender.user())) {
      throw new IllegalArgumentException("the session is not the sender's");
    }
    DeliveryRecord record = sent(sender, id);
    if (record.state() == DeliveryState.EXPIRED) {
      throw new DeliveryExpiredException("this delivery expired already");
    }
    if (record.state() == DeliveryState.ACTIVE && record.level().requiresSecuPass()
        && session == null) {
      Person person = new Person(sender.user(), sender.kind(), null);
      if (!ctx.keys().hasSecuPass(sender.user())) {
        throw new SecuPassRequiredException(person);
      }
      throw new UnlockRequiredException(person);
    }
    retirement.withdraw(record, session);
  }

  @Override
  public SweepResult sweepExpired(int batchSize) {
    return retirement.sweep(batchSize);
  }

  @Override
  public Page<AuditRecord> auditTrail(SignedInUser sender, DeliveryId id, PageRequest page) {
    DeliveryRecord record = sent(sender, id);
    Page<AuditEntry> entries = ctx.storage().audit().forTarget("delivery:" + id, page);
    Map<UserId, Person> people = new HashMap<>();
    record.recipients().forEach(r -> people.put(r.user(), People.of(r)));
    List<AuditRecord> records = entries.items().stream()
        .map(e -> new AuditRecord(e.at(), e.knownActor()
            .map(actor -> people.computeIfAbsent(actor, Person::of)).orElse(null),
            e.action(), e.outcome()))
        .toList();
    return new Page<>(records, entries.nextCursor());
  }

  /** The delivery, if {@code sender} sent it. */
  private DeliveryRecord sent(SignedInUser sender, DeliveryId id) {
    DeliveryRecord record = ctx.storage().deliveries().find(id)
        .orElseThrow(() -> new NotFoundException("there is no such delivery"));
    if (!record.sender().equals(sender.user())) {
      throw new NotARecipientException(People.of(ctx.storage(), sender.user()).displayName()
          + " did not send this delivery");
    }
    return record;
  }

  private Page<DeliverySummary> summaries(Page<DeliveryRecord> records) {
    Instant now = ctx.now();
    return new Page<>(records.items().stream().map(r -> Summaries.of(r, now)).toList(),
        records.nextCursor());
  }
}
