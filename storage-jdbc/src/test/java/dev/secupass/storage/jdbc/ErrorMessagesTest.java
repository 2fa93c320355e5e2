package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.GuestAccount;
import dev.secupass.spi.Storage;
import dev.secupass.tck.MutableClock;
import dev.secupass.tck.Samples;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exceptions the adapter translates name the operation and the SQLSTATE, never a stored value
 * (a hash, a password hash, an address), although the vendor's message in their cause may.
 */
abstract class ErrorMessagesTest {
  private static final Instant NOW = Instant.parse("2031-05-01T10:00:00Z");

  abstract DatabaseFixture db();

  @Test
  @DisplayName("A conflict on a link-token hash does not show the hash")
  void linkTokenHashConflict_messageOmitsTheHash() {
    Storage storage = db().storage(MutableClock.at(NOW));
    byte[] hash = Samples.bytes(32);
    storage.deliveries().create(delivery(hash));

    assertThatThrownBy(() -> storage.deliveries().create(delivery(hash)))
        .isInstanceOf(ConflictException.class)
        .hasMessageNotContainingAny(HexFormat.of().formatHex(hash),
            Base64.getEncoder().encodeToString(hash));
  }

  @Test
  @DisplayName("A conflict on a username shows neither the username, the address nor the password"
      + " hash")
  void usernameConflict_messageOmitsCredentials() {
    Storage storage = db().storage(MutableClock.at(NOW));
    String username = Samples.freshId("name");
    byte[] passwordHash = Samples.bytes(48);
    GuestAccount first = storage.guests().create(Samples.guest(Samples.user(), NOW));
    storage.guests().update(first.withCredentials(username, passwordHash));
    GuestAccount second = storage.guests().create(Samples.guest(Samples.user(), NOW));

    assertThatThrownBy(() -> storage.guests().update(second.withCredentials(username,
            passwordHash)))
        .isInstanceOf(ConflictException.class)
        .hasMessageNotContainingAny(username, second.email(),
            HexFormat.of().formatHex(passwordHash));
  }

  private static DeliveryRecord delivery(byte[] linkTokenHash) {
    return Samples.delivery(Samples.deliveryId(), Samples.user(), NOW,
        NOW.plus(30, ChronoUnit.DAYS), 0, linkTokenHash, List.of(Samples.user()));
  }
}
