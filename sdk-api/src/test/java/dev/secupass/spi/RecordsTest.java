package dev.secupass.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.GrantId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final KdfParameters KDF = new KdfParameters("argon2id", 65536, 3, 1);

  @Test
  void keyRecord_copiesArraysInAndOut() {
    byte[] blob = {1, 2, 3};
    KeyRecord record = new KeyRecord(UserId.of("u"), KeyVersion.FIRST, KeyState.ACTIVE,
        new byte[] {9}, blob, KDF, 0, NOW);
    blob[0] = 42;
    assertThat(record.encryptedPrivateKeys()).containsExactly(1, 2, 3);
    record.encryptedPrivateKeys()[0] = 42;
    assertThat(record.encryptedPrivateKeys()).containsExactly(1, 2, 3);
  }

  @Test
  void keyRecord_equalityComparesContentAndToStringHidesBlobs() {
    KeyRecord a = new KeyRecord(UserId.of("u"), KeyVersion.FIRST, KeyState.ACTIVE,
        new byte[] {9}, new byte[] {7, 7}, KDF, 0, NOW);
    KeyRecord b = new KeyRecord(UserId.of("u"), KeyVersion.FIRST, KeyState.ACTIVE,
        new byte[] {9}, new byte[] {7, 7}, KDF, 0, NOW);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.withRevision(1)).isNotEqualTo(b);
    assertThat(a.toString()).doesNotContain("[7, 7]").doesNotContain("[B@");
  }

  @Test
  void deliveryRecord_rejectsRepeatedRecipients() {
    Recipient bob = new Recipient(UserId.of("bob"), PrincipalKind.PARTNER, "bob@example.com");
    assertThatThrownBy(() -> new DeliveryRecord(DeliveryId.of("d1"), UserId.of("alice"),
            SecurityLevel.SECRET, DeliveryState.ACTIVE, NOW, NOW.plusSeconds(60), 0, 0,
            new byte[0], new byte[0], null, List.of(), List.of(bob, bob)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void grant_stateAndKeyVersionMustAgree() {
    GrantTarget target = GrantTarget.delivery(DeliveryId.of("d1"));
    assertThatThrownBy(() -> new Grant(GrantId.of("g1"), target, UserId.of("bob"),
            UserId.of("alice"), GrantState.READY, null, NOW, NOW, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Grant.waiting(GrantId.of("g1"), target, UserId.of("bob"), null, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("room");
    Grant roomGrant =
        Grant.waiting(GrantId.of("g2"), GrantTarget.room(RoomId.of("r1")), UserId.of("bob"),
            null, NOW);
    assertThat(roomGrant.namedGranter()).isEmpty();
  }

  @Test
  void grantFilter_matchesNamedGranterOrTarget() {
    GrantTarget room = GrantTarget.room(RoomId.of("r1"));
    Grant grant = Grant.ready(GrantId.of("g"), room, UserId.of("bob"), null, KeyVersion.FIRST, NOW);
    assertThat(GrantFilter.granter(UserId.of("alice")).matches(grant)).isFalse();
    assertThat(new GrantFilter(java.util.Set.of(), java.util.Set.of(room)).matches(grant)).isTrue();
  }

  @Test
  void guestAccount_toStringHidesPasswordHashAndEmail() {
    GuestAccount guest = new GuestAccount(UserId.of("g1"), "guest@example.com", "gina",
        "$argon2id$secret-hash".getBytes(java.nio.charset.StandardCharsets.UTF_8), NOW, 0);
    assertThat(guest.toString()).doesNotContain("argon2id").doesNotContain("secret-hash");
  }

  @Test
  void pageRequest_validatesLimitAndCursor() {
    assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PageRequest.first(PageRequest.MAX_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PageRequest(10, "")).isInstanceOf(IllegalArgumentException.class);
    Page<String> page = new Page<>(List.of("a"), "c1");
    assertThat(page.next(5)).contains(new PageRequest(5, "c1"));
    assertThat(new Page<>(List.of(), null).next(5)).isEmpty();
  }
}
