package dev.secupass.core.guests;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongCredentialsException;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.spi.AuditEntry;
import dev.secupass.spi.GuestAccount;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, gap 7: a storage operator rewrites a guest's password hash with Argon2id costs no
 * check may take (memory near 9.5 GiB made sign-in throw {@code OutOfMemoryError}). Sign-in refuses
 * it with {@link IntegrityException} before any derivation at those costs, and never lets the
 * guest in; wrong passwords and unknown usernames stay the same error.
 */
class PlantedPasswordHashTest {
  private static final String SALT = "c2FsdHNhbHRzYWx0c2FsdA";
  private static final String HASH = "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

  private final SdkFixture f = new SdkFixture();

  private UserId registeredGina() {
    SentDelivery sent = f.sdk.deliveries().send(SdkFixture.employee("alice"),
        draft(SecurityLevel.LOGIN, "for the guest", Addressee.guest("gina@example.org"))
            .expiresIn(Duration.ofDays(5)).build());
    UserId gina = sent.recipients().get(0).user();
    f.sdk.guests().register(f.events(gina, DeliveryReceived.class).get(0).invitation()
        .orElseThrow(), "gina", Password.of("correct horse battery"));
    return gina;
  }

  /** The operator's rewrite, through the guest store. */
  private void plant(UserId guest, String phc) {
    GuestAccount account = f.memory.guests().find(guest).orElseThrow();
    f.memory.guests().update(account.withCredentials("gina",
        phc.getBytes(StandardCharsets.US_ASCII)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "m=9999999,t=1,p=1", // 9.5 GiB
      "m=1048577,t=1,p=1", // 1 GiB + 1 KiB: just above the key blob's bound
      "m=64,t=33,p=1",     // more passes than a key blob may ask for
      "m=512,t=1,p=17",    // more lanes
      "m=64,t=1,p=9",      // less than 8 KiB per lane
      "m=0,t=1,p=1",
      "m=64,t=0,p=1"})
  void plantedHashOutsideTheKeyBlobBounds_isAnIntegrityFailure_andLetsNobodyIn(String cost) {
    UserId gina = registeredGina();
    plant(gina, "$argon2id$v=19$" + cost + "$" + SALT + "$" + HASH);

    assertThatThrownBy(() -> f.sdk.guests().signIn("gina", Password.of("correct horse battery")))
        .isInstanceOf(IntegrityException.class)
        .hasMessageNotContaining("correct horse battery")
        .hasMessageNotContaining(HASH);
    assertThat(f.memory.audit().forTarget("guest:" + gina, PageRequest.first(10)).items())
        .extracting(AuditEntry::outcome).containsExactly("ok", "integrity"); // registered, refused
  }

  @Test
  void plantedHashOfAnotherShape_isAnIntegrityFailure() {
    UserId gina = registeredGina();
    plant(gina, "$argon2i$v=19$m=64,t=1,p=1$" + SALT + "$" + HASH);

    assertThatThrownBy(() -> f.sdk.guests().signIn("gina", Password.of("correct horse battery")))
        .isInstanceOf(IntegrityException.class);
  }

  @Test
  void plantedHashWithinTheBounds_isChecked_andAWrongOneLetsNobodyIn() {
    UserId gina = registeredGina();
    plant(gina, "$argon2id$v=19$m=64,t=1,p=1$" + SALT + "$" + HASH);

    assertThatThrownBy(() -> f.sdk.guests().signIn("gina", Password.of("correct horse battery")))
        .isInstanceOf(WrongCredentialsException.class);
  }

  @Test
  void unknownUsername_andWrongPassword_areTheSameError() {
    registeredGina();
    Throwable unknown = catchThrowable(
        () -> f.sdk.guests().signIn("nobody", Password.of("correct horse battery")));
    Throwable wrong = catchThrowable(
        () -> f.sdk.guests().signIn("gina", Password.of("wrong horse battery")));
    assertThat(unknown).isInstanceOf(WrongCredentialsException.class);
    assertThat(wrong).isExactlyInstanceOf(unknown.getClass()).hasMessage(unknown.getMessage());
    SignedInUser ok = f.sdk.guests().signIn("gina", Password.of("correct horse battery"));
    assertThat(ok.user()).isNotNull();
  }
}
