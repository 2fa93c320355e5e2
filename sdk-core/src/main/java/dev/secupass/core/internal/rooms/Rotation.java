package dev.secupass.core.internal.rooms;

import dev.secupass.api.KeyChangedException;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.firstcontact.FirstContact;
import dev.secupass.core.internal.keys.KeyPinning;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.spi.RoomEnvelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who gets a new epoch's key when a member is removed: every remaining member whose current key is
 * the one the log records and whom the remover's first-contact policy lets them wrap to at once
 * ({@link FirstContact#releasesAtOnce}: keys the remover verified, or trust on first use chosen for
 * rooms) gets an envelope at once. The log's record alone (a vouch by the manager who added the
 * member) does not do: under the default policy a member whose keys the remover never verified
 * (a pin made when reading their entries is not a verification) waits, like a member without a
 * SecuPass yet, after a reset not yet granted, or with a key the remover has not re-verified: they
 * get a room grant that any owner or manager who verified them fulfils with every epoch's key, and
 * that holds for the remover's confirmation of their safety words ({@code docs/data-rooms.md},
 * "Rotation").
 *
 * @param envelopes the new epoch's envelopes
 * @param waiting the members to queue a room grant for (queuing is idempotent per room and member)
 */
record Rotation(List<RoomEnvelope> envelopes, List<UserId> waiting) {

  static Rotation plan(RoomContext context, KeySession remover, MembershipState state,
      UserId removed, SymmetricKey key, Instant now) {
    int epoch = state.epoch() + 1;
    List<RoomEnvelope> envelopes = new ArrayList<>();
    List<UserId> waiting = new ArrayList<>();
    for (UserId member : state.roles().keySet()) {
      if (member.equals(removed)) {
        continue;
      }
      Optional<PublicKeys> keys = member.equals(remover.user())
          ? Optional.of(remover.publicKeys())
          : state.currentKey(member).flatMap(recorded -> trusted(context, remover, member)
              .filter(recorded::matches));
      if (keys.isPresent()) {
        envelopes.add(Keyring.wrap(remover, state.room(), epoch, key, keys.get(), now));
      } else {
        waiting.add(member);
      }
    }
    return new Rotation(List.copyOf(envelopes), List.copyOf(waiting));
  }

  private static Optional<PublicKeys> trusted(RoomContext context, KeySession remover,
      UserId member) {
    KeyPinning pinning = context.keys().pinning();
    if (!context.firstContact().releasesAtOnce(remover, member, FirstContact.ROOMS, pinning)) {
      return Optional.empty();
    }
    try {
      return Optional.of(pinning.verifiedKeys(remover, member));
    } catch (KeyChangedException | SecuPassRequiredException e) {
      return Optional.empty();
    }
  }
}
