package dev.secupass.tck;

import dev.secupass.spi.Storage;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every metadata-store contract: one factory hook, called before each test with the
 * test's own {@link MutableClock}.
 *
 * <p>Tests create every row they look at under fresh identifiers ({@link Samples}) and assume
 * nothing about rows they did not create, so one schema may serve a whole test class (and rows
 * left by earlier runs do no harm). The few listings that span the whole store ({@code
 * EventOutbox.claim}, {@code DeliveryStore.findExpired}) first drain what is already there, so
 * do not point the kit at a store holding data you want to keep.
 */
public abstract class StorageContract {
  /** The clock handed to {@link #createStorage}; tests move it instead of sleeping. */
  MutableClock clock;
  /** The store under test, fresh from {@link #createStorage} for each test. */
  Storage storage;

  /**
   * Makes the storage under test. Called before every test; it may return a new view of a backend
   * shared by all tests (a connection pool and schema set up once).
   *
   * @param clock the clock the storage must measure grant and event leases with and stamp grant
   *     changes by
   */
  protected abstract Storage createStorage(Clock clock);

  @BeforeEach
  final void setUpStorage() {
    clock = MutableClock.atSystemTime();
    storage = createStorage(clock);
  }
}
