package dev.secupass.core.memory;

import dev.secupass.spi.Storage;
import dev.secupass.tck.StorageConformanceKit;
import java.time.Clock;

/** The conformance kit against {@link MemoryStorage}: every metadata contract. */
class MemoryStorageConformanceTest extends StorageConformanceKit {
  @Override
  protected Storage createStorage(Clock clock) {
    return new MemoryStorage(clock);
  }
}
