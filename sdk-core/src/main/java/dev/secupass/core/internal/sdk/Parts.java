package dev.secupass.core.internal.sdk;

import dev.secupass.core.internal.content.UploadJournal;
import dev.secupass.core.internal.keylog.KeyLogService;
import dev.secupass.core.keylog.KeyLog;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.delivery.Deliveries;
import dev.secupass.core.events.Events;
import dev.secupass.core.grants.Grants;
import dev.secupass.core.guests.Guests;
import dev.secupass.core.internal.delivery.ClientDeliveries;
import dev.secupass.core.internal.delivery.DeliveryContext;
import dev.secupass.core.internal.delivery.DeliveryGrantHandler;
import dev.secupass.core.internal.delivery.DeliveryService;
import dev.secupass.core.internal.delivery.Resealing;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.events.EventRecorder;
import dev.secupass.core.internal.events.OutboxEvents;
import dev.secupass.core.internal.firstcontact.FirstContact;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.guests.GuestAccounts;
import dev.secupass.core.internal.keys.KdfLimiter;
import dev.secupass.core.internal.keys.KeyService;
import dev.secupass.core.internal.keys.Sessions;
import dev.secupass.core.internal.observe.ObservedBlobStore;
import dev.secupass.core.internal.observe.ObservedDeliveries;
import dev.secupass.core.internal.observe.ObservedSecuPasses;
import dev.secupass.core.internal.observe.ObservedStorage;
import dev.secupass.core.internal.rooms.ClientRooms;
import dev.secupass.core.internal.rooms.RoomContext;
import dev.secupass.core.internal.rooms.RoomGrantHandler;
import dev.secupass.core.internal.rooms.RoomService;
import dev.secupass.core.keys.SecuPasses;
import dev.secupass.core.observe.SecuPassObserver;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.relay.ClientRelay;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Storage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The six parts of one SDK instance, wired from its {@link Settings}, with the background thread
 * and the sessions they share. {@code SecuPassSdk} is a thin door over this; the SDK's own tests
 * build it directly when they need a setting hosts do not have.
 */
public final class Parts implements AutoCloseable {
  /** The session reaper's pass runs at most this far apart (and at least 1 second apart). */
  static final Duration LONGEST_REAPER_INTERVAL = Duration.ofSeconds(30);

  private final SecuPasses secuPass;
  private final Deliveries deliveries;
  private final Guests guests;
  private final Grants grants;
  private final Events events;
  private final DataRooms rooms;
  private final ClientRelay relay;
  private final Resealing resealing;
  private final KeyLogService keyLog;
  private final Sessions sessions;
  private final Background background;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @throws IllegalStateException naming every required setting that is missing
   */
  public Parts(Settings settings) {
    settings.requireComplete();
    SecuPassObserver observer = settings.observer;
    Storage hostStorage = Objects.requireNonNull(settings.storage);
    Storage storage = ObservedStorage.of(hostStorage, observer);
    BlobStore blobs = ObservedBlobStore.of(Objects.requireNonNull(settings.blobStore), observer);
    AtRestKey atRestKey = Objects.requireNonNull(settings.atRestKey);
    this.sessions = new Sessions(settings.clock);
    KdfLimiter limiter = new KdfLimiter(settings.kdfMemoryBudget, settings.kdfQueueTimeout,
        observer);
    this.keyLog = new KeyLogService(storage, settings.clock, settings.random, atRestKey,
        settings.keyTransparency);
    KeyService keys = new KeyService(storage, settings.clock, settings.random,
        settings.kdfPolicy, settings.keySuite, settings.sessionIdleTimeout, settings.unlockListener, limiter,
        sessions, keyLog);
    DeliveryContext delivery = new DeliveryContext(storage, blobs, settings.clock,
        settings.random, keys, atRestKey, settings.policies,
        new EventRecorder(settings.clock, settings.random), new AuditRecorder(settings.clock),
        new FirstContact(settings.firstContactPolicy, settings.kdfPolicy, limiter,
            settings.random, settings.clock),
        new UploadJournal(storage, blobs, settings.clock), settings.orphanGrace);
    RoomContext room = RoomContext.of(storage, keys, settings.clock, settings.random,
        settings.roomSegmentSize, settings.roomAttempts, settings.roomsCached,
        delivery.firstContact());
    GrantEngine engine = new GrantEngine(storage, settings.clock, settings.random,
        settings.grantLease, settings.grantExecutor, sessions,
        List.of(new DeliveryGrantHandler(delivery), new RoomGrantHandler(room)), observer);
    this.background = new Background();
    SecuPasses secuPasses = new SecuPassService(storage, keys, engine, delivery.firstContact());
    Deliveries deliveryService = new DeliveryService(delivery, engine);
    boolean observed = observer != SecuPassObserver.NONE;
    this.secuPass = observed ? new ObservedSecuPasses(secuPasses, observer) : secuPasses;
    this.deliveries = observed
        ? new ObservedDeliveries(deliveryService, hostStorage.deliveries(), observer)
        : deliveryService;
    this.guests = new GuestAccounts(storage, settings.clock, settings.random, settings.kdfPolicy,
        limiter);
    this.grants = new GrantService(storage, engine, sessions, background, keys,
        settings.clock);
    this.events = new OutboxEvents(storage, atRestKey, settings.clock, settings.eventLease);
    this.rooms = new RoomService(room, delivery.journal(), engine, sessions, observer);
    ClientDeliveries clientDeliveries = new ClientDeliveries(delivery, engine,
        settings.grantLease);
    this.relay = new RelayService(storage, settings.clock, engine, clientDeliveries, keyLog,
        new ClientRooms(room, engine, delivery.journal(), clientDeliveries::claim));
    this.resealing = new Resealing(storage.deliveries(), atRestKey);
    background.every(reaperInterval(settings.sessionIdleTimeout), sessions::reap);
  }

  /** How often the reaper looks: a tenth of the idle timeout, from 1 to 30 seconds. */
  public static Duration reaperInterval(Duration idleTimeout) {
    Duration tenth = idleTimeout.dividedBy(10);
    if (tenth.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return tenth.compareTo(LONGEST_REAPER_INTERVAL) > 0 ? LONGEST_REAPER_INTERVAL : tenth;
  }

  public SecuPasses secuPass() {
    return secuPass;
  }

  public Deliveries deliveries() {
    return deliveries;
  }

  public Guests guests() {
    return guests;
  }

  public Grants grants() {
    return grants;
  }

  public Events events() {
    return events;
  }

  public DataRooms rooms() {
    return rooms;
  }

  public ClientRelay relay() {
    return relay;
  }

  public KeyLog keyLog() {
    return keyLog;
  }

  public Resealing resealing() {
    return resealing;
  }

  /** The sessions this instance handed out (for the SDK's own tests of the reaper). */
  public Sessions sessions() {
    return sessions;
  }

  /** Stops the background thread and closes every session still open. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      background.close();
      sessions.close();
    }
  }
}
