package dev.secupass.core;

import dev.secupass.core.keylog.KeyLog;
import dev.secupass.core.keylog.KeyTransparency;
import dev.secupass.core.delivery.Deliveries;
import dev.secupass.core.delivery.DeliveryPolicies;
import dev.secupass.core.delivery.DeliveryPolicy;
import dev.secupass.core.events.Events;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.grants.Grants;
import dev.secupass.core.guests.Guests;
import dev.secupass.core.internal.sdk.Parts;
import dev.secupass.core.internal.sdk.Settings;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.SecuPasses;
import dev.secupass.core.keys.UnlockAttemptListener;
import dev.secupass.core.observe.SecuPassObserver;
import dev.secupass.core.relay.ClientRelay;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The SecuPass SDK: one instance per host application, built from the host's stores and settings,
 * with nothing taken from globals. {@link #builder()} is the only way to assemble it, and its six
 * parts are the only way in: every flow (activation, first-contact grants, reset) runs its
 * bookkeeping, and nothing public bypasses it.
 *
 * <pre>{@code
 * try (SecuPassSdk sdk = SecuPassSdk.builder()
 *     .storage(storage)                        // e.g. new MemoryStorage(clock), or JDBC
 *     .blobStore(blobs)                        // e.g. new FileSystemBlobStore(dir), or S3
 *     .atRestKey(TinkAtRestKey.of(keyset))     // the host's key for levels 1 and 2
 *     .build()) {
 *   try (SecuPass pass = SecuPass.of(typed);
 *       SecuPassSession session = sdk.secuPass().unlock(alice, pass)) {
 *     SentDelivery sent = sdk.deliveries().send(SignedInUser.employee(alice), session, draft);
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops the SDK's background thread (the session reaper, which wipes sessions
 * that idled out, and any grant polling started with {@code grants().startPolling}) and closes
 * the sessions it handed out that are still open. It does not close the stores, which the host
 * owns.
 *
 * <p>Safe for use by many threads.
 */
public final class SecuPassSdk implements AutoCloseable {
  private final Parts parts;

  private SecuPassSdk(Parts parts) {
    this.parts = parts;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link SecuPassSdk}. The storage, the blob store and the at-rest key are required;
   * every other setting has a default. Each setter checks its argument at once.
   */
  public static final class Builder {
    private final Settings settings = new Settings();

    private Builder() {}

    /** The metadata stores (required). */
    public Builder storage(Storage storage) {
      settings.storage(storage);
      return this;
    }

    /** The blob store for file ciphertext (required). */
    public Builder blobStore(BlobStore blobStore) {
      settings.blobStore(blobStore);
      return this;
    }

    /**
     * The host's key for level 1 and 2 content keys and for secrets in events (required). Keep it
     * apart from the storage: whoever holds both reads level 1 and 2 deliveries.
     */
    public Builder atRestKey(AtRestKey key) {
      settings.atRestKey(key);
      return this;
    }

    /** The clock of expiry, leases, sessions and records (default: system UTC). */
    public Builder clock(Clock clock) {
      settings.clock(clock);
      return this;
    }

    /** The source of keys, tokens and identifiers (default: a new {@link SecureRandom}). */
    public Builder random(SecureRandom random) {
      settings.random(random);
      return this;
    }

    /**
     * The key pairs activations and resets make, and whether an unlock adds an X-Wing key to older
     * keys (default {@link KeySuite#X_WING}: post-quantum).
     */
    public Builder keySuite(KeySuite suite) {
      settings.keySuite(suite);
      return this;
    }

    /**
     * When a sender's SDK may release a delivery to a recipient's first keys on its own (default
     * {@link FirstContactPolicy#DEFAULT}: only to keys bound to an access code or pinned before;
     * otherwise the sender confirms the recipient's safety words). See {@code
     * docs/threat-model.md} before choosing {@link FirstContactPolicy#trustOnFirstUse()}.
     */
    public Builder firstContactPolicy(FirstContactPolicy policy) {
      settings.firstContactPolicy(policy);
      return this;
    }

    /** The Argon2id cost of SecuPass keys and guest passwords (default {@link KdfPolicy#DEFAULT}). */
    public Builder kdfPolicy(KdfPolicy policy) {
      settings.kdfPolicy(policy);
      return this;
    }

    /**
     * The memory Argon2id derivations (activations, unlocks, SecuPass changes and resets, guest
     * registrations and sign-ins) may take together, at least 1 MiB (default: a quarter of the
     * maximum heap). As many run at once as the budget holds at the policy's memory cost (64 MiB
     * by default); one that needs more than the whole budget runs alone. Size the heap for the
     * concurrency you expect: budget = derivations at once x the policy's memory.
     */
    public Builder kdfMemoryBudget(long bytes) {
      settings.kdfMemoryBudget(bytes);
      return this;
    }

    /**
     * How long a derivation waits for room in the memory budget before it fails with {@link
     * dev.secupass.api.BusyException} (default 10 seconds).
     */
    public Builder kdfQueueTimeout(Duration timeout) {
      settings.kdfQueueTimeout(timeout);
      return this;
    }

    /**
     * How long an unused SecuPass session stays open (default 15 minutes); then the session reaper
     * closes it and wipes its keys.
     */
    public Builder sessionIdleTimeout(Duration timeout) {
      settings.sessionIdleTimeout(timeout);
      return this;
    }

    /** The host's hook for rate limiting SecuPass attempts (default: none). */
    public Builder unlockAttemptListener(UnlockAttemptListener listener) {
      settings.unlockAttemptListener(listener);
      return this;
    }

    /** The delivery policies per sender and group (default: {@link DeliveryPolicy#DEFAULT}). */
    public Builder deliveryPolicies(DeliveryPolicies policies) {
      settings.deliveryPolicies(policies);
      return this;
    }

    /** One delivery policy for every sender. */
    public Builder deliveryPolicy(DeliveryPolicy policy) {
      return deliveryPolicies(DeliveryPolicies.uniform(Objects.requireNonNull(policy,
          "deliveryPolicy")));
    }

    /** How long a session holds a grant it works on (default 2 minutes). */
    public Builder grantLeaseDuration(Duration lease) {
      settings.grantLeaseDuration(lease);
      return this;
    }

    /**
     * Where open sessions fulfil grants after an unlock or when grants become ready (default: the
     * calling thread, after its transaction committed).
     */
    public Builder grantExecutor(Executor executor) {
      settings.grantExecutor(executor);
      return this;
    }

    /**
     * How long {@code events().claim} holds the events it hands out before another node may claim
     * them (default 2 minutes): longer than relaying a batch takes.
     */
    public Builder eventLeaseDuration(Duration lease) {
      settings.eventLeaseDuration(lease);
      return this;
    }

    /**
     * How long a blob may wait for the record that refers to it before {@code
     * deliveries().sweepExpired} deletes it as abandoned (default 1 hour): longer than any upload
     * takes, including a browser client's upload before its delivery is stored. The SDK journals
     * every blob before writing it ({@code docs/testing.md}, "Crash consistency"), so blobs that a
     * crash or a failed upload left behind are found without listing the blob store. Zero is
     * allowed for a host's start-up check when no upload can be running.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder orphanGracePeriod(Duration grace) {
      settings.orphanGracePeriod(grace);
      return this;
    }

    /**
     * Where the SDK reports its operations for metrics and traces (default {@link
     * SecuPassObserver#NONE}: nothing is measured, and the stores are used as they are). The
     * module {@code secupass-micrometer} has one on Micrometer's {@code ObservationRegistry};
     * {@code docs/observability.md} lists every operation and tag.
     */
    public Builder observer(SecuPassObserver observer) {
      settings.observer(observer);
      return this;
    }

    /**
     * The key transparency log's checkpoint key and witnesses (default {@link
     * KeyTransparency#defaults()}: a checkpoint key the SDK makes on first use and keeps in the
     * storage sealed under the at-rest key, no witnesses). See {@code docs/key-log.md}.
     */
    public Builder keyTransparency(KeyTransparency keyTransparency) {
      settings.keyTransparency(keyTransparency);
      return this;
    }

    /** Builds the SDK; throws {@link IllegalStateException} naming every missing setting. */
    public SecuPassSdk build() {
      return new SecuPassSdk(new Parts(settings));
    }
  }

  /** Activation, unlock, change and reset of SecuPasses, and fingerprints. */
  public SecuPasses secuPass() {
    return parts.secuPass();
  }

  /** Sending and opening deliveries. */
  public Deliveries deliveries() {
    return parts.deliveries();
  }

  /** Guests' invitations, registration and sign-in. */
  public Guests guests() {
    return parts.guests();
  }

  /** The grant queue: pending grants, fulfilment, polling for other processes' activations. */
  public Grants grants() {
    return parts.grants();
  }

  /** The event outbox. */
  public Events events() {
    return parts.events();
  }

  /** The key transparency log: its verifier key, current checkpoint and a full audit. */
  public KeyLog keyLog() {
    return parts.keyLog();
  }

  /** End-to-end encrypted data rooms: members, roles, files, key epochs. */
  public DataRooms rooms() {
    return parts.rooms();
  }

  /**
   * The server's role for clients that hold their own keys (a browser running the browser
   * client): it stores their sealed keys, accepts the level 3 and 4 deliveries they encrypt and
   * sign after checking every signature and structure it can check without a key, serves the
   * ciphertext by range with what a reader's client needs, and takes the envelopes with which a
   * sender's client fulfils its grants. It never needs a SecuPass ({@code
   * docs/client-exchange.md}).
   */
  public ClientRelay relay() {
    return parts.relay();
  }

  /**
   * Moves what the at-rest key sealed (the manifests of level 1 and 2 deliveries) to the primary
   * key of the {@link AtRestKeyRing}, one batch per call: call it with {@link ResealProgress#START},
   * then with each progress it returns, until {@link ResealProgress#done()}. Keep the progress to
   * resume after a restart. Once a re-seal has run to its end after a rotation, no delivery names
   * the old key and it can leave the ring (see {@code docs/at-rest-keys.md} for event payloads,
   * which the event outbox drains on its own).
   *
   * <pre>{@code
   * ResealProgress progress = ResealProgress.START;
   * while (!progress.done()) {
   *   progress = sdk.reseal(progress, 500);
   *   log.info("re-sealed {} of {} deliveries", progress.resealed(), progress.examined());
   * }
   * }</pre>
   *
   * @param batchSize at most this many deliveries in this call, 1 or more
   * @return the progress after this batch; {@code from} itself if it was done
   * @throws IllegalStateException if the SDK's at-rest key is not an {@link AtRestKeyRing}
   * @throws dev.secupass.api.IntegrityException if a stored manifest does not open under the
   *     ring (altered, or sealed under a key the ring no longer holds); the progress before this
   *     batch still stands
   */
  public ResealProgress reseal(ResealProgress from, int batchSize) {
    return parts.resealing().next(Objects.requireNonNull(from, "from"), batchSize);
  }

  /**
   * Stops the background thread and closes (wipes) every session this SDK handed out that is still
   * open. The stores stay open. Idempotent.
   */
  @Override
  public void close() {
    parts.close();
  }
}
