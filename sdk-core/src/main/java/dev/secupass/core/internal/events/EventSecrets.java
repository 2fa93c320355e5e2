package dev.secupass.core.internal.events;

import dev.secupass.api.EventId;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.internal.format.ByteWriter;

/**
 * Seals secrets (link and invitation tokens) for event payloads under the host's at-rest key, bound
 * to the event and the entry name, so a sealed value cannot be moved to another event or entry.
 * Associated data: the ASCII label {@code "SecuPass event secret v1"}, a zero byte, then the event
 * id and the entry name as strings.
 */
public final class EventSecrets {
  private static final String LABEL = "SecuPass event secret v1";

  private EventSecrets() {}

  public static byte[] seal(AtRestKey key, EventId event, String name, byte[] secret) {
    return key.encrypt(secret, associatedData(event, name));
  }

  /**
   * Opens a sealed entry.
   *
   * @throws dev.secupass.api.IntegrityException if it was altered or belongs to another event
   */
  public static byte[] open(AtRestKey key, EventId event, String name, byte[] sealed) {
    return key.decrypt(sealed, associatedData(event, name));
  }

  private static byte[] associatedData(EventId event, String name) {
    return new ByteWriter().string(LABEL).u8(0).string(event.value()).string(name).toByteArray();
  }
}
