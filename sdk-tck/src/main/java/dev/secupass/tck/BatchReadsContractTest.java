package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.UserId;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.GuestAccount;
import dev.secupass.spi.Invitation;
import dev.secupass.spi.KeyLogLeaf;
import dev.secupass.spi.KeyLogNode;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of the batch reads (the grant engine reads a claimed batch's rows with them): each
 * answers exactly what the single read of each key answers, keyed by the key it belongs to, with
 * nothing for keys that have no row, no row that was not asked for, and no repeats for a key
 * asked twice. A store that drops, mixes or adds rows fails these rules. With them, the one batch
 * write the engine's reads come with: {@code KeyStore.savePins}.
 */
@DisplayName("Batch reads contract")
// Rules are tests: they dereference what the store under test returned, and a null there fails
// the rule. Like the SDK's own tests, they are not null-checked.
@SuppressWarnings("NullAway")
public abstract class BatchReadsContractTest extends StorageContract {

  private DeliveryRecord delivered(UserId sender, UserId... recipients) {
    DeliveryRecord record = Samples.delivery(Samples.deliveryId(), sender, clock.instant(),
        List.of(recipients));
    storage.deliveries().create(record);
    return storage.deliveries().find(record.id()).orElseThrow();
  }

  @Test
  @DisplayName("DeliveryStore.findAll answers find for each id, nothing for unknown ones")
  void findAll_deliveries_eachAsFind() {
    UserId sender = Samples.user();
    DeliveryRecord a = delivered(sender, Samples.user());
    DeliveryRecord b = delivered(sender, Samples.user(), Samples.user());
    DeliveryRecord c = delivered(Samples.user(), Samples.user());
    DeliveryId unknown = Samples.deliveryId();

    Map<DeliveryId, DeliveryRecord> found = storage.deliveries()
        .findAll(List.of(a.id(), unknown, b.id(), c.id(), a.id()));

    assertThat(found).containsOnlyKeys(a.id(), b.id(), c.id());
    assertThat(found).containsEntry(a.id(), a).containsEntry(b.id(), b).containsEntry(c.id(), c);
    assertThat(storage.deliveries().findAll(List.of())).isEmpty();
  }

  @Test
  @DisplayName("DeliveryStore.findEnvelopes answers findEnvelope of one recipient and version"
      + " for each delivery, never another recipient's or version's")
  void findEnvelopes_oneRecipientAndVersion_eachAsFindEnvelope() {
    UserId sender = Samples.user();
    UserId other = Samples.user();
    DeliveryRecord a = delivered(sender, other);
    DeliveryRecord b = delivered(sender, other);
    DeliveryRecord c = delivered(sender, other);
    DeliveryRecord notAsked = delivered(sender, other);
    for (DeliveryRecord d : List.of(a, b, notAsked)) {
      storage.deliveries().putEnvelope(Samples.envelope(d.id(), sender, KeyVersion.FIRST,
          sender, clock.instant()));
      storage.deliveries().putEnvelope(Samples.envelope(d.id(), other, KeyVersion.FIRST,
          sender, clock.instant()));
    }
    storage.deliveries().putEnvelope(Samples.envelope(c.id(), sender, KeyVersion.of(2), sender,
        clock.instant()));

    Map<DeliveryId, DeliveryEnvelope> found = storage.deliveries()
        .findEnvelopes(List.of(a.id(), b.id(), c.id(), Samples.deliveryId()), sender,
            KeyVersion.FIRST);

    assertThat(found).containsOnlyKeys(a.id(), b.id());
    for (DeliveryRecord d : List.of(a, b)) {
      assertThat(found.get(d.id())).isEqualTo(storage.deliveries()
          .findEnvelope(d.id(), sender, KeyVersion.FIRST).orElseThrow());
    }
  }

  @Test
  @DisplayName("KeyStore.findActiveAll answers findActive for each user: the active version,"
      + " nothing for a user without keys")
  void findActiveAll_users_eachAsFindActive() {
    UserId rotated = Samples.user();
    UserId plain = Samples.user();
    UserId another = Samples.user();
    KeyRecord first = storage.keys().create(Samples.keyRecord(rotated, KeyVersion.FIRST,
        clock.instant()));
    storage.keys().rotate(first, Samples.keyRecord(rotated, KeyVersion.of(2), clock.instant()));
    storage.keys().create(Samples.keyRecord(plain, KeyVersion.FIRST, clock.instant()));
    storage.keys().create(Samples.keyRecord(another, KeyVersion.FIRST, clock.instant()));

    Map<UserId, KeyRecord> found = storage.keys()
        .findActiveAll(List.of(plain, rotated, Samples.user(), another, plain));

    assertThat(found).containsOnlyKeys(rotated, plain, another);
    for (UserId user : List.of(rotated, plain, another)) {
      assertThat(found.get(user)).isEqualTo(storage.keys().findActive(user).orElseThrow());
    }
    assertThat(found.get(rotated).version()).isEqualTo(KeyVersion.of(2));
  }

  @Test
  @DisplayName("KeyStore.findPins answers findPin of one observer for each subject, never"
      + " another observer's pin")
  void findPins_oneObserver_eachAsFindPin() {
    UserId observer = Samples.user();
    UserId stranger = Samples.user();
    UserId s1 = Samples.user();
    UserId s2 = Samples.user();
    UserId s3 = Samples.user();
    storage.keys().savePin(Samples.pin(observer, s1, clock.instant()));
    storage.keys().savePin(Samples.pin(observer, s2, clock.instant()));
    storage.keys().savePin(Samples.pin(stranger, s1, clock.instant()));
    storage.keys().savePin(Samples.pin(stranger, s3, clock.instant()));

    Map<UserId, KeyPin> found = storage.keys().findPins(observer, List.of(s1, s2, s3, s1));

    assertThat(found).containsOnlyKeys(s1, s2);
    assertThat(found.get(s1)).isEqualTo(storage.keys().findPin(observer, s1).orElseThrow());
    assertThat(found.get(s2)).isEqualTo(storage.keys().findPin(observer, s2).orElseThrow());
  }

  @Test
  @DisplayName("KeyStore.savePins stores each pin as savePin would, the last of a repeated one"
      + " winning")
  void savePins_batch_eachAsSavePin() {
    UserId observer = Samples.user();
    UserId s1 = Samples.user();
    UserId s2 = Samples.user();
    storage.keys().savePin(Samples.pin(observer, s1, clock.instant()));
    KeyPin replaced = Samples.pin(observer, s1, clock.instant());
    KeyPin first = Samples.pin(observer, s2, clock.instant());
    KeyPin last = Samples.pin(observer, s2, clock.instant());

    storage.keys().savePins(List.of(replaced, first, last));
    storage.keys().savePins(List.of());

    assertThat(storage.keys().findPin(observer, s1)).contains(replaced);
    assertThat(storage.keys().findPin(observer, s2)).contains(last);
  }

  @Test
  @DisplayName("GuestStore.findAll answers find for each user; invitationsOf answers invitations"
      + " for each guest, oldest first, an empty list for one without")
  void guests_findAllAndInvitationsOf_eachAsSingleRead() {
    GuestAccount g1 = storage.guests().create(Samples.guest(Samples.user(), clock.instant()));
    GuestAccount g2 = storage.guests().create(Samples.guest(Samples.user(), clock.instant()));
    UserId employee = Samples.user();
    for (int i = 0; i < 2; i++) {
      storage.guests().saveInvitation(invitation(g1.user(), i));
    }
    storage.guests().saveInvitation(invitation(g2.user(), 3));

    Map<UserId, GuestAccount> found = storage.guests()
        .findAll(List.of(g2.user(), employee, g1.user(), g2.user()));
    Map<UserId, List<Invitation>> invitations = storage.guests()
        .invitationsOf(List.of(g1.user(), g2.user(), employee));

    assertThat(found).containsOnlyKeys(g1.user(), g2.user());
    assertThat(found.get(g1.user())).isEqualTo(storage.guests().find(g1.user()).orElseThrow());
    assertThat(found.get(g2.user())).isEqualTo(storage.guests().find(g2.user()).orElseThrow());
    assertThat(invitations).containsOnlyKeys(g1.user(), g2.user(), employee);
    for (UserId guest : List.of(g1.user(), g2.user(), employee)) {
      assertThat(invitations.get(guest))
          .containsExactlyElementsOf(storage.guests().invitations(guest));
    }
    assertThat(invitations.get(g1.user())).hasSize(2);
    assertThat(invitations.get(employee)).isEmpty();
  }

  private Invitation invitation(UserId guest, int minutesLater) {
    Instant at = clock.instant().plus(Duration.ofMinutes(minutesLater));
    return new Invitation(Samples.bytes(32), guest, Samples.deliveryId(), at,
        at.plus(Duration.ofDays(14)));
  }

  @Test
  @DisplayName("KeyLogStore.leavesOfAll answers leavesOf for each user, in index order;"
      + " nodes answers node at each position, nothing where no subtree is complete")
  void keyLog_leavesOfAllAndNodes_eachAsSingleRead() {
    UserId u1 = Samples.user();
    UserId u2 = Samples.user();
    UserId none = Samples.user();
    long start = storage.keyLog().size();
    List<UserId> order = List.of(u1, u2, u1);
    for (int i = 0; i < order.size(); i++) {
      long index = start + i;
      storage.keyLog().append(new KeyLogLeaf(index, order.get(i), Samples.bytes(40 + i)),
          List.of(new KeyLogNode(0, index, Samples.bytes(32))));
    }

    Map<UserId, List<KeyLogLeaf>> leaves = storage.keyLog()
        .leavesOfAll(List.of(u2, u1, none, u2));
    List<KeyLogNode> nodes = storage.keyLog().nodes(List.of(
        new KeyLogNode.Position(0, start + 2), new KeyLogNode.Position(0, start),
        new KeyLogNode.Position(0, start + 3), new KeyLogNode.Position(40, 0),
        new KeyLogNode.Position(0, start + 1), new KeyLogNode.Position(0, start)));

    assertThat(leaves).containsOnlyKeys(u1, u2, none);
    for (UserId user : List.of(u1, u2, none)) {
      assertThat(leaves.get(user)).containsExactlyElementsOf(storage.keyLog().leavesOf(user));
    }
    assertThat(leaves.get(u1)).hasSize(2);
    assertThat(leaves.get(none)).isEmpty();
    assertThat(nodes).extracting(KeyLogNode::position).containsExactlyInAnyOrder(
        new KeyLogNode.Position(0, start), new KeyLogNode.Position(0, start + 1),
        new KeyLogNode.Position(0, start + 2));
    for (KeyLogNode node : nodes) {
      assertThat(node.hash()).isEqualTo(storage.keyLog().node(node.level(), node.index())
          .orElseThrow());
    }
  }
}
