package dev.secupass.core.internal.sdk;

import dev.secupass.core.internal.content.UploadJournal;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.delivery.DeliveryPolicies;
import dev.secupass.core.delivery.DeliveryPolicy;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.grants.GrantEngine;
import dev.secupass.core.internal.keys.KdfLimiter;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.UnlockAttemptListener;
import dev.secupass.core.observe.SecuPassObserver;
import dev.secupass.spi.BlobStore;
import dev.secupass.spi.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import dev.secupass.core.keylog.KeyTransparency;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Everything one SDK instance is built from: what {@code SecuPassSdk.Builder} sets, and the few
 * settings that exist for the SDK's own tests (room segment size, change attempts). Each setter
 * checks its argument at once.
 */
public final class Settings {
  @Nullable Storage storage;
  @Nullable BlobStore blobStore;
  @Nullable AtRestKey atRestKey;
  Clock clock = Clock.systemUTC();
  SecureRandom random = new SecureRandom();
  KdfPolicy kdfPolicy = KdfPolicy.DEFAULT;
  KeySuite keySuite = KeySuite.X_WING;
  long kdfMemoryBudget = KdfLimiter.defaultBudget();
  Duration kdfQueueTimeout = Duration.ofSeconds(10);
  Duration sessionIdleTimeout = Duration.ofMinutes(15);
  UnlockAttemptListener unlockListener = UnlockAttemptListener.NONE;
  DeliveryPolicies policies = DeliveryPolicies.uniform(DeliveryPolicy.DEFAULT);
  FirstContactPolicy firstContactPolicy = FirstContactPolicy.DEFAULT;
  Duration grantLease = GrantEngine.DEFAULT_LEASE;
  Executor grantExecutor = Runnable::run;
  Duration eventLease = Duration.ofMinutes(2);
  Duration orphanGrace = UploadJournal.DEFAULT_GRACE;
  int roomSegmentSize = ContentCipher.DEFAULT_SEGMENT_SIZE;
  int roomAttempts = 5;
  int roomsCached = 4096;
  SecuPassObserver observer = SecuPassObserver.NONE;
  KeyTransparency keyTransparency = KeyTransparency.defaults();

  public Settings keyTransparency(KeyTransparency value) {
    this.keyTransparency = Objects.requireNonNull(value, "keyTransparency");
    return this;
  }

  public Settings storage(Storage value) {
    this.storage = Objects.requireNonNull(value, "storage");
    return this;
  }

  public Settings blobStore(BlobStore value) {
    this.blobStore = Objects.requireNonNull(value, "blobStore");
    return this;
  }

  public Settings atRestKey(AtRestKey value) {
    this.atRestKey = Objects.requireNonNull(value, "atRestKey");
    return this;
  }

  public Settings clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  public Settings random(SecureRandom value) {
    this.random = Objects.requireNonNull(value, "random");
    return this;
  }

  public Settings keySuite(KeySuite value) {
    this.keySuite = Objects.requireNonNull(value, "keySuite");
    return this;
  }

  public Settings kdfPolicy(KdfPolicy value) {
    this.kdfPolicy = Objects.requireNonNull(value, "kdfPolicy");
    return this;
  }

  public Settings kdfMemoryBudget(long bytes) {
    if (bytes < (1 << 20)) {
      throw new IllegalArgumentException("the KDF memory budget must be at least 1 MiB, got "
          + bytes + " bytes");
    }
    this.kdfMemoryBudget = bytes;
    return this;
  }

  public Settings kdfQueueTimeout(Duration value) {
    Objects.requireNonNull(value, "kdfQueueTimeout");
    if (value.isNegative()) {
      throw new IllegalArgumentException("the KDF queue timeout must not be negative");
    }
    this.kdfQueueTimeout = value;
    return this;
  }

  public Settings sessionIdleTimeout(Duration value) {
    this.sessionIdleTimeout = positive(value, "session idle timeout");
    return this;
  }

  public Settings unlockAttemptListener(UnlockAttemptListener value) {
    this.unlockListener = Objects.requireNonNull(value, "unlockAttemptListener");
    return this;
  }

  public Settings deliveryPolicies(DeliveryPolicies value) {
    this.policies = Objects.requireNonNull(value, "deliveryPolicies");
    return this;
  }

  public Settings firstContactPolicy(FirstContactPolicy value) {
    this.firstContactPolicy = Objects.requireNonNull(value, "firstContactPolicy");
    return this;
  }

  public Settings grantLeaseDuration(Duration value) {
    this.grantLease = positive(value, "grant lease");
    return this;
  }

  public Settings grantExecutor(Executor value) {
    this.grantExecutor = Objects.requireNonNull(value, "grantExecutor");
    return this;
  }

  public Settings eventLeaseDuration(Duration value) {
    this.eventLease = positive(value, "event lease");
    return this;
  }

  public Settings orphanGracePeriod(Duration value) {
    Objects.requireNonNull(value, "orphan grace period");
    if (value.isNegative()) {
      throw new IllegalArgumentException("the orphan grace period must not be negative");
    }
    this.orphanGrace = value;
    return this;
  }

  public Settings observer(SecuPassObserver value) {
    this.observer = Objects.requireNonNull(value, "observer");
    return this;
  }

  /** Plaintext bytes per segment of room files (default 1 MiB; small in tests). */
  public Settings roomSegmentSize(int bytes) {
    ContentCipher.ciphertextSize(0, bytes);
    this.roomSegmentSize = bytes;
    return this;
  }

  /** How often a room change that lost a race is tried in all, 1-100 (default 5). */
  public Settings roomAttempts(int attempts) {
    if (attempts < 1 || attempts > 100) {
      throw new IllegalArgumentException("attempts must be 1-100, got " + attempts);
    }
    this.roomAttempts = attempts;
    return this;
  }

  /**
   * Names what is missing.
   *
   * @throws IllegalStateException naming every required setting that is missing
   */
  void requireComplete() {
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
  }

  private static Duration positive(Duration value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("the " + what + " must be positive");
    }
    return value;
  }
}
