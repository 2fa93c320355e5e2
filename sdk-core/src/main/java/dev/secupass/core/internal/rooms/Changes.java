package dev.secupass.core.internal.rooms;

import dev.secupass.api.ConflictException;
import dev.secupass.api.RoomId;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.spi.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optimistic changes to a room: verify the membership and prepare everything that needs keys
 * outside any transaction, then commit in one short transaction whose conditional writes (the next
 * log sequence, the expected epoch, an entry's revision) fail with {@link ConflictException} if a
 * concurrent change got there first. A lost race is prepared again from a fresh read, up to the
 * configured number of attempts. The exception is caught only after the transaction ended, so no
 * failed statement is ever followed by another in the same transaction.
 */
public final class Changes {
  private static final Logger LOG = LoggerFactory.getLogger(Changes.class);

  private Changes() {}

  /** Prepares a change from the verified membership, with the member's keys at hand. */
  @FunctionalInterface
  public interface Preparation<T> {
    Storage.TransactionWork<T> prepare(MembershipState state, Keyring keys);
  }

  /** Prepares and commits, preparing again after a lost race up to the configured attempts. */
  public static <T> T commit(RoomContext context, KeySession session, RoomId room,
      Preparation<T> preparation) {
    return commit(context, session, room, preparation, context.attempts());
  }

  /** Prepares and commits once; a lost race surfaces as {@link ConflictException}. */
  public static <T> T commitOnce(RoomContext context, KeySession session, RoomId room,
      Preparation<T> preparation) {
    return commit(context, session, room, preparation, 1);
  }

  private static <T> T commit(RoomContext context, KeySession session, RoomId room,
      Preparation<T> preparation, int attempts) {
    for (int attempt = 1; ; attempt++) {
      MembershipState state = context.membership().read(session, room, context.storage());
      try (Keyring keys = new Keyring(session, state, context.storage())) {
        Storage.TransactionWork<T> work = preparation.prepare(state, keys);
        try {
          return context.storage().inTransaction(work);
        } catch (ConflictException e) {
          if (attempt >= attempts) {
            throw e;
          }
          LOG.debug("change to room {} lost a race (attempt {}): {}; preparing again", room,
              attempt, e.getMessage());
        }
      }
    }
  }
}
