package dev.secupass.core.internal.delivery;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.Person;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.DeliveryManifest;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventTypes;
import dev.secupass.core.internal.grants.BatchReads;
import dev.secupass.core.internal.grants.GrantHandler;
import dev.secupass.core.internal.grants.GrantWrites;
import dev.secupass.core.internal.grants.Regrant;
import dev.secupass.core.internal.grants.StaleGrantException;
import dev.secupass.core.internal.keys.KeyPinning;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.people.People;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.Grant;
import dev.secupass.spi.GrantTarget;
import dev.secupass.spi.Recipient;
import dev.secupass.spi.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fulfils delivery grants with the sender's session: the sender's own envelope is opened, the
 * signed manifest checked against the record and the key, the recipient's current key released to
 * by {@link dev.secupass.core.internal.firstcontact.FirstContact#keysToRelease} (the pin, the
 * access code binding or the first-contact policy), and the key wrapped and signed to it. A
 * delivery that is no longer live, or whose sender reset their SecuPass since sending (so their
 * own envelope no longer opens), makes the grant stale. A batch of grants is read together and
 * opens each delivery once ({@link #fulfilAll}).
 */
public final class DeliveryGrantHandler implements GrantHandler {
  private final DeliveryContext ctx;

  public DeliveryGrantHandler(DeliveryContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public GrantTarget.Kind kind() {
    return GrantTarget.Kind.DELIVERY;
  }

  /** Delivery grants name their granter (the sender); nobody manages deliveries. */
  @Override
  public Set<GrantTarget> managedTargets(UserId user) {
    return Set.of();
  }

  @Override
  public void fulfil(KeySession granter, Grant grant, Storage tx, GrantWrites writes) {
    try (Opened opened = open(granter, DeliveryId.of(grant.target().id()), tx)) {
      release(granter, grant, opened, tx, ctx.pinning(tx), writes, People.of(tx, granter.user()));
    }
  }

  /**
   * A batch: every row the grants read is read for all of them at once ({@link BatchReads}), and
   * each delivery's checks and the opening of the sender's envelope are done once for all its
   * grants, and each distinct key bundle is verified once (one {@link KeyPinning} for the batch);
   * each grant then goes through the same release decision and sealing as {@link #fulfil}.
   */
  @Override
  public void fulfilAll(KeySession granter, List<Grant> grants, Storage tx, GrantWrites writes) {
    Map<DeliveryId, List<Grant>> byDelivery = new LinkedHashMap<>();
    Set<UserId> recipients = new LinkedHashSet<>();
    for (Grant grant : grants) {
      byDelivery.computeIfAbsent(DeliveryId.of(grant.target().id()), k -> new ArrayList<>())
          .add(grant);
      recipients.add(grant.recipient());
    }
    Set<UserId> people = new LinkedHashSet<>(recipients);
    people.add(granter.user());
    BatchReads reads = BatchReads.over(tx)
        .deliveries(byDelivery.keySet())
        .envelopes(byDelivery.keySet(), granter.user(), granter.keyVersion())
        .keys(granter.user(), recipients)
        .guests(people)
        .keyLogProofs(recipients);
    Person sender = People.of(reads, granter.user());
    KeyPinning pinning = ctx.pinning(reads);
    for (Map.Entry<DeliveryId, List<Grant>> delivery : byDelivery.entrySet()) {
      try (Opened opened = open(granter, delivery.getKey(), reads)) {
        for (Grant grant : delivery.getValue()) {
          release(granter, grant, opened, reads, pinning, writes, sender);
        }
      }
    }
    reads.flush();
  }

  /** A live delivery of the granter, checked, with its content key opened. */
  private record Opened(DeliveryRecord record, EnvelopeContext context, SymmetricKey key) implements AutoCloseable {
    @Override
    public void close() {
      key.close();
    }
  }

  /**
   * Reads delivery {@code id} and the granter's envelope of it, checks that it is live and the
   * granter's, verifies the signed manifest against the record, opens the envelope and checks
   * the key against the manifest.
   */
  private Opened open(KeySession granter, DeliveryId id, Storage tx) {
    DeliveryRecord record = tx.deliveries().find(id)
        .orElseThrow(() -> new StaleGrantException("delivery " + id + " no longer exists"));
    if (record.state() != DeliveryState.ACTIVE || record.withdrawal().length > 0
        || !record.expiresAt().isAfter(ctx.now())) {
      throw new StaleGrantException("delivery " + id + " is no longer active");
    }
    if (!record.sender().equals(granter.user())) {
      throw new IntegrityException("the stored delivery " + id + " does not name "
          + granter.user() + " as its sender");
    }
    byte[] own = tx.deliveries().findEnvelope(id, granter.user(), granter.keyVersion())
        .map(DeliveryEnvelope::envelope)
        .orElseThrow(() -> new StaleGrantException("the sender's envelope of delivery " + id
            + " is not for their current key (they reset their SecuPass since sending)"));
    if (!SignedStatement.parse(record.manifest()).signerKeyVersion()
        .equals(granter.keyVersion())) {
      throw new StaleGrantException("delivery " + id + " was signed with an earlier key of"
          + " its sender");
    }
    DeliveryManifest manifest = DeliveryManifest.verify(record.manifest(), granter.publicKeys());
    ManifestChecks.check(manifest, record);
    EnvelopeContext context = EnvelopeContext.delivery(id, record.level());
    SymmetricKey key = granter.openEnvelope(own, granter.publicKeys(), context);
    try {
      manifest.checkKey(key);
    } catch (RuntimeException e) {
      key.close();
      throw e;
    }
    return new Opened(record, context, key);
  }

  /**
   * Releases the opened delivery's key to {@code grant}'s recipient as {@link
   * dev.secupass.core.internal.firstcontact.FirstContact#keysToRelease} decides, sealed and
   * signed, with its event.
   */
  private void release(KeySession granter, Grant grant, Opened opened, Storage tx,
      KeyPinning pinning, GrantWrites writes, Person sender) {
    DeliveryRecord record = opened.record();
    Optional<Recipient> named = record.recipient(grant.recipient());
    if (named.isEmpty()) {
      throw new IntegrityException("the stored delivery " + record.id() + " does not name "
          + grant.recipient() + " as recipient");
    }
    PublicKeys recipient = ctx.firstContact().keysToRelease(granter, grant.recipient(), record,
        opened.key(), tx, pinning);
    writes.envelope(new DeliveryEnvelope(record.id(), grant.recipient(), recipient.version(),
        granter.user(), granter.sealEnvelope(opened.key(), recipient, opened.context()),
        ctx.now()));
    // The recipient as the record names them: the same as recipient(grant, tx), without reading
    // the delivery again.
    writes.event(ctx.events().event(EventTypes.DELIVERY_RELEASED, People.of(named.get()),
        EventPayload.builder().put(EventTypes.DELIVERY, record.id().value())
            .person(EventTypes.SENDER, sender)));
  }

  /** The recipient as the delivery names them (a guest with their address). */
  @Override
  public Person recipient(Grant grant, Storage on) {
    return on.deliveries().find(DeliveryId.of(grant.target().id()))
        .flatMap(record -> record.recipient(grant.recipient()))
        .map(People::of)
        .orElseGet(() -> People.of(on, grant.recipient()));
  }

  /** Every live level 3-4 delivery in the user's inbox, to be granted again by its sender. */
  @Override
  public List<Regrant> regrantsAfterReset(UserId user, Storage tx) {
    List<Regrant> regrants = new ArrayList<>();
    Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
    while (page.isPresent()) {
      Page<DeliveryRecord> inbox = tx.deliveries().inbox(user, page.get());
      for (DeliveryRecord record : inbox.items()) {
        if (record.level().endToEndFiles() && record.state() == DeliveryState.ACTIVE
            && record.withdrawal().length == 0 && record.expiresAt().isAfter(ctx.now())) {
          regrants.add(new Regrant(GrantTarget.delivery(record.id()), record.sender()));
        }
      }
      page = inbox.next(PageRequest.MAX_LIMIT);
    }
    return regrants;
  }
}
