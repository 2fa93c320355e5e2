package dev.secupass.storage.jdbc.internal;

import dev.secupass.spi.AuditLog;
import dev.secupass.spi.BlobJournal;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.EventOutbox;
import dev.secupass.spi.GrantQueue;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.KeyStore;
import dev.secupass.spi.RoomStore;

/** The stores of one session. Cheap to make: they hold only the session and the schema. */
public record Stores(
    KeyStore keys,
    DeliveryStore deliveries,
    GrantQueue grants,
    RoomStore rooms,
    GuestStore guests,
    EventOutbox events,
    AuditLog audit,
    KeyLogStore keyLog,
    BlobJournal blobJournal) {

  public static Stores of(Session session, Schema schema) {
    return new Stores(
        new JdbcKeyStore(session, schema),
        new JdbcDeliveryStore(session, schema),
        new JdbcGrantQueue(session, schema),
        new JdbcRoomStore(session, schema),
        new JdbcGuestStore(session, schema),
        new JdbcEventOutbox(session, schema),
        new JdbcAuditLog(session, schema),
        new JdbcKeyLogStore(session, schema),
        new JdbcBlobJournal(session, schema));
  }
}
