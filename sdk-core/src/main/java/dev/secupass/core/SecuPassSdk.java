package dev.secupass.core;

import dev.secupass.core.delivery.Deliveries;
import dev.secupass.core.delivery.DeliveryPolicies;
import dev.secupass.core.delivery.DeliveryPolicy;
import dev.secupass.core.events.Events;
import dev.secupass.core.grants.GrantEngine;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.guests.GuestAccounts;
import dev.secupass.core.guests.Guests;
import dev.secupass.core.internal.delivery.DeliveryContext;
import dev.secupass.core.internal.delivery.DeliveryGrantHandler;
import dev.secupass.core.internal.delivery.DeliveryService;
import dev.secupass.core.internal.events.AuditRecorder;
import dev.secupass.core.internal.events.EventRecorder;
import dev.secupass.core.internal.events.OutboxEvents;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.SecuPassKeys;
import dev.secupass.core.keys.UnlockAttemptListener;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The SecuPass SDK: one instance per host application, built from the host's stores and settings,
 * with nothing taken from globals.
 *
 * <pre>{@code
 * SecuPassSdk sdk = SecuPassSdk.builder()
 *     .storage(storage)                        // e.g. new MemoryStorage(clock), or JDBC
 *     .blobStore(blobs)                        // e.g. new FileSystemBlobStore(dir), or S3
 *     .atRestKey(TinkAtRestKey.of(keyset))     // the host's key for levels 1 and 2
 *     .deliveryPolicy(DeliveryPolicy.DEFAULT)
 *     .build();
 *
 * try (SecuPass pass = SecuPass.of(typed);
 *     SecuPassSession session = sdk.secuPass().unlock(alice, pass)) {
 *   SentDelivery sent = sdk.deliveries().send(SignedInUser.employee(alice), session, draft);
 * }
 * }</pre>
 *
 * <p>Safe for use by many threads.
 */
public final class SecuPassSdk {
  private final SecuPassAccess secuPass;
  private final Deliveries deliveries;
  private final Guests guests;
  private final GrantEngine grants;
  private final Events events;
  private final DataRooms rooms;

  @SuppressWarnings("NullAway") // build() has checked that storage, blobStore and atRestKey are set
  private SecuPassSdk(Builder builder) {
    Storage storage = builder.storage;
    Clock clock = builder.clock;
    SecureRandom random = builder.random;
    Function<KeyStore, SecuPassKeys> keysOn = store ->
        SecuPassKeys.builder(store)
            .clock(clock)
            .random(random)
            .kdfPolicy(builder.kdfPolicy)
            .sessionIdleTimeout(builder.sessionIdleTimeout)
            .unlockAttemptListener(builder.unlockListener)
            .build();
    SecuPassKeys keys = keysOn.apply(storage.keys());
    DeliveryContext context = new DeliveryContext(storage, builder.blobStore, clock, random, keys,
        builder.atRestKey, builder.policies, new EventRecorder(clock, random),
        new AuditRecorder(clock));
    GrantEngine.Builder engine = GrantEngine.builder(storage)
        .clock(clock)
        .random(random)
        .leaseDuration(builder.grantLease)
        .executor(builder.grantExecutor)
        .handler(new DeliveryGrantHandler(context))
        .handler(DataRooms.grantHandler(storage, keys, clock, random));
    this.grants = engine.build();
    this.rooms = DataRooms.builder(storage, builder.blobStore, keys, grants)
        .clock(clock)
        .random(random)
        .build();
    this.secuPass = new SecuPassAccess(storage, keys, keysOn, grants);
    this.deliveries = new DeliveryService(context, grants);
    this.guests = new GuestAccounts(storage, clock, random, builder.kdfPolicy);
    this.events = new OutboxEvents(storage, builder.atRestKey);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link SecuPassSdk}. The storage, the blob store and the at-rest key are required;
   * every other setting has a default. Each setter checks its argument at once.
   */
  public static final class Builder {
    private @Nullable Storage storage;
    private @Nullable BlobStore blobStore;
    private @Nullable AtRestKey atRestKey;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private KdfPolicy kdfPolicy = KdfPolicy.DEFAULT;
    private Duration sessionIdleTimeout = Duration.ofMinutes(15);
    private UnlockAttemptListener unlockListener = UnlockAttemptListener.NONE;
    private DeliveryPolicies policies = DeliveryPolicies.uniform(DeliveryPolicy.DEFAULT);
    private Duration grantLease = GrantEngine.DEFAULT_LEASE;
    private Executor grantExecutor = Runnable::run;

    private Builder() {}

    /** The metadata stores (required). */
    public Builder storage(Storage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** The blob store for file ciphertext (required). */
    public Builder blobStore(BlobStore blobStore) {
      this.blobStore = Objects.requireNonNull(blobStore, "blobStore");
      return this;
    }

    /**
     * The host's key for level 1 and 2 content keys and for secrets in events (required). Keep it
     * apart from the storage: whoever holds both reads level 1 and 2 deliveries.
     */
    public Builder atRestKey(AtRestKey key) {
      this.atRestKey = Objects.requireNonNull(key, "atRestKey");
      return this;
    }

    /** The clock of expiry, leases, sessions and records (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The source of keys, tokens and identifiers (default: a new {@link SecureRandom}). */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The Argon2id cost of SecuPass keys and guest passwords (default {@link KdfPolicy#DEFAULT}). */
    public Builder kdfPolicy(KdfPolicy policy) {
      this.kdfPolicy = Objects.requireNonNull(policy, "kdfPolicy");
      return this;
    }

    /** How long an unused SecuPass session stays open (default 15 minutes). */
    public Builder sessionIdleTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the session idle timeout must be positive");
      }
      this.sessionIdleTimeout = timeout;
      return this;
    }

    /** The host's hook for rate limiting SecuPass attempts (default: none). */
    public Builder unlockAttemptListener(UnlockAttemptListener listener) {
      this.unlockListener = Objects.requireNonNull(listener, "unlockAttemptListener");
      return this;
    }

    /** The delivery policies per sender and group (default: {@link DeliveryPolicy#DEFAULT}). */
    public Builder deliveryPolicies(DeliveryPolicies policies) {
      this.policies = Objects.requireNonNull(policies, "deliveryPolicies");
      return this;
    }

    /** One delivery policy for every sender. */
    public Builder deliveryPolicy(DeliveryPolicy policy) {
      return deliveryPolicies(DeliveryPolicies.uniform(Objects.requireNonNull(policy,
          "deliveryPolicy")));
    }

    /** How long a session holds a grant it works on (default {@link GrantEngine#DEFAULT_LEASE}). */
    public Builder grantLeaseDuration(Duration lease) {
      if (lease.isNegative() || lease.isZero()) {
        throw new IllegalArgumentException("the grant lease must be positive");
      }
      this.grantLease = lease;
      return this;
    }

    /**
     * Where open sessions fulfil grants after an unlock or when grants become ready (default: the
     * calling thread, after its transaction committed).
     */
    public Builder grantExecutor(Executor executor) {
      this.grantExecutor = Objects.requireNonNull(executor, "grantExecutor");
      return this;
    }

    /** Builds the SDK; throws {@link IllegalStateException} naming every missing setting. */
    public SecuPassSdk build() {
      List<String> missing = new ArrayList<>();
      if (storage == null) {
        missing.add("storage");
      }
      if (blobStore == null) {
        missing.add("blobStore");
      }
      if (atRestKey == null) {
        missing.add("atRestKey");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("SecuPassSdk needs " + String.join(", ", missing));
      }
      return new SecuPassSdk(this);
    }
  }

  /** Activation, unlock, change and reset of SecuPasses, and fingerprints. */
  public SecuPassAccess secuPass() {
    return secuPass;
  }

  /** Sending and opening deliveries. */
  public Deliveries deliveries() {
    return deliveries;
  }

  /** Guests' invitations, registration and sign-in. */
  public Guests guests() {
    return guests;
  }

  /** The grant queue: pending grants, fulfilment, polling for other processes' activations. */
  public GrantEngine grants() {
    return grants;
  }

  /** The event outbox. */
  public Events events() {
    return events;
  }

  /** End-to-end encrypted data rooms: members, roles, files, key epochs. */
  public DataRooms rooms() {
    return rooms;
  }
}
