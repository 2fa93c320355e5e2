package dev.secupass.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exception kinds a host catches, as docs/api.md lists them, and which are retryable. */
class ExceptionKindsTest {

  @Test
  void kinds_groupTheExceptionsAsDocumented() {
    assertThat(List.of(SecuPassRequiredException.class, UnlockRequiredException.class,
        SignInRequiredException.class, SessionClosedException.class,
        SessionExpiredException.class, WrongSecuPassException.class,
        WrongCredentialsException.class, KeyChangedException.class))
        .allMatch(ActionRequiredException.class::isAssignableFrom);
    assertThat(List.of(NotPermittedException.class, NotARecipientException.class,
        PolicyViolationException.class, DeliveryExpiredException.class,
        DeliveryWithdrawnException.class, DownloadLimitReachedException.class,
        NotReleasedException.class, WrongLinkTokenException.class))
        .allMatch(RefusedException.class::isAssignableFrom);
    assertThat(List.of(InvalidSignatureException.class, InvalidKeyBlobException.class,
        MembershipLogException.class)).allMatch(IntegrityException.class::isAssignableFrom);
    assertThat(List.of(NotFoundException.class, ConflictException.class,
        UnsupportedFormatException.class, BusyException.class))
        .noneMatch(ActionRequiredException.class::isAssignableFrom)
        .noneMatch(RefusedException.class::isAssignableFrom);
    assertThat(StaleEpochException.class.getSuperclass()).isEqualTo(ConflictException.class);
    assertThat(Modifier.isAbstract(ActionRequiredException.class.getModifiers())).isTrue();
    assertThat(Modifier.isAbstract(RefusedException.class.getModifiers())).isTrue();
  }

  @Test
  void retryable_isTrueForRacesBusyAndTransientStorage_only() {
    assertThat(new ConflictException("lost a race").retryable()).isTrue();
    assertThat(new BusyException("busy").retryable()).isTrue();
    assertThat(new StorageException("down", true, null).retryable()).isTrue();
    assertThat(new StorageException("no schema", false, null).retryable()).isFalse();
    assertThat(new NotFoundException("gone").retryable()).isFalse();
    assertThat(new IntegrityException("tampered").retryable()).isFalse();
    assertThat(new WrongCredentialsException().retryable()).isFalse();
  }

  @Test
  void messages_nameAGuestByAddress_neverByInternalId() {
    Person gina = Person.guest(UserId.of("guest-0123456789abcdef"), "gina@example.org");

    assertThat(List.of(new SecuPassRequiredException(gina), new UnlockRequiredException(gina),
        new WrongSecuPassException(gina), new KeyChangedException(gina,
            Fingerprint.of("12345 67890 12345 67890"), Fingerprint.of("09876 54321 09876 54321"))))
        .allSatisfy(e -> assertThat(e.getMessage()).contains("gina@example.org")
            .doesNotContain("guest-"));
    assertThat(new SecuPassRequiredException(gina).user()).isEqualTo(gina.user());
  }

  @Test
  void person_showsTheAddressWhereThereIsOne_andAGuestAlwaysHasOne() {
    assertThat(Person.of(UserId.of("alice")).displayName()).isEqualTo("alice");
    assertThat(new Person(UserId.of("bob"), PrincipalKind.EMPLOYEE, "bob@corp.example")
        .displayName()).isEqualTo("bob@corp.example");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new Person(UserId.of("guest-1"), PrincipalKind.GUEST, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
